using System.Collections.Generic;
using System.Globalization;
using Workiom.Generators.Parsing;

namespace Workiom.Staleness;

/// <summary>
/// The part of a <c>workiom schema check --report</c> file the use-site analyzer needs: the changes on the
/// server that break code using a field (removed, retyped) or an option (removed), keyed by the
/// tenant-global field id.
/// </summary>
internal sealed class DriftReport
{
    public const string FieldRemoved = "fieldRemoved";
    public const string FieldRetyped = "fieldRetyped";
    public const string OptionRemoved = "optionRemoved";

    public Dictionary<int, List<string>> FieldChanges { get; } = new();

    public Dictionary<(int FieldId, string OptionId), string> OptionChanges { get; } = new();

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
