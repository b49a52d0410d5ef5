using Microsoft.Extensions.Logging;

namespace Workiom.Http;

/// <summary>
/// The client's log lines. They carry method, path (never the query or a body), status and
/// duration only, so no credential or record value can reach a log.
/// </summary>
internal static partial class WorkiomLog
{
    [LoggerMessage(EventId = 1, Level = LogLevel.Debug, Message = "Workiom {Method} {Path} answered {StatusCode} in {ElapsedMilliseconds} ms")]
    public static partial void RequestCompleted(ILogger logger, string method, string path, int statusCode, long elapsedMilliseconds);

    [LoggerMessage(EventId = 2, Level = LogLevel.Warning, Message = "Workiom {Method} {Path} answered {StatusCode} in {ElapsedMilliseconds} ms")]
    public static partial void RequestRejected(ILogger logger, string method, string path, int statusCode, long elapsedMilliseconds);

    [LoggerMessage(EventId = 3, Level = LogLevel.Warning, Message = "Workiom {Method} {Path} failed after {ElapsedMilliseconds} ms: {Failure}")]
    public static partial void RequestFailed(ILogger logger, string method, string path, string failure, long elapsedMilliseconds);

    [LoggerMessage(EventId = 4, Level = LogLevel.Information, Message = "Workiom {Method} {Path}: attempt {Attempt} got {Outcome}; retrying in {DelayMilliseconds} ms")]
    public static partial void RetryScheduled(ILogger logger, string method, string path, int attempt, string outcome, long delayMilliseconds);
}
