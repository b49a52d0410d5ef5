namespace Workiom.Cli.Webhooks;

/// <summary>Webhook URLs: the event query the receiver reads, and the masked form the tool prints.</summary>
public static class WebhookUrls
{
    /// <summary>The query key that tells the receiver which event a delivery is (the payload does not say).</summary>
    public const string EventKey = "workiom-event";

    /// <summary>
    /// The URL to register: <paramref name="url"/> as given with <c>workiom-event=&lt;event&gt;</c> appended to its
    /// query (before any fragment), unless it already has that key with the same value. A URL that is not
    /// absolute http(s), or that names another event, is refused.
    /// </summary>
    public static string WithEvent(string url, string eventName)
    {
        string trimmed = url.Trim();
        if (!Uri.TryCreate(trimmed, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https") || uri.Host.Length == 0)
        {
            throw new CliException("The webhook URL must be an absolute http:// or https:// address.");
        }

        int hash = trimmed.IndexOf('#', StringComparison.Ordinal);
        string beforeFragment = hash < 0 ? trimmed : trimmed[..hash];
        string fragment = hash < 0 ? string.Empty : trimmed[hash..];
        int question = beforeFragment.IndexOf('?', StringComparison.Ordinal);
        string query = question < 0 ? string.Empty : beforeFragment[(question + 1)..];
        foreach (string part in query.Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            int equals = part.IndexOf('=', StringComparison.Ordinal);
            string key = Uri.UnescapeDataString(equals < 0 ? part : part[..equals]);
            if (string.Equals(key, EventKey, StringComparison.OrdinalIgnoreCase))
            {
                string value = equals < 0 ? string.Empty : Uri.UnescapeDataString(part[(equals + 1)..]);
                if (string.Equals(value, eventName, StringComparison.Ordinal))
                {
                    return trimmed;
                }

                throw new CliException("The webhook URL already has '" + EventKey + "' in its query with another value than '" + eventName + "'; remove it or pass the matching --event.");
            }
        }

        string separator = question < 0 ? "?" : query.Length == 0 || query.EndsWith('&') ? string.Empty : "&";
        return beforeFragment + separator + EventKey + "=" + eventName + fragment;
    }

    /// <summary>
    /// <paramref name="text"/> (a server's message) with <paramref name="url"/> replaced by its masked form, and
    /// any of its credentials (query values, user name and password) that still appear replaced by <c>***</c>.
    /// </summary>
    public static string Scrub(string text, string url)
    {
        string scrubbed = text.Replace(url, Masked(url), StringComparison.Ordinal);
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri))
        {
            return scrubbed;
        }

        var secrets = uri.Query.TrimStart('?').Split('&')
            .Select(part => part.IndexOf('=', StringComparison.Ordinal) is var equals and >= 0 ? part[(equals + 1)..] : part)
            .Concat(uri.UserInfo.Split(':'))
            .Where(value => value.Length >= 3 && value is not ("created" or "updated"))
            .SelectMany(value => new[] { value, Uri.UnescapeDataString(value) })
            .Distinct()
            .OrderByDescending(value => value.Length);
        foreach (string secret in secrets)
        {
            scrubbed = scrubbed.Replace(secret, "***", StringComparison.Ordinal);
        }

        return scrubbed;
    }

    /// <summary>
    /// The URL as the tool prints it: scheme, host, port and path; a user name or password as <c>***@</c>; every
    /// query value as <c>***</c> except the event's (a token in a query is a credential); a fragment as <c>#***</c>.
    /// </summary>
    public static string Masked(string url)
    {
        if (!Uri.TryCreate(url.Trim(), UriKind.Absolute, out var uri))
        {
            return "(not an absolute URL)";
        }

        string shown = uri.GetComponents(UriComponents.SchemeAndServer | UriComponents.Path, UriFormat.UriEscaped);
        if (uri.UserInfo.Length > 0)
        {
            int start = shown.IndexOf("://", StringComparison.Ordinal) + 3;
            shown = shown[..start] + "***@" + shown[start..];
        }

        string query = uri.Query.TrimStart('?');
        if (query.Length > 0)
        {
            var parts = query.Split('&').Select(part =>
            {
                int equals = part.IndexOf('=', StringComparison.Ordinal);
                if (equals < 0)
                {
                    return part.Length == 0 ? part : "***";
                }

                string key = part[..equals];
                return string.Equals(Uri.UnescapeDataString(key), EventKey, StringComparison.OrdinalIgnoreCase)
                    && part[(equals + 1)..] is "created" or "updated"
                    ? part
                    : key + "=***";
            });
            shown += "?" + string.Join("&", parts);
        }

        return uri.Fragment.Length > 1 ? shown + "#***" : shown;
    }
}
