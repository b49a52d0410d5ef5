using System.Net;
using System.Text.Json.Nodes;

namespace Workiom.Emulator.Tests;

/// <summary>Four deals and two companies with varied values, created once for the whole class.</summary>
public sealed class SeededEmulator : IAsyncLifetime
{
    internal TestEmulator Host { get; private set; } = null!;
    internal string Acme { get; private set; } = "";
    internal string Globex { get; private set; } = "";
    internal string LogoId { get; private set; } = "";
    internal Dictionary<string, string> DealIds { get; } = new();

    public static readonly EmulatorUser Rose = new(109731, "default", "rose", "secret", "Rose Fowler", "rose@example.com");

    public async Task InitializeAsync()
    {
        Host = await TestEmulator.StartAsync(new WorkiomEmulatorOptions { SchemaPaths = TestEmulator.Snapshots, Users = [EmulatorUser.Default, Rose] });
        var logo = await Host.UploadAsync([0x89, 0x50, 0x4e, 0x47], "acme-logo.png", "image/png");
        var acme = await Host.CreateAsync(Ids.Companies, new JsonObject
        {
            [Ids.CompanyName] = "Acme Corp",
            [Ids.Employees] = 500,
            [Ids.Logo] = new JsonArray(new JsonObject { ["_id"] = logo["fileToken"]!.GetValue<string>(), ["FileName"] = "acme-logo.png" }),
            [Ids.Headquarters] = new JsonObject { ["label"] = "Berlin, Germany" },
            [Ids.SignedNda] = new JsonArray(new JsonObject { ["_id"] = "sig1", ["FileName"] = "nda-acme.png" }),
        });
        Assert.True(acme.Success, acme.ErrorMessage);
        Acme = acme.Id;
        LogoId = acme.Record[Ids.Logo]![0]!["_id"]!.GetValue<string>();
        var globex = await Host.CreateAsync(Ids.Companies, new JsonObject
        {
            [Ids.CompanyName] = "Globex",
            [Ids.Employees] = 50,
            [Ids.Headquarters] = new JsonObject { ["label"] = "Springfield" },
        });
        Globex = globex.Id;
        await Host.CreateCompanyAsync("Idle Inc");

        await Add("D1", new JsonObject
        {
            [Ids.DealName] = "Acme renewal",
            [Ids.Amount] = 120000,
            [Ids.Probability] = 50,
            [Ids.Stage] = "Proposal Sent",
            [Ids.Source] = "Referral",
            [Ids.Tags] = new JsonArray("Enterprise", "Renewal"),
            [Ids.Company] = new JsonArray(Acme),
            [Ids.Owner] = 109725,
            [Ids.Watchers] = new JsonArray(109725, 109731),
            [Ids.ExpectedClose] = "2025-06-30T00:00:00.000+00:00",
            [Ids.NextMeeting] = "2025-05-02T09:30:00Z",
            [Ids.IsStrategic] = true,
            [Ids.ContactEmail] = "buyer@acme.example",
            [Ids.ContactPhone] = "(415) 555-9876",
            [Ids.Website] = "https://acme.example",
            [Ids.NextSteps] = new JsonArray(new JsonObject { ["label"] = "Send revised quote", ["check"] = true }),
            [Ids.Completion] = 60,
        });
        await Add("D2", new JsonObject
        {
            [Ids.DealName] = "Globex pilot",
            [Ids.Amount] = 62500,
            [Ids.Probability] = 50,
            [Ids.Stage] = "Qualified",
            [Ids.Tags] = new JsonArray("SMB"),
            [Ids.Company] = new JsonArray(Globex),
            [Ids.Owner] = 109731,
            [Ids.ExpectedClose] = "2025-03-15",
            [Ids.IsStrategic] = false,
            [Ids.Completion] = 0,
        });
        await Add("D3", new JsonObject
        {
            [Ids.DealName] = "Initech expansion",
            [Ids.Amount] = 45000,
            [Ids.Probability] = 25,
            [Ids.Stage] = "Won",
            [Ids.Source] = "Website",
            [Ids.Tags] = new JsonArray(),
            [Ids.Company] = new JsonArray(Acme, Globex),
            [Ids.ContactEmail] = "it@initech.example",
            [Ids.Completion] = 100,
        });
        await Add("D4", new JsonObject { [Ids.DealName] = "Hooli trial" });
    }

