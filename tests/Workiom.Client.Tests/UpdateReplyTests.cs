using System.Net;
using System.Reflection;
using System.Text.Json;
using Workiom.Client.Tests.Fakes;
using Workiom.Client.Tests.TestRecords;

namespace Workiom.Client.Tests;

/// <summary>
/// What an update or replace returns, for each shape of reply: the whole record, only some keys, or
/// no record. A key the reply holds is Workiom's value; every other value is the one the record had.
/// </summary>
public class UpdateReplyTests
{
    private const string DealId = "64432f26b032d10001e89d88";

    private static CancellationToken Ct => Guard.Token;

    private static async Task<Deal> LoadFixtureDeal(TestClient test)
    {
        test.Server.Reply(HttpStatusCode.OK, TestClient.FixtureDealEnvelope());
        var deal = await test.Deals.GetAsync(DealId, Ct);
        test.Server.Requests.Clear();
        return deal;
    }

    private static void MarkProjected(WorkiomRecord record, params int[] fieldIds) =>
        typeof(WorkiomRecord).GetMethod("MarkProjected", BindingFlags.Instance | BindingFlags.NonPublic)!
            .Invoke(record, new object[] { fieldIds });

    [Fact]
    public async Task A_reply_with_only_the_changed_keys_updates_those_and_keeps_every_other_value()
    {
        using var test = new TestClient();
        var deal = await LoadFixtureDeal(test);
        test.Server.ReplyEnvelope($$"""{"_id":"{{DealId}}","2014503":150000}""");

        deal.Amount = 150000m;
        var stored = await test.Deals.UpdateAsync(deal, Ct);

        Assert.Equal(DealId, stored.Id);
        Assert.Equal(150000m, stored.Amount);
        Assert.Equal("Acme renewal 2025", stored.DealName);
        Assert.Equal(StageOption.ProposalSent, stored.Stage);
        Assert.Equal(109725, stored.Owner!.Id);
        Assert.Equal("67691cd5f8193dc8b9430e98", Assert.Single(stored.Company).Id);
        Assert.Equal("acme-msa.pdf", Assert.Single(stored.Contract).FileName);
        Assert.Equal(1042, stored.DealNo);
        Assert.Equal(50, stored.UnknownFields[TestClient.AddedNumberField].GetInt32());
        Assert.False(stored.IsProjected);
        Assert.False(stored.HasChanges);
        // The lists are the stored record's own: editing them does not edit the record that was sent.
        Assert.NotSame(deal.Contract, stored.Contract);
        stored.Contract.Clear();
        Assert.Single(deal.Contract);

        // A replace of what the update returned writes back everything the record held.
        test.Server.ReplyEnvelope("null");
        await test.Deals.ReplaceAsync(stored, Ct);
        var body = TestClient.BodyOf(test.Server.Requests[^1]);
        Assert.Equal("Acme renewal 2025", body.GetProperty("2014502").GetString());
        Assert.Equal(150000m, body.GetProperty("2014503").GetDecimal());
        Assert.Equal(50, body.GetProperty("2014504").GetInt32());
        Assert.Equal(50, body.GetProperty(TestClient.AddedNumberField).GetInt32());
        Assert.Equal("Proposal Sent", body.GetProperty("2014505").GetProperty("label").GetString());
        Assert.Equal("109725", body.GetProperty("2014509").GetProperty("id").GetString());   // as read: a string
        Assert.Equal("67691cd5f8193dc8b9430e98", body.GetProperty("2014508")[0].GetProperty("_id").GetString());
    }

