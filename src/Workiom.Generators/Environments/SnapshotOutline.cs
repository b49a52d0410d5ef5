using System.Collections.Generic;
using System.Globalization;
using System.Threading;
using Workiom.Generators.Diagnostics;
using Workiom.Generators.Model;
using Workiom.Generators.Parsing;

namespace Workiom.Generators.Environments;

/// <summary>
/// The ids and names of one snapshot's list, with where each name is in the file: what matching one
/// environment's lists to the primary ones needs, and nothing else. Fields, options and views are read by
/// the generator's rules (an entry it skips is not here; the first of a repeated id wins).
/// </summary>
internal sealed record SnapshotOutline(
    string Path,
    string ListId,
    string ListName,
    string? AppId,
    SnapshotSpan NameSpan,
    EquatableArray<OutlineField> Fields,
    EquatableArray<OutlineView> Views)
{
    /// <summary>
    /// Reads the outline of the snapshot <paramref name="text"/>. Never throws on bad input: a file that
    /// holds no list gives a null outline and the located diagnostic why (WKM0001 to WKM0003).
    /// </summary>
    public static OutlineResult Read(string path, string text, CancellationToken cancellationToken = default)
    {
        var sink = new DiagnosticSink(path, text);
        var lines = new LineMap(text);
        var root = JsonParser.Parse(text, out string? syntaxError, out int errorPosition);
        if (root is null)
        {
            sink.Report(DiagnosticDescriptors.InvalidJson, errorPosition, errorPosition, syntaxError!);
            return new OutlineResult(null, sink.ToEquatableArray());
        }

        if (SnapshotParser.FindList(root, sink) is not { } snapshot)
        {
            return new OutlineResult(null, sink.ToEquatableArray());
        }

        var list = snapshot.List;
        JsonNode nameNode = list.Find("name")?.Value ?? list;
        string? appId = ReadId(list.Get("appId"));
        var fields = new List<OutlineField>(snapshot.Fields.Items.Length);
        var seenFields = new HashSet<int>();
        foreach (var item in snapshot.Fields.Items)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (ReadField(item, lines) is { } field && seenFields.Add(field.Id))
            {
                fields.Add(field);
            }
        }

        var views = new List<OutlineView>();
        if (list.Get("views") is JsonArray viewArray)
        {
            var seenViews = new HashSet<int>();
            foreach (var item in viewArray.Items)
            {
                if (item is JsonObject view && TryReadInt(view.Get("id"), out int id) && id > 0 && seenViews.Add(id))
                {
                    JsonNode viewName = view.Get("name") ?? view;
                    string name = viewName is JsonString nameString ? nameString.Value : string.Empty;
                    views.Add(new OutlineView(id, name, lines.Locate(Span(viewName))));
                }
            }
        }

        var outline = new SnapshotOutline(path, snapshot.ListId, snapshot.ListName, appId, lines.Locate(Span(nameNode)),
            fields.ToEquatableArray(), views.ToEquatableArray());
        return new OutlineResult(outline, sink.ToEquatableArray());
    }

    private static OutlineField? ReadField(JsonNode item, LineMap lines)
    {
        if (item is not JsonObject field || !TryReadInt(field.Get("id"), out int id) || id <= 0
            || field.Get("dataType") is not { } dataTypeNode || !TryReadInt(dataTypeNode, out int dataType))
        {
            return null;
        }

        JsonNode nameNode = field.Get("name") ?? field;
        string name = nameNode is JsonString { Value.Length: > 0 } nameString ? nameString.Value : "Field " + id.ToString(CultureInfo.InvariantCulture);
        var options = new List<OutlineOption>();
        if (((DataType)dataType).HasOptions() && field.Get("staticListValues") is JsonArray optionArray)
        {
            var seen = new HashSet<string>(System.StringComparer.Ordinal);
            foreach (var value in optionArray.Items)
            {
                if (value is JsonObject option && ReadId(option.Get("id")) is { } optionId && seen.Add(optionId))
                {
                    JsonNode labelNode = option.Get("label") ?? option;
                    string label = labelNode is JsonString labelString ? labelString.Value : optionId;
                    options.Add(new OutlineOption(optionId, label, lines.Locate(Span(labelNode))));
                }
            }
        }

        bool isDeleted = field.Get("isDeleted") is JsonBoolean { Value: true };
        return new OutlineField(id, name, dataType, isDeleted, lines.Locate(Span(nameNode)), options.ToEquatableArray());
    }

    private static Microsoft.CodeAnalysis.Text.TextSpan Span(JsonNode node) => Microsoft.CodeAnalysis.Text.TextSpan.FromBounds(node.Start, node.End);

    private static string? ReadId(JsonNode? node) => node switch
    {
        JsonString { Value.Length: > 0 } text => text.Value,
        JsonNumber number => number.Text,
        _ => null,
    };

    private static bool TryReadInt(JsonNode? node, out int value)
    {
        if (node is JsonNumber number)
        {
            return number.TryGetInt32(out value);
        }

        value = 0;
        return node is JsonString str && int.TryParse(str.Value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out value);
    }
}

/// <summary>The outline of a snapshot (null when the file holds no list) and the diagnostics of reading it.</summary>
internal sealed record OutlineResult(SnapshotOutline? Outline, EquatableArray<DiagnosticInfo> Diagnostics);

/// <summary>A field of a snapshot's list: its id, name, data type number, options and where its name is.</summary>
internal sealed record OutlineField(int Id, string Name, int DataType, bool IsDeleted, SnapshotSpan NameSpan, EquatableArray<OutlineOption> Options);

/// <summary>An option of a select or status field: its id, label and where the label is.</summary>
internal sealed record OutlineOption(string Id, string Label, SnapshotSpan LabelSpan);

/// <summary>A saved view of a snapshot's list: its id, name and where the name is.</summary>
internal sealed record OutlineView(int Id, string Name, SnapshotSpan NameSpan);
