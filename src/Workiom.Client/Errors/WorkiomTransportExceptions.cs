using System.Net;

namespace Workiom;

/// <summary>
/// Workiom (or something between the client and Workiom) answered with a redirect. The client never
/// follows one: <c>X-Api-Key</c> and the bearer token go only to <c>Workiom:BaseUrl</c>. When the API
/// really moved, set <c>Workiom:BaseUrl</c> to the new address.
/// </summary>
public class WorkiomRedirectException : WorkiomApiException
{
    public WorkiomRedirectException(string message, HttpStatusCode? statusCode, string? targetOrigin)
        : base(message, statusCode)
    {
        TargetOrigin = targetOrigin;
    }

    /// <summary>
    /// Where the redirect pointed: scheme, host and port only (never a path, query or user info,
    /// which may carry a signed token), or null when the reply named no usable <c>Location</c>.
    /// </summary>
    public string? TargetOrigin { get; }
}

/// <summary>
/// A reply body (a result, an error or a downloaded file) is larger than the client reads:
/// <c>Workiom:MaxReplyBytes</c> for API replies, <c>Workiom:MaxDownloadBytes</c> for downloads. The
/// client stopped reading at the limit, so nothing larger was held in memory.
/// </summary>
public class WorkiomReplyTooLargeException : WorkiomInvalidReplyException
{
    public WorkiomReplyTooLargeException(string message, long limit, HttpStatusCode? statusCode = null)
        : base(message, excerpt: string.Empty, statusCode)
    {
        Limit = limit;
    }

    /// <summary>The limit in bytes that the reply went over.</summary>
    public long Limit { get; }
}
