using System.Text.Json.Nodes;
using Workiom.Emulator.Schema;

namespace Workiom.Emulator.Records;

/// <summary>
/// Told of every record Data/Create, Data/Update or Data/UpdatePartial has stored, after the store has
/// committed it and before the reply is sent. Registered in the emulator's services (none by default).
/// </summary>
/// <remarks>
/// An observer must return quickly and not throw: what it throws becomes the caller's 500 reply although the
/// write stands. Work that takes time (calling out) is queued, not done here.
/// </remarks>
internal interface IRecordWriteObserver
{
    /// <param name="list">The list written to.</param>
    /// <param name="created">True for Data/Create, false for a replace or partial update.</param>
    /// <param name="readRecord">The record in its read shape, as the reply carries it; the observer's own copy.</param>
    void RecordWritten(ListSchema list, bool created, JsonObject readRecord);
}
