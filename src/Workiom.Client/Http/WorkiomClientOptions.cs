using System.Globalization;
using System.Text;
using Workiom.Serialization;

namespace Workiom.Http;

/// <summary>
/// How a <see cref="WorkiomClient"/> reaches Workiom. Bound from the <c>Workiom</c> configuration
/// section by <c>AddWorkiom</c>, or filled in code. Credentials never appear in <see cref="ToString"/>,
/// nor in any message about the options, even when mistakenly put in <see cref="BaseUrl"/>.
/// </summary>
public sealed class WorkiomClientOptions
{
    /// <summary>The configuration section the options are bound from.</summary>
    public const string SectionName = "Workiom";

    /// <summary>The default API host.</summary>
    public const string DefaultBaseUrl = "https://api.workiom.com";

    /// <summary>The most records <c>Data/All</c> returns per call.</summary>
    public const int MaxPageSize = 10_000;

    /// <summary>
    /// The API root, <c>https://api.workiom.com</c> unless the tenant lives on its own shard
    /// (the <c>apiUrl</c> that <c>Account/IsTenantAvailable</c> returns).
    /// </summary>
    public string BaseUrl { get; set; } = DefaultBaseUrl;

    /// <summary>Server-to-server key sent as <c>X-Api-Key</c>. Takes precedence over a password login.</summary>
    public string? ApiKey { get; set; }

    /// <summary>Tenant for the password login (<c>TokenAuth/Authenticate</c>).</summary>
    public string? TenantName { get; set; }

    /// <summary>User name or e-mail for the password login.</summary>
    public string? UserNameOrEmailAddress { get; set; }

    /// <summary>Password for the password login.</summary>
    public string? Password { get; set; }

    /// <summary>How long one attempt of a call may take before it counts as timed out.</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(100);

    /// <summary>Records fetched per <c>Data/All</c> call when streaming a query (1 to 10 000).</summary>
    public int PageSize { get; set; } = 1000;

    /// <summary>Attempts per call, the first included; 1 disables retries.</summary>
    public int MaxAttempts { get; set; } = 4;

