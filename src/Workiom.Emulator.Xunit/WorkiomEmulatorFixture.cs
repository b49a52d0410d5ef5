using Workiom.Emulator.Faults;
using Workiom.Http;
using Xunit;

namespace Workiom.Emulator.Xunit;

/// <summary>
/// One <see cref="WorkiomEmulator"/> on 127.0.0.1 for a test class (<c>IClassFixture&lt;WorkiomEmulatorFixture&gt;</c>)
/// or a test collection (<c>ICollectionFixture&lt;WorkiomEmulatorFixture&gt;</c>), with a <see cref="Client"/> for it.
/// It serves the snapshots in <see cref="DefaultSchemaFolder"/> (<c>schemas</c> beside the test assembly) and keeps
/// records in memory; derive from it and override <see cref="CreateOptions"/> (or pass options to the protected
/// constructor) for other snapshots, a file store or another key, and <see cref="ConfigureClient"/> for the client.
/// Tests share the store: call <see cref="ResetAsync"/> (from a test class's <c>InitializeAsync</c>) for a fresh one.
/// </summary>
public class WorkiomEmulatorFixture : IAsyncLifetime
{
    private readonly WorkiomEmulatorOptions? _options;
    private WorkiomEmulator? _emulator;
    private WorkiomClient? _client;

    /// <summary>A fixture whose emulator takes its options from <see cref="CreateOptions"/>.</summary>
    public WorkiomEmulatorFixture()
    {
    }

    /// <summary>A fixture whose emulator starts with <paramref name="options"/> (<see cref="CreateOptions"/> is not called).</summary>
    protected WorkiomEmulatorFixture(WorkiomEmulatorOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options;
    }

    /// <summary>The folder of snapshots served by default: <c>schemas</c> under the test assembly's folder.</summary>
    public static string DefaultSchemaFolder => Path.Combine(AppContext.BaseDirectory, "schemas");

    /// <summary>The running emulator (its address, key, lists and stored records).</summary>
    /// <exception cref="InvalidOperationException">Used before xunit initialized the fixture or after it was disposed.</exception>
    public WorkiomEmulator Emulator => _emulator ?? throw NotRunning();

    /// <summary>
    /// A client for the emulator (<see cref="WorkiomEmulator.CreateClient"/>), shaped by <see cref="ConfigureClient"/>;
    /// the fixture disposes it.
    /// </summary>
    public WorkiomClient Client => _client ?? throw NotRunning();

    /// <summary>The emulator's fault queue: enqueue a fault to make coming calls fail (429, 503, a dropped connection...).</summary>
    public EmulatorFaults Faults => Emulator.Faults;

    /// <summary>
    /// Starts over with an empty store (records, files and AutoNumbers) and no queued faults
    /// (<see cref="WorkiomEmulator.ResetAsync"/>). Call it while no request is in flight, for example at the start of each test.
    /// </summary>
    public Task ResetAsync(CancellationToken cancellationToken = default) => Emulator.ResetAsync(cancellationToken);

    /// <summary>Every stored record of <typeparamref name="TRecord"/>'s list, as the API would read it (<see cref="WorkiomEmulator.GetRecordsAsync{TRecord}"/>).</summary>
    public Task<IReadOnlyList<TRecord>> GetRecordsAsync<TRecord>(CancellationToken cancellationToken = default)
        where TRecord : WorkiomRecord, IWorkiomRecord<TRecord> =>
        Emulator.GetRecordsAsync<TRecord>(cancellationToken);

    /// <summary>
    /// The emulator's options: by default the snapshots in <see cref="DefaultSchemaFolder"/>, an in-memory store and any
    /// free port. Override to serve other snapshots, keep data in a file or use another key.
    /// </summary>
    protected virtual WorkiomEmulatorOptions CreateOptions() => new() { SchemaPaths = { DefaultSchemaFolder } };

    /// <summary>
    /// Shapes <see cref="Client"/>'s options after the emulator's address and key are set. By default retries wait
    /// 10 ms instead of a second, so a test that queues a 503 or a 429 does not wait for real back-off.
    /// </summary>
    protected virtual void ConfigureClient(WorkiomClientOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.RetryBaseDelay = TimeSpan.FromMilliseconds(10);
    }

    /// <summary>Starts the emulator and makes the client; xunit calls it before the first test of the class or collection.</summary>
    /// <exception cref="InvalidOperationException">A snapshot path does not exist (say where the snapshots should be).</exception>
    public virtual async Task InitializeAsync()
    {
        var options = _options ?? CreateOptions();
        if (options.SchemaPaths.Count == 0)
        {
            throw new InvalidOperationException(
                $"{GetType().Name}: no snapshots to serve. Copy your Lists/Get snapshots to {DefaultSchemaFolder} or set SchemaPaths in CreateOptions.");
        }

        foreach (var path in options.SchemaPaths)
        {
            if (!File.Exists(path) && !Directory.Exists(path))
            {
                throw new InvalidOperationException(
                    $"{GetType().Name}: the snapshot path '{path}' does not exist. Copy the snapshots to the test output, for example "
                    + "<None Include=\"schemas/*.json\" CopyToOutputDirectory=\"PreserveNewest\" /> in the test project, "
                    + "or override CreateOptions to point elsewhere.");
            }
        }

        _emulator = await WorkiomEmulator.StartAsync(options).ConfigureAwait(false);
        _client = _emulator.CreateClient(ConfigureClient);
    }

    /// <summary>Disposes the client and stops the emulator; xunit calls it after the last test of the class or collection.</summary>
    public virtual async Task DisposeAsync()
    {
        _client?.Dispose();
        _client = null;
        if (_emulator is { } emulator)
        {
            _emulator = null;
            await emulator.DisposeAsync().ConfigureAwait(false);
        }

        GC.SuppressFinalize(this);
    }

    private InvalidOperationException NotRunning() =>
        new($"{GetType().Name} is not running: xunit starts it (IClassFixture or ICollectionFixture) before the tests that receive it.");
}
