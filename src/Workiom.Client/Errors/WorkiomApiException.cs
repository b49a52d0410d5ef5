using System.Net;

namespace Workiom;

/// <summary>
/// Workiom answered a call with an error: <c>success:false</c> in its envelope (even with HTTP 200)
/// or an HTTP error status. <see cref="Exception.Message"/> is Workiom's own message when it sent one.
/// </summary>
public class WorkiomApiException : WorkiomException
{
    public WorkiomApiException(
        string message,
        HttpStatusCode? statusCode = null,
        int? errorCode = null,
        string? details = null,
        IReadOnlyList<WorkiomValidationError>? validationErrors = null,
        Exception? innerException = null)
        : base(message, innerException)
    {
        StatusCode = statusCode;
        ErrorCode = errorCode;
        Details = details;
        ValidationErrors = validationErrors ?? Array.Empty<WorkiomValidationError>();
    }

    /// <summary>The HTTP status of the reply.</summary>
    public HttpStatusCode? StatusCode { get; }

    /// <summary>ABP's <c>error.code</c>; Workiom often leaves it 0.</summary>
    public int? ErrorCode { get; }

    /// <summary>ABP's <c>error.details</c>, when Workiom filled it.</summary>
    public string? Details { get; }

    /// <summary>ABP's <c>error.validationErrors</c>; empty when none were sent.</summary>
    public IReadOnlyList<WorkiomValidationError> ValidationErrors { get; }
}

/// <summary>One entry of ABP's <c>validationErrors</c>: a message and the members it concerns.</summary>
public sealed record WorkiomValidationError(string Message, IReadOnlyList<string> Members);

/// <summary>Workiom refused the credentials (HTTP 401 or <c>unAuthorizedRequest:true</c>).</summary>
public class WorkiomAuthenticationException : WorkiomApiException
{
    public WorkiomAuthenticationException(string message, HttpStatusCode? statusCode = null, Exception? innerException = null)
        : base(message, statusCode, innerException: innerException)
    {
    }
}

/// <summary>
/// Workiom answered 404: the record or list does not exist, or the call went to the wrong shard
/// (a tenant on its own shard must use the base URL that <c>Account/IsTenantAvailable</c> returns).
/// </summary>
public class WorkiomNotFoundException : WorkiomApiException
{
    public WorkiomNotFoundException(string message, HttpStatusCode? statusCode = HttpStatusCode.NotFound, string? details = null)
        : base(message, statusCode, details: details)
    {
    }
}

/// <summary>Workiom kept answering 429 after every retry.</summary>
public class WorkiomRateLimitedException : WorkiomApiException
{
    public WorkiomRateLimitedException(string message, TimeSpan? retryAfter)
        : base(message, HttpStatusCode.TooManyRequests)
    {
        RetryAfter = retryAfter;
    }

    /// <summary>How long Workiom asked to wait (its <c>Retry-After</c>), when it said.</summary>
    public TimeSpan? RetryAfter { get; }
}

/// <summary>A call to Workiom took longer than the configured timeout on every attempt it was allowed.</summary>
public class WorkiomTimeoutException : WorkiomException
{
    public WorkiomTimeoutException(string message, Exception? innerException = null) : base(message, innerException)
    {
    }
}

/// <summary>Workiom could not be reached (DNS, refused or dropped connection) on every attempt it was allowed.</summary>
public class WorkiomConnectionException : WorkiomException
{
    public WorkiomConnectionException(string message, Exception? innerException = null) : base(message, innerException)
    {
    }
}

/// <summary>
/// The reply was not valid JSON or had no ABP envelope. <see cref="Excerpt"/> holds the start of the
/// body, with any configured credential cut out, to help tell a proxy page from a Workiom reply.
/// </summary>
public class WorkiomInvalidReplyException : WorkiomException
{
    public WorkiomInvalidReplyException(string message, string excerpt, HttpStatusCode? statusCode = null, Exception? innerException = null)
        : base(message, innerException)
    {
        Excerpt = excerpt;
        StatusCode = statusCode;
    }

    public string Excerpt { get; }

    public HttpStatusCode? StatusCode { get; }
}

/// <summary>
/// <c>File/Upload</c> succeeded but its reply holds no file info the client can read, so the upload
/// may be stored on Workiom without being attached anywhere. <see cref="FileToken"/> is the
/// <c>fileToken</c> seen anywhere in the reply (null when there was none, or when it held a configured
/// credential), to attach or report the file.
/// </summary>
public sealed class WorkiomUploadReplyException : WorkiomInvalidReplyException
{
    public WorkiomUploadReplyException(string message, string excerpt, string? fileToken)
        : base(message, excerpt)
    {
        FileToken = fileToken;
    }

    public string? FileToken { get; }
}

/// <summary>The client options are unusable (for example plain <c>http://</c> to a remote host).</summary>
public class WorkiomConfigurationException : WorkiomException
{
    public WorkiomConfigurationException(string message) : base(message)
    {
    }
}
