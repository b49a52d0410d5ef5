using System.Collections.Generic;
using Microsoft.CodeAnalysis.Text;
using Workiom.Generators.Diagnostics;
using Workiom.Generators.Model;
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

    public List<(string FieldName, int FieldId, TextSpan TargetSpan, string TargetListId)> Links { get; } = new();

    public static SnapshotFacts? Read(string text, System.Threading.CancellationToken cancellationToken = default)
    {
        // The list is found as the generator finds it; the generator reports why a file has none.
        if (JsonParser.Parse(text, out _, out _) is not { } root
            || SnapshotParser.FindList(root, DiagnosticSink.Discarding()) is not { } snapshot)
        {
            return null;
        }

        var facts = new SnapshotFacts(snapshot.ListId, snapshot.ListName, snapshot.List) { Header = snapshot.Root.Get("$snapshot") as JsonObject };

        // The fields as the generator reads them: a field it skips (a bad id, a repeated id, no data type)
        // is reported once by the generator, and is nothing the checks here can speak of.
        foreach (var raw in SnapshotParser.ReadFields(text, snapshot.Fields, cancellationToken))
        {
            var field = raw.Field;
            if (!field.IsDeleted && field.DataType == DataType.LinkList && field.LinkedListId is { } target && raw.LinkedListIdSpan is { } targetSpan)
            {
                facts.Links.Add((field.Name, field.Id, targetSpan, target));
            }
        }

        return facts;
    }
}
