namespace Workiom.Emulator.Faults;

/// <summary>
/// A fault to inject into calls whose path ends with <see cref="Path"/> (for example "Data/Create";
/// null or "*" matches every call). It fires <see cref="Times"/> times, then is gone.
/// </summary>
public sealed class EmulatorFault
{
    /// <summary>A fault of <paramref name="kind"/> for calls whose path ends with <paramref name="path"/>.</summary>
    /// <param name="path">The end of the call's path (for example "Data/Create"); null or "*" matches every call.</param>
    /// <param name="kind">What goes wrong.</param>
    /// <param name="retryAfter">The Retry-After of <see cref="FaultKind.TooManyRequests"/>; default one second.</param>
    /// <param name="statusCode">The status of a server error (5xx, default 503) or of a redirect (3xx).</param>
    /// <param name="delay">The wait of the slow-reply kinds; default two seconds.</param>
    /// <param name="times">How many matching calls it fires for (at least 1).</param>
    /// <param name="redirectTo">The absolute target of <see cref="FaultKind.Redirect"/>.</param>
    public EmulatorFault(
        string? path,
        FaultKind kind,
        TimeSpan? retryAfter = null,
        int statusCode = 503,
        TimeSpan? delay = null,
        int times = 1,
        Uri? redirectTo = null)
    {
        if (times < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(times), times, "A fault fires at least once.");
        }

        if (kind is FaultKind.ServerError or FaultKind.ServerErrorAfterProcessing && statusCode is < 500 or > 599)
        {
            throw new ArgumentOutOfRangeException(nameof(statusCode), statusCode, "A server error fault needs a 5xx status.");
        }

        if (kind == FaultKind.Redirect && (statusCode is < 300 or > 399 || redirectTo is not { IsAbsoluteUri: true }))
        {
            throw new ArgumentOutOfRangeException(nameof(redirectTo), redirectTo, "A redirect fault needs a 3xx status and an absolute URL.");
        }

        Path = string.IsNullOrWhiteSpace(path) || path == "*" ? null : path.Trim('/');
        Kind = kind;
        RetryAfter = retryAfter ?? TimeSpan.FromSeconds(1);
        StatusCode = statusCode;
        Delay = delay ?? TimeSpan.FromSeconds(2);
        Times = times;
        RedirectTo = redirectTo;
    }

    /// <summary>A fault that answers calls to <paramref name="path"/> with a redirect to <paramref name="target"/>.</summary>
    public static EmulatorFault Redirect(string? path, Uri target, int statusCode = 302, int times = 1) =>
        new(path, FaultKind.Redirect, statusCode: statusCode, times: times, redirectTo: target);

    /// <summary>The end of the paths it matches, without surrounding '/'; null matches every call.</summary>
    public string? Path { get; }

    /// <summary>What goes wrong.</summary>
    public FaultKind Kind { get; }

    /// <summary>The Retry-After sent with <see cref="FaultKind.TooManyRequests"/>.</summary>
    public TimeSpan RetryAfter { get; }

    /// <summary>The status of a server error or redirect.</summary>
    public int StatusCode { get; }

    /// <summary>How long the slow-reply kinds wait.</summary>
    public TimeSpan Delay { get; }

    /// <summary>How many matching calls it fires for.</summary>
    public int Times { get; }

    /// <summary>Where <see cref="FaultKind.Redirect"/> sends the caller.</summary>
    public Uri? RedirectTo { get; }

    internal bool Matches(string requestPath) =>
        Path is null || requestPath.TrimEnd('/').EndsWith("/" + Path, StringComparison.OrdinalIgnoreCase)
            || string.Equals(requestPath.Trim('/'), Path, StringComparison.OrdinalIgnoreCase);
}
