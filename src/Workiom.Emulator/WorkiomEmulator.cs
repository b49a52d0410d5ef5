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
using Workiom.Emulator.Schema;
using Workiom.Emulator.Storage;
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
    private readonly ApiDispatcher _dispatcher;
    private readonly RecordReader _reader;
    private Uri _baseAddress = new("http://127.0.0.1/");
    private int _disposed;

    private WorkiomEmulator(WebApplication app, RecordStore store, SnapshotCatalog catalog, ApiDispatcher dispatcher, EmulatorFaults faults, string apiKey)
    {
        _app = app;
        _store = store;
        _catalog = catalog;
        _dispatcher = dispatcher;
        _reader = new RecordReader(catalog, () => _baseAddress);
        Faults = faults;
        ApiKey = apiKey;
    }

    /// <summary>Where the emulator listens, ending with '/'; for example http://127.0.0.1:5080/.</summary>
    public Uri BaseAddress => _baseAddress;

    /// <summary>The key to send as X-Api-Key.</summary>
    public string ApiKey { get; }

    /// <summary>Faults to inject into coming calls; empty unless a test queues some.</summary>
    public EmulatorFaults Faults { get; }

    /// <summary>The ids of the lists served.</summary>
    public IReadOnlyList<string> ListIds => _catalog.Lists.Select(l => l.Id).ToList();

    /// <summary>
    /// Starts an emulator on 127.0.0.1 serving the lists of <see cref="WorkiomEmulatorOptions.SchemaPaths"/>;
    /// dispose it to stop it. Throws <see cref="SnapshotException"/> for a snapshot that cannot be read,
    /// <see cref="ArgumentException"/> for invalid options and <see cref="IOException"/> when the port is taken.
    /// </summary>
    public static async Task<WorkiomEmulator> StartAsync(WorkiomEmulatorOptions options, CancellationToken ct = default)
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

        var catalog = SnapshotCatalog.Load(options.SchemaPaths);
        var store = RecordStore.Open(options.DatabasePath);
        try
        {
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
            var dispatcher = new ApiDispatcher(options, catalog, store, faults, () => emulator!.BaseAddress);
            var app = builder.Build();
            app.Run(dispatcher.HandleAsync);
            emulator = new WorkiomEmulator(app, store, catalog, dispatcher, faults, options.ApiKey);

            await app.StartAsync(ct).ConfigureAwait(false);
            var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses.FirstOrDefault()
                ?? throw new InvalidOperationException("The emulator started but reported no address.");
            emulator._baseAddress = new Uri(address.TrimEnd('/') + "/");
            return emulator;
        }
        catch
        {
            await store.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>How many access tokens the emulator holds, live or expired but not yet pruned.</summary>
    internal int TokenCount => _dispatcher.TokenCount;

    /// <summary>How many records a list holds in the store.</summary>
    public Task<int> CountRecordsAsync(string listId, CancellationToken ct = default) =>
        _store.RunAsync(session => session.Count(listId), ct);

    /// <summary>The stored JSON of a record (stored shape, not the read shape), or null.</summary>
    public Task<string?> GetStoredRecordJsonAsync(string listId, string id, CancellationToken ct = default) =>
        _store.RunAsync(session => session.GetJson(listId, id), ct);

    /// <summary>The ids of a list's records, oldest first.</summary>
    public Task<IReadOnlyList<string>> GetRecordIdsAsync(string listId, CancellationToken ct = default) =>
        _store.RunAsync(session => (IReadOnlyList<string>)session.LoadListById(listId).Keys.ToList(), ct);

    /// <summary>
    /// Adds a list, or replaces the list with the same id, from a Lists/Get snapshot (envelope optional).
    /// Records stay; calls that start afterwards see the new fields. Returns the list id.
    /// </summary>
    public string ReplaceListSnapshot(string snapshotJson) => _dispatcher.ReplaceList(snapshotJson).Id;

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
            session => session.LoadList(list.Id).Select(stored => JsonSerializer.SerializeToUtf8Bytes(_reader.Read(list, stored, session))).ToList(),
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
    /// Starts over with an empty store: every record, uploaded file and AutoNumber counter is removed (in memory or
    /// in the <see cref="WorkiomEmulatorOptions.DatabasePath"/> file) and queued faults are cleared. The lists served,
    /// the key and the address stay. Call it while no request is in flight (between tests).
    /// </summary>
    public async Task ResetAsync(CancellationToken cancellationToken = default)
    {
        await _store.RunAsync(session => session.Clear(), cancellationToken).ConfigureAwait(false);
        Faults.Clear();
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
            await _store.DisposeAsync().ConfigureAwait(false);
        }
    }
}
