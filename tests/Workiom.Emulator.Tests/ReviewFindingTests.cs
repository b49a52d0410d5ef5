using System.Net;
using System.Text.Json.Nodes;
using Workiom.Emulator.Webhooks;

namespace Workiom.Emulator.Tests;

/// <summary>Hostile-review probes of the webhooks, seed/export and routing (each test states the expected behaviour).</summary>
public sealed class ReviewFindingTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("workiom-review-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private string WriteFile(string json)
    {
        var path = Path.Combine(_folder, Guid.NewGuid().ToString("N") + ".json");
        File.WriteAllText(path, json);
        return path;
    }

    private WorkiomEmulatorOptions SeedOptions(string json, string? database = null) => new()
    {
        SchemaPaths = TestEmulator.Snapshots,
        SeedPaths = [WriteFile(json)],
        DatabasePath = database,
    };

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
        await using var host = await TestEmulator.StartAsync(SeedOptions($$"""{ "{{Ids.Deals}}": [ {{record}} ] }"""));
        using var stream = new MemoryStream();
        await host.Emulator.ExportAsync(stream);

        var exported = JsonNode.Parse(stream.ToArray())![Ids.Deals]![0]!.AsObject();
        var seeded = JsonNode.Parse(record)!.AsObject();
        foreach (var (key, value) in seeded)
        {
            Assert.Equal(value?.ToJsonString(), exported[key]?.ToJsonString());
        }
    }

    // Routing, compared with the old dispatcher (b00e460), which answered an inner '//' with the 404 envelope.
    [Theory]
    [InlineData("api/services/app//Apps/GetAll")]
    [InlineData("api//services/app/Apps/GetAll")]
    public async Task An_inner_double_slash_gets_the_404_envelope_as_before(string path)
    {
        await using var host = await TestEmulator.StartAsync();
        using var response = await host.Client.GetAsync(path);
        var reply = await TestEmulator.ReadAsync(response);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.False(reply.Success);
    }

    // The subscription endpoints need a caller, take faults, and refuse bodies over the JSON limit.
    [Fact]
    public async Task AddSubscription_needs_a_caller_takes_faults_and_limits_its_body()
    {
        await using var host = await TestEmulator.StartAsync(new WorkiomEmulatorOptions { SchemaPaths = TestEmulator.Snapshots, MaxJsonBodyBytes = 1024 });
        const string add = "api/services/app/WebhookSubscription/AddSubscription";
        using var anonymous = TestEmulator.NewClient(host.Emulator);
        using var refused = await anonymous.PostAsync(add, new StringContent("{}", System.Text.Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);

        await host.PostAsync("_emulator/faults", new JsonObject { ["path"] = "WebhookSubscription/AddSubscription", ["kind"] = "ServerError" });
        var faulted = await host.PostAsync(add, new JsonObject());
        Assert.Equal("An internal error occurred (injected fault).", faulted.ErrorMessage);

        var big = await host.PostAsync(add, new JsonObject { ["name"] = new string('x', 4096) });
        Assert.Contains("too large", big.ErrorMessage, StringComparison.Ordinal);
    }

    // Webhook payload keys from hostile field names: valid JSON, one key per field, no case-insensitive collision.
    [Fact]
    public async Task Hostile_field_names_give_a_valid_payload_with_one_distinct_key_per_field()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        await using var host = await TestEmulator.StartAsync();
        var snapshot = TestEmulator.Fixture("lists-get.deals.json");
        var fields = (JsonArray)(snapshot["result"] ?? snapshot)["fields"]!;
        string[] names = ["_id", "", "   ", "__proto__", "\u2028", "_Creator", "TAGS", "Amount", "AMOUNT", "Amount_2014503", new string('x', 5000)];
        for (var i = 0; i < names.Length; i++)
        {
            fields[i]!["name"] = names[i];
        }

        host.Emulator.ReplaceListSnapshot(snapshot.ToJsonString());
        host.Emulator.Webhooks.Subscribe(Ids.Deals, receiver.Url("hook"), WebhookEvent.Created);
        await host.CreateDealAsync(new JsonObject { [Ids.DealName] = "x" });
        var delivery = await host.Emulator.Webhooks.WaitForDeliveryAsync();

        var payload = JsonNode.Parse(delivery.Body)!.AsObject();
        Assert.Equal(fields.Count + 1, payload.Count);
        Assert.Equal(payload.Count, payload.Select(p => p.Key).Distinct(StringComparer.OrdinalIgnoreCase).Count());
    }

    // Webhook targets: loopback in any spelling Uri canonicalises is accepted; everything else is refused.
    [Theory]
    [InlineData("http://127.1/h", true)]
    [InlineData("http://2130706433/h", true)]
    [InlineData("http://0x7f.0.0.1/h", true)]
    [InlineData("http://LOCALHOST/h", true)]
    [InlineData("http://[::ffff:127.0.0.1]/h", true)]
    [InlineData("http://[0:0:0:0:0:0:0:1]/h", true)]
    [InlineData("http://0.0.0.0/h", false)]
    [InlineData("http://[::]/h", false)]
    [InlineData("http://localhost./h", false)]
    [InlineData("http://127.0.0.1.nip.io/h", false)]
    [InlineData("http://localhost.example.test/h", false)]
    [InlineData("http://[::ffff:10.0.0.1]/h", false)]
    [InlineData("http://[::127.0.0.1]/h", false)]
    [InlineData("http://user:pw@localhost/h", false)]
    [InlineData("http://xn--lcalhost-9za/h", false)]
    [InlineData("http://l\u00f6calhost/h", false)]
    [InlineData("ftp://localhost/h", false)]
    [InlineData("file:///etc/passwd", false)]
    public void Webhook_targets_accept_only_loopback(string url, bool accepted)
    {
        var targets = new WebhookTargets([]);
        var refusal = targets.Refusal(new Uri(System.Text.RegularExpressions.Regex.Unescape(url)), withHeaders: false);
        Assert.True(accepted == refusal is null, refusal ?? "accepted");
        if (refusal is not null)
        {
            Assert.DoesNotContain("pw", refusal, StringComparison.Ordinal);
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

        var error = await Record.ExceptionAsync(async () => await (await WorkiomEmulator.StartAsync(SeedOptions(json))).DisposeAsync());

        Assert.IsType<SeedException>(error);
    }

    // Routing, as the old dispatcher answered (held up): decoded paths, an encoded '/', OPTIONS, and the Host
    // check before 404/405.
    [Theory]
    [InlineData("GET", "api/services/app/Apps/Get%41ll", "localhost", HttpStatusCode.OK)]
    [InlineData("GET", "api/services/app/Apps%2FGetAll", "localhost", HttpStatusCode.NotFound)]
    [InlineData("OPTIONS", "api/services/app/Apps/GetAll", "localhost", HttpStatusCode.MethodNotAllowed)]
    [InlineData("GET", "nope", "evil.example", HttpStatusCode.BadRequest)]
    [InlineData("GET", "api/services/app/Data/All", "evil.example", HttpStatusCode.BadRequest)]
    [InlineData("POST", "_emulator/faults", "evil.example", HttpStatusCode.BadRequest)]
    public async Task Path_forms_and_the_host_check_answer_as_before(string method, string path, string hostHeader, HttpStatusCode expected)
    {
        await using var host = await TestEmulator.StartAsync();
        using var request = new HttpRequestMessage(new HttpMethod(method), path);
        request.Headers.Host = hostHeader;
        using var response = await host.Client.SendAsync(request);

        Assert.Equal(expected, response.StatusCode);
        var reply = await TestEmulator.ReadAsync(response);
        Assert.Equal(expected == HttpStatusCode.OK, reply.Success);
    }
}
