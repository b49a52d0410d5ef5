using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using Workiom.Emulator;
using Workiom.Http;
using Workiom.IntegrationTests.Lists;

namespace Workiom.IntegrationTests;

/// <summary>
/// Over real HTTP to the emulator: values read with keys the client does not type (unknown keys,
/// odd spellings, ids as strings) go back exactly as read on a partial update that appends a file
/// and on a whole-record replace; only the new file uses the write shape, and the emulator stores
/// it as the service does (the read shape with its stored id), keeping the others as sent.
/// </summary>
public sealed class WriteBackAsReadTests : IClassFixture<EmulatorFixture>
{
    private const string ListId = "b2a42566-eb5c-40bb-15d8-08d601df4183";
    private const string Contract = "2014518", Owner = "2014509", Watchers = "2014510", Stage = "2014505", Tags = "2014507", Company = "2014508", NextSteps = "2014524";
    private static readonly string[] OddFields = [Contract, Owner, Watchers, Stage, Tags, Company, NextSteps];

    private readonly EmulatorFixture _fixture;

    public WriteBackAsReadTests(EmulatorFixture fixture) => _fixture = fixture;

    /// <summary>Keeps every request body and every reply body the client exchanged.</summary>
    private sealed class Recorder() : DelegatingHandler(new SocketsHttpHandler())
    {
        public List<(HttpMethod Method, string Path, string? Request, string Reply)> Exchanges { get; } = [];

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            string? body = null;
            if (request.Content is { } content && content.Headers.ContentType?.MediaType == "application/json")
            {
                body = await content.ReadAsStringAsync(cancellationToken);
                request.Content = new StringContent(body, Encoding.UTF8, new MediaTypeHeaderValue("application/json"));
            }

            var response = await base.SendAsync(request, cancellationToken);
            string reply = await response.Content.ReadAsStringAsync(cancellationToken);
            var copy = new ByteArrayContent(Encoding.UTF8.GetBytes(reply));
            foreach (var header in response.Content.Headers)
            {
                copy.Headers.TryAddWithoutValidation(header.Key, header.Value);
            }

            response.Content = copy;
            Exchanges.Add((request.Method, request.RequestUri!.AbsolutePath, body, reply));
            return response;
        }

        public JsonObject LastBody(string pathEnd) =>
            JsonNode.Parse(Exchanges.Last(e => e.Path.EndsWith(pathEnd, StringComparison.Ordinal)).Request!)!.AsObject();

