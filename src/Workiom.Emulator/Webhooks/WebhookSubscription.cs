namespace Workiom.Emulator.Webhooks;

/// <summary>
/// A subscription to a list's created or updated records. Header values are credentials: only their names
/// are shown here.
/// </summary>
public sealed class WebhookSubscription
{
    internal WebhookSubscription(string id, string listId, string? appId, string name, Uri url, WebhookEvent @event, bool isActive, IReadOnlyList<string> headerNames)
    {
        Id = id;
        ListId = listId;
        AppId = appId;
        Name = name;
        Url = url;
        Event = @event;
        IsActive = isActive;
        HeaderNames = headerNames;
    }

    /// <summary>The id AddSubscription answered with; DeleteSubscription takes it.</summary>
    public string Id { get; }

    /// <summary>The list whose records are delivered.</summary>
    public string ListId { get; }

    /// <summary>The <c>appId</c> given when subscribing, if any.</summary>
    public string? AppId { get; }

    /// <summary>The subscription's name (free text, may be empty).</summary>
    public string Name { get; }

    /// <summary>Where the records are POSTed (the real URL; <see cref="ToString"/> shows it with query values masked).</summary>
    public Uri Url { get; }

    /// <summary>Which writes are delivered.</summary>
    public WebhookEvent Event { get; }

    /// <summary>An inactive subscription is kept but receives nothing.</summary>
    public bool IsActive { get; }

    /// <summary>The names of the extra headers sent with each delivery (their values are not shown).</summary>
    public IReadOnlyList<string> HeaderNames { get; }

    /// <inheritdoc />
    public override string ToString() => $"{Id}: {Event} of list {ListId} to {WebhookTargets.Masked(Url)}{(IsActive ? "" : " (inactive)")}";
}
