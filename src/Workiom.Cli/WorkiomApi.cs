using System.Net;
using System.Text.Json;
using Workiom.Http;
using Workiom.Staleness;

namespace Workiom.Cli;

/// <summary>The few Workiom calls the tool needs, with every failure turned into a <see cref="CliException"/>.</summary>
public sealed class WorkiomApi : IDisposable
{
    /// <summary>The largest reply the tool reads (as the client's default Workiom:MaxReplyBytes); a larger one is refused.</summary>
    public const long MaxReplyBytes = WorkiomClientOptions.DefaultMaxReplyBytes;

    private readonly HttpClient _http;
    private readonly string _apiKey;

    /// <param name="baseUrl">An address checked by <see cref="CheckBaseUrl"/>.</param>
    public WorkiomApi(Uri baseUrl, string apiKey)
    {
        BaseUrl = baseUrl;
        _apiKey = apiKey;

        // Redirects are not followed: .NET drops Authorization on a redirect but keeps custom headers, so
        // X-Api-Key would go to whatever host the Location names. A 3xx is reported instead (see GetAsync).
        _http = new HttpClient(new SocketsHttpHandler { AllowAutoRedirect = false }, disposeHandler: true);
        _http.BaseAddress = new Uri(baseUrl.ToString().TrimEnd('/') + "/api/services/app/");
        _http.Timeout = TimeSpan.FromSeconds(100);

        // A reply is buffered whole before it is parsed: never more than this, whatever the server sends.
        _http.MaxResponseContentBufferSize = MaxReplyBytes;
        _http.DefaultRequestHeaders.Add("X-Api-Key", apiKey);
    }

    public Uri BaseUrl { get; }

    /// <summary>Where the key came from, as error messages name it (never the key itself).</summary>
    public string KeySource { get; init; } = "WORKIOM_API_KEY or --api-key";

    /// <summary>Apps with their lists: (app id, app name, [(list id, list name)]).</summary>
    public async Task<IReadOnlyList<(string Id, string Name, IReadOnlyList<(string Id, string Name)> Lists)>> GetAppsAsync(CancellationToken cancellationToken = default)
    {
        using var document = await GetAsync("Apps/GetAll?withListsAndMainFields=true", "the apps", cancellationToken);
        var apps = new List<(string, string, IReadOnlyList<(string, string)>)>();
        foreach (var app in Items(document.RootElement))
        {
            string appId = Text(app, "id");
            IReadOnlyList<(string, string)> lists = app.TryGetProperty("lists", out var embedded) && embedded.ValueKind == JsonValueKind.Array
                ? embedded.EnumerateArray().Select(l => (Text(l, "id"), Text(l, "name"))).ToList()
                : await GetListsAsync(appId, cancellationToken);
            apps.Add((appId, Text(app, "name"), lists));
        }

        return apps;
    }

    /// <summary>The ids of the apps the key can see.</summary>
    public async Task<IReadOnlyList<string>> GetAppIdsAsync(CancellationToken cancellationToken = default)
    {
        using var document = await GetAsync("Apps/GetAll", "the apps", cancellationToken);
        return Items(document.RootElement).Select(a => Text(a, "id")).ToList();
    }

    public async Task<IReadOnlyList<(string Id, string Name)>> GetListsAsync(string appId, CancellationToken cancellationToken = default)
    {
        using var document = await GetAsync("Lists/GetAll?appId=" + Uri.EscapeDataString(appId), "the lists of app " + appId, cancellationToken);
        return Items(document.RootElement).Select(l => (Text(l, "id"), Text(l, "name"))).ToList();
    }

