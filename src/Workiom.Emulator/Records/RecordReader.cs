using System.Globalization;
using System.Text.Json.Nodes;
using Workiom.Emulator.Schema;
using Workiom.Emulator.Storage;

namespace Workiom.Emulator.Records;

/// <summary>
/// Turns a stored record into what Data/Get and Data/All return: link labels from the target records'
/// primary fields, Count and Rollup values computed, file URLs pointing at this emulator.
/// </summary>
internal sealed class RecordReader(SnapshotCatalog catalog, Func<Uri> baseAddress)
{
    public JsonObject Read(ListSchema list, JsonObject stored, StoreSession session)
    {
        var result = new JsonObject { ["_id"] = JsonRead.String(stored, "_id") };
        var links = new Dictionary<long, List<Link>>();

        foreach (var field in list.Fields.Where(f => f.DataType is DataTypes.LinkList))
        {
            links[field.Id] = ResolveLinks(field, JsonRead.Get(stored, field.Key), session);
        }

        foreach (var field in list.Fields)
        {
            result[field.Key] = field.DataType switch
            {
                DataTypes.LinkList => new JsonArray(links[field.Id].Select(ReadLink).ToArray()),
                DataTypes.Count => CountOf(field, links),
                DataTypes.Rollup => RollupOf(field, list, links),
                DataTypes.File or DataTypes.Signature => WithFileUrls(JsonRead.Get(stored, field.Key)),
                DataTypes.AutoNumber => JsonRead.Get(stored, field.Key)?.DeepClone(),
                _ when field.IsComputed => ComputedValue.Evaluate(field, list, stored) ?? JsonRead.Get(stored, field.Key)?.DeepClone(),
                _ => JsonRead.Get(stored, field.Key)?.DeepClone(),
            };
        }

        // Keys of fields the snapshot does not know (added later on the server) come back as stored.
        foreach (var (key, value) in stored)
        {
            if (!result.ContainsKey(key))
            {
                result[key] = value?.DeepClone();
            }
        }

        return result;
    }

    /// <summary>A linked record as read: its id, its label and (when its list is served) the record itself.</summary>
    private readonly record struct Link(string Id, string? Label, JsonObject? Target, JsonObject? Stored = null);

    /// <summary>A link as stored (every key it was written with), with the target's current label.</summary>
    private static JsonNode ReadLink(Link link)
    {
        var read = link.Stored is null ? new JsonObject() : (JsonObject)link.Stored.DeepClone();
        read["_id"] = link.Id;
        read["label"] = link.Label;
        return read;
    }

    /// <summary>Stored links with their labels; links to records deleted since are dropped.</summary>
    private List<Link> ResolveLinks(FieldSchema field, JsonNode? stored, StoreSession session)
    {
        var resolved = new List<Link>();
        var target = catalog.Find(field.LinkedListId);
        var targetRecords = target is null ? null : session.LoadListById(target.Id);
        foreach (var item in FieldValues.Items(stored))
        {
            var id = item is JsonObject o ? JsonRead.String(o, "_id") : JsonRead.String(item);
            if (id is null)
            {
                continue;
            }

            var storedItem = item as JsonObject;
            if (targetRecords is null)
            {
                resolved.Add(new Link(id, null, null, storedItem));
                continue;
            }

            if (targetRecords.TryGetValue(id, out var targetRecord))
            {
                resolved.Add(new Link(id, PrimaryLabel(target!, targetRecord), targetRecord, storedItem));
            }
        }

        return resolved;
    }

    public static string? PrimaryLabel(ListSchema list, JsonObject record) =>
        list.Primary is null ? null : FieldValues.DisplayText(JsonRead.Get(record, list.Primary.Key));

    private static JsonNode? CountOf(FieldSchema field, Dictionary<long, List<Link>> links)
    {
        if (field.LinkedFieldId is long linkField && links.TryGetValue(linkField, out var linked))
        {
            return linked.Count;
        }

        return null;
    }

    private JsonNode? RollupOf(FieldSchema field, ListSchema list, Dictionary<long, List<Link>> links)
    {
        if (field.LinkedFieldId is not long linkField || field.RollupFieldId is not long rolledField
            || !links.TryGetValue(linkField, out var linked) || linked.Count == 0)
        {
            return null;
        }

        var target = catalog.Find(list.FindField(linkField)?.LinkedListId);
        var targetField = target?.FindField(rolledField);
        if (target is null || targetField is null)
        {
            return null;
        }

        decimal sum = 0;
        var any = false;
        foreach (var link in linked)
        {
            if (link.Target is { } record && JsonRead.Decimal(JsonRead.Get(record, targetField.Key)) is decimal value)
            {
                sum += value;
                any = true;
            }
        }

        return any ? FieldValues.Number(sum) : null;
    }

    private JsonNode? WithFileUrls(JsonNode? stored)
    {
        if (stored is not JsonArray files)
        {
            return stored?.DeepClone();
        }

        var copy = new JsonArray();
        foreach (var file in files)
        {
            if (file is JsonObject o)
            {
                var item = (JsonObject)o.DeepClone();

                // A file just attached is stored without a URL; one written back keeps the URL it was sent with.
                if (JsonRead.String(item, "_id") is { } id && JsonRead.IsNull(JsonRead.Get(item, "FileUrl")))
                {
                    item["FileUrl"] = new Uri(baseAddress(), "File/DownloadFile?id=" + Uri.EscapeDataString(id)).ToString();
                }

                copy.Add(item);
            }
            else
            {
                copy.Add(file?.DeepClone());
            }
        }

        return copy;
    }

    public static string Key(long fieldId) => fieldId.ToString(CultureInfo.InvariantCulture);
}
