using System.Globalization;

namespace Workiom.Webhooks;

/// <summary>
/// One webhook delivery read into the list's generated record type: the record, which event it reports (when the
/// subscription's URL says), and the payload keys that could not be matched to a field. Those keys' values are in
/// the record's <see cref="WorkiomRecord.UnknownFields"/>, under the key as sent and as read.
/// </summary>
/// <typeparam name="TRecord">The generated record type of the list.</typeparam>
public sealed class WorkiomWebhook<TRecord>
    where TRecord : WorkiomRecord, IWorkiomRecord<TRecord>
{
    internal WorkiomWebhook(TRecord record, WorkiomWebhookEvent? @event, IReadOnlyList<string> unmatchedKeys, IReadOnlyList<string> ambiguousKeys)
    {
        Record = record;
        Event = @event;
        UnmatchedKeys = unmatchedKeys;
        AmbiguousKeys = ambiguousKeys;
    }

    /// <summary>The record, in the same type (and with the same values) as <c>Data/All</c> reads it.</summary>
    public TRecord Record { get; }

    /// <summary>The record id (<c>_id</c>); null when the payload has none.</summary>
    public string? RecordId => Record.Id;

    /// <summary>
    /// Created or updated, as the <c>workiom-event</c> query of the subscription's URL says
    /// (<c>SubscribeAsync</c> adds it); null when the URL does not say. Workiom's payload itself does not tell.
    /// </summary>
    public WorkiomWebhookEvent? Event { get; }

    /// <summary>Payload keys that match no field of the list (a field added after the snapshot, a renamed field), in payload order.</summary>
    public IReadOnlyList<string> UnmatchedKeys { get; }

    /// <summary>
    /// Payload keys that match more than one field (names equal once white space and case are ignored), or a field
    /// another key also matches; never guessed. In payload order.
    /// </summary>
    public IReadOnlyList<string> AmbiguousKeys { get; }

    /// <summary>Whether every payload key matched exactly one field (or was <c>_id</c>).</summary>
    public bool AllKeysMatched => UnmatchedKeys.Count == 0 && AmbiguousKeys.Count == 0;

    /// <inheritdoc/>
    public override string ToString() =>
        "WorkiomWebhook<" + typeof(TRecord).Name + "> { RecordId = " + RecordId + ", Event = " + (Event?.ToString() ?? "unknown") +
        ", UnmatchedKeys = " + UnmatchedKeys.Count.ToString(CultureInfo.InvariantCulture) +
        ", AmbiguousKeys = " + AmbiguousKeys.Count.ToString(CultureInfo.InvariantCulture) + " }";
}
