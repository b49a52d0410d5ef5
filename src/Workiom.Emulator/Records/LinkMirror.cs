using System.Text.Json.Nodes;
using Workiom.Emulator.Schema;

namespace Workiom.Emulator.Records;

/// <summary>
/// Keeps both sides of a two-way link in step, as the service does: linking a deal to a company also
/// lists the deal in the company's reverse LinkList field. The reverse field is the one LinkList field
/// of the target list that links back to this list; when there is none, or several, nothing is mirrored.
/// </summary>
internal static class LinkMirror
{
    public static void Sync(WriteContext context, JsonObject? before, JsonObject after, string recordId)
    {
        foreach (var field in context.List.Fields.Where(f => f.DataType == DataTypes.LinkList))
        {
            if (FindReverse(context.Catalog, context.List, field) is not var (target, reverse))
            {
                continue;
            }

            var old = LinkedIds(before is null ? null : JsonRead.Get(before, field.Key));
            var now = LinkedIds(JsonRead.Get(after, field.Key));
            foreach (var added in now.Where(id => !old.Contains(id)))
            {
                Update(context, target, reverse, added, recordId, add: true);
            }

            foreach (var removed in old.Where(id => !now.Contains(id)))
            {
                Update(context, target, reverse, removed, recordId, add: false);
            }
        }
    }

    public static (ListSchema Target, FieldSchema Reverse)? FindReverse(SnapshotCatalog catalog, ListSchema list, FieldSchema field)
    {
        var target = catalog.Find(field.LinkedListId);
        if (target is null || string.Equals(target.Id, list.Id, StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        var candidates = target.Fields
            .Where(f => f.DataType == DataTypes.LinkList && string.Equals(f.LinkedListId, list.Id, StringComparison.OrdinalIgnoreCase))
            .ToList();
        return candidates.Count == 1 ? (target, candidates[0]) : null;
    }

    private static void Update(WriteContext context, ListSchema target, FieldSchema reverse, string targetId, string recordId, bool add)
    {
        if (context.Session.Get(target.Id, targetId)?.DeepClone() is not JsonObject record)
        {
            return;
        }

        var links = LinkedIds(JsonRead.Get(record, reverse.Key));
        var changed = add ? !links.Contains(recordId) : links.Contains(recordId);
        if (!changed)
        {
            return;
        }

        var kept = links.Where(id => id != recordId).ToList();
        if (add)
        {
            kept.Add(recordId);
        }

        record[reverse.Key] = new JsonArray(kept.Select(id => (JsonNode)new JsonObject { ["_id"] = id }).ToArray());
        context.Session.Replace(target.Id, targetId, record);
    }

    private static List<string> LinkedIds(JsonNode? value) =>
        FieldValues.Items(value)
            .Select(item => item is JsonObject o ? JsonRead.String(o, "_id") : JsonRead.String(item))
            .Where(id => id is not null)
            .Select(id => id!)
            .Distinct(StringComparer.Ordinal)
            .ToList();
}
