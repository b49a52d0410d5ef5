using System.Collections.Generic;
using System.Globalization;
using System.Threading;
using Microsoft.CodeAnalysis.Text;
using Workiom.Generators.Diagnostics;
using Workiom.Generators.Model;
using Workiom.Generators.Parsing;

namespace Workiom.Generators.Environments;

/// <summary>
/// One environment's mapping file (<c>workiom-map.json</c>): the explicit matches a user chose where
/// matching by name does not find one, and the members the user knows have no match (<c>null</c>).
/// </summary>
/// <remarks>
/// The format, every section optional, ids as the snapshots spell them:
/// <code>
/// { "environment": "staging",
///   "lists": {
///     "&lt;primary list id&gt;": {
///       "listId": "&lt;environment list id&gt;",
///       "fields":  { "&lt;primary field id&gt;": &lt;environment field id or null&gt; },
///       "options": { "&lt;primary field id&gt;": { "&lt;primary option id&gt;": "&lt;environment option id or null&gt;" } },
///       "views":   { "&lt;primary view id&gt;": &lt;environment view id or null&gt; } } } }
/// </code>
/// </remarks>
internal sealed record EnvironmentMap(string Path, string? Environment, SnapshotSpan? EnvironmentSpan, EquatableArray<ListOverride> Lists)
{
    /// <summary>The file name an environment's mapping file has, among that environment's snapshots.</summary>
    public const string FileName = "workiom-map.json";

    /// <summary>Whether <paramref name="path"/> names a mapping file rather than a snapshot (by its file name, exactly).</summary>
    public static bool IsMapFile(string path)
    {
        int slash = System.Math.Max(path.LastIndexOf('/'), path.LastIndexOf('\\'));
        return string.Equals(path.Substring(slash + 1), FileName, System.StringComparison.Ordinal);
    }

    /// <summary>The overrides for the primary list <paramref name="listId"/>, or null.</summary>
    public ListOverride? ForList(string listId)
    {
        foreach (var list in Lists)
        {
            if (list.PrimaryListId == listId)
            {
                return list;
            }
        }

        return null;
    }

    /// <summary>
    /// Reads the mapping file <paramref name="text"/>. Never throws on bad input: each entry that cannot
    /// be read is left out and reported (WKM0018) at its line and column; the rest is used.
    /// </summary>
    public static MapResult Read(string path, string text, CancellationToken cancellationToken = default)
    {
        var sink = new DiagnosticSink(path, text);
        var lines = new LineMap(text);
        var root = JsonParser.Parse(text, out string? syntaxError, out int errorPosition);
        if (root is null)
        {
            sink.Report(DiagnosticDescriptors.MalformedEnvironmentMap, errorPosition, errorPosition, "it is not valid JSON: " + syntaxError);
            return new MapResult(new EnvironmentMap(path, null, null, EquatableArray<ListOverride>.Empty), sink.ToEquatableArray());
        }

        if (root is not JsonObject document)
        {
            Report(sink, root, "the document is " + root.KindName + ", not an object");
            return new MapResult(new EnvironmentMap(path, null, null, EquatableArray<ListOverride>.Empty), sink.ToEquatableArray());
        }

        string? environment = null;
        SnapshotSpan? environmentSpan = null;
        var lists = new List<ListOverride>();
        foreach (var property in document.Properties)
        {
            cancellationToken.ThrowIfCancellationRequested();
            switch (property.Name)
            {
                case "environment":
                    if (property.Value is JsonString name)
                    {
                        environment = name.Value;
                        environmentSpan = lines.Locate(Span(name));
                    }
                    else
                    {
                        Report(sink, property.Value, "'environment' is " + property.Value.KindName + ", not a string");
                    }

                    break;
                case "lists":
                    if (property.Value is JsonObject listsObject)
                    {
                        ReadLists(listsObject, lists, sink, lines, cancellationToken);
                    }
                    else if (property.Value is not JsonNull)
                    {
                        Report(sink, property.Value, "'lists' is " + property.Value.KindName + ", not an object keyed by primary list id");
                    }

                    break;
                default:
                    if (!property.Name.StartsWith("$", System.StringComparison.Ordinal))
                    {
                        sink.Report(DiagnosticDescriptors.MalformedEnvironmentMap, property.NameStart, property.NameEnd,
                            "'" + property.Name + "' is not a section of a mapping file (environment, lists)");
                    }

                    break;
            }
        }

        return new MapResult(new EnvironmentMap(path, environment, environmentSpan, lists.ToEquatableArray()), sink.ToEquatableArray());
    }

