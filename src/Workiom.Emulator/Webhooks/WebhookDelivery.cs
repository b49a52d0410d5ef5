namespace Workiom.Emulator.Webhooks;

/// <summary>One attempt to deliver a record to a subscription, as the delivery log keeps it.</summary>
public sealed class WebhookDelivery
{
    internal WebhookDelivery(
        string subscriptionId,
        Uri url,
        WebhookEvent @event,
        string recordId,
        string body,
        int attempt,
        int? statusCode,
        string? error,
        DateTimeOffset time,
        WebhookDeliveryOutcome outcome)
    {
        SubscriptionId = subscriptionId;
        Url = url;
        Event = @event;
        RecordId = recordId;
        Body = body;
        Attempt = attempt;
        StatusCode = statusCode;
        Error = error;
        Time = time;
        Outcome = outcome;
    }

    /// <summary>The subscription delivered to.</summary>
    public string SubscriptionId { get; }

    /// <summary>The URL POSTed to (the real URL; <see cref="ToString"/> shows it with query values masked).</summary>
    public Uri Url { get; }

    /// <summary>Whether the record was created or updated.</summary>
    public WebhookEvent Event { get; }

    /// <summary>The <c>_id</c> of the record delivered.</summary>
    public string RecordId { get; }

    /// <summary>The JSON body POSTed: the record keyed by field names (the same for every attempt of a delivery).</summary>
    public string Body { get; }

    /// <summary>
    /// 1 for the first attempt, 2 for the first retry, and so on; 0 when the delivery failed before any attempt
    /// (the subscription already had 10 000 deliveries waiting, see <see cref="Error"/>).
    /// </summary>
    public int Attempt { get; }

    /// <summary>The HTTP status the target answered, or null when no reply came (see <see cref="Error"/>).</summary>
    public int? StatusCode { get; }

    /// <summary>Why no reply came (timeout, connection refused, ...), or null when one did.</summary>
    public string? Error { get; }

    /// <summary>When the attempt ended, by the emulator's clock.</summary>
    public DateTimeOffset Time { get; }

    /// <summary>Delivered, retrying, or failed for good.</summary>
    public WebhookDeliveryOutcome Outcome { get; }

    /// <summary>True when the delivery is over: delivered, or failed after the last attempt.</summary>
    public bool IsFinal => Outcome != WebhookDeliveryOutcome.Retrying;

    /// <inheritdoc />
    public override string ToString() =>
        $"{Event} {RecordId} to {WebhookTargets.Masked(Url)} (subscription {SubscriptionId}), attempt {Attempt}: {(StatusCode is int status ? "HTTP " + status : Error)} → {Outcome}";
}
