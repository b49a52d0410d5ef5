using System.Collections.Generic;
using Workiom.Generators.Parsing;

namespace Workiom.Staleness;

/// <summary>
/// What the stale-schema checks need from one snapshot file, with the character spans to report at:
/// the <c>$snapshot</c> header, the list id and the LinkList targets. Unusable files give null; the
/// generator already reports why.
/// </summary>
internal sealed class SnapshotFacts
{
    private SnapshotFacts(string listId, string listName, JsonObject list)
    {
        ListId = listId;
        ListName = listName;
        List = list;
    }

    public string ListId { get; }

    public string ListName { get; }

    public JsonObject List { get; }

    public JsonObject? Header { get; private set; }

    public List<(string FieldName, int FieldId, JsonNode TargetNode, string TargetListId)> Links { get; } = new();

    public static SnapshotFacts? Read(string text, System.Threading.CancellationToken cancellationToken = default)
    {
        if (JsonParser.Parse(text, out _, out _) is not JsonObject root)
        {
            return null;
        }

        // The list is found as the generator finds it: a 'result' that is not a list makes the file unusable.
        JsonObject list = root;
        if (root.Find("result") is { } result)
        {
            if (result.Value is not JsonObject resultObject)
            {
                return null;
            }

            list = resultObject;
        }

        string? listId = list.Get("id") switch
        {
            JsonString { Value.Length: > 0 } s => s.Value,
            JsonNumber n => n.Text,
            _ => null,
        };
        if (listId is null || list.Get("fields") is not JsonArray fields)
        {
            return null;
        }

        string name = list.Get("name") is JsonString { Value.Length: > 0 } n2 ? n2.Value : listId;
        var facts = new SnapshotFacts(listId, name, list) { Header = root.Get("$snapshot") as JsonObject };

        // The fields as the generator reads them: a field it skips (a bad id, a repeated id, no data type)
        // is reported once by the generator, and is nothing the checks here can speak of.
        foreach (var field in SnapshotParser.ReadFields(text, fields, cancellationToken))
        {
            if (!field.IsDeleted && field.DataType == 5 && field.LinkedListId is { } target && field.LinkedListIdNode is { } targetNode)
            {
                facts.Links.Add((field.Name, field.Id, targetNode, target));
            }
        }

        return facts;
    }
}