    private static void ReadLists(JsonObject listsObject, List<ListOverride> lists, DiagnosticSink sink, LineMap lines, CancellationToken cancellationToken)
    {
        var seen = new HashSet<string>(System.StringComparer.Ordinal);
        foreach (var listProperty in listsObject.Properties)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var keySpan = lines.Locate(TextSpan.FromBounds(listProperty.NameStart, listProperty.NameEnd));
            if (listProperty.Name.Length == 0 || !seen.Add(listProperty.Name))
            {
                sink.Report(DiagnosticDescriptors.MalformedEnvironmentMap, listProperty.NameStart, listProperty.NameEnd,
                    listProperty.Name.Length == 0 ? "a list is keyed by an empty id" : "list '" + listProperty.Name + "' appears more than once; only the first is used");
                continue;
            }

            if (listProperty.Value is not JsonObject entry)
            {
                Report(sink, listProperty.Value, "list '" + listProperty.Name + "' is " + listProperty.Value.KindName + ", not an object");
                continue;
            }

            IdOverride? listId = null;
            var fields = new List<IdOverride>();
            var options = new List<OptionOverride>();
            var views = new List<IdOverride>();
            foreach (var section in entry.Properties)
            {
                switch (section.Name)
                {
                    case "listId":
                        if (section.Value is JsonString { Value.Length: > 0 } id)
                        {
                            listId = new IdOverride(listProperty.Name, id.Value, lines.Locate(Span(id)));
                        }
                        else if (section.Value is JsonNull)
                        {
                            listId = new IdOverride(listProperty.Name, null, lines.Locate(Span(section.Value)));
                        }
                        else
                        {
                            Report(sink, section.Value, "the 'listId' of list '" + listProperty.Name + "' is " + KindOf(section.Value) + ", not a list id or null");
                        }

                        break;
                    case "fields":
                        ReadIds(section.Value, "fields", listProperty.Name, fields, sink, lines);
                        break;
                    case "views":
                        ReadIds(section.Value, "views", listProperty.Name, views, sink, lines);
                        break;
                    case "options":
                        ReadOptions(section.Value, listProperty.Name, options, sink, lines);
                        break;
                    default:
                        if (!section.Name.StartsWith("$", System.StringComparison.Ordinal))
                        {
                            sink.Report(DiagnosticDescriptors.MalformedEnvironmentMap, section.NameStart, section.NameEnd,
                                "'" + section.Name + "' is not a section of a list's entry (listId, fields, options, views)");
                        }

                        break;
                }
            }

            lists.Add(new ListOverride(listProperty.Name, keySpan, listId, fields.ToEquatableArray(), options.ToEquatableArray(), views.ToEquatableArray()));
        }
    }

    /// <summary>Reads a section keyed by a primary field or view id (a whole number) whose values are the environment's ids or null.</summary>
    private static void ReadIds(JsonNode node, string section, string listId, List<IdOverride> into, DiagnosticSink sink, LineMap lines)
    {
        if (node is JsonNull)
        {
            return;
        }

        if (node is not JsonObject entries)
        {
            Report(sink, node, "the '" + section + "' of list '" + listId + "' is " + node.KindName + ", not an object");
            return;
        }

        string what = section == "fields" ? "field" : "view";
        var seen = new HashSet<int>();
        foreach (var property in entries.Properties)
        {
            if (!TryParseId(property.Name, out int primaryId))
            {
                sink.Report(DiagnosticDescriptors.MalformedEnvironmentMap, property.NameStart, property.NameEnd,
                    "'" + property.Name + "' in the '" + section + "' of list '" + listId + "' is not a " + what + " id");
                continue;
            }

            if (!seen.Add(primaryId))
            {
                sink.Report(DiagnosticDescriptors.MalformedEnvironmentMap, property.NameStart, property.NameEnd,
                    what + " " + property.Name + " appears more than once in the '" + section + "' of list '" + listId + "'; only the first is used");
                continue;
            }

            string key = primaryId.ToString(CultureInfo.InvariantCulture);
            switch (property.Value)
            {
                case JsonNull:
                    into.Add(new IdOverride(key, null, lines.Locate(Span(property.Value))));
                    break;
                case JsonNumber number when number.TryGetInt32(out int value) && value > 0:
                    into.Add(new IdOverride(key, value.ToString(CultureInfo.InvariantCulture), lines.Locate(Span(number))));
                    break;
                case JsonString text when TryParseId(text.Value, out int value):
                    into.Add(new IdOverride(key, value.ToString(CultureInfo.InvariantCulture), lines.Locate(Span(text))));
                    break;
                default:
                    Report(sink, property.Value, "the " + what + " " + key + " of list '" + listId + "' maps to " + KindOf(property.Value) + ", not a " + what + " id or null");
                    break;
            }
        }
    }

    private static void ReadOptions(JsonNode node, string listId, List<OptionOverride> into, DiagnosticSink sink, LineMap lines)
    {
        if (node is JsonNull)
        {
            return;
        }

        if (node is not JsonObject fields)
        {
            Report(sink, node, "the 'options' of list '" + listId + "' is " + node.KindName + ", not an object keyed by field id");
            return;
        }

        var seenFields = new HashSet<int>();
        foreach (var field in fields.Properties)
        {
            if (!TryParseId(field.Name, out int fieldId))
            {
                sink.Report(DiagnosticDescriptors.MalformedEnvironmentMap, field.NameStart, field.NameEnd,
                    "'" + field.Name + "' in the 'options' of list '" + listId + "' is not a field id");
                continue;
            }

            if (!seenFields.Add(fieldId))
            {
                sink.Report(DiagnosticDescriptors.MalformedEnvironmentMap, field.NameStart, field.NameEnd,
                    "field " + field.Name + " appears more than once in the 'options' of list '" + listId + "'; only the first is used");
                continue;
            }

            if (field.Value is not JsonObject optionEntries)
            {
                Report(sink, field.Value, "the options of field " + field.Name + " of list '" + listId + "' are " + field.Value.KindName + ", not an object keyed by option id");
                continue;
            }

            var seen = new HashSet<string>(System.StringComparer.Ordinal);
            foreach (var option in optionEntries.Properties)
            {
                if (option.Name.Length == 0 || !seen.Add(option.Name))
                {
                    sink.Report(DiagnosticDescriptors.MalformedEnvironmentMap, option.NameStart, option.NameEnd,
                        option.Name.Length == 0
                            ? "an option of field " + field.Name + " is keyed by an empty id"
                            : "option '" + option.Name + "' of field " + field.Name + " appears more than once; only the first is used");
                    continue;
                }

                switch (option.Value)
                {
                    case JsonNull:
                        into.Add(new OptionOverride(fieldId, option.Name, null, lines.Locate(Span(option.Value))));
                        break;
                    case JsonString { Value.Length: > 0 } text:
                        into.Add(new OptionOverride(fieldId, option.Name, text.Value, lines.Locate(Span(text))));
                        break;
                    case JsonNumber number:
                        into.Add(new OptionOverride(fieldId, option.Name, number.Text, lines.Locate(Span(number))));
                        break;
                    default:
                        Report(sink, option.Value, "option '" + option.Name + "' of field " + field.Name + " maps to " + KindOf(option.Value) + ", not an option id or null");
                        break;
                }
            }
        }
    }

    private static bool TryParseId(string text, out int value) =>
        int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out value) && value > 0;

    private static string KindOf(JsonNode node) => node is JsonString { Value.Length: 0 } ? "an empty string" : node.KindName;

    private static void Report(DiagnosticSink sink, JsonNode node, string why) =>
        sink.Report(DiagnosticDescriptors.MalformedEnvironmentMap, node.Start, node.End, why);

    private static TextSpan Span(JsonNode node) => TextSpan.FromBounds(node.Start, node.End);
}

/// <summary>A mapping file as read (what could be read of it) and the diagnostics about it.</summary>
internal sealed record MapResult(EnvironmentMap Map, EquatableArray<DiagnosticInfo> Diagnostics);

/// <summary>
/// The overrides for one primary list: its id in the environment (null <see cref="IdOverride.EnvironmentId"/>:
/// no match there), and those of its fields, options and views. <paramref name="Span"/> is the list's key in the file.
/// </summary>
internal sealed record ListOverride(
    string PrimaryListId,
    SnapshotSpan Span,
    IdOverride? ListId,
    EquatableArray<IdOverride> Fields,
    EquatableArray<OptionOverride> Options,
    EquatableArray<IdOverride> Views);

/// <summary>One override: the primary id, the environment's id (null: "no match, I know") and where the value is.</summary>
internal sealed record IdOverride(string PrimaryId, string? EnvironmentId, SnapshotSpan Span);

/// <summary>One option override: the primary field and option ids, the environment's option id (or null) and where the value is.</summary>
internal sealed record OptionOverride(int FieldId, string PrimaryOptionId, string? EnvironmentOptionId, SnapshotSpan Span);
