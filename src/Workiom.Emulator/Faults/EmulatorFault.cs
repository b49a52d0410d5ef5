namespace Workiom.Emulator.Faults;

/// <summary>
/// A fault to inject into calls whose path ends with <see cref="Path"/> (for example "Data/Create";
/// null or "*" matches every call). It fires <see cref="Times"/> times, then is gone.
/// </summary>
public sealed class EmulatorFault
{
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

    public string? Path { get; }
    public FaultKind Kind { get; }
    public TimeSpan RetryAfter { get; }
    public int StatusCode { get; }
    public TimeSpan Delay { get; }
    public int Times { get; }
    public Uri? RedirectTo { get; }

    internal bool Matches(string requestPath) =>
        Path is null || requestPath.TrimEnd('/').EndsWith("/" + Path, StringComparison.OrdinalIgnoreCase)
            || string.Equals(requestPath.Trim('/'), Path, StringComparison.OrdinalIgnoreCase);
}
