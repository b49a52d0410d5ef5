using System.Net;
using System.Text.Json;

namespace Workiom.Cli;

/// <summary>The few Workiom calls the tool needs, with every failure turned into a <see cref="CliException"/>.</summary>
public sealed class WorkiomApi : IDisposable
{
    private readonly HttpClient _http;
    private readonly bool _ownsClient;

    public WorkiomApi(Uri baseUrl, string apiKey, HttpMessageHandler? handler = null)
    {
        BaseUrl = baseUrl;
        _ownsClient = true;
        _http = handler is null ? new HttpClient() : new HttpClient(handler, disposeHandler: false);
        _http.BaseAddress = new Uri(baseUrl.ToString().TrimEnd('/') + "/api/services/app/");
        _http.Timeout = TimeSpan.FromSeconds(100);
        _http.DefaultRequestHeaders.Add("X-Api-Key", apiKey);
    }

    public Uri BaseUrl { get; }

    /// <summary>Apps with their lists: (app id, app name, [(list id, list name)]).</summary>
    public async Task<IReadOnlyList<(string Id, string Name, IReadOnlyList<(string Id, string Name)> Lists)>> GetAppsAsync(CancellationToken cancellationToken)
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

    public async Task<IReadOnlyList<(string Id, string Name)>> GetListsAsync(string appId, CancellationToken cancellationToken)
    {
        using var document = await GetAsync("Lists/GetAll?appId=" + Uri.EscapeDataString(appId), "the lists of app " + appId, cancellationToken);
        return Items(document.RootElement).Select(l => (Text(l, "id"), Text(l, "name"))).ToList();
    }

    /// <summary>The list's <c>Lists/Get</c> reply with its fields, without the envelope.</summary>
    public async Task<JsonElement> GetListAsync(string listId, CancellationToken cancellationToken)
    {
        using var document = await GetAsync("Lists/Get?id=" + Uri.EscapeDataString(listId) + "&expand=Fields", "list " + listId, cancellationToken);
        if (document.RootElement.ValueKind != JsonValueKind.Object || !document.RootElement.TryGetProperty("fields", out _))
        {
            throw new CliException("Workiom's reply for list " + listId + " has no fields.");
        }

        return document.RootElement.Clone();
    }

    public void Dispose()
    {
        if (_ownsClient)
        {
            _http.Dispose();
        }
    }

    private async Task<JsonDocument> GetAsync(string path, string what, CancellationToken cancellationToken)
    {
        HttpResponseMessage response;
        try
        {
            response = await _http.GetAsync(path, cancellationToken);
        }
        catch (HttpRequestException e)
        {
            throw new CliException("Cannot reach Workiom at " + BaseUrl + ": " + e.Message, e);
        }
        catch (TaskCanceledException e) when (!cancellationToken.IsCancellationRequested)
        {
            throw new CliException("Workiom at " + BaseUrl + " did not answer in time while reading " + what + ".", e);
        }

        using (response)
        {
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
                    ? message.GetString()
                    : null;
            string detail = serverMessage is null ? string.Empty : " (" + serverMessage + ")";
            try
            {
                if (response.StatusCode is HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden)
                {
                    throw new CliException("Workiom refused the API key" + detail + "; check WORKIOM_API_KEY or --api-key.");
                }

                if (response.StatusCode == HttpStatusCode.NotFound)
                {
                    throw new CliException("Workiom does not know " + what + detail + ".");
                }

                if (!response.IsSuccessStatusCode)
                {
                    throw new CliException("Workiom answered HTTP " + (int)response.StatusCode + " while reading " + what + detail + ".");
                }

                if (document is null || document.RootElement.ValueKind != JsonValueKind.Object)
                {
                    throw new CliException("Workiom's reply while reading " + what + " is not JSON.");
                }

                if (document.RootElement.TryGetProperty("success", out var success) && success.ValueKind == JsonValueKind.False)
                {
                    throw new CliException("Workiom could not return " + what + detail + ".");
                }

                if (!document.RootElement.TryGetProperty("result", out var result))
                {
                    throw new CliException("Workiom's reply while reading " + what + " has no result.");
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

    private static IEnumerable<JsonElement> Items(JsonElement result) =>
        result.ValueKind == JsonValueKind.Object && result.TryGetProperty("items", out var items) && items.ValueKind == JsonValueKind.Array
            ? items.EnumerateArray()
            : result.ValueKind == JsonValueKind.Array ? result.EnumerateArray() : Enumerable.Empty<JsonElement>();

    private static string Text(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value)
            ? value.ValueKind == JsonValueKind.String ? value.GetString() ?? string.Empty : value.GetRawText()
            : string.Empty;
}