    /// <summary>The list's <c>Lists/Get</c> reply with its fields, without the envelope.</summary>
    public async Task<JsonElement> GetListAsync(string listId, CancellationToken cancellationToken = default)
    {
        // System fields (creator, dates) are in the reply only when asked for; without them their values
        // in records would be unknown keys. 'expand' is repeated once per value, as Workiom's clients send it.
        string query = "Lists/Get?id=" + Uri.EscapeDataString(listId)
            + string.Concat(SnapshotVersions.PullExpand.Select(e => "&expand=" + Uri.EscapeDataString(e)))
            + "&includeSystemFields=true";
        using var document = await GetAsync(query, "list " + listId, cancellationToken);
        if (document.RootElement.ValueKind != JsonValueKind.Object || !document.RootElement.TryGetProperty("fields", out _))
        {
            throw new CliException("Workiom's reply for list " + listId + " has no fields.");
        }

        // A JSON string may escape half a surrogate pair ("\ud800"); such text cannot be read as a .NET
        // string, so the list could be neither written to a snapshot faithfully nor compared. Said where, before any write.
        if (FirstInvalidText(document.RootElement, "$") is { } where)
        {
            throw new CliException("Workiom's reply for list " + listId + " holds text that is not valid Unicode (half a surrogate pair) at " + where + ".");
        }

        if (!document.RootElement.TryGetProperty("id", out var id) || id.ValueKind is not (JsonValueKind.String or JsonValueKind.Number)
            || (id.ValueKind == JsonValueKind.String && string.IsNullOrEmpty(id.GetString())))
        {
            throw new CliException("Workiom's reply for list " + listId + " has no list id.");
        }

        return document.RootElement.Clone();
    }

    /// <summary>
    /// The base URL the tool may send the key to, by the client's own rule
    /// (<see cref="WorkiomClientOptions.Validate"/>): https, or plain http to a loopback host only.
    /// An address that carries a user name or password is refused first, without repeating it.
    /// </summary>
    public static Uri CheckBaseUrl(string address)
    {
        string trimmed = address.Trim();
        if (CarriesCredentials(trimmed))
        {
            throw new CliException("The base URL must not carry a user name or password (user:password@); pass the key with WORKIOM_API_KEY or --api-key.");
        }

        try
        {
            return new WorkiomClientOptions { BaseUrl = trimmed }.Validate();
        }
        catch (WorkiomConfigurationException e)
        {
            throw new CliException("The base URL is refused: " + e.Message, e);
        }
    }

    /// <summary>True when the address has a user name or password, or an '@' where one would go (the URL parser may read it otherwise).</summary>
    private static bool CarriesCredentials(string address)
    {
        if (Uri.TryCreate(address, UriKind.Absolute, out var uri) && uri.UserInfo.Length > 0)
        {
            return true;
        }

        int separator = address.IndexOf("://", StringComparison.Ordinal);
        int start = separator < 0 ? 0 : separator + 3;
        int end = address.IndexOfAny(['/', '?', '#'], start);
        return address.AsSpan(start, (end < 0 ? address.Length : end) - start).Contains('@');
    }

    /// <summary>Scheme, host and port: how the tool names a server in messages, headers and reports (never a user name or password).</summary>
    public static string Origin(Uri uri) => uri.GetComponents(UriComponents.SchemeAndServer, UriFormat.UriEscaped);

    public void Dispose() => _http.Dispose();

    /// <summary>
    /// Subscribes <paramref name="url"/> to a list's created (0) or updated (1) records with
    /// <c>WebhookSubscription/AddSubscription</c>; returns the subscription id Workiom answered with.
    /// </summary>
    public async Task<string> AddSubscriptionAsync(string appId, string listId, string name, string url, int eventType, CancellationToken cancellationToken = default)
    {
        var body = new System.Text.Json.Nodes.JsonObject
        {
            ["appId"] = appId,
            ["listId"] = listId,
            ["name"] = name,
            ["isActive"] = true,
            ["webHook"] = url,
            ["eventType"] = eventType,
        };
        using var content = new StringContent(body.ToJsonString(), System.Text.Encoding.UTF8, "application/json");
        using var document = (await SendAsync(HttpMethod.Post, "WebhookSubscription/AddSubscription", content, "a webhook subscription on list " + listId, cancellationToken))!;
        var result = document.RootElement;
        string id = result.ValueKind == JsonValueKind.Object && result.TryGetProperty("id", out var value) ? value.ValueKind == JsonValueKind.String ? String(value) : value.GetRawText() : string.Empty;
        if (id.Length == 0 || id == "null")
        {
            throw new CliException("Workiom's reply to the webhook subscription on list " + listId + " has no subscription id.");
        }

        return id;
    }

