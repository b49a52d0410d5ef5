using System.Net;
using System.Text.Json.Nodes;

namespace Workiom.Emulator.Tests;

public sealed class RecordWriteTests
{
    private static async Task<(JsonObject Deal, string CompanyId)> CreateFixtureDealAsync(TestEmulator host)
    {
        var companyId = await host.CreateCompanyAsync("Initech", employees: 120);
        var body = TestEmulator.Fixture("data-create.request.deals.json");
        body[Ids.Company] = new JsonArray(companyId);
        return (await host.CreateDealAsync(body), companyId);
    }

    [Fact]
    public async Task Create_with_the_compact_fixture_shapes_reads_back_in_read_shapes()
    {
        await using var host = await TestEmulator.StartAsync();
        var (created, companyId) = await CreateFixtureDealAsync(host);

        var read = (await host.GetRecordAsync(Ids.Deals, created["_id"]!.GetValue<string>())).Record;

        Assert.Matches("^[0-9a-f]{24}$", read["_id"]!.GetValue<string>());
        Assert.Equal("Initech expansion", read[Ids.DealName]!.GetValue<string>());
        Assert.Equal(45000m, read[Ids.Amount]!.GetValue<decimal>());
        Assert.True(JsonNode.DeepEquals(
            JsonNode.Parse($$"""{"id":"{{Ids.Qualified}}","label":"Qualified","order":1,"color":"#2196f3","isClosed":false}"""),
            read[Ids.Stage]));
        Assert.Equal(Ids.SourceWebsite, read[Ids.Source]!["id"]!.GetValue<string>());
        Assert.True(JsonNode.DeepEquals(
            JsonNode.Parse($$"""[{"id":"{{Ids.Enterprise}}","label":"Enterprise","order":0},{"id":"{{Ids.Renewal}}","label":"Renewal","order":2}]"""),
            read[Ids.Tags]));
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse($$"""[{"_id":"{{companyId}}","label":"Initech"}]"""), read[Ids.Company]));
        Assert.True(JsonNode.DeepEquals(
            JsonNode.Parse("""{"id":"109725","fullname":"Fadi Alsayed","emailAddress":"fadi@example.com","userType":1,"isActive":true}"""),
            read[Ids.Owner]));
        Assert.Equal("2025-09-30T00:00:00Z", read[Ids.ExpectedClose]!.GetValue<string>());
        Assert.False(read[Ids.IsStrategic]!.GetValue<bool>());
        Assert.Equal("it@initech.example", read[Ids.ContactEmail]!.GetValue<string>());
        Assert.Equal("+1 415 555 0100", read[Ids.ContactPhone]!.GetValue<string>());
        Assert.Equal("https://initech.example", read[Ids.Website]!.GetValue<string>());
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse("""[{"label":"Kick-off call","check":false}]"""), read[Ids.NextSteps]));
        Assert.Equal(1, read[Ids.DealNo]!.GetValue<long>());
        Assert.Equal(120m, read[Ids.CompanyEmployees]!.GetValue<decimal>());
        Assert.Equal(11250m, read[Ids.WeightedAmount]!.GetValue<decimal>());
        Assert.Equal("109725", read[Ids.Creator]!["id"]!.GetValue<string>());
        Assert.Equal("109725", read[Ids.LastUpdater]!["id"]!.GetValue<string>());
        Assert.NotNull(read[Ids.CreationDate]);
        Assert.Null(read[Ids.NextMeeting]);
    }

    [Fact]
    public async Task Create_accepts_the_guide_write_shapes_too()
    {
        await using var host = await TestEmulator.StartAsync();
        var companyId = await host.CreateCompanyAsync("Globex");

        var deal = await host.CreateDealAsync(new JsonObject
        {
            [Ids.DealName] = "Globex pilot",
            [Ids.Stage] = new JsonObject { ["id"] = Ids.Won, ["label"] = "Won" },
            [Ids.Tags] = new JsonArray(new JsonObject { ["id"] = Ids.Smb, ["label"] = "SMB" }),
            [Ids.Company] = new JsonArray(new JsonObject { ["_id"] = companyId, ["label"] = "whatever the client had" }),
            [Ids.Owner] = new JsonObject { ["id"] = 109725, ["username"] = "admin" },
            [Ids.Watchers] = new JsonArray(new JsonObject { ["id"] = 109725, ["username"] = "admin" }),
            [Ids.NextMeeting] = "2025-05-02T11:30:00+02:00",
            [Ids.NextSteps] = """[{"label":"Call","check":true}]""",
        });

        Assert.Equal("Won", deal[Ids.Stage]!["label"]!.GetValue<string>());
        Assert.Equal("SMB", deal[Ids.Tags]![0]!["label"]!.GetValue<string>());
        Assert.Equal("Globex", deal[Ids.Company]![0]!["label"]!.GetValue<string>());
        Assert.Equal("Fadi Alsayed", deal[Ids.Watchers]![0]!["fullname"]!.GetValue<string>());
        Assert.Equal("2025-05-02T09:30:00Z", deal[Ids.NextMeeting]!.GetValue<string>());
        Assert.True(deal[Ids.NextSteps]![0]!["check"]!.GetValue<bool>());
    }

    [Fact]
    public async Task AutoNumbers_count_up_per_field_and_Count_fields_count_links()
    {
        await using var host = await TestEmulator.StartAsync();
        var first = await host.CreateDealAsync(new JsonObject { [Ids.DealName] = "One" });
        var second = await host.CreateDealAsync(new JsonObject { [Ids.DealName] = "Two" });
        var company = await host.CreateAsync(Ids.Companies, new JsonObject
        {
            [Ids.CompanyName] = "Acme",
            [Ids.CompanyDeals] = new JsonArray(first["_id"]!.GetValue<string>(), second["_id"]!.GetValue<string>()),
        });

        Assert.Equal(1, first[Ids.DealNo]!.GetValue<long>());
        Assert.Equal(2, second[Ids.DealNo]!.GetValue<long>());
        Assert.Equal(2, company.Record[Ids.OpenDeals]!.GetValue<int>());
        Assert.Equal(["One", "Two"], company.Record[Ids.CompanyDeals]!.AsArray().Select(l => l!["label"]!.GetValue<string>()));
    }

    [Fact]
    public async Task Link_labels_follow_the_target_record_and_links_to_deleted_records_disappear()
    {
        await using var host = await TestEmulator.StartAsync();
        var (deal, companyId) = await CreateFixtureDealAsync(host);
        var dealId = deal["_id"]!.GetValue<string>();

        await host.PutAsync($"api/services/app/Data/UpdatePartial?listId={Ids.Companies}&id={companyId}", new JsonObject { [Ids.CompanyName] = "Initrode" });
        var renamed = (await host.GetRecordAsync(Ids.Deals, dealId)).Record;
        await host.SendAsync(HttpMethod.Delete, $"api/services/app/Data/Delete?listId={Ids.Companies}&id={companyId}", null);
        var orphaned = (await host.GetRecordAsync(Ids.Deals, dealId)).Record;

        Assert.Equal("Initrode", renamed[Ids.Company]![0]!["label"]!.GetValue<string>());
        Assert.Empty(orphaned[Ids.Company]!.AsArray());
        Assert.Null(orphaned[Ids.CompanyEmployees]);
    }

    [Fact]
    public async Task Update_replaces_the_whole_record_and_accepts_read_only_values_written_back()
    {
        await using var host = await TestEmulator.StartAsync();
        var (deal, _) = await CreateFixtureDealAsync(host);
        var id = deal["_id"]!.GetValue<string>();

        // What a client does: read, change one field, send everything back (read-only fields included).
        var body = (JsonObject)deal.DeepClone();
        body[Ids.DealName] = "Initech expansion (signed)";
        body.Remove(Ids.ContactEmail);
        body.Remove(Ids.Tags);
        var reply = await host.PutAsync($"api/services/app/Data/Update?listId={Ids.Deals}&id={id}", body);

        Assert.True(reply.Success, reply.ErrorMessage);
        var stored = (await host.GetRecordAsync(Ids.Deals, id)).Record;
        Assert.Equal("Initech expansion (signed)", stored[Ids.DealName]!.GetValue<string>());
        Assert.Null(stored[Ids.ContactEmail]);
        Assert.Null(stored[Ids.Tags]);
        Assert.Equal(45000m, stored[Ids.Amount]!.GetValue<decimal>());
        Assert.Equal(deal[Ids.DealNo]!.GetValue<long>(), stored[Ids.DealNo]!.GetValue<long>());
        Assert.Equal(deal[Ids.CreationDate]!.GetValue<string>(), stored[Ids.CreationDate]!.GetValue<string>());
    }

    [Fact]
    public async Task Update_refuses_a_changed_read_only_value()
    {
        await using var host = await TestEmulator.StartAsync();
        var (deal, _) = await CreateFixtureDealAsync(host);
        var body = (JsonObject)deal.DeepClone();
        body[Ids.DealNo] = 99;

        var reply = await host.PutAsync($"api/services/app/Data/Update?listId={Ids.Deals}&id={deal["_id"]}", body);

        HttpStatus.Is(HttpStatusCode.BadRequest, reply);
        Assert.Contains(Ids.DealNo, reply.ErrorMessage);
        Assert.Contains("read-only", reply.ErrorMessage);
    }

    [Fact]
    public async Task UpdatePartial_with_the_fixture_changes_only_what_it_names_and_null_clears()
    {
        await using var host = await TestEmulator.StartAsync();
        var (deal, _) = await CreateFixtureDealAsync(host);
        var id = deal["_id"]!.GetValue<string>();
        await host.PutAsync($"api/services/app/Data/UpdatePartial?listId={Ids.Deals}&id={id}", new JsonObject { [Ids.NextMeeting] = "2025-10-01T10:00:00Z" });

        var reply = await host.PutAsync($"api/services/app/Data/UpdatePartial?listId={Ids.Deals}&id={id}", TestEmulator.Fixture("data-updatepartial.request.json"));

        Assert.True(reply.Success, reply.ErrorMessage);
        var stored = (await host.GetRecordAsync(Ids.Deals, id)).Record;
        Assert.Equal("Won", stored[Ids.Stage]!["label"]!.GetValue<string>());
        Assert.Equal(100m, stored[Ids.Completion]!.GetValue<decimal>());
        Assert.Null(stored[Ids.NextMeeting]);
        Assert.Equal("Initech expansion", stored[Ids.DealName]!.GetValue<string>());
        Assert.Equal(45000m, stored[Ids.Amount]!.GetValue<decimal>());
    }

    [Fact]
    public async Task Delete_removes_the_record_and_a_second_delete_is_not_found()
    {
        await using var host = await TestEmulator.StartAsync();
        var deal = await host.CreateDealAsync(new JsonObject { [Ids.DealName] = "Doomed" });
        var path = $"api/services/app/Data/Delete?listId={Ids.Deals}&id={deal["_id"]}";

        var first = await host.SendAsync(HttpMethod.Delete, path, null);
        var second = await host.SendAsync(HttpMethod.Delete, path, null);

        Assert.True(first.Success);
        Assert.Null(first.Result);
        HttpStatus.Is(HttpStatusCode.NotFound, second);
        Assert.Equal(0, await host.Emulator.CountRecordsAsync(Ids.Deals));
    }

    [Theory]
    [InlineData("GET", "api/services/app/Data/Get?listId={list}&id=000000000000000000000000")]
    [InlineData("PUT", "api/services/app/Data/Update?listId={list}&id=000000000000000000000000")]
    [InlineData("PUT", "api/services/app/Data/UpdatePartial?listId={list}&id=000000000000000000000000")]
    [InlineData("DELETE", "api/services/app/Data/Delete?listId={list}&id=000000000000000000000000")]
    [InlineData("POST", "api/services/app/Data/Create?listId=11111111-2222-3333-4444-555555555555")]
    [InlineData("GET", "api/services/app/Data/Get?listId=11111111-2222-3333-4444-555555555555&id=000000000000000000000000")]
    public async Task Unknown_lists_and_records_are_not_found(string method, string path)
    {
        await using var host = await TestEmulator.StartAsync();
        var reply = await host.SendAsync(new HttpMethod(method), path.Replace("{list}", Ids.Deals), """{"2014502":"x"}""");

        HttpStatus.Is(HttpStatusCode.NotFound, reply);
        Assert.False(reply.Success);
        Assert.Contains("no ", reply.ErrorMessage);
    }

    [Fact]
    public async Task System_fields_record_who_changed_what_and_when()
    {
        var clock = new ManualClock(new DateTimeOffset(2025, 3, 1, 8, 0, 0, TimeSpan.Zero));
        var rose = new EmulatorUser(109731, "default", "rose", "secret", "Rose Fowler", "rose@example.com");
        await using var host = await TestEmulator.StartAsync(new WorkiomEmulatorOptions
        {
            SchemaPaths = TestEmulator.Snapshots,
            TimeProvider = clock,
            Users = [EmulatorUser.Default, rose],
        });
        var deal = await host.CreateDealAsync(new JsonObject { [Ids.DealName] = "Stamped" });
        clock.Advance(TimeSpan.FromHours(2));

        var login = await host.PostAsync("api/TokenAuth/Authenticate", new JsonObject { ["tenantName"] = "default", ["userNameOrEmailAddress"] = "rose", ["password"] = "secret" });
        using var asRose = TestEmulator.NewClient(host.Emulator);
        asRose.DefaultRequestHeaders.Authorization = new("Bearer", login.Result!["accessToken"]!.GetValue<string>());
        using var response = await asRose.PutAsync(
            $"api/services/app/Data/UpdatePartial?listId={Ids.Deals}&id={deal["_id"]}",
            new StringContent($$"""{"{{Ids.Amount}}": 10}""", System.Text.Encoding.UTF8, "application/json"));
        var updated = (await TestEmulator.ReadAsync(response)).Record;

        Assert.Equal("2025-03-01T08:00:00Z", updated[Ids.CreationDate]!.GetValue<string>());
        Assert.Equal("109725", updated[Ids.Creator]!["id"]!.GetValue<string>());
        Assert.Equal("2025-03-01T10:00:00Z", updated[Ids.LastModifyDate]!.GetValue<string>());
        Assert.Equal("2025-03-01T10:00:00Z", updated[Ids.LastActivityDate]!.GetValue<string>());
        Assert.Equal("Rose Fowler", updated[Ids.LastUpdater]!["fullname"]!.GetValue<string>());
    }

    [Fact]
    public async Task The_store_holds_one_json_record_per_create()
    {
        await using var host = await TestEmulator.StartAsync();
        var deal = await host.CreateDealAsync(new JsonObject { [Ids.DealName] = "Stored" });

        var json = await host.Emulator.GetStoredRecordJsonAsync(Ids.Deals, deal["_id"]!.GetValue<string>());
        var ids = await host.Emulator.GetRecordIdsAsync(Ids.Deals);

        Assert.NotNull(json);
        Assert.Equal("Stored", JsonNode.Parse(json!)![Ids.DealName]!.GetValue<string>());
        Assert.Equal([deal["_id"]!.GetValue<string>()], ids);
        Assert.Null(await host.Emulator.GetStoredRecordJsonAsync(Ids.Deals, "000000000000000000000000"));
    }

    [Fact]
    public async Task Location_Dependency_and_Signature_values_are_kept_as_sent()
    {
        await using var host = await TestEmulator.StartAsync();
        var snapshot = TestEmulator.Fixture("lists-get.companies.json");
        snapshot["result"]!["fields"]!.AsArray().Add(new JsonObject { ["id"] = 3416240, ["name"] = "Depends on", ["dataType"] = 21, ["listId"] = Ids.Companies });
        host.Emulator.ReplaceListSnapshot(snapshot.ToJsonString());
        var location = JsonNode.Parse("""{"label":"Berlin","lat":52.52,"lng":13.4,"extra":{"zoom":3}}""");
        var dependency = JsonNode.Parse("""[{"_id":"64432f26b032d10001e89d88","label":"Kick-off"},{"label":"no id"}]""");
        var signature = JsonNode.Parse("""{"FileName":"sig.png","ContentType":"image/png"}""");

        var created = await host.CreateAsync(Ids.Companies, new JsonObject
        {
            [Ids.CompanyName] = "Raw",
            [Ids.Headquarters] = location!.DeepClone(),
            ["3416240"] = dependency!.DeepClone(),
            [Ids.SignedNda] = signature!.DeepClone(),
        });
        var read = (await host.GetRecordAsync(Ids.Companies, created.Id)).Record;
        var filtered = await host.DataAllAsync(new JsonObject
        {
            ["listId"] = Ids.Companies,
            ["filter"] = new JsonArray(new JsonObject { ["fieldId"] = 3416240, ["operator"] = 1, ["value"] = "kick" }),
        });

        Assert.True(created.Success, created.ErrorMessage);
        Assert.True(JsonNode.DeepEquals(location, read[Ids.Headquarters]));
        Assert.True(JsonNode.DeepEquals(dependency, read["3416240"]));
        Assert.True(JsonNode.DeepEquals(signature, read[Ids.SignedNda]));
        Assert.Equal(1, filtered.Result!["totalCount"]!.GetValue<int>());
    }
}
