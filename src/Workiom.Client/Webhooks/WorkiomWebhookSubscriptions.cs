using System.Text.Json;
using Workiom.Http;
using Workiom.Repositories;

namespace Workiom.Webhooks;

/// <summary>
/// Subscribes URLs to the created or updated records of one list (<c>WebhookSubscription/AddSubscription</c>) and
/// removes subscriptions (<c>DeleteSubscription</c>). Reached as <c>client.Deals().Webhooks</c>.
/// </summary>
/// <typeparam name="TRecord">The generated record type of the list.</typeparam>
public sealed class WorkiomWebhookSubscriptions<TRecord>
    where TRecord : WorkiomRecord, IWorkiomRecord<TRecord>
{
    private const string SubscriptionPath = "api/services/app/WebhookSubscription/";

    private readonly WorkiomClient _client;
    private readonly string _listId;
    private readonly string? _appId;

    internal WorkiomWebhookSubscriptions(WorkiomClient client, string listId, string? appId)
    {
        _client = client;
        _listId = listId;
        _appId = appId;
    }

    /// <summary>
    /// Subscribes <paramref name="url"/> to the list's created or updated records. The URL is registered with the
    /// query <c>workiom-event=created</c> or <c>workiom-event=updated</c> added (unless it already has that key), so
    /// the receiver knows the event: Workiom's payload does not say. Workiom may deliver to a URL only once it is
    /// reachable from the internet; headers (a shared secret) can be added in Workiom's automation UI.
    /// </summary>
    /// <param name="url">An absolute https URL (http only to a loopback host), without a user name or password.</param>
    /// <param name="event">Created or updated records.</param>
    /// <param name="name">The subscription's name in Workiom; by default the list name and the event.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The subscription, with the id <see cref="UnsubscribeAsync"/> takes.</returns>
    /// <exception cref="ArgumentException">The URL is not one Workiom can be asked to post records to.</exception>
    /// <exception cref="WorkiomException">Workiom refused the subscription (the typed exception of its reply).</exception>
    public async Task<WorkiomWebhookSubscription> SubscribeAsync(Uri url, WorkiomWebhookEvent @event, string? name = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(url);
        if (@event is not (WorkiomWebhookEvent.Created or WorkiomWebhookEvent.Updated))
        {
            throw new ArgumentOutOfRangeException(nameof(@event), @event, "Use WorkiomWebhookEvent.Created or WorkiomWebhookEvent.Updated.");
        }

        if (WorkiomWebhookSubscriptions.UrlProblem(url) is { } problem)
        {
            throw new ArgumentException(problem, nameof(url));
        }

        var registered = WorkiomWebhookSubscriptions.WithEvent(url, @event);
        string subscriptionName = string.IsNullOrWhiteSpace(name)
            ? TRecord.WorkiomListName + (@event == WorkiomWebhookEvent.Created ? " created" : " updated")
            : name;
        var body = WorkiomTransport.JsonBody(writer =>
        {
            writer.WriteStartObject();
            if (_appId is null)
            {
                writer.WriteNull("appId");
            }
            else
            {
                writer.WriteString("appId", _appId);
            }

            writer.WriteString("listId", _listId);
            writer.WriteString("name", subscriptionName);
            writer.WriteBoolean("isActive", true);
            writer.WriteString("webHook", registered.AbsoluteUri);
            writer.WriteNumber("eventType", (int)@event);
            writer.WriteEndObject();
        });

        // Not repeated once it may have reached Workiom: a lost reply must not subscribe the URL twice.
        var reply = await _client.Transport.SendAsync(
            HttpMethod.Post, SubscriptionPath + "AddSubscription", body, idempotent: false, authenticate: true, cancellationToken).ConfigureAwait(false);
        string? id = null;
        if (!reply.ResultIsNull)
        {
            var reader = reply.ResultReader();
            if (reader.TokenType == JsonTokenType.StartObject)
            {
                while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
                {
                    bool isId = reader.ValueTextEquals("id"u8);
                    reader.Read();
                    if (isId && reader.TokenType is JsonTokenType.String or JsonTokenType.Number)
                    {
                        id = reader.TokenType == JsonTokenType.String ? reader.GetString() : System.Text.Encoding.UTF8.GetString(reader.ValueSpan);
                    }

                    reader.Skip();
                }
            }
        }

        if (string.IsNullOrEmpty(id))
        {
            throw new WorkiomInvalidReplyException(
                "WebhookSubscription/AddSubscription for the " + TRecord.WorkiomListName + " list succeeded but returned no subscription id; the subscription may exist in Workiom.",
                excerpt: string.Empty);
        }

        return new WorkiomWebhookSubscription(id, _listId, registered, @event);
    }

    /// <summary>Removes a subscription (<c>DeleteSubscription</c>): nothing more is delivered to it.</summary>
    /// <param name="subscriptionId">The id <see cref="SubscribeAsync"/> returned (or the one Workiom shows).</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <exception cref="WorkiomNotFoundException">Workiom has no subscription with that id.</exception>
    /// <exception cref="WorkiomException">Workiom refused the call (the typed exception of its reply).</exception>
    public async Task UnsubscribeAsync(string subscriptionId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(subscriptionId);
        await _client.Transport.SendAsync(
            HttpMethod.Delete, SubscriptionPath + "DeleteSubscription?subscriptionId=" + Uri.EscapeDataString(subscriptionId), content: null,
            idempotent: true, authenticate: true, cancellationToken).ConfigureAwait(false);
    }
}

