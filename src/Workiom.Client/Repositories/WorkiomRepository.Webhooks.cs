using Workiom.Webhooks;

namespace Workiom.Repositories;

public sealed partial class WorkiomRepository<TRecord, TFields>
{
    /// <summary>Subscribes URLs to this list's created or updated records, and removes subscriptions.</summary>
    public WorkiomWebhookSubscriptions<TRecord> Webhooks => new(_client, ListId, TRecord.WorkiomSchema.AppId);
}
