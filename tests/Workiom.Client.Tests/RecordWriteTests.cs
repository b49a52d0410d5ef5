using System.Net;
using System.Text.Json;
using Workiom.Client.Tests.Fakes;
using Workiom.Client.Tests.TestRecords;
using Workiom.Serialization;

namespace Workiom.Client.Tests;

public class RecordWriteTests
{
    private static CancellationToken Ct => Guard.Token;

    private static async Task<Deal> LoadFixtureDeal(TestClient test)
    {
        test.Server.Reply(HttpStatusCode.OK, TestClient.FixtureDealEnvelope());
        var deal = await test.Deals.GetAsync("64432f26b032d10001e89d88", Ct);
        test.Server.Requests.Clear();
        return deal;
    }

    private static List<string> Keys(JsonElement body) => body.EnumerateObject().Select(p => p.Name).ToList();

    [Fact]
    public async Task Create_posts_the_writable_fields_and_returns_the_stored_record()
    {
        using var test = new TestClient();
        test.Server.ReplyEnvelope("""{"_id":"6650aa00bb11cc22dd33ee44","2014502":"Initech expansion","2014503":45000,"2014523":1044}""");
        var deal = new Deal { DealName = "Initech expansion", Amount = 45000m, Stage = StageOption.Qualified };
        deal.Company.Add("67691cd5f8193dc8b9430e98", "Acme Corp");

        var created = await test.Deals.CreateAsync(deal, Ct);

        Assert.Equal("6650aa00bb11cc22dd33ee44", created.Id);
        Assert.Equal(1044, created.DealNo);
        var request = Assert.Single(test.Server.Requests);
        Assert.Equal(HttpMethod.Post, request.Method);
        Assert.Equal("/api/services/app/Data/Create", request.Uri.AbsolutePath);
        Assert.Equal(Deal.WorkiomListId, request.Query("listId"));
        Assert.Equal("application/json", request.ContentType);
        var body = TestClient.BodyOf(request);
        Assert.Equal(["2014502", "2014503", "2014505", "2014508"], Keys(body));
        Assert.Equal("Qualified", body.GetProperty("2014505").GetProperty("label").GetString());
        Assert.Equal("67691cd5f8193dc8b9430e98", body.GetProperty("2014508")[0].GetProperty("_id").GetString());
    }

    [Fact]
    public async Task Create_falls_back_to_id_when_the_reply_has_no_underscore_id()
    {
        using var test = new TestClient();
        test.Server.ReplyEnvelope("""{"id":"6650aa00bb11cc22dd33ee45","2014502":"Fallback"}""");

        var created = await test.Deals.CreateAsync(new Deal { DealName = "Fallback" }, Ct);

        Assert.Equal("6650aa00bb11cc22dd33ee45", created.Id);
    }

    [Fact]
    public async Task Create_with_a_reply_lacking_any_id_is_an_invalid_reply()
    {
        using var test = new TestClient();
        test.Server.ReplyEnvelope("""{"2014502":"No id"}""");

        await Assert.ThrowsAsync<WorkiomInvalidReplyException>(() => test.Deals.CreateAsync(new Deal { DealName = "No id" }, Ct));
    }

    [Fact]
    public async Task Create_uses_the_write_shapes_from_the_options()
    {
        using var test = new TestClient(options => options.UseWriteShapes(WorkiomWriteShapes.Default with { Status = SelectWriteShape.Label }));
        test.Server.ReplyEnvelope("""{"_id":"6650aa00bb11cc22dd33ee46"}""");

        await test.Deals.CreateAsync(new Deal { Stage = StageOption.Won }, Ct);

        Assert.Equal("Won", TestClient.BodyOf(test.Server.Requests[0]).GetProperty("2014505").GetString());
    }

    [Fact]
    public async Task Update_sends_only_the_changed_fields_with_null_clearing_and_accepts_them()
    {
        using var test = new TestClient();
        var deal = await LoadFixtureDeal(test);
        test.Server.ReplyEnvelope("""{"_id":"64432f26b032d10001e89d88","2014502":"Acme renewal 2025","2014503":150000}""");

        deal.Amount = 150000m;
        deal.Owner = null;
        var stored = await test.Deals.UpdateAsync(deal, Ct);

        var request = Assert.Single(test.Server.Requests);
        Assert.Equal(HttpMethod.Put, request.Method);
        Assert.Equal("/api/services/app/Data/UpdatePartial", request.Uri.AbsolutePath);
        Assert.Equal("64432f26b032d10001e89d88", request.Query("id"));
        Assert.Equal(Deal.WorkiomListId, request.Query("listId"));
        var body = TestClient.BodyOf(request);
        Assert.Equal(["2014503", "2014509"], Keys(body));
        Assert.Equal(150000m, body.GetProperty("2014503").GetDecimal());
        Assert.Equal(JsonValueKind.Null, body.GetProperty("2014509").ValueKind);
        Assert.False(deal.HasChanges);
        Assert.Equal(150000m, stored.Amount);
    }