    private async Task Add(string name, JsonObject body) => DealIds[name] = (await Host.CreateDealAsync(body))["_id"]!.GetValue<string>();

    public async Task DisposeAsync() => await Host.DisposeAsync();

    internal string NameOf(string id) => DealIds.Single(p => p.Value == id).Key;
}

public sealed class QueryTests(SeededEmulator seeded) : IClassFixture<SeededEmulator>
{
    private TestEmulator Host => seeded.Host;

    private async Task<List<string>> QueryAsync(JsonObject body)
    {
        var reply = await Host.DataAllAsync(body);
        Assert.True(reply.Success, reply.ErrorMessage);
        return reply.Result!["items"]!.AsArray().Select(i => seeded.NameOf(i!["_id"]!.GetValue<string>())).ToList();
    }

    private static JsonObject Filter(string field, int op, JsonNode? value, JsonNode? value2 = null) => new()
    {
        ["fieldId"] = long.Parse(field, System.Globalization.CultureInfo.InvariantCulture),
        ["operator"] = op,
        ["value"] = value,
        ["value2"] = value2,
        ["valueMappingType"] = 0,
    };

    /// <summary>field, operator, value JSON, value2 JSON (or null), the deals expected (in creation order).</summary>
    public static TheoryData<string, int, string, string?, string> OperatorCases => new()
    {
        // Text
        { Ids.DealName, 1, "\"ACME\"", null, "D1" },
        { Ids.DealName, 2, "\"acme\"", null, "D2 D3 D4" },
        { Ids.DealName, 3, "\"globex PILOT\"", null, "D2" },
        { Ids.DealName, 4, "\"Globex pilot\"", null, "D1 D3 D4" },
        { Ids.DealName, 5, "\"h\"", null, "D3 D4" },
        { Ids.DealName, 6, "\"b\"", null, "D1" },
        { Ids.DealName, 9, "\"Initech expansion\"", null, "D3" },
        { Ids.DealName, 10, "\"Globex pilot\"", null, "D1 D2" },
        { Ids.DealName, 11, "\"b\"", "\"i\"", "D2 D4" },
        { Ids.DealName, 12, "[\"Hooli trial\",\"acme renewal\"]", null, "D1 D4" },
        { Ids.DealName, 13, "[\"Hooli trial\"]", null, "D1 D2 D3" },
        { Ids.ContactEmail, 7, "null", null, "D2 D4" },
        { Ids.ContactEmail, 8, "null", null, "D1 D3" },
        { Ids.ContactEmail, 1, "\"@ACME\"", null, "D1" },
        { Ids.ContactPhone, 1, "\"555\"", null, "D1" },
        { Ids.Website, 3, "\"https://acme.example\"", null, "D1" },
        // Currency, Number, ProgressBar
        { Ids.Amount, 5, "62500", null, "D1" },
        { Ids.Amount, 6, "62500", null, "D3" },
        { Ids.Amount, 9, "62500", null, "D1 D2" },
        { Ids.Amount, 10, "\"62500\"", null, "D2 D3" },
        { Ids.Amount, 11, "45000", "62500", "D2 D3" },
        { Ids.Amount, 3, "45000", null, "D3" },
        { Ids.Amount, 4, "45000", null, "D1 D2 D4" },
        { Ids.Amount, 12, "[45000,120000]", null, "D1 D3" },
        { Ids.Amount, 13, "[45000]", null, "D1 D2 D4" },
        { Ids.Amount, 1, "\"25\"", null, "D2" },
        { Ids.Amount, 2, "\"25\"", null, "D1 D3 D4" },
        { Ids.Amount, 7, "null", null, "D4" },
        { Ids.Amount, 8, "null", null, "D1 D2 D3" },
        { Ids.Probability, 3, "50", null, "D1 D2" },
        { Ids.Completion, 9, "60", null, "D1 D3" },
        // DateTime (date only, and with time)
        { Ids.ExpectedClose, 3, "\"2025-06-30\"", null, "D1" },
        { Ids.ExpectedClose, 3, "\"2025-06-30T00:00:00.000+00:00\"", null, "D1" },
        { Ids.ExpectedClose, 4, "\"2025-06-30\"", null, "D2 D3 D4" },
        { Ids.ExpectedClose, 5, "\"2025-04-01\"", null, "D1" },
        { Ids.ExpectedClose, 6, "\"2025-04-01\"", null, "D2" },
        { Ids.ExpectedClose, 9, "\"2025-03-15\"", null, "D1 D2" },
        { Ids.ExpectedClose, 10, "\"2025-03-15\"", null, "D2" },
        { Ids.ExpectedClose, 11, "\"2025-03-01\"", "\"2025-06-30\"", "D1 D2" },
        { Ids.ExpectedClose, 12, "[\"2025-03-15\",\"2025-06-30\"]", null, "D1 D2" },
        { Ids.ExpectedClose, 13, "[\"2025-03-15\"]", null, "D1 D3 D4" },
        { Ids.ExpectedClose, 1, "\"2025-06\"", null, "D1" },
        { Ids.ExpectedClose, 2, "\"2025-06\"", null, "D2 D3 D4" },
        { Ids.ExpectedClose, 7, "null", null, "D3 D4" },
        { Ids.ExpectedClose, 8, "null", null, "D1 D2" },
        { Ids.NextMeeting, 5, "\"2025-05-02T09:00:00Z\"", null, "D1" },
        { Ids.NextMeeting, 6, "\"2025-05-02T11:00:00+02:00\"", null, "" },
        // Boolean
        { Ids.IsStrategic, 3, "true", null, "D1" },
        { Ids.IsStrategic, 3, "false", null, "D2" },
        { Ids.IsStrategic, 4, "true", null, "D2 D3 D4" },
        { Ids.IsStrategic, 5, "false", null, "D1" },
        { Ids.IsStrategic, 6, "true", null, "D2" },
        { Ids.IsStrategic, 9, "false", null, "D1 D2" },
        { Ids.IsStrategic, 10, "false", null, "D2" },
        { Ids.IsStrategic, 11, "false", "true", "D1 D2" },
        { Ids.IsStrategic, 12, "[true]", null, "D1" },
        { Ids.IsStrategic, 13, "[true]", null, "D2 D3 D4" },
        { Ids.IsStrategic, 1, "\"true\"", null, "D1" },
        { Ids.IsStrategic, 2, "\"true\"", null, "D2 D3 D4" },
        { Ids.IsStrategic, 7, "null", null, "D3 D4" },
        { Ids.IsStrategic, 8, "null", null, "D1 D2" },
        // StaticSelect: by id, by label, ordering by the option's order
        { Ids.Source, 3, "[{\"id\":\"" + Ids.SourceWebsite + "\",\"label\":\"Website\"}]", null, "D3" },
        { Ids.Source, 3, "\"Referral\"", null, "D1" },
        { Ids.Source, 4, "[{\"id\":\"" + Ids.SourceWebsite + "\"}]", null, "D1 D2 D4" },
        { Ids.Source, 12, "[{\"label\":\"referral\"}]", null, "D1" },
        { Ids.Source, 13, "[{\"id\":\"" + Ids.SourceWebsite + "\"}]", null, "D1 D2 D4" },
        { Ids.Source, 1, "\"EBS\"", null, "D3" },
        { Ids.Source, 2, "\"ebs\"", null, "D1 D2 D4" },
        { Ids.Source, 5, "[{\"id\":\"" + Ids.SourceWebsite + "\"}]", null, "D1" },
        { Ids.Source, 6, "\"Referral\"", null, "D3" },
        { Ids.Source, 9, "\"Website\"", null, "D1 D3" },
        { Ids.Source, 10, "\"Website\"", null, "D3" },
        { Ids.Source, 11, "\"Website\"", "\"Referral\"", "D1 D3" },
        { Ids.Source, 7, "null", null, "D2 D4" },
        { Ids.Source, 8, "null", null, "D1 D3" },
        // Status
        { Ids.Stage, 12, "[{\"id\":\"" + Ids.Qualified + "\",\"label\":\"Qualified\"},{\"id\":\"8ed92143-4014-402a-8c9a-c54effa45a39\",\"label\":\"Proposal Sent\"}]", null, "D1 D2" },
        { Ids.Stage, 13, "[{\"id\":\"" + Ids.Won + "\",\"label\":\"Won\"},{\"id\":\"0774e84f-d9ea-46a3-b838-da51a6a23c2a\",\"label\":\"Lost\"}]", null, "D1 D2 D4" },
        { Ids.Stage, 5, "\"Qualified\"", null, "D1 D3" },
        { Ids.Stage, 7, "null", null, "D4" },
        // MultiStaticSelect: any overlap; ordering by how many options are chosen
        { Ids.Tags, 1, "[{\"id\":\"" + Ids.Renewal + "\"}]", null, "D1" },
        { Ids.Tags, 1, "\"ent\"", null, "D1" },
        { Ids.Tags, 2, "\"ent\"", null, "D2 D3 D4" },
        { Ids.Tags, 3, "[\"Enterprise\"]", null, "D1" },
        { Ids.Tags, 4, "[\"Enterprise\"]", null, "D2 D3 D4" },
        { Ids.Tags, 12, "[{\"id\":\"" + Ids.Smb + "\"},{\"id\":\"" + Ids.Renewal + "\"}]", null, "D1 D2" },
        { Ids.Tags, 13, "[{\"id\":\"" + Ids.Renewal + "\"}]", null, "D2 D3 D4" },
        { Ids.Tags, 5, "1", null, "D1" },
        { Ids.Tags, 6, "1", null, "D3 D4" },
        { Ids.Tags, 9, "1", null, "D1 D2" },
        { Ids.Tags, 10, "1", null, "D2 D3 D4" },
        { Ids.Tags, 11, "1", "1", "D2" },
        { Ids.Tags, 7, "null", null, "D3 D4" },
        { Ids.Tags, 8, "null", null, "D1 D2" },
        // LinkList by _id ({acme} and {globex} are replaced by the seeded ids)
        { Ids.Company, 3, "[{\"_id\":\"{acme}\",\"label\":\"Acme Corp\"}]", null, "D1 D3" },
        { Ids.Company, 12, "[{\"_id\":\"{globex}\"}]", null, "D2 D3" },
        { Ids.Company, 13, "[{\"_id\":\"{acme}\"}]", null, "D2 D4" },
        { Ids.Company, 4, "[{\"_id\":\"{acme}\"}]", null, "D2 D4" },
        { Ids.Company, 1, "\"GLOB\"", null, "D2 D3" },
        { Ids.Company, 5, "1", null, "D3" },
        { Ids.Company, 7, "null", null, "D4" },
        // User and MultiUser by id
        { Ids.Owner, 3, "[{\"id\":\"109725\"}]", null, "D1" },
        { Ids.Owner, 3, "109731", null, "D2" },
        { Ids.Owner, 12, "[{\"id\":109725},{\"id\":109731}]", null, "D1 D2" },
        { Ids.Owner, 13, "[{\"id\":\"109725\"}]", null, "D2 D3 D4" },
        { Ids.Owner, 1, "\"rose\"", null, "D2" },
        { Ids.Owner, 7, "null", null, "D3 D4" },
        { Ids.Watchers, 12, "[{\"id\":\"109731\"}]", null, "D1" },
        { Ids.Watchers, 8, "null", null, "D1" },
        // CheckList, AutoNumber, Rollup
        { Ids.NextSteps, 1, "\"quote\"", null, "D1" },
        { Ids.NextSteps, 7, "null", null, "D2 D3 D4" },
        { Ids.DealNo, 3, "2", null, "D2" },
        { Ids.DealNo, 5, "2", null, "D3 D4" },
        { Ids.CompanyEmployees, 9, "500", null, "D1 D3" },
        { Ids.CompanyEmployees, 7, "null", null, "D4" },
        { Ids.WeightedAmount, 5, "30000", null, "D1 D2" },
    };