    [Theory]
    [InlineData("2014518", """{ "_id": "f1", "FileName": "a.pdf", "UserId": 7 }""")]
    [InlineData("2014518", """[{ "_id": "f1", "FileName": "a.pdf" }, null]""")]
    [InlineData("2014508", """{ "_id": "67691cd5f8193dc8b9430e98", "label": "Acme", "x": 1 }""")]
    [InlineData("2014508", """[{ "_id": "67691cd5f8193dc8b9430e98", "label": "Acme" }, null]""")]
    [InlineData("2014508", """[{ "_id": "67691cd5f8193dc8b9430e98" }, { "x": 1 }]""")]
    public async Task A_list_read_in_another_form_keeps_that_form_through_a_reply_without_it(string fieldId, string contract)
    {
        using var test = new TestClient();
        var first = System.Text.Json.Nodes.JsonNode.Parse(JsonDocument.Parse(TestClient.FixtureDealEnvelope()).RootElement.GetProperty("result").GetRawText())!.AsObject();
        first[fieldId] = System.Text.Json.Nodes.JsonNode.Parse(contract);
        test.Server.Reply(HttpStatusCode.OK, FakeWorkiom.Envelope(first.ToJsonString()));
        var deal = await test.Deals.GetAsync(DealId, Ct);
        test.Server.ReplyEnvelope($$"""{"_id":"{{DealId}}","2014503":150000}""");

        deal.Amount = 150000m;
        var stored = await test.Deals.UpdateAsync(deal, Ct);

        // The reply did not hold the list: the record keeps them as read, and a replace sends them so.
        test.Server.ReplyEnvelope("null");
        await test.Deals.ReplaceAsync(stored, Ct);
        var body = TestClient.BodyOf(test.Server.Requests[^1]);
        Assert.True(
            System.Text.Json.Nodes.JsonNode.DeepEquals(System.Text.Json.Nodes.JsonNode.Parse(contract), System.Text.Json.Nodes.JsonNode.Parse(body.GetProperty(fieldId).GetRawText())),
            "sent " + body.GetProperty(fieldId).GetRawText());
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task A_reply_that_names_another_record_is_not_taken_for_this_one(bool replace)
    {
        using var test = new TestClient();
        var deal = await LoadFixtureDeal(test);
        test.Server.ReplyEnvelope("""{"_id":"64432f26b032d10001e8ffff","2014503":1}""");

        deal.Amount = 150000m;
        var stored = replace ? await test.Deals.ReplaceAsync(deal, Ct) : await test.Deals.UpdateAsync(deal, Ct);

        // The values of this record and of the one the reply names are never mixed: a later write of
        // the result goes to this record, with this record's values.
        Assert.Equal(DealId, stored.Id);
        Assert.Equal(150000m, stored.Amount);
        test.Server.ReplyEnvelope("null");
        await test.Deals.ReplaceAsync(stored, Ct);
        var request = test.Server.Requests[^1];
        Assert.Contains(DealId, request.PathAndQuery, StringComparison.Ordinal);
        Assert.Equal(150000m, TestClient.BodyOf(request).GetProperty("2014503").GetDecimal());
    }

    [Fact]
    public async Task A_reply_without_an_id_is_completed_with_the_records_id()
    {
        using var test = new TestClient();
        var deal = await LoadFixtureDeal(test);
        test.Server.ReplyEnvelope("""{"2014502":"Acme renewal (2025)"}""");

        deal.DealName = "Acme renewal (2025) ";
        var stored = await test.Deals.UpdateAsync(deal, Ct);

        Assert.Equal(DealId, stored.Id);
        Assert.Equal("Acme renewal (2025)", stored.DealName);   // the reply holds Workiom's value: it wins
        Assert.Equal(120000m, stored.Amount);
    }

    [Fact]
    public async Task A_reply_holding_every_field_refreshes_the_record_and_a_null_in_it_clears()
    {
        using var test = new TestClient();
        var deal = await LoadFixtureDeal(test);
        test.Server.ReplyEnvelope($$"""
            {"_id":"{{DealId}}","2014502":"Renamed elsewhere","2014503":99,"2014505":null,"2014508":[],"2014509":null,
             "2014512":null,"2014518":[],"2014523":1042,"2014599":75}
            """);

        deal.Amount = 99m;
        var stored = await test.Deals.UpdateAsync(deal, Ct);

        Assert.Equal("Renamed elsewhere", stored.DealName);
        Assert.Null(stored.Stage);
        Assert.Empty(stored.Company);
        Assert.Null(stored.Owner);
        Assert.Empty(stored.Contract);
        Assert.Equal(75, stored.UnknownFields[TestClient.AddedNumberField].GetInt32());
        // Keys the record had and the reply did not hold are kept.
        Assert.True(stored.UnknownFields.ContainsKey(TestClient.AddedTextField));
    }

    [Fact]
    public async Task Without_a_record_in_the_reply_the_sent_record_is_returned_and_a_projection_now_holds_what_was_sent()
    {
        using var test = new TestClient();
        var deal = await LoadFixtureDeal(test);
        MarkProjected(deal, Deal.Fields.DealName);
        test.Server.ReplyEnvelope("null");

        deal.Amount = 1m;
        var stored = await test.Deals.UpdateAsync(deal, Ct);

        Assert.Same(deal, stored);
        Assert.Equal([Deal.Fields.DealName, Deal.Fields.Amount], stored.LoadedFieldIds!.Order());
        Assert.True(stored.IsProjected);
    }

    [Fact]
    public async Task A_projected_record_stays_projected_after_a_reply_with_some_keys_and_replace_stays_refused()
    {
        using var test = new TestClient();
        var deal = await LoadFixtureDeal(test);
        MarkProjected(deal, Deal.Fields.DealName);
        test.Server.ReplyEnvelope($$"""{"_id":"{{DealId}}","2014503":5,"2014523":1042}""");

        deal.Amount = 5m;
        var stored = await test.Deals.UpdateAsync(deal, Ct);

        Assert.True(stored.IsProjected);
        Assert.Equal([Deal.Fields.DealName, Deal.Fields.Amount, Deal.Fields.DealNo], stored.LoadedFieldIds!.Order());
        await Assert.ThrowsAsync<InvalidOperationException>(() => test.Deals.ReplaceAsync(stored, Ct));
    }

    [Fact]
    public async Task A_projected_record_is_whole_after_a_reply_that_holds_every_field()
    {
        using var test = new TestClient();
        var deal = await LoadFixtureDeal(test);
        MarkProjected(deal, Deal.Fields.DealName);
        // Every field of the list: the fixture record (which holds them all) with the new amount.
        var every = System.Text.Json.Nodes.JsonNode.Parse(JsonDocument.Parse(TestClient.FixtureDealEnvelope()).RootElement.GetProperty("result").GetRawText())!.AsObject();
        every["2014503"] = 5;
        test.Server.ReplyEnvelope(every.ToJsonString());

        deal.Amount = 5m;
        var stored = await test.Deals.UpdateAsync(deal, Ct);

        Assert.False(stored.IsProjected);
        Assert.Null(stored.LoadedFieldIds);
    }

    [Fact]
    public async Task A_replace_reply_with_only_some_keys_keeps_the_rest_too()
    {
        using var test = new TestClient();
        var deal = await LoadFixtureDeal(test);
        test.Server.ReplyEnvelope($$"""{"_id":"{{DealId}}","2014523":1042}""");

        deal.NextMeeting = null;
        var stored = await test.Deals.ReplaceAsync(deal, Ct);

        Assert.Equal("Acme renewal 2025", stored.DealName);
        Assert.Equal(120000m, stored.Amount);
        Assert.Null(stored.NextMeeting);
        Assert.True(stored.UnknownFields.ContainsKey(TestClient.AddedNumberField));
    }
}
