using System.Net;
using System.Text.Json.Nodes;

namespace Workiom.Emulator.Tests;

public sealed class ValidationTests
{
    public static TheoryData<string, string, string> RefusedCreates => new()
    {
        // field key, JSON value, words the message must hold
        { "9999999", "\"x\"", "Unknown field '9999999'" },
        { "not-a-field", "\"x\"", "Unknown field 'not-a-field'" },
        { Ids.Amount, "\"a lot\"", "expects a number" },
        { Ids.Amount, "true", "expects a number" },
        { Ids.ContactEmail, "42", "expects text" },
        { Ids.IsStrategic, "\"yes\"", "expects true or false" },
        { Ids.ExpectedClose, "\"next tuesday\"", "expects an ISO-8601 date" },
        { Ids.Stage, "\"qualified\"", "option 'qualified' is not one of the field's options" },
        { Ids.Stage, "\"Qualified \"", "option 'Qualified ' is not one of" },
        { Ids.Source, "{\"id\":\"no-such-option\",\"label\":\"Website\"}", "option id 'no-such-option'" },
        { Ids.Tags, "[\"Enterprise\",\"Mid-market\"]", "option 'Mid-market'" },
        { Ids.Stage, "[\"Won\",\"Lost\"]", "expects one option" },
        { Ids.Company, "[\"000000000000000000000000\"]", "record '000000000000000000000000' does not exist in list 'Companies'" },
        { Ids.Company, "[42]", "expects linked records" },
        { Ids.Owner, "4242", "user 4242 is not a user of this tenant" },
        { Ids.Owner, "\"admin\"", "expects a user id" },
        { Ids.Watchers, "[109725, 5]", "user 5 is not a user" },
        { Ids.Contract, "[{\"_id\":\"not-uploaded\",\"FileName\":\"a.pdf\"}]", "file 'not-uploaded' is unknown" },
        { Ids.NextSteps, "[{\"check\":true}]", "checklist items" },
        { Ids.NextSteps, "\"[not json\"", "expects [{" },
        { Ids.DealNo, "5", "read-only" },
        { Ids.CompanyEmployees, "5", "read-only" },
        { Ids.WeightedAmount, "5", "read-only" },
        { Ids.Creator, "109725", "read-only" },
        { Ids.CreationDate, "\"2025-01-01T00:00:00Z\"", "read-only" },
        { Ids.LastModifyDate, "\"2025-01-01T00:00:00Z\"", "read-only" },
    };

    [Theory]
    [MemberData(nameof(RefusedCreates))]
    public async Task Create_refuses_bad_values_naming_the_field_and_stores_nothing(string field, string value, string expected)
    {
        await using var host = await TestEmulator.StartAsync();
        var body = $$"""{"{{Ids.DealName}}": "Refused", "{{field}}": {{value}}}""";

        var reply = await host.SendAsync(HttpMethod.Post, $"api/services/app/Data/Create?listId={Ids.Deals}", body);

        HttpStatus.Is(HttpStatusCode.BadRequest, reply);
        Assert.False(reply.Success);
        Assert.Contains(expected, reply.ErrorMessage);
        Assert.Contains(field, reply.ErrorMessage);
        var issue = Assert.Single(reply.Envelope["error"]!["validationErrors"]!.AsArray())!;
        Assert.Equal(field, issue["members"]![0]!.GetValue<string>());
        Assert.Equal(0, await host.Emulator.CountRecordsAsync(Ids.Deals));
    }

    [Fact]
    public async Task A_Count_field_cannot_be_written_on_companies()
    {
        await using var host = await TestEmulator.StartAsync();
        var reply = await host.CreateAsync(Ids.Companies, new JsonObject { [Ids.CompanyName] = "Acme", [Ids.OpenDeals] = 3 });

        HttpStatus.Is(HttpStatusCode.BadRequest, reply);
        Assert.Contains("'Open Deals' (3416235) is read-only", reply.ErrorMessage);
    }

    [Fact]
    public async Task Create_without_a_required_field_is_refused()
    {
        await using var host = await TestEmulator.StartAsync();
        var reply = await host.CreateAsync(Ids.Deals, new JsonObject { [Ids.Amount] = 5 });

        HttpStatus.Is(HttpStatusCode.BadRequest, reply);
        Assert.Contains("'Deal Name' (2014502) is required", reply.ErrorMessage);
    }