    /// <summary>The first retry delay; later ones grow exponentially, with jitter.</summary>
    public TimeSpan RetryBaseDelay { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// The longest wait between attempts. A 429 whose <c>Retry-After</c> asks for longer is not
    /// retried: it surfaces at once as <see cref="WorkiomRateLimitedException"/>.
    /// </summary>
    public TimeSpan MaxRetryDelay { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>The name of the primary environment (the snapshots the types were generated from).</summary>
    public const string DefaultEnvironment = "default";

    /// <summary>
    /// The environment the client talks to: null or <c>"default"</c> for the primary one (the snapshots the
    /// types come from), else the name of snapshots listed with <c>Environment="..."</c> (letters, digits,
    /// <c>_</c> and <c>-</c>, at most 64, compared case-insensitively). Records, queries and payloads then
    /// use that environment's list, field, option and view ids; records in memory keep the primary ones.
    /// </summary>
    public string? Environment { get; set; }

    /// <summary>The default of <see cref="MaxReplyBytes"/>: 64 MiB.</summary>
    public const long DefaultMaxReplyBytes = 64L * 1024 * 1024;

    /// <summary>The largest <see cref="MaxReplyBytes"/> accepted: 1 GiB.</summary>
    public const long MaxReplyBytesLimit = 1024L * 1024 * 1024;

    /// <summary>The default of <see cref="MaxDownloadBytes"/>: 1 GiB.</summary>
    public const long DefaultMaxDownloadBytes = 1024L * 1024 * 1024;

    /// <summary>
    /// The largest API reply body the client reads, success or error (1 KiB to 1 GiB; default 64 MiB,
    /// ten times a default page of 1 000 large records). A reply announcing more in
    /// <c>Content-Length</c> is refused unread; one sent without a length is counted while it streams
    /// and refused at the limit. Either way <see cref="WorkiomReplyTooLargeException"/> is thrown and
    /// no more than the limit is held in memory.
    /// </summary>
    public long MaxReplyBytes { get; set; } = DefaultMaxReplyBytes;

    /// <summary>
    /// The largest file <c>DownloadFileAsync</c> delivers (default 1 GiB). The stream throws
    /// <see cref="WorkiomReplyTooLargeException"/> instead of reading past it.
    /// </summary>
    public long MaxDownloadBytes { get; set; } = DefaultMaxDownloadBytes;

    /// <summary>
    /// How long a download may wait for Workiom to send its body, in total over all reads (default
    /// 10 minutes, at most one day). Time your code spends between reads does not count. When it runs
    /// out, the read throws <see cref="WorkiomTimeoutException"/>. The reply headers are bound by
    /// <see cref="Timeout"/>, as for every call.
    /// </summary>
    public TimeSpan DownloadTimeout { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>
    /// How record writes shape the values public sources disagree on. Not bound from configuration:
    /// it is a code-level decision about the tenant's API, set in the configure callback.
    /// </summary>
    public WorkiomWriteShapes WriteShapes { get; private set; } = WorkiomWriteShapes.Default;

    /// <summary>Sets <see cref="WriteShapes"/>.</summary>
    public WorkiomClientOptions UseWriteShapes(WorkiomWriteShapes shapes)
    {
        ArgumentNullException.ThrowIfNull(shapes);
        WriteShapes = shapes;
        return this;
    }

    /// <summary>True when a password login is configured (and no API key).</summary>
    public bool UsesPasswordLogin => string.IsNullOrEmpty(ApiKey) && !string.IsNullOrEmpty(Password);

    /// <summary>
    /// Checks the options and returns the base URL. Refuses plain <c>http://</c> except to a
    /// loopback host: credentials would otherwise cross the network in clear text. Refuses a base
    /// URL that carries credentials (<c>user:password@</c>) or a query, without repeating either.
    /// </summary>
    public Uri Validate()
    {
        // Before anything echoes the URL: any '@' may be user info, even one the URI parser would
        // read as part of a path (an unescaped '/' in a password moves the '@' out of the authority).
        if (BaseUrl is not null && BaseUrl.Contains('@', StringComparison.Ordinal))
        {
            throw new WorkiomConfigurationException(
                "Workiom:BaseUrl must not carry credentials (user:password@host); set Workiom:ApiKey or the password login instead.");
        }

        if (string.IsNullOrWhiteSpace(BaseUrl) || !Uri.TryCreate(BaseUrl.Trim(), UriKind.Absolute, out var uri))
        {
            throw new WorkiomConfigurationException(
                $"Workiom:BaseUrl must be an absolute URL such as {DefaultBaseUrl}; got '{Displayable(BaseUrl)}'.");
        }

        if (!string.IsNullOrEmpty(uri.UserInfo))
        {
            throw new WorkiomConfigurationException(
                "Workiom:BaseUrl must not carry credentials (user:password@host); set Workiom:ApiKey or the password login instead.");
        }

        if (uri.Query.Length > 0 || uri.Fragment.Length > 0)
        {
            // Calls are made relative to the base URL, which drops its query; a key put there would
            // only end up in messages.
            throw new WorkiomConfigurationException(
                $"Workiom:BaseUrl must not have a query or fragment; got '{Displayable(BaseUrl)}'. Set Workiom:ApiKey for the key.");
        }

        if (uri.Scheme == Uri.UriSchemeHttp && !uri.IsLoopback)
        {
            throw new WorkiomConfigurationException(
                $"Workiom:BaseUrl '{uri.GetLeftPart(UriPartial.Authority)}' uses plain http://, which would send the API key, " +
                "password or token in clear text. Use https://; plain http:// is accepted only for loopback hosts " +
                "(127.0.0.0/8, ::1, localhost), such as a local emulator.");
        }

        if (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps)
        {
            throw new WorkiomConfigurationException($"Workiom:BaseUrl must use https://; got scheme '{uri.Scheme}'.");
        }

        if (PageSize is < 1 or > MaxPageSize)
        {
            throw new WorkiomConfigurationException(
                $"Workiom:PageSize must be between 1 and {MaxPageSize}; got {PageSize.ToString(CultureInfo.InvariantCulture)}.");
        }

        if (MaxAttempts < 1)
        {
            throw new WorkiomConfigurationException("Workiom:MaxAttempts must be at least 1.");
        }

        if (Timeout <= TimeSpan.Zero)
        {
            throw new WorkiomConfigurationException("Workiom:Timeout must be positive.");
        }

        if (RetryBaseDelay <= TimeSpan.Zero || MaxRetryDelay < RetryBaseDelay)
        {
            throw new WorkiomConfigurationException(
                "Workiom:RetryBaseDelay must be positive and no longer than Workiom:MaxRetryDelay.");
        }

        if (MaxReplyBytes is < 1024 or > MaxReplyBytesLimit)
        {
            throw new WorkiomConfigurationException(
                $"Workiom:MaxReplyBytes must be between 1024 and {MaxReplyBytesLimit.ToString(CultureInfo.InvariantCulture)}; " +
                $"got {MaxReplyBytes.ToString(CultureInfo.InvariantCulture)}.");
        }

        if (MaxDownloadBytes < 1)
        {
            throw new WorkiomConfigurationException(
                $"Workiom:MaxDownloadBytes must be positive; got {MaxDownloadBytes.ToString(CultureInfo.InvariantCulture)}.");
        }

        if (DownloadTimeout <= TimeSpan.Zero || DownloadTimeout > TimeSpan.FromDays(1))
        {
            throw new WorkiomConfigurationException("Workiom:DownloadTimeout must be positive and at most one day.");
        }

        if (Environment is not null && !IsEnvironmentName(Environment))
        {
            throw new WorkiomConfigurationException(
                "Workiom:Environment must be 1 to 64 letters, digits, '_' or '-' (or \"default\" for the primary environment); got " +
                (Environment.Length == 0 ? "an empty name." : "'" + Environment + "'."));
        }

        if (string.IsNullOrEmpty(ApiKey) && !string.IsNullOrEmpty(Password)
            && (string.IsNullOrEmpty(TenantName) || string.IsNullOrEmpty(UserNameOrEmailAddress)))
        {
            throw new WorkiomConfigurationException(
                "The password login needs Workiom:TenantName and Workiom:UserNameOrEmailAddress as well as the password.");
        }

        // A path prefix (a shard behind a reverse proxy) must end with '/' so relative API paths append to it.
        var text = uri.AbsoluteUri;
        return text.EndsWith('/') ? uri : new Uri(text + "/");
    }

    /// <summary>The environment name rule: 1 to 64 of <c>[A-Za-z0-9_-]</c>.</summary>
    internal static bool IsEnvironmentName(string name)
    {
        if (name.Length is 0 or > 64)
        {
            return false;
        }

        foreach (char c in name)
        {
            if (!(char.IsAsciiLetterOrDigit(c) || c is '_' or '-'))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Whether <see cref="Environment"/> names the primary environment.</summary>
    internal bool IsPrimaryEnvironment =>
        Environment is null || string.Equals(Environment, DefaultEnvironment, StringComparison.OrdinalIgnoreCase);

    /// <summary>
    /// A base URL as it may be shown: nothing when it holds an '@' (possible user info), and never
    /// its query or fragment.
    /// </summary>
    internal static string Displayable(string? baseUrl)
    {
        if (baseUrl is null)
        {
            return "(none)";
        }

        if (baseUrl.Contains('@', StringComparison.Ordinal))
        {
            return "(redacted: it carries credentials)";
        }

        int query = baseUrl.IndexOfAny(['?', '#']);
        return query < 0 ? baseUrl : baseUrl[..query] + "?(redacted)";
    }

    /// <summary>The secrets these options hold, for scrubbing server text.</summary>
    internal IEnumerable<string> Secrets()
    {
        if (!string.IsNullOrEmpty(ApiKey))
        {
            yield return ApiKey;
        }

        if (!string.IsNullOrEmpty(Password))
        {
            yield return Password;
        }
    }

    /// <summary>A copy, so that later edits of a caller's instance do not change a running client.</summary>
    public WorkiomClientOptions Clone() => (WorkiomClientOptions)MemberwiseClone();

    public override string ToString()
    {
        var text = new StringBuilder("WorkiomClientOptions { BaseUrl = ").Append(Displayable(BaseUrl));
        text.Append(", ApiKey = ").Append(string.IsNullOrEmpty(ApiKey) ? "(none)" : "(redacted)");
        text.Append(", TenantName = ").Append(TenantName ?? "(none)");
        text.Append(", UserNameOrEmailAddress = ").Append(UserNameOrEmailAddress ?? "(none)");
        text.Append(", Password = ").Append(string.IsNullOrEmpty(Password) ? "(none)" : "(redacted)");
        if (!IsPrimaryEnvironment)
        {
            text.Append(", Environment = ").Append(Environment);
        }
        text.Append(CultureInfo.InvariantCulture, $", Timeout = {Timeout}, PageSize = {PageSize}, MaxAttempts = {MaxAttempts} }}");
        return text.ToString();
    }
}
