using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Primitives;

namespace Workiom.Emulator.Webhooks;

/// <summary>
/// Which URLs the emulator POSTs webhooks to: http(s) to <c>localhost</c>, 127.0.0.0/8 or <c>[::1]</c>, and to
/// the names of <see cref="WorkiomEmulatorOptions.WebhookHosts"/> (matched as AllowedHosts is: <c>*.example.test</c>
/// allows the subdomains). A subscription with headers (credentials) to a host that is not loopback needs https.
/// </summary>
internal sealed class WebhookTargets
{
    private readonly StringSegment[] _allowed;

    public WebhookTargets(IEnumerable<string> hosts)
    {
        _allowed = hosts.Select(h => new StringSegment(h)).ToArray();
    }

    /// <summary>
    /// The URL for display: the query's values (a receiver's token often travels there) become <c>***</c>,
    /// the names stay; the fragment is left out (it is never sent).
    /// </summary>
    public static string Masked(Uri url)
    {
        if (!url.IsAbsoluteUri)
        {
            return "(relative URL)";
        }

        var shown = url.GetLeftPart(UriPartial.Path);
        var query = url.Query.TrimStart('?');
        if (query.Length == 0)
        {
            return shown;
        }

        var parts = query.Split('&').Select(part =>
        {
            var equals = part.IndexOf('=', StringComparison.Ordinal);
            return equals < 0 ? (part.Length == 0 ? part : "***") : part[..(equals + 1)] + "***";
        });
        return shown + "?" + string.Join("&", parts);
    }

    /// <summary>Why a configured name cannot be used, or null when it can.</summary>
    public static string? HostProblem(string? host) =>
        HostNames.PatternProblem(host, "WebhookHosts", "the emulator would POST records to any host");

    /// <summary>Why the emulator will not POST to <paramref name="url"/>, or null when it will.</summary>
    public string? Refusal(Uri? url, bool withHeaders)
    {
        if (url is null || !url.IsAbsoluteUri || (url.Scheme != Uri.UriSchemeHttp && url.Scheme != Uri.UriSchemeHttps))
        {
            return "The webhook URL must be an absolute http:// or https:// URL.";
        }

        if (url.UserInfo.Length > 0)
        {
            return "The webhook URL may not carry a user name or password: send credentials in a header.";
        }

        if (HostNames.IsLoopback(url.Host))
        {
            return null;
        }

        if (_allowed.Length == 0 || !HostString.MatchesAny(new StringSegment(url.IdnHost), _allowed))
        {
            return $"The emulator posts webhooks only to localhost, 127.0.0.0/8, [::1] and the names in WebhookHosts; '{url.Host}' is not one of them.";
        }

        return withHeaders && url.Scheme != Uri.UriSchemeHttps
            ? $"Webhook headers are credentials: a subscription with headers to '{url.Host}' (not loopback) needs https."
            : null;
    }
}
