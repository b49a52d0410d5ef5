using System.Text.Json;
using Workiom.Client.Tests.TestRecords;
using Workiom.Http;
using Workiom.Repositories;

namespace Workiom.Client.Tests.Fakes;

/// <summary>A client wired to a <see cref="FakeWorkiom"/> on loopback, with instant retry waits.</summary>
public sealed class TestClient : IDisposable
{
    public const string ApiKey = "wk-live-9f8e7d6c5b4a-SECRET";
    public const string BaseUrl = "http://127.0.0.1:5099";

    public TestClient(Action<WorkiomClientOptions>? configure = null, IWorkiomTokenProvider? tokenProvider = null)
    {
        var options = new WorkiomClientOptions
        {
            BaseUrl = BaseUrl,
            ApiKey = ApiKey,
            MaxAttempts = 3,
            RetryBaseDelay = TimeSpan.FromMilliseconds(1),
            Timeout = TimeSpan.FromMinutes(5),
        };
        configure?.Invoke(options);
        Clock.HeldWait = options.Timeout;
        Client = new WorkiomClient(options, Server, Logs.CreateFactory(), tokenProvider, Clock);
    }

    public FakeWorkiom Server { get; } = new();

    /// <summary>Queues a reply that never comes: the attempt times out.</summary>
    public void Hang() => Server.Hang(Clock.ElapseHeld);

    public ManualTimeProvider Clock { get; } = new();

    public CapturingLoggerProvider Logs { get; } = new();

    public WorkiomClient Client { get; }

    public WorkiomRepository<Deal, Deal.QueryFields> Deals => Client.Repository<Deal, Deal.QueryFields>();

    public void Dispose() => Client.Dispose();

    /// <summary>A Data/All result of Deals records named "Deal {n}" with ids "rec{n}".</summary>
    public static string Page(long totalCount, IEnumerable<int> numbers) =>
        FakeWorkiom.Envelope(
            "{\"totalCount\":" + totalCount + ",\"items\":[" +
            string.Join(",", numbers.Select(n => $"{{\"_id\":\"rec{n}\",\"2014502\":\"Deal {n}\",\"2014503\":{n * 100}}}")) + "]}");

    public static JsonElement BodyOf(RecordedRequest request)
    {
        using var document = JsonDocument.Parse(request.Body ?? throw new InvalidOperationException("no body"));
        return document.RootElement.Clone();
    }

    /// <summary>A Deals record as Data/Get returns it: the first record of the Data/All fixture.</summary>
    /// <summary>A field id the Deals snapshot does not have, present in <see cref="FixtureDealEnvelope"/>.</summary>
    public const string AddedTextField = "2014598";

    /// <summary>A number field id the Deals snapshot does not have, 50 in <see cref="FixtureDealEnvelope"/>.</summary>
    public const string AddedNumberField = "2014599";

    public static string FixtureDealEnvelope()
    {
        using var document = JsonDocument.Parse(Fixtures.Read("data-all.response.deals.json"));
        var first = System.Text.Json.Nodes.JsonNode.Parse(document.RootElement.GetProperty("result").GetProperty("items")[0].GetRawText())!.AsObject();
        // Two fields added in Workiom after the snapshot was pulled: every other key is a generated property,
        // and these are what the record must keep as unknown fields.
        first[AddedTextField] = "kept as sent";
        first[AddedNumberField] = 50;
        return FakeWorkiom.Envelope(first.ToJsonString());
    }
}
