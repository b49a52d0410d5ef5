using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using Workiom.Generators.Model;
using SnapshotParser = Workiom.Generators.Parsing.SnapshotParser;
using Workiom.Staleness;

namespace Workiom.Cli;

/// <summary>A snapshot file in the repository.</summary>
public sealed record LocalSnapshot(string Path, string ListId, string ListName, JsonElement List, JsonObject? CSharp);

/// <summary>A field whose name changed in Workiom while its C# name was kept by a new override.</summary>
public sealed record KeptName(int FieldId, string OldName, string NewName, string PropertyName);

/// <summary>Reads snapshot files and writes them in the canonical form.</summary>
public static class SnapshotStore
{
    private static readonly JsonWriterOptions WriterOptions = new()
    {
        Indented = true,

        // Field names in Arabic, Turkish or with emoji stay readable in review diffs.
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    /// <summary>The snapshots among these files and folders (folders: their *.json files that are lists).</summary>
    public static IReadOnlyList<LocalSnapshot> Load(IEnumerable<string> paths)
    {
        var result = new List<LocalSnapshot>();
        foreach (string path in paths)
        {
            if (Directory.Exists(path))
            {
                foreach (string file in Directory.EnumerateFiles(path, "*.json").Order(StringComparer.Ordinal))
                {
                    if (TryRead(file, out var snapshot, out _))
                    {
                        result.Add(snapshot!);
                    }
                }
            }
            else if (File.Exists(path))
            {
                if (!TryRead(path, out var snapshot, out string? problem))
                {
                    throw new CliException(path + " is not a Workiom list snapshot: " + problem);
                }

                result.Add(snapshot!);
            }
            else
            {
                throw new CliException("No snapshot file or folder at " + path + ".");
            }
        }

        return result;
    }

    public static bool TryRead(string path, out LocalSnapshot? snapshot, out string? problem)
    {
        snapshot = null;
        JsonNode? root;
        try
        {
            root = JsonNode.Parse(File.ReadAllText(path), documentOptions: new JsonDocumentOptions { AllowTrailingCommas = true });
        }
        catch (JsonException e)
        {
            problem = "it is not valid JSON (" + e.Message + ")";
            return false;
        }
        catch (IOException e)
        {
            problem = "it cannot be read (" + e.Message + ")";
            return false;
        }

        if (root is not JsonObject rootObject)
        {
            problem = "it is not a JSON object";
            return false;
        }

        var list = rootObject["result"] as JsonObject ?? rootObject;
        string? listId = list["id"] is JsonValue id ? id.ToString() : null;
        if (string.IsNullOrEmpty(listId) || list["fields"] is not JsonArray)
        {
            problem = "it has no list id and fields";
            return false;
        }

        var csharp = (rootObject["$csharp"] ?? list["$csharp"]) as JsonObject;
        string name = list["name"] is JsonValue n ? n.ToString() : listId;
        snapshot = new LocalSnapshot(path, listId, name, JsonSerializer.SerializeToElement(list), csharp?.DeepClone().AsObject());
        problem = null;
        return true;
    }

    /// <summary>
    /// Writes the list as pulled to its snapshot file: the existing file of that list in the folder if
    /// there is one (keeping its <c>$csharp</c> block), else a new file named after the list.
    /// </summary>
    public static (string Path, IReadOnlyList<KeptName> KeptNames) Write(string folder, JsonElement list, Uri source, DateTimeOffset pulledAt)
    {
        Directory.CreateDirectory(folder);
        string listId = list.GetProperty("id").ValueKind == JsonValueKind.String ? list.GetProperty("id").GetString()! : list.GetProperty("id").GetRawText();
        var existing = Load(new[] { folder }).FirstOrDefault(s => s.ListId == listId);
        string path = existing?.Path ?? NewFileName(folder, list, listId);

        var csharp = existing?.CSharp ?? new JsonObject();
        var kept = existing is null ? new List<KeptName>() : KeepNames(existing, list, csharp);

        var canonicalList = Canonical(JsonNode.Parse(list.GetRawText())!);
        string compactList = canonicalList.ToJsonString(new JsonSerializerOptions { Encoder = WriterOptions.Encoder, WriteIndented = false });
        var header = new JsonObject
        {
            ["source"] = WorkiomApi.Origin(source),
            ["listId"] = listId,
            ["pulledAt"] = pulledAt.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture),
            ["hash"] = SnapshotHash.Compute(compactList),
            ["tool"] = SnapshotVersions.Tool,
            ["format"] = SnapshotVersions.Format,
        };

        var document = new JsonObject { ["$snapshot"] = header };
        if (csharp.Count > 0)
        {
            document["$csharp"] = Canonical(csharp.DeepClone());
        }

        document["result"] = canonicalList;
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream, WriterOptions))
        {
            document.WriteTo(writer);
        }

        string text = Encoding.UTF8.GetString(stream.ToArray()).Replace("\r\n", "\n", StringComparison.Ordinal) + "\n";
        string temporary = path + ".tmp";

        // Written beside and then moved, so an interrupted pull never leaves half a snapshot.
        File.WriteAllText(temporary, text, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false));
        File.Move(temporary, path, overwrite: true);
        return (path, kept);
    }

    /// <summary>
    /// For every field renamed in Workiom that has no name override yet, adds one with the C# name the
    /// generator gave it before, so the rename does not rename the property.
    /// </summary>
    private static List<KeptName> KeepNames(LocalSnapshot existing, JsonElement live, JsonObject csharp)
    {
        var before = CSharpNames(existing.Path, File.ReadAllText(existing.Path));
        var oldNames = FieldNames(existing.List);
        var names = csharp["names"] as JsonObject;
        var kept = new List<KeptName>();
        foreach (var (fieldId, newName) in FieldNames(live))
        {
            string key = fieldId.ToString(CultureInfo.InvariantCulture);
            if (!oldNames.TryGetValue(fieldId, out string? oldName) || oldName == newName
                || names?.ContainsKey(key) == true || !before.TryGetValue(fieldId, out string? propertyName))
            {
                continue;
            }

            if (names is null)
            {
                names = new JsonObject();
                csharp["names"] = names;
            }

            names[key] = propertyName;
            kept.Add(new KeptName(fieldId, oldName, newName, propertyName));
        }

        return kept;
    }

    /// <summary>The property name the generator gives each field of this snapshot.</summary>
    private static Dictionary<int, string> CSharpNames(string path, string text)
    {
        var parsed = SnapshotParser.Parse(new SnapshotInput(path, text, null, null, "Workiom.Lists"), CancellationToken.None);
        return parsed.List is null
            ? new Dictionary<int, string>()
            : parsed.List.Fields.ToDictionary(f => f.Id, f => f.PropertyName);
    }

    private static Dictionary<int, string> FieldNames(JsonElement list)
    {
        var names = new Dictionary<int, string>();
        foreach (var field in list.GetProperty("fields").EnumerateArray())
        {
            if (field.TryGetProperty("id", out var id) && id.ValueKind == JsonValueKind.Number && id.TryGetInt32(out int fieldId))
            {
                names[fieldId] = field.TryGetProperty("name", out var name) && name.ValueKind == JsonValueKind.String ? name.GetString()! : string.Empty;
            }
        }

        return names;
    }

    /// <summary>Object keys in ordinal order at every depth; arrays keep Workiom's order (it is the field order).</summary>
    private static JsonNode Canonical(JsonNode node) => node switch
    {
        JsonObject obj => new JsonObject(obj.OrderBy(p => p.Key, StringComparer.Ordinal)
            .Select(p => KeyValuePair.Create(p.Key, p.Value is null ? null : Canonical(p.Value.DeepClone())))),
        JsonArray array => new JsonArray(array.Select(item => item is null ? null : Canonical(item.DeepClone())).ToArray()),
        _ => node.DeepClone(),
    };

    private static string NewFileName(string folder, JsonElement list, string listId)
    {
        string name = list.TryGetProperty("name", out var n) && n.ValueKind == JsonValueKind.String ? n.GetString()! : string.Empty;
        var slug = new StringBuilder();
        foreach (char c in name.ToLowerInvariant())
        {
            if (char.IsLetterOrDigit(c))
            {
                slug.Append(c);
            }
            else if (slug.Length > 0 && slug[^1] != '-')
            {
                slug.Append('-');
            }
        }

        string stem = slug.ToString().Trim('-');
        if (stem.Length == 0)
        {
            stem = listId;
        }

        string path = System.IO.Path.Combine(folder, stem + ".json");
        return File.Exists(path) ? System.IO.Path.Combine(folder, stem + "-" + listId + ".json") : path;
    }
}