/// <summary>What the subscriptions of every list share.</summary>
internal static class WorkiomWebhookSubscriptions
{
    /// <summary>The query key that tells the receiver the event.</summary>
    public const string EventQueryKey = "workiom-event";

    /// <summary>Why Workiom must not be asked to post records to <paramref name="url"/>; null when it may.</summary>
    public static string? UrlProblem(Uri url)
    {
        if (!url.IsAbsoluteUri || (url.Scheme != Uri.UriSchemeHttps && url.Scheme != Uri.UriSchemeHttp))
        {
            return "The webhook URL must be an absolute https:// URL.";
        }

        if (url.UserInfo.Length > 0)
        {
            return "The webhook URL may not carry a user name or password: add a header with a shared secret in Workiom's automation UI instead.";
        }

        if (url.Scheme == Uri.UriSchemeHttp && !url.IsLoopback)
        {
            return "The webhook URL must use https: records (and any secret in the URL) would travel in clear text to '" + url.Host + "'.";
        }

        return null;
    }

    /// <summary>The URL with <c>workiom-event=created|updated</c> added to its query, unless it has that key.</summary>
    public static Uri WithEvent(Uri url, WorkiomWebhookEvent @event)
    {
        string query = url.Query.TrimStart('?');
        if (HasKey(query))
        {
            return url;
        }

        var builder = new UriBuilder(url)
        {
            Query = (query.Length == 0 ? string.Empty : query + "&") + EventQueryKey + "=" + (@event == WorkiomWebhookEvent.Created ? "created" : "updated"),
        };
        return builder.Uri;
    }

    /// <summary>The event a query's <c>workiom-event</c> names; null when it names none (or none known).</summary>
    public static WorkiomWebhookEvent? EventOf(string query)
    {
        // Every workiom-event key must name the same event: keys that disagree name none (never the first guessed).
        WorkiomWebhookEvent? found = null;
        foreach (var part in query.TrimStart('?').Split('&'))
        {
            int equals = part.IndexOf('=', StringComparison.Ordinal);
            string key = Uri.UnescapeDataString(equals < 0 ? part : part[..equals]);
            if (string.Equals(key, EventQueryKey, StringComparison.OrdinalIgnoreCase))
            {
                string value = equals < 0 ? string.Empty : Uri.UnescapeDataString(part[(equals + 1)..]);
                WorkiomWebhookEvent? named = value.Equals("created", StringComparison.OrdinalIgnoreCase) ? WorkiomWebhookEvent.Created
                    : value.Equals("updated", StringComparison.OrdinalIgnoreCase) ? WorkiomWebhookEvent.Updated
                    : null;
                if (named is null || (found is not null && found != named))
                {
                    return null;
                }

                found = named;
            }
        }

        return found;
    }

    private static bool HasKey(string query)
    {
        foreach (var part in query.Split('&'))
        {
            int equals = part.IndexOf('=', StringComparison.Ordinal);
            if (string.Equals(Uri.UnescapeDataString(equals < 0 ? part : part[..equals]), EventQueryKey, StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>The URL for display: the query's values become <c>***</c>, the names stay; no fragment.</summary>
    public static string Masked(Uri url)
    {
        if (!url.IsAbsoluteUri)
        {
            return "(relative URL)";
        }

        string shown = url.GetLeftPart(UriPartial.Path);
        string query = url.Query.TrimStart('?');
        if (query.Length == 0)
        {
            return shown;
        }

        var parts = query.Split('&').Select(part =>
        {
            int equals = part.IndexOf('=', StringComparison.Ordinal);
            return equals < 0 ? (part.Length == 0 ? part : "***") : part[..(equals + 1)] + "***";
        });
        return shown + "?" + string.Join("&", parts);
    }
}
