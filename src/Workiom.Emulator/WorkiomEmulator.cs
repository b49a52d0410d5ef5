using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Workiom.Emulator.Faults;
using Workiom.Emulator.Http;
using Workiom.Emulator.Records;
using Workiom.Emulator.Seeding;
using Workiom.Emulator.Schema;
using Workiom.Emulator.Storage;
using Workiom.Emulator.Webhooks;
using Workiom.Http;

namespace Workiom.Emulator;

/// <summary>
/// A local fake of the Workiom API on 127.0.0.1: serves the lists of snapshot files and keeps their
/// records in SQLite, so products and tests run without a Workiom account.
/// </summary>
public sealed class WorkiomEmulator : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly RecordStore _store;
    private readonly SnapshotCatalog _catalog;
    private readonly EmulatorState _state;
    private readonly WorkiomEmulatorOptions _options;
    private Uri _baseAddress = new("http://127.0.0.1/");
    private int _disposed;

    private WorkiomEmulator(WebApplication app, RecordStore store, SnapshotCatalog catalog, EmulatorState state, EmulatorFaults faults, WorkiomEmulatorOptions options, EmulatorWebhooks webhooks)
    {
        _options = options;
        Webhooks = webhooks;
        _app = app;
        _store = store;
        _catalog = catalog;
        _state = state;
        Faults = faults;
        ApiKey = options.ApiKey;
    }

    /// <summary>Where the emulator listens, ending with '/'; for example http://127.0.0.1:5080/.</summary>
    public Uri BaseAddress => _baseAddress;

    /// <summary>The key to send as X-Api-Key.</summary>
    public string ApiKey { get; }

    /// <summary>Faults to inject into coming calls; empty unless a test queues some.</summary>
    public EmulatorFaults Faults { get; }

    /// <summary>Webhook subscriptions (AddSubscription, or <see cref="EmulatorWebhooks.Subscribe"/>) and the log of their deliveries.</summary>
    public EmulatorWebhooks Webhooks { get; }

    /// <summary>
    /// The ids of the lists served, ordered by list name. Each read returns the current lists: a read after
    /// <see cref="ReplaceListSnapshot"/> adds a list includes it (the list returned earlier is left as it was).
    /// </summary>
    public IReadOnlyList<string> ListIds => _catalog.ListIds;

    /// <summary>
    /// Starts an emulator on 127.0.0.1 serving the lists of <see cref="WorkiomEmulatorOptions.SchemaPaths"/>;
    /// dispose it to stop it. Throws <see cref="SnapshotException"/> for a snapshot that cannot be read,
    /// <see cref="SeedException"/> for a seed file that cannot be loaded, <see cref="ArgumentException"/> for
    /// invalid options, <see cref="EmulatorStoreException"/> (an <see cref="IOException"/>) for a
    /// <see cref="WorkiomEmulatorOptions.DatabasePath"/> that cannot be opened or created as a SQLite file, and
    /// <see cref="IOException"/> when the port is taken.
    /// </summary>
    public static Task<WorkiomEmulator> StartAsync(WorkiomEmulatorOptions options, CancellationToken cancellationToken = default) =>
        StartAsync(options, configureServices: null, cancellationToken);

    /// <summary>Starts an emulator whose app has the services <paramref name="configureServices"/> adds (observers of writes).</summary>
    internal static async Task<WorkiomEmulator> StartAsync(WorkiomEmulatorOptions options, Action<IServiceCollection>? configureServices, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (string.IsNullOrEmpty(options.ApiKey))
        {
            throw new ArgumentException("The emulator needs a non-empty API key.", nameof(options));
        }

        if (options.Port is < 0 or > 65535)
        {
            throw new ArgumentOutOfRangeException(nameof(options), options.Port, "Port must be 0 (any free port) to 65535.");
        }

        if (options.TokenLifetime <= TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(options), options.TokenLifetime, "TokenLifetime must be positive.");
        }

        foreach (var host in options.AllowedHosts)
        {
            if (HostCheck.Problem(host) is { } problem)
            {
                throw new ArgumentException(problem, nameof(options));
            }
        }

        EmulatorWebhooks.Validate(options);
        var catalog = SnapshotCatalog.Load(options.SchemaPaths);
        var store = RecordStore.Open(options.DatabasePath);
        EmulatorWebhooks? webhooks = null;
        try
        {
            await SeedData.SeedAsync(options.SeedPaths, catalog, store, options, ct).ConfigureAwait(false);
            var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions
            {
                ApplicationName = typeof(WorkiomEmulator).Assembly.GetName().Name,
                ContentRootPath = AppContext.BaseDirectory,
                Args = [],
            });
            builder.Logging.ClearProviders();
            if (options.ConsoleWarnings)
            {
                builder.Logging.AddSimpleConsole(o => o.SingleLine = true);
                builder.Logging.SetMinimumLevel(LogLevel.Warning);
                // A failed start (port in use) is reported by the caller in one line, not as a host stack trace.
                builder.Logging.AddFilter("Microsoft.Extensions.Hosting", LogLevel.None);
            }

            builder.WebHost.UseKestrel(kestrel =>
            {
                // Loopback only: the emulator is a developer tool and must never be reachable from the network.
                kestrel.Listen(IPAddress.Loopback, options.Port);
                kestrel.AddServerHeader = false;
                kestrel.Limits.MaxRequestBodySize = Math.Max(options.MaxJsonBodyBytes, options.MaxUploadBytes) + 64 * 1024;
            });

            var faults = new EmulatorFaults();
            WorkiomEmulator? emulator = null;
            webhooks = new EmulatorWebhooks(options, catalog);
            // Webhooks hear of every committed write; a test's own observers come after them.
            builder.Services.AddSingleton<IRecordWriteObserver>(webhooks);
            configureServices?.Invoke(builder.Services);
            var state = new EmulatorState(options, catalog, store, faults, () => emulator!.BaseAddress);
            var app = builder.Build();
            app.MapEmulatorApi(state, webhooks);
            emulator = new WorkiomEmulator(app, store, catalog, state, faults, options, webhooks);

            await app.StartAsync(ct).ConfigureAwait(false);
            var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses.FirstOrDefault()
                ?? throw new InvalidOperationException("The emulator started but reported no address.");
            emulator._baseAddress = new Uri(address.TrimEnd('/') + "/");
            return emulator;
        }
        catch
        {
            if (webhooks is not null)
            {
                await webhooks.StopAsync().ConfigureAwait(false);
            }

            await store.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>How many access tokens the emulator holds, live or expired but not yet pruned.</summary>
    internal int TokenCount => _state.Tokens.Count;

    /// <summary>How many records a list holds in the store.</summary>
    public Task<int> CountRecordsAsync(string listId, CancellationToken cancellationToken = default) =>
        _store.RunAsync(session => session.Count(listId), cancellationToken);

    /// <summary>The stored JSON of a record (stored shape, not the read shape), or null.</summary>
    public Task<string?> GetStoredRecordJsonAsync(string listId, string id, CancellationToken cancellationToken = default) =>
        _store.RunAsync(session => session.GetJson(listId, id), cancellationToken);

    /// <summary>The ids of a list's records, oldest first.</summary>
    public Task<IReadOnlyList<string>> GetRecordIdsAsync(string listId, CancellationToken cancellationToken = default) =>
        _store.RunAsync(session => (IReadOnlyList<string>)session.LoadListById(listId).Keys.ToList(), cancellationToken);

    /// <summary>
    /// Adds a list, or replaces the list with the same id, from a Lists/Get snapshot (envelope optional).
    /// Records stay; calls that start afterwards see the new fields. Returns the list id.
    /// </summary>
    public string ReplaceListSnapshot(string snapshotJson) => _catalog.Put(snapshotJson).Id;

    /// <summary>
    /// Writes every served list's records in the seed format (see <see cref="WorkiomEmulatorOptions.SeedPaths"/>):
    /// a JSON object keyed by list id, each holding the list's records in the read shape Data/All returns, oldest first.
    /// </summary>
    public Task ExportAsync(Stream destination, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(destination);
        return SeedData.ExportAsync(destination, _catalog, _store, _state.Reader, cancellationToken);
    }

    /// <summary>Reads the seed files again and loads them when the store holds no record (after a reset).</summary>
    internal Task SeedAsync(CancellationToken cancellationToken) =>
        SeedData.SeedAsync(_options.SeedPaths, _catalog, _store, _options, cancellationToken);

    /// <summary>
    /// A <see cref="WorkiomClient"/> for this emulator: <see cref="WorkiomClientOptions.BaseUrl"/> and
    /// <see cref="WorkiomClientOptions.ApiKey"/> are the emulator's, every other option its default unless
    /// <paramref name="configure"/> changes it (for example a shorter <see cref="WorkiomClientOptions.RetryBaseDelay"/>).
    /// The caller disposes the client.
    /// </summary>
    public WorkiomClient CreateClient(Action<WorkiomClientOptions>? configure = null)
    {
        var options = new WorkiomClientOptions { BaseUrl = BaseAddress.ToString(), ApiKey = ApiKey };
        configure?.Invoke(options);
        return new WorkiomClient(options);
    }

    /// <summary>
    /// Every stored record of <typeparamref name="TRecord"/>'s list, oldest first, as Data/Get returns it (link
    /// labels, computed values and file URLs included), read with the generated reader. For assertions on what a
    /// test stored, without a call through the API (no fault fires).
    /// </summary>
    /// <exception cref="InvalidOperationException">The emulator serves no list with the record's list id.</exception>
    public async Task<IReadOnlyList<TRecord>> GetRecordsAsync<TRecord>(CancellationToken cancellationToken = default)
        where TRecord : WorkiomRecord, IWorkiomRecord<TRecord>
    {
        var list = _catalog.Find(TRecord.WorkiomListId) ?? throw new InvalidOperationException(
            $"The emulator serves no list with id '{TRecord.WorkiomListId}' ({typeof(TRecord).Name}): start it with that list's snapshot.");
        var payloads = await _store.RunAsync(
            session => session.LoadList(list.Id).Select(stored => JsonSerializer.SerializeToUtf8Bytes(_state.Reader.Read(list, stored, session))).ToList(),
            cancellationToken).ConfigureAwait(false);
        var records = new List<TRecord>(payloads.Count);
        foreach (var payload in payloads)
        {
            records.Add(ReadRecord<TRecord>(payload));
        }

        return records;
    }

    private static TRecord ReadRecord<TRecord>(byte[] payload)
        where TRecord : WorkiomRecord, IWorkiomRecord<TRecord>
    {
        var reader = new Utf8JsonReader(payload);
        reader.Read();
        return TRecord.ReadFrom(ref reader);
    }

    /// <summary>
    /// Starts over: every record, uploaded file and AutoNumber counter is removed (in memory or in the
    /// <see cref="WorkiomEmulatorOptions.DatabasePath"/> file), queued faults are cleared, webhook subscriptions and
    /// their delivery log are removed (pending deliveries dropped), and the <see cref="WorkiomEmulatorOptions.SeedPaths"/>
    /// files are loaded again. The lists served, the key and the address stay. Call it while no request is in
    /// flight (between tests).
    /// </summary>
    public async Task ResetAsync(CancellationToken cancellationToken = default)
    {
        await Webhooks.ClearAsync().ConfigureAwait(false);
        await _store.RunAsync(session => session.Clear(), cancellationToken).ConfigureAwait(false);
        Faults.Clear();
        await SeedAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Stops the emulator and closes its store; a file store keeps its data for the next start.</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        try
        {
            await _app.StopAsync().ConfigureAwait(false);
            await _app.DisposeAsync().ConfigureAwait(false);
        }
        finally
        {
            // No write can start now: pending deliveries are dropped, and the one under way is abandoned.
            await Webhooks.StopAsync().ConfigureAwait(false);
            await _store.DisposeAsync().ConfigureAwait(false);
        }
    }
}
