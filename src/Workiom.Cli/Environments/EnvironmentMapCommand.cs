using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using Spectre.Console;
using Workiom.Generators.Environments;

namespace Workiom.Cli.Environments;

/// <summary>One primary member with no match in an environment, and the environment's members it could be mapped to.</summary>
public sealed record UnmatchedMember(
    string ListId,
    string ListName,
    string Kind,
    string PrimaryId,
    string PrimaryName,
    int? DataType,
    string Reason,
    bool Added,
    IReadOnlyList<MapCandidate> Candidates);

/// <summary>An environment member a user may map an unmatched primary member to (its id goes into the mapping file).</summary>
public sealed record MapCandidate(string Id, string Name);

/// <summary>What <c>schema map --json</c> writes.</summary>
public sealed record MapReport(string Environment, string MapFile, int Added, IReadOnlyList<UnmatchedMember> Unmatched, IReadOnlyList<string> Diagnostics);

/// <summary>
/// <c>workiom schema map --env X</c>: matches X's snapshots to the primary ones with the generator's matcher and
/// writes X's mapping file: every entry the user wrote stays as written (keys the tool does not know too),
/// and each member without a match gets an explicit <c>null</c> the user can replace with the id it maps to.
/// </summary>
internal static class EnvironmentMapCommand
{
    public const string MapFileName = SnapshotStore.MapFileName;

