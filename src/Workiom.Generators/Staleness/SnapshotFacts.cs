using System.Collections.Generic;
using System.Globalization;
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

    public static SnapshotFacts? Read(string text)
    {
        if (JsonParser.Parse(text, out _, out _) is not JsonObject root)
        {
            return null;
        }

        var list = root.Get("result") is JsonObject result ? result : root;
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
        foreach (var item in fields.Items)
        {
            if (item is not JsonObject field || field.Get("isDeleted") is JsonBoolean { Value: true })
            {
                continue;
            }

            int dataType = field.Get("dataType") is JsonNumber dt && int.TryParse(dt.Text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out int d) ? d : -1;
            if (dataType == 5 && field.Get("linkedListId") is JsonString { Value.Length: > 0 } target)
            {
                int id = field.Get("id") is JsonNumber idNode && int.TryParse(idNode.Text, NumberStyles.None, CultureInfo.InvariantCulture, out int i) ? i : 0;
                string fieldName = field.Get("name") is JsonString fn ? fn.Value : "Field " + id.ToString(CultureInfo.InvariantCulture);
                facts.Links.Add((fieldName, id, target, target.Value));
            }
        }

        return facts;
    }
}
