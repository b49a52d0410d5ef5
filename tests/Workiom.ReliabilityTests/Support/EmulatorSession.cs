using System.Text.Json.Nodes;
using Workiom.Emulator;
using Workiom.Http;

namespace Workiom.ReliabilityTests.Support;

/// <summary>
/// A private emulator on loopback serving the checked-in snapshots, with a client tuned for fault
/// tests: short per-attempt timeout and near-zero backoff, so a retried call costs milliseconds.
/// </summary>
public sealed class EmulatorSession : IAsyncDisposable
{
    /// <summary>
    /// The per-attempt timeout; a slow-reply fault waits well past it. Generous, so that an ordinary
    /// call on a busy CI machine never times out by accident.
    /// </summary>
    public static readonly TimeSpan AttemptTimeout = TimeSpan.FromSeconds(4);

    private EmulatorSession(WorkiomEmulator emulator, CapturedLogs logs, WorkiomClient client)
    {
        Emulator = emulator;
        Logs = logs;
        Client = client;
    }

    public WorkiomEmulator Emulator { get; }

    public CapturedLogs Logs { get; }

    public WorkiomClient Client { get; }

    public static string SchemaFolder => Path.Combine(AppContext.BaseDirectory, "schemas");

    public static async Task<EmulatorSession> StartAsync(
        Func<WorkiomEmulatorOptions, WorkiomEmulatorOptions>? configureEmulator = null,
        Action<WorkiomClientOptions>? configureClient = null)
    {
        var emulatorOptions = new WorkiomEmulatorOptions { SchemaPaths = { SchemaFolder }, ApiKey = "emulator-key-" + Guid.NewGuid().ToString("N") };
        if (configureEmulator is not null)
        {
            emulatorOptions = configureEmulator(emulatorOptions);
        }

        var emulator = await WorkiomEmulator.StartAsync(emulatorOptions);
        var logs = new CapturedLogs();
        var options = ClientOptionsFor(emulator);
        configureClient?.Invoke(options);
        return new EmulatorSession(emulator, logs, new WorkiomClient(options, logs));
    }

    public static WorkiomClientOptions ClientOptionsFor(WorkiomEmulator emulator) => new()
    {
        BaseUrl = emulator.BaseAddress.ToString(),
        ApiKey = emulator.ApiKey,
        Timeout = AttemptTimeout,
        MaxAttempts = 4,
        RetryBaseDelay = TimeSpan.FromMilliseconds(5),
        MaxRetryDelay = TimeSpan.FromSeconds(5),
        PageSize = 2,
    };

    /// <summary>An HttpClient that speaks to the emulator directly, as another writer would.</summary>
    public HttpClient RawHttp()
    {
        var http = new HttpClient { BaseAddress = Emulator.BaseAddress };
        http.DefaultRequestHeaders.Add("X-Api-Key", Emulator.ApiKey);
        return http;
    }

    /// <summary>The stored record as a JSON object keyed by field id, or null when the store has none.</summary>
    public async Task<JsonObject?> StoredAsync(string listId, string id)
    {
        var json = await Emulator.GetStoredRecordJsonAsync(listId, id);
        return json is null ? null : JsonNode.Parse(json)!.AsObject();
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await Emulator.DisposeAsync();
    }
}
