using Microsoft.AspNetCore.Http;

namespace Workiom.AspNetCore;

/// <summary>How a webhook endpoint mapped by <c>MapWorkiomWebhook</c> checks a delivery before the handler sees it.</summary>
public sealed class WorkiomWebhookEndpointOptions
{
    /// <summary>The default <see cref="MaxBodyBytes"/>: 1 MiB.</summary>
    public const long DefaultMaxBodyBytes = 1024 * 1024;

    /// <summary>The largest body read; a larger one is answered 413 without being read whole. 1 MiB unless set.</summary>
    public long MaxBodyBytes { get; set; } = DefaultMaxBodyBytes;

    /// <summary>
    /// Whether the body must be declared JSON (<c>application/json</c> or a <c>+json</c> type); other content types
    /// are answered 415. True unless set.
    /// </summary>
    public bool RequireJsonContentType { get; set; } = true;

    /// <summary>
    /// The header that must carry <see cref="Secret"/> (one added to the webhook in Workiom's automation UI);
    /// null for no shared-secret check. Both or neither must be set.
    /// </summary>
    public string? SecretHeaderName { get; set; }

    /// <summary>
    /// The shared secret <see cref="SecretHeaderName"/> must carry, compared in constant time; a delivery without it
    /// is answered 401. Never logged.
    /// </summary>
    public string? Secret { get; set; }

    /// <summary>
    /// A check of your own (a signature over the body, an allowed address, ...), run after the shared-secret check
    /// and before the body is read as a record: false answers 401. It gets the request and the body as received.
    /// </summary>
    public Func<HttpContext, ReadOnlyMemory<byte>, bool>? Verify { get; set; }

    /// <summary>
    /// The environment the deliveries come from (a name of the build's <c>&lt;WorkiomSchema Environment="..." /&gt;</c>):
    /// its field names are matched and its ids read into the primary ones. Null or <c>default</c> for the primary one.
    /// </summary>
    public string? Environment { get; set; }

    /// <summary>Throws when the options cannot be used (checked once, when the endpoint is mapped).</summary>
    internal void Validate()
    {
        if (MaxBodyBytes <= 0 || MaxBodyBytes > int.MaxValue)
        {
            throw new ArgumentOutOfRangeException(nameof(MaxBodyBytes), MaxBodyBytes, "MaxBodyBytes must be positive and at most 2 GiB.");
        }

        if ((SecretHeaderName is null) != (Secret is null))
        {
            throw new ArgumentException("Set both SecretHeaderName and Secret, or neither.", SecretHeaderName is null ? nameof(SecretHeaderName) : nameof(Secret));
        }

        if (SecretHeaderName is not null && string.IsNullOrWhiteSpace(SecretHeaderName))
        {
            throw new ArgumentException("SecretHeaderName must name a header.", nameof(SecretHeaderName));
        }

        if (Secret is not null && Secret.Length == 0)
        {
            throw new ArgumentException("Secret must not be empty.", nameof(Secret));
        }
    }
}
