namespace Workiom.Webhooks;

/// <summary>A webhook subscription made through <c>SubscribeAsync</c>.</summary>
public sealed class WorkiomWebhookSubscription
{
    internal WorkiomWebhookSubscription(string id, string listId, Uri url, WorkiomWebhookEvent @event)
    {
        Id = id;
        ListId = listId;
        Url = url;
        Event = @event;
    }

    /// <summary>The id Workiom gave the subscription; <c>UnsubscribeAsync</c> takes it.</summary>
    public string Id { get; }

    /// <summary>The id of the list whose records are delivered.</summary>
    public string ListId { get; }

    /// <summary>The URL Workiom posts to, as registered (with the <c>workiom-event</c> query). Its query may carry a secret: do not log it.</summary>
    public Uri Url { get; }

    /// <summary>Which records are delivered: created or updated ones.</summary>
    public WorkiomWebhookEvent Event { get; }

    /// <summary>The subscription, its URL's query values masked.</summary>
    public override string ToString() =>
        "WorkiomWebhookSubscription { Id = " + Id + ", ListId = " + ListId + ", Url = " + WorkiomWebhookSubscriptions.Masked(Url) + ", Event = " + Event + " }";
}
