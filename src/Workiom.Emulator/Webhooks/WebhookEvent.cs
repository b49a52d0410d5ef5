namespace Workiom.Emulator.Webhooks;

/// <summary>What a webhook subscription is told about: Workiom's <c>eventType</c> of AddSubscription.</summary>
public enum WebhookEvent
{
    /// <summary>A record was created (Data/Create); <c>eventType</c> 0.</summary>
    Created = 0,

    /// <summary>A record was updated (Data/Update or Data/UpdatePartial); <c>eventType</c> 1.</summary>
    Updated = 1,
}

/// <summary>Where one delivery attempt left its delivery.</summary>
public enum WebhookDeliveryOutcome
{
    /// <summary>The target answered 2xx: the delivery is done.</summary>
    Delivered,

    /// <summary>The attempt failed (non-2xx reply, timeout or connection error); another attempt follows.</summary>
    Retrying,

    /// <summary>The last attempt failed: the emulator gave up on this delivery.</summary>
    Failed,
}
