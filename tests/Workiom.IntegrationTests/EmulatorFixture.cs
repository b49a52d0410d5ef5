using Workiom.Emulator;
using Workiom.Http;

namespace Workiom.IntegrationTests;

/// <summary>
/// One emulator on loopback with an in-memory store, shared by the tests of one class, and clients
/// pointed at it. Tests in a class share its records, so each test seeds what it reads and tells its
/// records apart by a marker unique to the test.
/// </summary>
public sealed class EmulatorFixture : IAsyncLifetime
{
    private WorkiomEmulator? _emulator;

    public WorkiomEmulator Emulator => _emulator ?? throw new InvalidOperationException("The emulator has not started.");

    public static string SchemaDirectory => Path.Combine(AppContext.BaseDirectory, "schemas");

    public async Task InitializeAsync()
    {
        _emulator = await WorkiomEmulator.StartAsync(new WorkiomEmulatorOptions { SchemaPaths = { SchemaDirectory } });
    }

    public async Task DisposeAsync()
    {
        if (_emulator is not null)
        {
            await _emulator.DisposeAsync();
        }
    }

    /// <summary>A client with short retry delays, so retried calls keep the suite quick.</summary>
    public WorkiomClient CreateClient(Action<WorkiomClientOptions>? configure = null) => Clients.For(Emulator, configure);
}

/// <summary>Clients for an emulator, with the test suite's options.</summary>
public static class Clients
{
    public static WorkiomClient For(WorkiomEmulator emulator, Action<WorkiomClientOptions>? configure = null)
    {
        var options = new WorkiomClientOptions
        {
            BaseUrl = emulator.BaseAddress.ToString(),
            ApiKey = emulator.ApiKey,
            RetryBaseDelay = TimeSpan.FromMilliseconds(10),
            MaxRetryDelay = TimeSpan.FromMilliseconds(200),
            Timeout = TimeSpan.FromSeconds(30),
        };
        configure?.Invoke(options);
        return new WorkiomClient(options);
    }
}
