using System.Net;
using System.Text.Json.Nodes;

namespace Workiom.Emulator.Tests;

public sealed class SeedTests : IDisposable
{
    private const string DealId = "64432f26b032d10001e89d88";
    private const string CompanyId = "64432f26b032d10001e89d00";

    private readonly string _folder = Directory.CreateTempSubdirectory("workiom-seed-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private string WriteFile(string name, string json)
    {
        var path = Path.Combine(_folder, name);
        File.WriteAllText(path, json);
        return path;
    }

    private static string Seed(string dealName = "Initech expansion") => $$"""
        {
          "Deals": [
            {
              "_id": "{{DealId}}",
              "{{Ids.DealName}}": "{{dealName}}",
              "{{Ids.Amount}}": 45000,
              "{{Ids.Stage}}": { "id": "{{Ids.Qualified}}", "label": "Qualified", "order": 1, "color": "#2196f3", "isClosed": false },
              "{{Ids.Tags}}": [ { "id": "{{Ids.Enterprise}}", "label": "Enterprise", "order": 0 } ],
              "{{Ids.Company}}": [ { "_id": "{{CompanyId}}", "label": "Initech" } ],
              "{{Ids.Owner}}": { "id": "555", "fullname": "Someone Else", "emailAddress": "someone@example.com", "userType": 1, "isActive": true },
              "{{Ids.ExpectedClose}}": "2025-09-30T00:00:00Z",
              "{{Ids.IsStrategic}}": true,
              "{{Ids.NextSteps}}": [ { "label": "Call", "check": true } ],
              "{{Ids.DealNo}}": 41,
              "{{Ids.Creator}}": { "id": "555", "fullname": "Someone Else", "emailAddress": "someone@example.com", "userType": 1, "isActive": true },
              "{{Ids.CreationDate}}": "2024-01-02T03:04:05Z",
              "{{Ids.NextMeeting}}": null
            },
            { "{{Ids.DealName}}": "No id given" }
          ],
          "{{Ids.Companies}}": [
            { "_id": "{{CompanyId}}", "{{Ids.CompanyName}}": "Initech", "{{Ids.Employees}}": 120, "{{Ids.CompanyDeals}}": [ { "_id": "{{DealId}}", "label": "Initech expansion" } ] }
          ]
        }
        """;

    private static WorkiomEmulatorOptions Options(string? seed, string? database = null) => new()
    {
        SchemaPaths = TestEmulator.Snapshots,
        SeedPaths = seed is null ? new List<string>() : [seed],
        DatabasePath = database,
    };

    [Fact]
    public async Task Seeded_records_read_back_as_given_with_links_in_any_order_and_stamps_where_left_out()
    {
        var seed = JsonNode.Parse(Seed())!;
        await using var host = await TestEmulator.StartAsync(Options(WriteFile("seed.json", Seed())));

        var deal = (await host.GetRecordAsync(Ids.Deals, DealId)).Record;
        var company = (await host.GetRecordAsync(Ids.Companies, CompanyId)).Record;
        var ids = await host.Emulator.GetRecordIdsAsync(Ids.Deals);
        var other = (await host.GetRecordAsync(Ids.Deals, ids[1])).Record;
        var next = await host.CreateDealAsync(new JsonObject { [Ids.DealName] = "Created after" });

        foreach (var (key, value) in seed["Deals"]![0]!.AsObject())
        {
            Assert.True(JsonNode.DeepEquals(value, deal[key]), $"{key}: {deal[key]?.ToJsonString()}");
        }

        Assert.Equal(120m, deal[Ids.CompanyEmployees]!.GetValue<decimal>());
        Assert.Equal(DealId, company[Ids.CompanyDeals]![0]!["_id"]!.GetValue<string>());
        Assert.Equal(1, company[Ids.OpenDeals]!.GetValue<int>());
        Assert.Equal([DealId, ids[1]], ids);
        Assert.Matches("^[0-9a-f]{24}$", ids[1]);
        Assert.Equal(42, other[Ids.DealNo]!.GetValue<long>());
        Assert.Equal("109725", other[Ids.Creator]!["id"]!.GetValue<string>());
        Assert.NotNull(other[Ids.CreationDate]);
        Assert.Equal(43, next[Ids.DealNo]!.GetValue<long>());
    }

    [Fact]
    public async Task Export_then_seed_gives_the_same_Data_All_replies()
    {
        var exportPath = Path.Combine(_folder, "export.json");
        Uri firstAddress;
        var before = new Dictionary<string, string>();
        await using (var first = await TestEmulator.StartAsync())
        {
            firstAddress = first.Emulator.BaseAddress;
            var uploaded = await first.UploadAsync([1, 2, 3], "contract.pdf", "application/pdf");
            var companyId = await first.CreateCompanyAsync("Initech", employees: 120);
            await first.CreateCompanyAsync("Globex");
            var body = TestEmulator.Fixture("data-create.request.deals.json");
            body[Ids.Company] = new JsonArray(companyId);
            body[Ids.Contract] = new JsonArray(new JsonObject { ["_id"] = uploaded["fileToken"]!.GetValue<string>(), ["FileName"] = "contract.pdf", ["FileUrl"] = null });
            body[Ids.Watchers] = new JsonArray(109725);
            await first.CreateDealAsync(body);
            await first.CreateDealAsync(new JsonObject { [Ids.DealName] = "Second", [Ids.Company] = new JsonArray(companyId) });
            foreach (var list in new[] { Ids.Deals, Ids.Companies })
            {
                before[list] = (await first.DataAllAsync(new JsonObject { ["listId"] = list })).Result!.ToJsonString();
            }

            await using var file = File.Create(exportPath);
            await first.Emulator.ExportAsync(file);
        }

        var exported = JsonNode.Parse(File.ReadAllText(exportPath))!.AsObject();
        await using var second = await TestEmulator.StartAsync(Options(exportPath));
        var next = await second.CreateDealAsync(new JsonObject { [Ids.DealName] = "Third" });

        Assert.Equal(new[] { Ids.Companies, Ids.Deals }.Order(), exported.Select(p => p.Key).Order());
        Assert.Contains(firstAddress.ToString(), before[Ids.Deals], StringComparison.Ordinal);
        foreach (var list in new[] { Ids.Deals, Ids.Companies })
        {
            var after = (await second.DataAllAsync(new JsonObject { ["listId"] = list, ["ids"] = new JsonArray(exported[list]!.AsArray().Select(r => (JsonNode?)r!["_id"]!.DeepClone()).ToArray()) })).Result!.ToJsonString();
            Assert.Equal(before[list].Replace(firstAddress.ToString(), second.Emulator.BaseAddress.ToString(), StringComparison.Ordinal), after);
        }

        Assert.Equal(3, next[Ids.DealNo]!.GetValue<long>());
    }

    [Fact]
    public async Task A_seed_goes_only_into_an_empty_store_so_a_kept_database_is_not_seeded_twice()
    {
        var seed = WriteFile("seed.json", Seed());
        var database = Path.Combine(_folder, "store.db");
        await using (var first = await TestEmulator.StartAsync(Options(seed, database)))
        {
            await first.CreateDealAsync(new JsonObject { [Ids.DealName] = "Mine" });
        }

        await using var again = await TestEmulator.StartAsync(Options(seed, database));

        Assert.Equal(3, await again.Emulator.CountRecordsAsync(Ids.Deals));
        Assert.Equal(1, await again.Emulator.CountRecordsAsync(Ids.Companies));
    }

    [Fact]
    public async Task SeedAsync_reads_the_files_again_into_an_emptied_store()
    {
        var seed = WriteFile("seed.json", Seed());
        await using var host = await TestEmulator.StartAsync(Options(seed));
        File.WriteAllText(seed, Seed(dealName: "Edited"));
        await host.Emulator.SeedAsync(CancellationToken.None);
        Assert.Equal("Initech expansion", (await host.GetRecordAsync(Ids.Deals, DealId)).Record[Ids.DealName]!.GetValue<string>());

        foreach (var (list, id) in (await host.Emulator.GetRecordIdsAsync(Ids.Deals)).Select(id => (Ids.Deals, id))
                     .Concat((await host.Emulator.GetRecordIdsAsync(Ids.Companies)).Select(id => (Ids.Companies, id))))
        {
            Assert.True((await host.SendAsync(HttpMethod.Delete, $"api/services/app/Data/Delete?listId={list}&id={id}", null)).Success);
        }

        await host.Emulator.SeedAsync(CancellationToken.None);

        Assert.Equal("Edited", (await host.GetRecordAsync(Ids.Deals, DealId)).Record[Ids.DealName]!.GetValue<string>());
        Assert.Equal(2, await host.Emulator.CountRecordsAsync(Ids.Deals));
    }

    [Theory]
    [InlineData("{\n  \"Deals\": [\n    { \"2014502\": }\n  ]\n}", "line 3, column")]
    [InlineData("[]", "must hold an object")]
    [InlineData("{ \"Nope\": [] }", "'Nope' is neither")]
    [InlineData("{ \"Deals\": {} }", "list 'Deals' (b2a42566-eb5c-40bb-15d8-08d601df4183): the records must be an array")]
    [InlineData("{ \"Deals\": [ { \"2014502\": \"ok\" }, 5 ] }", "list 'Deals' (b2a42566-eb5c-40bb-15d8-08d601df4183), record 1")]
    [InlineData("{ \"Deals\": [ { \"2014505\": { \"id\": \"nope\", \"label\": \"Nope\" } } ] }", "record 0: field 'Stage' (2014505) has option id 'nope'")]
    [InlineData("{ \"Deals\": [ { \"2014503\": \"lots\" } ] }", "record 0: field 'Amount' (2014503) expects a number")]
    [InlineData("{ \"Deals\": [ { \"2014508\": [ { \"_id\": \"missing\" } ] } ] }", "links record 'missing', which is not seeded in list 'Companies'")]
    [InlineData("{ \"Deals\": [ { \"_id\": \"64432f26b032d10001e89d77\" }, { \"_id\": \"64432f26b032d10001e89d77\" } ] }", "record 1: the _id '64432f26b032d10001e89d77'")]
    [InlineData("{ \"Deals\": [ { \"Deal Name\": \"x\" } ] }", "key it by its id, \"2014502\"")]
    [InlineData("{ \"Deals\": [ { \"2014502\": \"x\", \"view-a\": 1, \"view-A\": 2 } ] }", "record 0: A property name appears more than once")]
    [InlineData("{ \"Deals\": [ { \"2014502\": \"x\" }, { \"9999999\": [ { \"a\": { \"k\": 1, \"K\": 2 } } ] } ] }", "record 1: A property name appears more than once")]
    [InlineData("{ \"Deals\": [ { \"_id\": null, \"_ID\": \"x\" } ] }", "record 0: A property name appears more than once")]
    [InlineData("{ \"Deals\": [], \"deals\": [] }", "a list key appears more than once")]
    [InlineData("{ \"Deals\": [ { \"2014502\": \"a\",\n \"2014502\": \"b\" } ] }", "is not valid JSON")]
    [InlineData("{ \"Deals\": [ { \"2014523\": 1e20 } ] }", "record 0: field 'Deal No.' (2014523) expects a whole number from 0 to 9223372036854775806, got 1e20")]
    [InlineData("{ \"Deals\": [ { \"2014523\": \"100000000000000000000\" } ] }", "(2014523) expects a whole number")]
    [InlineData("{ \"Deals\": [ { \"2014523\": 9223372036854775807 } ] }", "(2014523) expects a whole number")]
    [InlineData("{ \"Deals\": [ { \"2014523\": 1.5 } ] }", "(2014523) expects a whole number")]
    [InlineData("{ \"Deals\": [ { \"2014523\": -1 } ] }", "(2014523) expects a whole number")]
    [InlineData("{ \"Deals\": [ { \"_id\": 5 } ] }", "'_id' must be a string of 24 hexadecimal characters, as the service's record ids are, got 5")]
    [InlineData("{ \"Deals\": [ { \"_id\": \"a\" } ] }", "record 0: '_id' must be a string of 24 hexadecimal characters")]
    [InlineData("{ \"Deals\": [ { \"_id\": \"64432f26b032d10001e89d8\" } ] }", "record 0: '_id' must be a string of 24 hexadecimal characters")]
    [InlineData("{ \"Deals\": [ { \"_id\": \"64432f26b032d10001e89d8g\" } ] }", "record 0: '_id' must be a string of 24 hexadecimal characters")]
    [InlineData("{ \"Deals\": [ { \"_id\": \"64432f26b032d10001e89d880\" } ] }", "record 0: '_id' must be a string of 24 hexadecimal characters")]
    public async Task A_bad_seed_file_stops_the_start_naming_the_file_list_and_record_and_loads_nothing(string json, string expected)
    {
        var good = WriteFile("good.json", Seed());
        var bad = WriteFile("bad.json", json);
        var database = Path.Combine(_folder, "store.db");

        var error = await Assert.ThrowsAsync<SeedException>(() => WorkiomEmulator.StartAsync(new WorkiomEmulatorOptions
        {
            SchemaPaths = TestEmulator.Snapshots,
            SeedPaths = [good, bad],
            DatabasePath = database,
        }));

        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
        Assert.Contains(bad, error.Message, StringComparison.Ordinal);
        await using var after = await TestEmulator.StartAsync(Options(null, database));
        Assert.Equal(0, await after.Emulator.CountRecordsAsync(Ids.Deals));
        Assert.Equal(0, await after.Emulator.CountRecordsAsync(Ids.Companies));
    }

    [Fact]
    public async Task Property_names_are_read_without_regard_to_case_as_the_store_reads_them()
    {
        var json = $$"""{ "Deals": [ { "_ID": "{{DealId}}", "{{Ids.DealName}}": "x" } ] }""";
        await using var host = await TestEmulator.StartAsync(Options(WriteFile("seed.json", json)));

        var reply = await host.GetRecordAsync(Ids.Deals, DealId);

        Assert.True(reply.Success, reply.ErrorMessage);
        Assert.Equal("x", reply.Record[Ids.DealName]!.GetValue<string>());
    }

    [Fact]
    public async Task A_deep_value_the_API_accepted_survives_export_and_seed()
    {
        // The export nests records two levels deeper than the Data/Create body did.
        const int depth = 62;
        var path = Path.Combine(_folder, "export.json");
        await using (var host = await TestEmulator.StartAsync())
        {
            var body = $$"""{ "{{Ids.CompanyName}}": "Deep", "{{Ids.Headquarters}}": {{new string('[', depth) + new string(']', depth)}} }""";
            var created = await host.SendAsync(HttpMethod.Post, $"api/services/app/Data/Create?listId={Ids.Companies}", body);
            Assert.True(created.Success, created.ErrorMessage);
            await using var file = File.Create(path);
            await host.Emulator.ExportAsync(file);
        }

        await using var seeded = await TestEmulator.StartAsync(Options(path));
        Assert.Equal(1, await seeded.Emulator.CountRecordsAsync(Ids.Companies));
    }

    [Fact]
    public async Task A_seeded_record_with_users_the_emulator_does_not_know_is_written_back_unchanged_but_no_new_one_is_taken()
    {
        const string someone = """{ "id": "555", "fullname": "Someone Else", "emailAddress": "someone@example.com", "userType": 1, "isActive": true }""";
        var json = $$"""
            { "Deals": [ { "_id": "{{DealId}}", "{{Ids.DealName}}": "d", "{{Ids.Owner}}": {{someone}}, "{{Ids.Watchers}}": [ {{someone}} ] } ] }
            """;
        await using var host = await TestEmulator.StartAsync(Options(WriteFile("seed.json", json)));
        var read = (await host.GetRecordAsync(Ids.Deals, DealId)).Record;

        var written = await host.PutAsync($"api/services/app/Data/Update?listId={Ids.Deals}&id={DealId}", read);
        var newOwner = await host.PutAsync($"api/services/app/Data/UpdatePartial?listId={Ids.Deals}&id={DealId}", new JsonObject { [Ids.Owner] = 556 });
        var newWatcher = await host.PutAsync($"api/services/app/Data/UpdatePartial?listId={Ids.Deals}&id={DealId}", new JsonObject { [Ids.Watchers] = new JsonArray(555, 556) });

        Assert.True(written.Success, written.ErrorMessage);
        HttpStatus.Is(HttpStatusCode.BadRequest, newOwner);
        Assert.Contains("user 556 is not a user of this tenant", newOwner.ErrorMessage, StringComparison.Ordinal);
        HttpStatus.Is(HttpStatusCode.BadRequest, newWatcher);
        var after = (await host.GetRecordAsync(Ids.Deals, DealId)).Record;
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(someone), after[Ids.Owner]), after[Ids.Owner]?.ToJsonString());
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse($"[{someone}]"), after[Ids.Watchers]), after[Ids.Watchers]?.ToJsonString());
    }

    [Fact]
    public async Task A_two_way_link_seeded_on_one_side_is_mirrored_on_the_other_and_nothing_is_removed()
    {
        const string other = "64432f26b032d10001e89d01";
        const string second = "64432f26b032d10001e89d89";
        var json = $$"""
            {
              "Deals": [
                { "_id": "{{DealId}}", "{{Ids.DealName}}": "One-sided", "{{Ids.Company}}": [ { "_id": "{{CompanyId}}" } ] },
                { "_id": "{{second}}", "{{Ids.DealName}}": "Listed by the company only" }
              ],
              "Companies": [
                { "_id": "{{CompanyId}}", "{{Ids.CompanyName}}": "Initech" },
                { "_id": "{{other}}", "{{Ids.CompanyName}}": "Other", "{{Ids.CompanyDeals}}": [ { "_id": "{{second}}" } ] }
              ]
            }
            """;
        await using var host = await TestEmulator.StartAsync(Options(WriteFile("seed.json", json)));

        var company = (await host.GetRecordAsync(Ids.Companies, CompanyId)).Record;
        var deal = (await host.GetRecordAsync(Ids.Deals, second)).Record;

        Assert.Equal([DealId], company[Ids.CompanyDeals]!.AsArray().Select(l => l!["_id"]!.GetValue<string>()));
        Assert.Equal([other], deal[Ids.Company]!.AsArray().Select(l => l!["_id"]!.GetValue<string>()));
        var first = (await host.GetRecordAsync(Ids.Deals, DealId)).Record;
        Assert.Equal([CompanyId], first[Ids.Company]!.AsArray().Select(l => l!["_id"]!.GetValue<string>()));
    }

    [Fact]
    public async Task A_missing_seed_file_is_named()
    {
        var missing = Path.Combine(_folder, "missing.json");

        var error = await Assert.ThrowsAsync<SeedException>(() => WorkiomEmulator.StartAsync(Options(missing)));

        Assert.Contains(missing, error.Message, StringComparison.Ordinal);
    }

    // Rule 2: export writes back every key and value exactly as seeded (number forms, escapes, unknown keys).
    [Fact]
    public async Task Export_writes_back_seeded_values_in_their_own_form()
    {
        const string id = "64432f26b032d10001e89d88";
        var record = $$"""
            { "_id": "{{id}}", "{{Ids.DealName}}": "quote \" backslash \\ line\n tab\t é \u2028 end",
              "{{Ids.Amount}}": 1.0, "{{Ids.Probability}}": 1e3,
              "9999999": { "Nested": [ 1.50, -0, 12345678901234567890123, "x" ], "n": null } }
            """;
        await using var host = await TestEmulator.StartAsync(Options(WriteFile("seed.json", $$"""{ "{{Ids.Deals}}": [ {{record}} ] }""")));
        using var stream = new MemoryStream();
        await host.Emulator.ExportAsync(stream);

        var exported = JsonNode.Parse(stream.ToArray())![Ids.Deals]![0]!.AsObject();
        var seeded = JsonNode.Parse(record)!.AsObject();
        foreach (var (key, value) in seeded)
        {
            Assert.Equal(value?.ToJsonString(), exported[key]?.ToJsonString());
        }
    }

    // Bad seed input that must be a located SeedException (held up).
    [Theory]
    [InlineData("{ \"Deals\": [ { \"9999999\": DEEP } ] }")]
    [InlineData("{ \"Deals\": [ { \"2014503\": 1e400 } ] }")]
    [InlineData("{ \"Deals\": [ { \"2014502\": \"a\", \"2014502\": \"b\" } ] }")]
    [InlineData("{ \"Deals\": [ { \"_id\": null, \"_ID\": \"x\" } ] }")]
    [InlineData("{ \"Deals\": [] , \"Deals\": [] }")]
    [InlineData("{ \"Deals\": [ { \"2014508\": [ { \"_id\": 5 } ] } ] }")]
    [InlineData("{ \"Deals\": [ { \"2014511\": \"31/12/2024\" } ] }")]
    public async Task Bad_seed_input_is_a_SeedException(string json)
    {
        json = json.Replace("DEEP", new string('[', 80) + new string(']', 80), StringComparison.Ordinal);

        var error = await Record.ExceptionAsync(async () => await (await WorkiomEmulator.StartAsync(Options(WriteFile("seed.json", json)))).DisposeAsync());

        Assert.IsType<SeedException>(error);
    }
}