    [Fact]
    public async Task A_partial_update_in_the_compact_shapes_matches_the_fixture_body()
    {
        using var test = new TestClient(options => options.UseWriteShapes(WorkiomWriteShapes.Default with { Status = SelectWriteShape.Label }));
        var deal = await LoadFixtureDeal(test);
        test.Server.ReplyEnvelope("null");
        using var fixture = JsonDocument.Parse(Fixtures.Read("data-updatepartial.request.json"));

        deal.Stage = StageOption.Won;
        deal.NextMeeting = null;
        await test.Deals.UpdateAsync(deal, Ct);

        var body = TestClient.BodyOf(Assert.Single(test.Server.Requests));
        Assert.Equal(["2014505", "2014512"], Keys(body));
        foreach (var property in body.EnumerateObject())
        {
            Assert.True(JsonElement.DeepEquals(fixture.RootElement.GetProperty(property.Name), property.Value), property.Name);
        }
    }

    [Fact]
    public async Task Update_of_an_unchanged_record_sends_nothing()
    {
        using var test = new TestClient();
        var deal = await LoadFixtureDeal(test);
        deal.DealName = deal.DealName;

        var result = await test.Deals.UpdateAsync(deal, Ct);

        Assert.Same(deal, result);
        Assert.Empty(test.Server.Requests);
    }

    [Fact]
    public async Task Update_after_an_update_sends_only_the_new_changes()
    {
        using var test = new TestClient();
        var deal = await LoadFixtureDeal(test);
        test.Server.ReplyEnvelope("null");
        test.Server.ReplyEnvelope("null");

        deal.Amount = 1m;
        await test.Deals.UpdateAsync(deal, Ct);
        deal.DealName = "Renamed";
        await test.Deals.UpdateAsync(deal, Ct);

        Assert.Equal(["2014502"], Keys(TestClient.BodyOf(test.Server.Requests[1])));
    }

    [Fact]
    public async Task Update_and_Replace_refuse_a_record_without_id_before_any_request()
    {
        using var test = new TestClient();
        var deal = new Deal { DealName = "Never created" };

        await Assert.ThrowsAsync<InvalidOperationException>(() => test.Deals.UpdateAsync(deal, Ct));
        await Assert.ThrowsAsync<InvalidOperationException>(() => test.Deals.ReplaceAsync(deal, Ct));
        Assert.Empty(test.Server.Requests);
    }

    [Fact]
    public async Task Create_refuses_a_record_that_already_has_an_id()
    {
        using var test = new TestClient();
        var deal = await LoadFixtureDeal(test);

        await Assert.ThrowsAsync<InvalidOperationException>(() => test.Deals.CreateAsync(deal, Ct));
        Assert.Empty(test.Server.Requests);
    }

    [Fact]
    public async Task Replace_puts_the_whole_record_with_the_unknown_fields_read_from_Workiom()
    {
        using var test = new TestClient();
        var deal = await LoadFixtureDeal(test);
        test.Server.ReplyEnvelope("null");

        deal.NextMeeting = null;
        var stored = await test.Deals.ReplaceAsync(deal, Ct);

        Assert.Same(deal, stored);
        var request = Assert.Single(test.Server.Requests);
        Assert.Equal(HttpMethod.Put, request.Method);
        Assert.Equal("/api/services/app/Data/Update", request.Uri.AbsolutePath);
        var body = TestClient.BodyOf(request);
        // Fields the record type does not know must go back untouched, or Data/Update would clear them.
        Assert.Equal(50, body.GetProperty("2014504").GetInt32());
        Assert.Equal("Referral", body.GetProperty("2014506").GetProperty("label").GetString());
        Assert.Equal("fadi@example.com", body.GetProperty("2014510")[0].GetProperty("emailAddress").GetString());
        Assert.Equal(JsonValueKind.Null, body.GetProperty("2014512").ValueKind);
        Assert.Equal("Acme renewal 2025", body.GetProperty("2014502").GetString());
        Assert.Equal("6644a1f0c2b8a40001a1b2c3", body.GetProperty("2014518")[0].GetProperty("_id").GetString());
        // The auto number and the per-view ordering data are never written.
        Assert.False(body.TryGetProperty("2014523", out _));
        Assert.False(body.TryGetProperty("view-535376", out _));
        Assert.False(deal.HasChanges);
    }

    [Fact]
    public async Task Delete_sends_DELETE_with_list_and_record_id()
    {
        using var test = new TestClient();
        test.Server.ReplyEnvelope("null");

        await test.Deals.DeleteAsync("64432f26b032d10001e89d88", Ct);

        var request = Assert.Single(test.Server.Requests);
        Assert.Equal(HttpMethod.Delete, request.Method);
        Assert.Equal("/api/services/app/Data/Delete", request.Uri.AbsolutePath);
        Assert.Equal("64432f26b032d10001e89d88", request.Query("id"));
        Assert.Equal(Deal.WorkiomListId, request.Query("listId"));
    }
}
