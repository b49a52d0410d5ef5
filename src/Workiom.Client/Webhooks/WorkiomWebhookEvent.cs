namespace Workiom.Webhooks;

/// <summary>What a webhook subscription is told about: Workiom's <c>eventType</c> of AddSubscription.</summary>
public enum WorkiomWebhookEvent
{
    /// <summary>A record was created (<c>eventType</c> 0).</summary>
    Created = 0,

    /// <summary>A record was updated (<c>eventType</c> 1).</summary>
    Updated = 1,
}
