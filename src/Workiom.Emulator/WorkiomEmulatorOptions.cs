namespace Workiom.Emulator;

/// <summary>A user who can sign in through TokenAuth/Authenticate and be written to User fields.</summary>
public sealed record EmulatorUser(
    long Id,
    string TenantName,
    string UserName,
    string Password,
    string FullName,
    string EmailAddress)
{
    /// <summary>The user every emulator knows unless told otherwise.</summary>
    public static EmulatorUser Default { get; } = new(109725, "default", "admin", "admin", "Fadi Alsayed", "fadi@example.com");

    // The password is a credential: it is left out of ToString (test output, logs), only its presence shows.
    private bool PrintMembers(System.Text.StringBuilder builder)
    {
        builder.Append("Id = ").Append(Id)
            .Append(", TenantName = ").Append(TenantName)
            .Append(", UserName = ").Append(UserName)
            .Append(", Password = ***")
            .Append(", FullName = ").Append(FullName)
            .Append(", EmailAddress = ").Append(EmailAddress);
        return true;
    }
}

/// <summary>How to start a <see cref="WorkiomEmulator"/>.</summary>
public sealed class WorkiomEmulatorOptions
{
    /// <summary>The API key the emulator accepts unless another is chosen.</summary>
    public const string DefaultApiKey = "workiom-emulator-key";

    /// <summary>Snapshot files and/or directories of *.json snapshots (Lists/Get replies, envelope optional).</summary>
    public IList<string> SchemaPaths { get; init; } = new List<string>();

    /// <summary>
    /// Seed files loaded when the store holds no record (so a persistent <see cref="DatabasePath"/> is not seeded
    /// twice): <c>{ "&lt;list id or exact list name&gt;": [records in the read shape, keyed by field id] }</c>, the
    /// format of <see cref="WorkiomEmulator.ExportAsync"/>. A file that cannot be loaded stops the start with a
    /// <see cref="SeedException"/>, and nothing of any seed file is loaded.
    /// </summary>
    public IList<string> SeedPaths { get; init; } = new List<string>();

    /// <summary>SQLite file for records and files; null keeps everything in memory for the emulator's lifetime.</summary>
    public string? DatabasePath { get; init; }

    /// <summary>Port on 127.0.0.1; 0 picks any free port.</summary>
    public int Port { get; init; }

    /// <summary>The key clients must send as X-Api-Key; <see cref="DefaultApiKey"/> unless set.</summary>
    public string ApiKey { get; init; } = DefaultApiKey;

    /// <summary>Users known to the emulator; the first one acts for API-key calls.</summary>
    public IList<EmulatorUser> Users { get; init; } = new List<EmulatorUser> { EmulatorUser.Default };

    /// <summary>How long an access token from TokenAuth/Authenticate stays valid.</summary>
    public TimeSpan TokenLifetime { get; init; } = TimeSpan.FromDays(1);

    /// <summary>Largest JSON request body accepted.</summary>
    public long MaxJsonBodyBytes { get; init; } = 10L * 1024 * 1024;

    /// <summary>Largest file accepted by File/Upload.</summary>
    public long MaxUploadBytes { get; init; } = 50L * 1024 * 1024;

    /// <summary>Clock for token expiry and the system date fields; tests pass their own to move time.</summary>
    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;

    /// <summary>
    /// Host names the emulator answers to besides <c>localhost</c>, 127.0.0.0/8 and <c>[::1]</c>; for example
    /// the name a container or a proxy forwards under. <c>*.example.test</c> allows the subdomains of
    /// example.test. A request with any other Host header is refused with HTTP 400, so a web page cannot
    /// reach the emulator through DNS rebinding. A lone <c>*</c> is refused: name each host.
    /// </summary>
    public IList<string> AllowedHosts { get; init; } = new List<string>();

    /// <summary>
    /// Host names the emulator POSTs webhooks to besides <c>localhost</c>, 127.0.0.0/8 and <c>[::1]</c>; for
    /// example a receiver in another container. <c>*.example.test</c> allows the subdomains of example.test;
    /// a lone <c>*</c> is refused. Subscribing any other host is refused.
    /// </summary>
    public IList<string> WebhookHosts { get; init; } = new List<string>();

    /// <summary>How many times a webhook delivery is tried before it is logged as failed (at least 1).</summary>
    public int WebhookAttempts { get; init; } = 5;

    /// <summary>
    /// The wait after a failed webhook attempt; it doubles after each further failure (at most five minutes).
    /// From zero to five minutes; the start refuses anything else.
    /// </summary>
    public TimeSpan WebhookRetryDelay { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// How long one webhook attempt may take to connect and get the reply's headers: positive and at most
    /// <see cref="int.MaxValue"/> milliseconds (about 24.8 days); the start refuses anything else.
    /// </summary>
    public TimeSpan WebhookTimeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>Writes warnings and errors of the web server to the console (the executable turns this on).</summary>
    public bool ConsoleWarnings { get; init; }
}
