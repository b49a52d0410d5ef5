using Workiom.Webhooks;

namespace Workiom.Repositories;

public sealed partial class WorkiomRepository<TRecord, TFields>
{
    /// <summary>Subscribes URLs to this list's created or updated records, and removes subscriptions.</summary>
    /// <remarks>
    /// In an environment the list id and app id are the environment's (the primary app id is never sent to
    /// another tenant; when the environment's snapshot had no app id, none is sent).
    /// </remarks>
    public WorkiomWebhookSubscriptions<TRecord> Webhooks =>
        new(_client, ListId, _environment is null ? TRecord.WorkiomSchema.AppId : _environment.AppId);
}