    [Theory]
    [MemberData(nameof(OperatorCases))]
    public async Task Every_operator_filters_every_data_type(string field, int op, string value, string? value2, string expected)
    {
        var valueNode = JsonNode.Parse(value.Replace("{acme}", seeded.Acme).Replace("{globex}", seeded.Globex));
        var value2Node = value2 is null ? null : JsonNode.Parse(value2);

        var names = await QueryAsync(new JsonObject { ["filter"] = new JsonArray(Filter(field, op, valueNode, value2Node)), ["maxResultCount"] = 100 });

        Assert.Equal(expected, string.Join(' ', names));
    }

    [Fact]
    public async Task Filters_combine_with_AND_by_default_and_OR_on_request()
    {
        var filters = () => new JsonArray(Filter(Ids.Amount, 9, 60000), Filter(Ids.Tags, 12, new JsonArray(new JsonObject { ["id"] = Ids.Smb })));

        var and = await QueryAsync(new JsonObject { ["filter"] = filters(), ["filterCollectionOperator"] = 0 });
        var or = await QueryAsync(new JsonObject { ["filter"] = filters(), ["filterCollectionOperator"] = 1 });

        Assert.Equal(["D2"], and);
        Assert.Equal(["D1", "D2"], or);
    }

    [Fact]
    public async Task The_fixture_request_body_is_understood()
    {
        var body = TestEmulator.Fixture("data-all.request.json");
        body["filter"]![2]!["value"]![0]!["_id"] = seeded.Acme;

        var reply = await Host.DataAllAsync(body);

        Assert.True(reply.Success, reply.ErrorMessage);
        // Stage in (Qualified, Proposal Sent), Amount >= 10000, Company is Acme, Contact Email not empty.
        Assert.Equal([seeded.DealIds["D1"]], reply.Result!["items"]!.AsArray().Select(i => i!["_id"]!.GetValue<string>()));
    }

