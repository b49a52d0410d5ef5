using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;

namespace Workiom.Emulator.Tests;

/// <summary>Ids from the shared Deals and Companies snapshots.</summary>
internal static class Ids
{
    public const string App = "5f0c1a2b-3c4d-4e5f-8a9b-0c1d2e3f4a5b";
    public const string Deals = "b2a42566-eb5c-40bb-15d8-08d601df4183";
    public const string Companies = "d5192ca5-b7db-4866-a309-7161739f88d5";

    public const string DealName = "2014502";
    public const string Amount = "2014503";
    public const string Probability = "2014504";
    public const string Stage = "2014505";
    public const string Source = "2014506";
    public const string Tags = "2014507";
    public const string Company = "2014508";
    public const string Owner = "2014509";
    public const string Watchers = "2014510";
    public const string ExpectedClose = "2014511";
    public const string NextMeeting = "2014512";
    public const string IsStrategic = "2014517";
    public const string Contract = "2014518";
    public const string ContactEmail = "2014519";
    public const string ContactPhone = "2014521";
    public const string Website = "2014522";
    public const string DealNo = "2014523";
    public const string NextSteps = "2014524";
    public const string Completion = "2014525";
    public const string CompanyEmployees = "2014526";
    public const string WeightedAmount = "2014527";
    public const string Creator = "2014513";
    public const string CreationDate = "2014514";
    public const string LastUpdater = "2014515";
    public const string LastModifyDate = "2014516";
    public const string LastActivityDate = "2014520";

    public const string CompanyName = "3416230";
    public const string Logo = "3416231";
    public const string Industry = "3416232";
    public const string Employees = "3416233";
    public const string CompanyDeals = "3416234";
    public const string OpenDeals = "3416235";
    public const string Headquarters = "3416236";
    public const string SignedNda = "3416237";

    public const string Qualified = "a2830957-96e5-4709-aca0-df06fa3aafc3";
    public const string Won = "c1818389-a77d-468f-92e5-7f47fff6f3b8";
    public const string SourceWebsite = "fcfb04c4-d71d-4770-b370-d13bc472bad0";
    public const string Enterprise = "345aadf2-f4f4-4b3b-ba6b-f2d284ec30b5";
    public const string Smb = "8627a434-b532-4ae4-b56a-a168bcc66446";
    public const string Renewal = "50809651-e07a-451b-b78f-dae672541529";
}

/// <summary>A reply: HTTP status plus the parsed ABP envelope.</summary>
internal sealed record Reply(HttpStatusCode Status, JsonObject Envelope)
{
    public bool Success => Envelope["success"]!.GetValue<bool>();
    public JsonNode? Result => Envelope["result"];
    public JsonObject Record => (JsonObject)Envelope["result"]!;
    public string ErrorMessage => Envelope["error"]?["message"]?.GetValue<string>() ?? "";
    public string Id => Record["_id"]!.GetValue<string>();
}

/// <summary>An emulator on loopback and an HttpClient that speaks to it with the API key.</summary>
internal sealed class TestEmulator : IAsyncDisposable
{
    public static string FixturePath(string name) => Path.Combine(AppContext.BaseDirectory, "fixtures", name);

    public static readonly string[] Snapshots = [FixturePath("lists-get.deals.json"), FixturePath("lists-get.companies.json")];

    private TestEmulator(WorkiomEmulator emulator, HttpClient client)
    {
        Emulator = emulator;
        Client = client;
    }

    public WorkiomEmulator Emulator { get; }
    public HttpClient Client { get; }

    public static async Task<TestEmulator> StartAsync(WorkiomEmulatorOptions? options = null)
    {
        var emulator = await WorkiomEmulator.StartAsync(options ?? new WorkiomEmulatorOptions { SchemaPaths = Snapshots });
        var client = NewClient(emulator);
        client.DefaultRequestHeaders.Add("X-Api-Key", emulator.ApiKey);
        return new TestEmulator(emulator, client);
    }

    public static HttpClient NewClient(WorkiomEmulator emulator) =>
        new() { BaseAddress = emulator.BaseAddress, Timeout = TimeSpan.FromSeconds(60) };

    public static async Task<Reply> ReadAsync(HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync();
        var envelope = JsonNode.Parse(text) as JsonObject ?? throw new InvalidOperationException("Reply is not a JSON object: " + text);
        return new Reply(response.StatusCode, envelope);
    }

    public Task<Reply> GetAsync(string path) => SendAsync(HttpMethod.Get, path, null);

    public Task<Reply> PostAsync(string path, JsonNode? body) => SendAsync(HttpMethod.Post, path, body?.ToJsonString());

    public Task<Reply> PutAsync(string path, JsonNode? body) => SendAsync(HttpMethod.Put, path, body?.ToJsonString());

    public async Task<Reply> SendAsync(HttpMethod method, string path, string? json)
    {
        using var request = new HttpRequestMessage(method, path);
        if (json is not null)
        {
            request.Content = new StringContent(json, Encoding.UTF8, "application/json");
        }

        using var response = await Client.SendAsync(request);
        return await ReadAsync(response);
    }

    public Task<Reply> CreateAsync(string listId, JsonObject record) =>
        PostAsync($"api/services/app/Data/Create?listId={listId}", record);

    public async Task<string> CreateCompanyAsync(string name, int? employees = null)
    {
        var body = new JsonObject { [Ids.CompanyName] = name };
        if (employees is int n)
        {
            body[Ids.Employees] = n;
        }

        var reply = await CreateAsync(Ids.Companies, body);
        Assert.True(reply.Success, reply.ErrorMessage);
        return reply.Id;
    }

    public async Task<JsonObject> CreateDealAsync(JsonObject body)
    {
        var reply = await CreateAsync(Ids.Deals, body);
        Assert.True(reply.Success, reply.ErrorMessage);
        return reply.Record;
    }

    /// <summary>Uploads one file and returns the first item of File/Upload's result.</summary>
    public async Task<JsonObject> UploadAsync(byte[] bytes, string fileName, string contentType)
    {
        using var form = new MultipartFormDataContent();
        var part = new ByteArrayContent(bytes);
        part.Headers.ContentType = new MediaTypeHeaderValue(contentType);
        form.Add(part, "file", fileName);
        using var response = await Client.PostAsync("File/Upload", form);
        var reply = await ReadAsync(response);
        Assert.True(reply.Success, reply.ErrorMessage);
        return (JsonObject)reply.Result![0]!;
    }

    public Task<Reply> DataAllAsync(JsonObject body)
    {
        body["listId"] ??= Ids.Deals;
        return PostAsync("api/services/app/Data/All", body);
    }

    public Task<Reply> GetRecordAsync(string listId, string id) =>
        GetAsync($"api/services/app/Data/Get?listId={listId}&id={id}");

    public static JsonObject Fixture(string name) =>
        (JsonObject)JsonNode.Parse(File.ReadAllText(FixturePath(name)))!;

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await Emulator.DisposeAsync();
    }
}

/// <summary>A clock tests move by hand, so token expiry needs no waiting.</summary>
internal sealed class ManualClock(DateTimeOffset start) : TimeProvider
{
    private DateTimeOffset _now = start;

    public override DateTimeOffset GetUtcNow() => _now;

    public void Advance(TimeSpan by) => _now += by;
}

internal static class HttpStatus
{
    public static void Is(HttpStatusCode expected, Reply reply) =>
        Assert.True(expected == reply.Status, $"Expected HTTP {(int)expected}, got {(int)reply.Status}: {reply.Envelope.ToJsonString()}");
}
