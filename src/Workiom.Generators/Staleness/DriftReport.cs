using System.Collections.Generic;
using System.Globalization;
using Workiom.Generators.Parsing;

namespace Workiom.Staleness;

/// <summary>
/// The part of a <c>workiom schema check --report</c> file the use-site analyzer needs: the changes on the
/// server that break code using a field (removed, retyped) or an option (removed), keyed by the
/// tenant-global field id, or a saved view (removed), keyed by list and view id.
/// </summary>
internal sealed class DriftReport
{
    public const string FieldRemoved = "fieldRemoved";
    public const string FieldRetyped = "fieldRetyped";
    public const string OptionRemoved = "optionRemoved";
    public const string ViewRemoved = "viewRemoved";

    public Dictionary<int, List<string>> FieldChanges { get; } = new();

    public Dictionary<(int FieldId, string OptionId), string> OptionChanges { get; } = new();

    /// <summary>Saved views removed on the server, keyed by list id and view id (view ids are per list).</summary>
    public Dictionary<(string ListId, int ViewId), string> ViewChanges { get; } = new();

    /// <summary>Whether the report names any change a use in C# can be warned about.</summary>
    public bool IsEmpty => FieldChanges.Count == 0 && OptionChanges.Count == 0 && ViewChanges.Count == 0;

    /// <summary>Reads a report; anything not shaped as one gives an empty report rather than an error.</summary>
    public static DriftReport Read(string text)
    {
        var report = new DriftReport();
        if (JsonParser.Parse(text, out _, out _) is not JsonObject root || root.Get("changes") is not JsonArray changes)
        {
            return report;
        }

        foreach (var item in changes.Items)
        {
            if (item is JsonObject { } viewChange && viewChange.Get("kind") is JsonString { Value: ViewRemoved }
                && viewChange.Get("listId") is JsonString { Value.Length: > 0 } listId
                && viewChange.Get("viewId") is JsonNumber viewIdNode && viewIdNode.TryGetInt32(out int viewId))
            {
                report.ViewChanges[(listId.Value, viewId)] = viewChange.Get("description") is JsonString viewDescription ? viewDescription.Value : ViewRemoved;
                continue;
            }

            if (item is not JsonObject change
                || change.Get("kind") is not JsonString kind
                || change.Get("fieldId") is not JsonNumber fieldIdNode
                || !int.TryParse(fieldIdNode.Text, NumberStyles.None, CultureInfo.InvariantCulture, out int fieldId))
            {
                continue;
            }

            string description = change.Get("description") is JsonString d ? d.Value : kind.Value;
            switch (kind.Value)
            {
                case FieldRemoved:
                case FieldRetyped:
                    if (!report.FieldChanges.TryGetValue(fieldId, out var list))
                    {
                        list = new List<string>();
                        report.FieldChanges.Add(fieldId, list);
                    }

                    list.Add(description);
                    break;
                case OptionRemoved when change.Get("optionId") is JsonString optionId:
                    report.OptionChanges[(fieldId, optionId.Value)] = description;
                    break;
            }
        }

        return report;
    }
}