        public JsonObject LastRecordRead() =>
            JsonNode.Parse(Exchanges.Last(e => e.Path.EndsWith("/Data/Get", StringComparison.Ordinal)).Reply)!["result"]!.AsObject();
    }

    private static void AssertEquivalent(JsonNode? expected, JsonNode? actual, string what) =>
        Assert.True(JsonNode.DeepEquals(expected, actual), $"{what}: expected {expected?.ToJsonString()}{Environment.NewLine}but was {actual?.ToJsonString()}");

    /// <summary>Each item of <paramref name="actual"/> equals the item at its index in <paramref name="expected"/>.</summary>
    private static void AssertItemsEquivalent(JsonNode? expected, JsonNode? actual, string field)
    {
        if (expected is JsonArray expectedItems && actual is JsonArray actualItems)
        {
            Assert.Equal(expectedItems.Count, actualItems.Count);
            for (int i = 0; i < expectedItems.Count; i++)
            {
                AssertEquivalent(expectedItems[i], actualItems[i], $"field {field}, item {i}");
            }
        }
        else
        {
            AssertEquivalent(expected, actual, $"field {field}");
        }
    }

    /// <summary>Every key of <paramref name="sent"/> is in <paramref name="stored"/> with the same value.</summary>
    private static void AssertKeptAsSent(JsonObject sent, JsonObject stored, string what)
    {
        foreach (var (key, value) in sent)
        {
            Assert.True(stored.ContainsKey(key), $"{what}: key '{key}' was not kept");
            AssertEquivalent(value, stored[key], $"{what}, key '{key}'");
        }
    }

    private async Task<JsonObject> StoredAsync(string id) =>
        JsonNode.Parse((await _fixture.Emulator.GetStoredRecordJsonAsync(ListId, id))!)!.AsObject();

    private static async Task<WorkiomFile> UploadAsync(WorkiomClient client, string name)
    {
        using var stream = new MemoryStream(Encoding.UTF8.GetBytes("bytes of " + name));
        return await client.UploadFileAsync(stream, name, "application/pdf");
    }

    /// <summary>A deal whose values carry keys the client does not type, written as another tool would.</summary>
    private async Task<string> SeedOddDealAsync(WorkiomClient client)
    {
        var acme = await client.Companies().CreateAsync(new Company { CompanyName = "Acme " + Guid.NewGuid().ToString("N") });
        var deal = await client.Deals().CreateAsync(new Deal { DealName = "Write-back", Contract = { await UploadAsync(client, "msa.pdf") } });
        var storedFile = (await StoredAsync(deal.Id!))[Contract]!.AsArray()[0]!.AsObject();
        storedFile["Custom"] = new JsonObject { ["a"] = new JsonArray(1, "2") };
        storedFile["uploadedBy"] = "another tool";

        var body = new JsonObject
        {
            [Contract] = new JsonArray(storedFile.DeepClone()),
            [Owner] = JsonNode.Parse("""{ "id": "109725", "label": "Fadi Alsayed", "avatar": null }"""),
            [Watchers] = JsonNode.Parse("""[{ "id": 109725, "username": "admin", "Extra": true }]"""),
            [Stage] = JsonNode.Parse("""{ "id": "8ed92143-4014-402a-8c9a-c54effa45a39", "label": "Proposal Sent", "order": 2, "color": "#ffa979", "isClosed": false, "extra": [1] }"""),
            [Tags] = JsonNode.Parse("""[{ "id": "345aadf2-f4f4-4b3b-ba6b-f2d284ec30b5", "label": "Enterprise", "ORDER": 0, "note": "n" }]"""),
            [Company] = new JsonArray(new JsonObject { ["_id"] = acme.Id, ["label"] = acme.CompanyName, ["kind"] = "company" }),
            [NextSteps] = JsonNode.Parse("""[{ "label": "Call", "check": false, "due": "2025-01-01" }, { "label": "Sign", "check": true, "Note": "odd" }]"""),
        };
        using var http = new HttpClient { BaseAddress = _fixture.Emulator.BaseAddress };
        http.DefaultRequestHeaders.Add("X-Api-Key", _fixture.Emulator.ApiKey);
        using var reply = await http.PutAsync(
            $"api/services/app/Data/UpdatePartial?listId={ListId}&id={deal.Id}",
            new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json"));
        Assert.True(reply.IsSuccessStatusCode, await reply.Content.ReadAsStringAsync());
        return deal.Id!;
    }

    private WorkiomClient RecordingClient(Recorder recorder) => new(
        new WorkiomClientOptions { BaseUrl = _fixture.Emulator.BaseAddress.ToString(), ApiKey = _fixture.Emulator.ApiKey },
        recorder);

    [Fact]
    public async Task Appending_a_file_sends_the_items_read_exactly_as_read_and_the_emulator_stores_the_new_one_in_the_read_shape()
    {
        var recorder = new Recorder();
        using var client = RecordingClient(recorder);
        string id = await SeedOddDealAsync(client);
        var deals = client.Deals();

        var deal = await deals.GetAsync(id);
        var read = recorder.LastRecordRead();
        var upload = await UploadAsync(client, "addendum.pdf");
        deal.Contract.Add(upload);
        await deals.UpdateAsync(deal);

        var sent = recorder.LastBody("/Data/UpdatePartial")[Contract]!.AsArray();
        Assert.Equal(2, sent.Count);
        AssertEquivalent(read[Contract]![0], sent[0], "the file read");
        Assert.Equal("another tool", (string?)sent[0]!["uploadedBy"]);
        AssertEquivalent(
            JsonNode.Parse($$"""{ "_id": "{{upload.FileToken}}", "AnonymousForm": false, "ContentType": "application/pdf", "ExpiryDate": null, "FileName": "addendum.pdf", "FileUrl": null, "ThumbnailUrl": null, "HasThumbnail": false, "IsPermanent": true, "Size": {{upload.Size}} }"""),
            sent[1],
            "the new file");

        var stored = (await StoredAsync(id))[Contract]!.AsArray();
        AssertEquivalent(sent[0], stored[0], "the file sent back, as stored");
        var attached = stored[1]!.AsObject();
        Assert.Equal(
            ["_id", "FileToken", "FileName", "ContentType", "Size", "HasThumbnail", "IsImage", "FileUrl", "ThumbnailUrl", "UserId", "IsPermanent"],
            attached.Select(p => p.Key));
        Assert.NotEqual(upload.FileToken, (string?)attached["_id"]);
        Assert.Equal(upload.FileToken, (string?)attached["FileToken"]);
        Assert.Equal(EmulatorUser.Default.Id, (long?)attached["UserId"]);
    }

    [Fact]
    public async Task A_replace_of_a_record_read_sends_every_value_as_read_and_the_emulator_keeps_it()
    {
        var recorder = new Recorder();
        using var client = RecordingClient(recorder);
        string id = await SeedOddDealAsync(client);
        var deals = client.Deals();

        var deal = await deals.GetAsync(id);
        var read = recorder.LastRecordRead();
        Assert.Equal("Fadi Alsayed", deal.Owner!.FullName);
        await deals.ReplaceAsync(deal);

        var sent = recorder.LastBody("/Data/Update");
        Assert.DoesNotContain("\"username\":null", sent.ToJsonString(), StringComparison.Ordinal);
        Assert.Equal("109725", (string?)sent[Owner]!["id"]);
        foreach (var field in OddFields)
        {
            AssertItemsEquivalent(read[field], sent[field], field);
        }

        var stored = await StoredAsync(id);
        foreach (var field in new[] { Contract, Company, NextSteps })
        {
            AssertItemsEquivalent(sent[field], stored[field], field + " as stored");
        }

        // Users and options: every key sent is kept (the service adds its own read-shape keys).
        AssertKeptAsSent(sent[Owner]!.AsObject(), stored[Owner]!.AsObject(), "owner");
        AssertKeptAsSent(sent[Stage]!.AsObject(), stored[Stage]!.AsObject(), "stage");
        AssertKeptAsSent(sent[Watchers]![0]!.AsObject(), stored[Watchers]![0]!.AsObject(), "watcher");
        AssertKeptAsSent(sent[Tags]![0]!.AsObject(), stored[Tags]![0]!.AsObject(), "tag");
    }

    [Fact]
    public async Task A_read_value_changed_keeps_its_other_keys_and_a_user_made_user_has_no_null_username()
    {
        var recorder = new Recorder();
        using var client = RecordingClient(recorder);
        string id = await SeedOddDealAsync(client);
        var deals = client.Deals();

        var deal = await deals.GetAsync(id);
        deal.NextSteps[0] = deal.NextSteps[0] with { Checked = true };
        deal.Contract[0] = deal.Contract[0] with { FileName = "renamed.pdf" };
        deal.Owner = new WorkiomUser(109725);
        await deals.UpdateAsync(deal);

        var sent = recorder.LastBody("/Data/UpdatePartial");
        AssertEquivalent(JsonNode.Parse("""{ "label": "Call", "check": true, "due": "2025-01-01" }"""), sent[NextSteps]![0], "the item toggled");
        AssertEquivalent(JsonNode.Parse("""{ "label": "Sign", "check": true, "Note": "odd" }"""), sent[NextSteps]![1], "the item untouched");
        Assert.Equal("renamed.pdf", (string?)sent[Contract]![0]!["FileName"]);
        Assert.Equal("another tool", (string?)sent[Contract]![0]!["uploadedBy"]);
        AssertEquivalent(JsonNode.Parse("""{ "id": 109725 }"""), sent[Owner], "the user made");

        var stored = await StoredAsync(id);
        AssertEquivalent(sent[NextSteps], stored[NextSteps], "the checklist as stored");
        AssertEquivalent(sent[Contract], stored[Contract], "the files as stored");
    }
}