    /// <summary>Deletes a webhook subscription (<c>WebhookSubscription/DeleteSubscription</c>); false when Workiom does not know it (HTTP 404).</summary>
    public async Task<bool> DeleteSubscriptionAsync(string subscriptionId, CancellationToken cancellationToken = default)
    {
        using var document = await SendAsync(
            HttpMethod.Delete, "WebhookSubscription/DeleteSubscription?subscriptionId=" + Uri.EscapeDataString(subscriptionId), null, "webhook subscription " + subscriptionId, cancellationToken, notFoundIsNull: true);
        return document is not null;
    }

    private async Task<JsonDocument> GetAsync(string path, string what, CancellationToken cancellationToken) =>
        (await SendAsync(HttpMethod.Get, path, null, what, cancellationToken))!;

    /// <summary>One call; the unwrapped <c>result</c>, or null for HTTP 404 when <paramref name="notFoundIsNull"/>.</summary>
    private async Task<JsonDocument?> SendAsync(HttpMethod method, string path, HttpContent? content, string what, CancellationToken cancellationToken, bool notFoundIsNull = false)
    {
        string reading = method == HttpMethod.Get ? "while reading " : "while sending ";
        HttpResponseMessage response;
        try
        {
            using var request = new HttpRequestMessage(method, path) { Content = content };
            response = await _http.SendAsync(request, cancellationToken);
        }
        catch (HttpRequestException e) when (e.HttpRequestError == HttpRequestError.ConfigurationLimitExceeded)
        {
            throw new CliException("Workiom's reply while reading " + what + " is larger than " + MaxReplyBytes + " bytes; it was not read further.", e);
        }
        catch (HttpRequestException e)
        {
            // .NET quotes some of the server's bytes (a malformed status line or header) in the message.
            throw new CliException("Cannot reach Workiom at " + BaseUrl + ": " + Scrub(e.Message), e);
        }
        catch (TaskCanceledException e) when (!cancellationToken.IsCancellationRequested)
        {
            throw new CliException("Workiom at " + BaseUrl + " did not answer in time " + reading + what + ".", e);
        }

        using (response)
        {
            if ((int)response.StatusCode is >= 300 and <= 399)
            {
                // Not followed (see the constructor): the key stays with the host it was given for.
                var location = response.Headers.Location;
                string target = location is null
                    ? "without a Location"
                    : "to " + Origin(location.IsAbsoluteUri ? location : new Uri(response.RequestMessage?.RequestUri ?? BaseUrl, location));
                throw new CliException("Workiom at " + Origin(BaseUrl) + " answered HTTP " + (int)response.StatusCode + ", a redirect " + target
                    + ", " + reading + what + "; the tool does not follow redirects, so the API key is not sent on. If that address is Workiom, pass it as --base-url.");
            }

            string body = await response.Content.ReadAsStringAsync(cancellationToken);
            JsonDocument? document = null;
            try
            {
                document = JsonDocument.Parse(body);
            }
            catch (JsonException)
            {
                // Reported below with the status, which says more than the parse error.
            }

            string? serverMessage = document is not null && document.RootElement.ValueKind == JsonValueKind.Object
                && document.RootElement.TryGetProperty("error", out var error) && error.ValueKind == JsonValueKind.Object
                && error.TryGetProperty("message", out var message) && message.ValueKind == JsonValueKind.String
                    ? Scrub(String(message))
                    : null;
            string detail = serverMessage is null ? string.Empty : " (" + serverMessage + ")";
            try
            {
                if (response.StatusCode is HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden)
                {
                    throw new CliException("Workiom refused the API key" + detail + "; check " + KeySource + ".");
                }

                if (response.StatusCode == HttpStatusCode.NotFound && notFoundIsNull)
                {
                    document?.Dispose();
                    return null;
                }

                if (response.StatusCode == HttpStatusCode.NotFound)
                {
                    throw new CliException("Workiom does not know " + what + detail + ".");
                }

                if (!response.IsSuccessStatusCode)
                {
                    throw new CliException("Workiom answered HTTP " + (int)response.StatusCode + " " + reading + what + detail + ".");
                }

                if (document is null || document.RootElement.ValueKind != JsonValueKind.Object)
                {
                    throw new CliException("Workiom's reply " + reading + what + " is not JSON.");
                }

                if (document.RootElement.TryGetProperty("success", out var success) && success.ValueKind == JsonValueKind.False)
                {
                    throw new CliException((method == HttpMethod.Get ? "Workiom could not return " : "Workiom refused ") + what + detail + ".");
                }

                if (!document.RootElement.TryGetProperty("result", out var result))
                {
                    throw new CliException("Workiom's reply " + reading + what + " has no result.");
                }

                var unwrapped = JsonDocument.Parse(result.GetRawText());
                document.Dispose();
                return unwrapped;
            }
            catch
            {
                document?.Dispose();
                throw;
            }
        }
    }