    [Theory]
    [InlineData("2014503 ASC", "D4 D3 D2 D1")]
    [InlineData("2014503 DESC", "D1 D2 D3 D4")]
    [InlineData("2014502 ASC", "D1 D2 D4 D3")]
    [InlineData("2014505 DESC", "D3 D1 D2 D4")]
    [InlineData("2014511 ASC", "D3 D4 D2 D1")]
    [InlineData("2014523 DESC", "D4 D3 D2 D1")]
    public async Task Sorting_orders_by_one_field(string sorting, string expected)
    {
        var names = await QueryAsync(new JsonObject { ["sorting"] = sorting });
        Assert.Equal(expected, string.Join(' ', names));
    }

    [Theory]
    [InlineData("2014503 SIDEWAYS")]
    [InlineData("Amount ASC")]
    [InlineData("1 ASC")]
    public async Task Bad_sorting_is_refused(string sorting)
    {
        var reply = await Host.DataAllAsync(new JsonObject { ["sorting"] = sorting });
        HttpStatus.Is(HttpStatusCode.BadRequest, reply);
        Assert.False(reply.Success);
    }

    [Fact]
    public async Task Paging_skips_and_takes_and_reports_the_total()
    {
        var reply = await Host.DataAllAsync(new JsonObject { ["sorting"] = "2014523 ASC", ["skipCount"] = 1, ["maxResultCount"] = 2 });
        var last = await Host.DataAllAsync(new JsonObject { ["sorting"] = "2014523 ASC", ["skipCount"] = 3, ["maxResultCount"] = 2 });

        Assert.Equal(4, reply.Result!["totalCount"]!.GetValue<int>());
        Assert.Equal(["D2", "D3"], reply.Result!["items"]!.AsArray().Select(i => seeded.NameOf(i!["_id"]!.GetValue<string>())));
        Assert.Equal(["D4"], last.Result!["items"]!.AsArray().Select(i => seeded.NameOf(i!["_id"]!.GetValue<string>())));
        Assert.Equal(4, last.Result!["totalCount"]!.GetValue<int>());
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-5)]
    [InlineData(10001)]
    public async Task MaxResultCount_outside_1_to_10000_is_refused(int max)
    {
        var reply = await Host.DataAllAsync(new JsonObject { ["maxResultCount"] = max });
        Assert.False(reply.Success);
        Assert.Contains("maxResultCount", reply.ErrorMessage);
    }

    [Fact]
    public async Task MaxResultCount_of_10000_is_accepted()
    {
        var reply = await Host.DataAllAsync(new JsonObject { ["maxResultCount"] = 10000 });
        Assert.True(reply.Success);
        Assert.Equal(4, reply.Result!["items"]!.AsArray().Count);
    }

    [Fact]
    public async Task Summary_sums_the_fields_marked_for_it_over_all_matches()
    {
        var reply = await Host.DataAllAsync(new JsonObject { ["maxResultCount"] = 1 });
        var summary = reply.Result!["summary"]!;

        Assert.Equal(227500m, summary[Ids.Amount]!.GetValue<decimal>());
        Assert.Equal(102500m, summary[Ids.WeightedAmount]!.GetValue<decimal>());
    }

    [Fact]
    public async Task Projection_returns_the_id_and_the_named_fields_only()
    {
        var reply = await Host.DataAllAsync(new JsonObject { ["projectedFields"] = new JsonArray(2014502, 2014503), ["sorting"] = "2014523 ASC" });

        var first = (JsonObject)reply.Result!["items"]![0]!;
        Assert.Equal(["_id", Ids.DealName, Ids.Amount], first.Select(p => p.Key));
        Assert.Equal("Acme renewal", first[Ids.DealName]!.GetValue<string>());
    }

    [Fact]
    public async Task Ids_restrict_the_reply_to_those_records()
    {
        var names = await QueryAsync(new JsonObject { ["ids"] = new JsonArray(seeded.DealIds["D4"], seeded.DealIds["D2"], "000000000000000000000000") });
        Assert.Equal(["D2", "D4"], names);
    }

    [Theory]
    [InlineData("initech", "D3")]
    [InlineData("ACME", "D1 D3")]
    [InlineData("proposal", "D1")]
    [InlineData("555-98", "D1")]
    [InlineData("nothing like it", "")]
    public async Task Quick_search_looks_through_text_like_fields(string text, string expected)
    {
        var names = await QueryAsync(new JsonObject { ["quickSearch"] = text });
        Assert.Equal(expected, string.Join(' ', names));
    }

    [Theory]
    [InlineData("'; DROP TABLE records; --")]
    [InlineData("\" OR 1=1 --")]
    [InlineData("%")]
    [InlineData("_")]
    [InlineData("*")]
    public async Task Hostile_filter_values_are_only_values(string hostile)
    {
        var contains = await QueryAsync(new JsonObject { ["filter"] = new JsonArray(Filter(Ids.DealName, 1, hostile)) });
        var equals = await QueryAsync(new JsonObject { ["filter"] = new JsonArray(Filter(Ids.DealName, 3, hostile)) });
        var search = await QueryAsync(new JsonObject { ["quickSearch"] = hostile });
        var byId = await QueryAsync(new JsonObject { ["ids"] = new JsonArray(hostile) });

        Assert.Empty(contains);
        Assert.Empty(equals);
        Assert.Empty(search);
        Assert.Empty(byId);
        Assert.Equal(4, await Host.Emulator.CountRecordsAsync(Ids.Deals));
        Assert.Equal(4, (await QueryAsync(new JsonObject())).Count);
    }

    [Theory]
    [InlineData("{\"fieldId\": 1, \"operator\": 1, \"value\": \"x\"}", "unknown field 1")]
    [InlineData("{\"fieldId\": 2014502, \"operator\": 99, \"value\": \"x\"}", "operator 99")]
    [InlineData("{\"fieldId\": 2014503, \"operator\": 5, \"value\": \"lots\"}", "needs a number")]
    [InlineData("{\"fieldId\": 2014511, \"operator\": 5, \"value\": \"soon\"}", "ISO-8601 date")]
    [InlineData("{\"fieldId\": 2014503, \"operator\": 11, \"value\": 1, \"value2\": null}", "value2")]
    [InlineData("{\"fieldId\": 2014506, \"operator\": 5, \"value\": \"Telepathy\"}", "an option of the field")]
    public async Task Bad_filters_are_refused_with_a_reason(string filter, string expected)
    {
        var reply = await Host.DataAllAsync(new JsonObject { ["filter"] = new JsonArray(JsonNode.Parse(filter)) });

        HttpStatus.Is(HttpStatusCode.BadRequest, reply);
        Assert.Contains(expected, reply.ErrorMessage);
    }

    [Fact]
    public async Task DataAll_without_a_known_list_is_refused()
    {
        var missing = await Host.PostAsync("api/services/app/Data/All", new JsonObject());
        var unknown = await Host.PostAsync("api/services/app/Data/All", new JsonObject { ["listId"] = "nope" });

        HttpStatus.Is(HttpStatusCode.BadRequest, missing);
        HttpStatus.Is(HttpStatusCode.NotFound, unknown);
    }

    [Fact]
    public async Task Count_and_location_fields_filter_on_companies()
    {
        await using var host = await TestEmulator.StartAsync();
        var deal = await host.CreateDealAsync(new JsonObject { [Ids.DealName] = "Linked" });
        await host.CreateAsync(Ids.Companies, new JsonObject
        {
            [Ids.CompanyName] = "Busy",
            [Ids.CompanyDeals] = new JsonArray(deal["_id"]!.GetValue<string>()),
            [Ids.Headquarters] = new JsonObject { ["label"] = "Berlin, Germany", ["lat"] = 52.52, ["lng"] = 13.40 },
        });
        await host.CreateCompanyAsync("Idle");

        var busy = await host.DataAllAsync(new JsonObject { ["listId"] = Ids.Companies, ["filter"] = new JsonArray(Filter(Ids.OpenDeals, 5, 0)) });
        var berlin = await host.DataAllAsync(new JsonObject { ["listId"] = Ids.Companies, ["filter"] = new JsonArray(Filter(Ids.Headquarters, 1, "berlin")) });

        Assert.Equal(["Busy"], busy.Result!["items"]!.AsArray().Select(i => i![Ids.CompanyName]!.GetValue<string>()));
        Assert.Equal(["Busy"], berlin.Result!["items"]!.AsArray().Select(i => i![Ids.CompanyName]!.GetValue<string>()));
        Assert.Equal(52.52m, berlin.Result!["items"]![0]![Ids.Headquarters]!["lat"]!.GetValue<decimal>());
    }
}