    [Fact]
    public async Task Every_problem_of_a_body_is_reported_at_once()
    {
        await using var host = await TestEmulator.StartAsync();
        var reply = await host.CreateAsync(Ids.Deals, new JsonObject { [Ids.DealName] = "x", [Ids.Amount] = "lots", [Ids.Stage] = "Nope" });

        var members = reply.Envelope["error"]!["validationErrors"]!.AsArray().Select(i => i!["members"]![0]!.GetValue<string>()).ToList();
        Assert.Equal([Ids.Amount, Ids.Stage], members);
    }

    [Fact]
    public async Task UpdatePartial_refuses_read_only_fields_and_clearing_a_required_one_and_keeps_the_record()
    {
        await using var host = await TestEmulator.StartAsync();
        var deal = await host.CreateDealAsync(new JsonObject { [Ids.DealName] = "Keep me", [Ids.Amount] = 10 });
        var path = $"api/services/app/Data/UpdatePartial?listId={Ids.Deals}&id={deal["_id"]}";

        var readOnly = await host.PutAsync(path, new JsonObject { [Ids.DealNo] = deal[Ids.DealNo]!.DeepClone() });
        var clearsRequired = await host.PutAsync(path, new JsonObject { [Ids.DealName] = null, [Ids.Amount] = 20 });
        var after = (await host.GetRecordAsync(Ids.Deals, deal["_id"]!.GetValue<string>())).Record;

        HttpStatus.Is(HttpStatusCode.BadRequest, readOnly);
        Assert.Contains("read-only", readOnly.ErrorMessage);
        HttpStatus.Is(HttpStatusCode.BadRequest, clearsRequired);
        Assert.Contains("is required", clearsRequired.ErrorMessage);
        Assert.Equal("Keep me", after[Ids.DealName]!.GetValue<string>());
        Assert.Equal(10m, after[Ids.Amount]!.GetValue<decimal>());
    }

    [Theory]
    [InlineData("", "needs a JSON object body")]
    [InlineData("[1,2]", "must be a JSON object")]
    [InlineData("{\"2014502\": ", "not valid JSON")]
    [InlineData("{\"2014502\": \"a\", \"2014502\": \"b\"}", "more than once")]
    public async Task Bodies_that_are_not_a_json_object_are_refused(string body, string expected)
    {
        await using var host = await TestEmulator.StartAsync();
        var reply = await host.SendAsync(HttpMethod.Post, $"api/services/app/Data/Create?listId={Ids.Deals}", body);

        HttpStatus.Is(HttpStatusCode.BadRequest, reply);
        Assert.Contains(expected, reply.ErrorMessage);
    }

    [Fact]
    public async Task A_body_over_the_limit_is_refused_with_413()
    {
        await using var host = await TestEmulator.StartAsync(new WorkiomEmulatorOptions { SchemaPaths = TestEmulator.Snapshots, MaxJsonBodyBytes = 1024 });
        var big = new JsonObject { [Ids.DealName] = new string('x', 4096) };

        var reply = await host.CreateAsync(Ids.Deals, big);

        HttpStatus.Is(HttpStatusCode.RequestEntityTooLarge, reply);
        Assert.Contains("too large", reply.ErrorMessage);
        Assert.Equal(0, await host.Emulator.CountRecordsAsync(Ids.Deals));
    }

    [Fact]
    public async Task A_chunked_body_over_the_limit_is_refused_too()
    {
        await using var host = await TestEmulator.StartAsync(new WorkiomEmulatorOptions { SchemaPaths = TestEmulator.Snapshots, MaxJsonBodyBytes = 1024 });
        using var request = new HttpRequestMessage(HttpMethod.Post, $"api/services/app/Data/Create?listId={Ids.Deals}")
        {
            Content = new StreamContent(new MemoryStream(System.Text.Encoding.UTF8.GetBytes($$"""{"{{Ids.DealName}}":"{{new string('y', 8192)}}"}"""))),
        };
        request.Headers.TransferEncodingChunked = true;

        using var response = await host.Client.SendAsync(request);
        var reply = await TestEmulator.ReadAsync(response);

        HttpStatus.Is(HttpStatusCode.RequestEntityTooLarge, reply);
    }
}