    private static readonly JsonSerializerOptions WriteOptions = new()
    {
        WriteIndented = true,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public static int Run(IAnsiConsole console, string root, string environment, bool json, string workingDirectory, CancellationToken cancellationToken)
    {
        if (CliEnvironments.IsDefault(environment))
        {
            throw new CliException("'" + CliEnvironments.Default + "' is the primary snapshots; map another environment to them (--env staging).");
        }

        string name = CliEnvironments.Check(environment);
        string folder = CliEnvironments.Folder(root, name);
        var primary = EnvironmentSnapshots.Read(CliEnvironments.Default, root, cancellationToken);
        var theirs = EnvironmentSnapshots.Read(name, folder, cancellationToken);
        if (primary.Lists.Count == 0)
        {
            throw new CliException("No primary snapshots in " + Path.GetRelativePath(workingDirectory, root) + "; 'workiom schema pull' writes them.");
        }

        if (theirs.Lists.Count == 0)
        {
            throw new CliException("No snapshots of environment '" + name + "' in " + Path.GetRelativePath(workingDirectory, folder) + "; 'workiom schema pull --env " + name + "' writes them.");
        }

        string mapPath = Path.Combine(folder, MapFileName);
        var document = ReadDocument(mapPath);
        var match = EnvironmentMatcher.Match(name, primary.Lists, theirs.Lists, theirs.Map, cancellationToken);

        var unmatched = new List<UnmatchedMember>();
        var lists = Section(document, "lists");
        foreach (var list in match.Lists)
        {
            string listId = list.Primary.ListId;
            if (!list.IsMatched)
            {
                var listEntry = Section(lists, listId);
                bool added = Add(listEntry, "listId");
                var candidates = match.UnmatchedEnvironmentLists.Select(l => new MapCandidate(l.ListId, l.ListName)).ToList();
                unmatched.Add(new UnmatchedMember(listId, list.Primary.ListName, "list", listId, list.Primary.ListName, null, Why(list.Kind, list.Reason), added, candidates));
                continue;
            }

            JsonObject? entry = lists[listId] as JsonObject;
            JsonObject Entry() => entry ??= Section(lists, listId);
            foreach (var field in list.Fields.Where(f => !f.IsMatched))
            {
                string id = field.Primary.Id.ToString(CultureInfo.InvariantCulture);
                bool added = Add(Section(Entry(), "fields"), id);
                var candidates = list.UnmatchedEnvironmentFields.Where(f => f.DataType == field.Primary.DataType)
                    .Select(f => new MapCandidate(f.Id.ToString(CultureInfo.InvariantCulture), f.Name)).ToList();
                unmatched.Add(new UnmatchedMember(listId, list.Primary.ListName, "field", id, field.Primary.Name, field.Primary.DataType, Why(field.Kind, field.Reason), added, candidates));
            }

            foreach (var option in list.Options.Where(o => !o.IsMatched))
            {
                string fieldId = option.FieldId.ToString(CultureInfo.InvariantCulture);
                bool added = Add(Section(Section(Entry(), "options"), fieldId), option.Primary.Id);
                var candidates = list.UnmatchedEnvironmentOptions.Where(o => o.PrimaryFieldId == option.FieldId)
                    .Select(o => new MapCandidate(o.Option.Id, o.Option.Label)).ToList();
                string fieldName = list.Primary.Fields.FirstOrDefault(f => f.Id == option.FieldId)?.Name ?? fieldId;
                unmatched.Add(new UnmatchedMember(listId, list.Primary.ListName, "option", option.Primary.Id, fieldName + ": " + option.Primary.Label, null, Why(option.Kind, option.Reason), added, candidates));
            }

            foreach (var view in list.Views.Where(v => !v.IsMatched))
            {
                string id = view.Primary.Id.ToString(CultureInfo.InvariantCulture);
                bool added = Add(Section(Entry(), "views"), id);
                var candidates = list.UnmatchedEnvironmentViews.Select(v => new MapCandidate(v.Id.ToString(CultureInfo.InvariantCulture), v.Name)).ToList();
                unmatched.Add(new UnmatchedMember(listId, list.Primary.ListName, "view", id, view.Primary.Name, null, Why(view.Kind, view.Reason), added, candidates));
            }
        }

        int addedCount = unmatched.Count(u => u.Added);
        if (document["environment"] is null)
        {
            // First in the file for a reader; a file the user wrote keeps its own order.
            var ordered = new JsonObject { ["environment"] = name };
            foreach (var property in document.ToList())
            {
                document.Remove(property.Key);
                ordered[property.Key] = property.Value;
            }

            document = ordered;
        }

        Write(mapPath, document);

        // The unmatched members are the table; the other diagnostics (unreadable files and entries, ids no snapshot has) are said as they are.
        var notes = primary.Diagnostics.Concat(theirs.Diagnostics).Concat(match.Diagnostics)
            .Where(d => d.Id is not ("WKM0014" or "WKM0015"))
            .Select(d => EnvironmentSnapshots.Format(d, workingDirectory))
            .ToList();
        string relativeMap = Path.GetRelativePath(workingDirectory, mapPath).Replace('\\', '/');
        if (json)
        {
            console.Profile.Out.Writer.WriteLine(JsonSerializer.Serialize(new MapReport(name, relativeMap, addedCount, unmatched, notes), CliApp.ReportJson));
            return 0;
        }

        foreach (string note in notes)
        {
            console.MarkupLineInterpolated($"{note}");
        }

        if (unmatched.Count == 0)
        {
            console.MarkupLineInterpolated($"Every primary list, field, option and view has a match in environment '{name}'; {relativeMap} is written.");
            return 0;
        }

        var table = new Table().AddColumn("List").AddColumn("Member").AddColumn("Primary").AddColumn("Why").AddColumn("Candidates there (id: name)");
        foreach (var member in unmatched)
        {
            string primaryText = member.PrimaryName + " (" + member.PrimaryId + ")" + (member.DataType is int type ? ", " + EnvironmentSnapshots.DataType(type) : string.Empty);
            string candidates = member.Candidates.Count == 0 ? "none" : string.Join("\n", member.Candidates.Select(c => c.Id + ": " + c.Name));
            table.AddRow(Markup.Escape(member.ListName), Markup.Escape(member.Kind), Markup.Escape(primaryText), Markup.Escape(member.Reason), Markup.Escape(candidates));
        }

        console.Write(table);
        console.MarkupLineInterpolated($"{unmatched.Count} without a match in environment '{name}'; {addedCount} added to {relativeMap} as null. Replace a null with the id it maps to (a candidate above), or leave it: null says 'no match, I know'.");
        return 0;
    }

    private static string Why(MatchKind kind, string? reason) => kind switch
    {
        MatchKind.MappedToNull => "the mapping file says it has no match",
        _ => reason ?? "no candidate",
    };

    /// <summary>The existing mapping file as JSON (every key kept), or a new one. A file that is not a JSON object is an error, never overwritten.</summary>
    private static JsonObject ReadDocument(string path)
    {
        if (!File.Exists(path))
        {
            return new JsonObject();
        }

        try
        {
            return JsonNode.Parse(File.ReadAllText(path), documentOptions: new JsonDocumentOptions { AllowTrailingCommas = true }) as JsonObject
                ?? throw new CliException(path + " is not a JSON object; fix or move it, it was not changed.");
        }
        catch (JsonException e)
        {
            throw new CliException(path + " is not valid JSON (" + e.Message + "); fix or move it, it was not changed.", e);
        }
    }

    /// <summary>The object at <paramref name="key"/>, created when absent. A value there that is not an object is the user's: it is left alone and a detached object is returned.</summary>
    private static JsonObject Section(JsonObject parent, string key)
    {
        if (parent[key] is JsonObject existing)
        {
            return existing;
        }

        if (parent.ContainsKey(key))
        {
            return new JsonObject();
        }

        var created = new JsonObject();
        parent[key] = created;
        return created;
    }

    /// <summary>Adds <c>"key": null</c> unless the key is there (whatever its value: the user's entry stays).</summary>
    private static bool Add(JsonObject parent, string key)
    {
        if (parent.ContainsKey(key))
        {
            return false;
        }

        parent[key] = null;
        return true;
    }

    /// <summary>Beside the target, flushed, then moved over it: the file is whole or as it was.</summary>
    private static void Write(string path, JsonObject document)
    {
        string folder = Path.GetDirectoryName(Path.GetFullPath(path))!;
        byte[] bytes = new UTF8Encoding(false).GetBytes(document.ToJsonString(WriteOptions).Replace("\r\n", "\n", StringComparison.Ordinal) + "\n");
        string temporary = Path.Combine(folder, "." + MapFileName + "." + Guid.NewGuid().ToString("N")[..8] + ".tmp");
        try
        {
            using (var stream = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None))
            {
                stream.Write(bytes);
                stream.Flush(flushToDisk: true);
            }

            File.Move(temporary, path, overwrite: true);
        }
        finally
        {
            if (File.Exists(temporary))
            {
                File.Delete(temporary);
            }
        }
    }
}