    /// <summary>A server's text with the API key taken out, for a server that echoes what it was sent.</summary>
    private string? Scrub(string? text) =>
        text is null || _apiKey.Length == 0 ? text : text.Replace(_apiKey, "(redacted)", StringComparison.Ordinal);

    private static IEnumerable<JsonElement> Items(JsonElement result) =>
        result.ValueKind == JsonValueKind.Object && result.TryGetProperty("items", out var items) && items.ValueKind == JsonValueKind.Array
            ? items.EnumerateArray()
            : result.ValueKind == JsonValueKind.Array ? result.EnumerateArray() : Enumerable.Empty<JsonElement>();

    private static string Text(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value)
            ? value.ValueKind == JsonValueKind.String ? String(value) : value.GetRawText()
            : string.Empty;

    /// <summary>A string value; text that is not valid Unicode is shown as Workiom escaped it, never thrown.</summary>
    private static string String(JsonElement value)
    {
        try
        {
            return value.GetString() ?? string.Empty;
        }
        catch (InvalidOperationException)
        {
            string raw = value.GetRawText();
            return raw.Length >= 2 ? raw[1..^1] : raw;
        }
    }

    /// <summary>The JSON path of the first string or property name that is not valid UTF-16, or null.</summary>
    private static string? FirstInvalidText(JsonElement element, string path)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.String:
                return IsValid(element.GetString) ? null : path;
            case JsonValueKind.Object:
                foreach (var property in element.EnumerateObject())
                {
                    string? name = null;
                    if (!IsValid(() => name = property.Name))
                    {
                        return path + ".<a property name>";
                    }

                    if (FirstInvalidText(property.Value, path + "." + name) is { } found)
                    {
                        return found;
                    }
                }

                return null;
            case JsonValueKind.Array:
                int index = 0;
                foreach (var item in element.EnumerateArray())
                {
                    if (FirstInvalidText(item, path + "[" + index.ToString(System.Globalization.CultureInfo.InvariantCulture) + "]") is { } found)
                    {
                        return found;
                    }

                    index++;
                }

                return null;
            default:
                return null;
        }
    }

    private static bool IsValid(Func<string?> read)
    {
        try
        {
            read();
            return true;
        }
        catch (InvalidOperationException)
        {
            return false;
        }
    }
}
