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

/// <summary>A snapshot file a pull wrote, and the C# names it kept for renamed fields.</summary>
public sealed record WrittenSnapshot(string Path, string ListId, IReadOnlyList<KeptName> KeptNames);

/// <summary>A field whose name changed in Workiom while its C# name was kept by a new override.</summary>
public sealed record KeptName(int FieldId, string OldName, string NewName, string PropertyName);

/// <summary>Reads snapshot files and writes them in the canonical form.</summary>
public static class SnapshotStore
{
    /// <summary>An environment's mapping file (written by <c>workiom schema map</c>): never read as a snapshot, never written by a pull.</summary>
    public const string MapFileName = Workiom.Generators.Environments.EnvironmentMap.FileName;

    /// <summary>True for a path whose file name is the mapping file's, by the generator's rule.</summary>
    public static bool IsMapFile(string path) => Workiom.Generators.Environments.EnvironmentMap.IsMapFile(path);

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
                foreach (string file in Directory.EnumerateFiles(path, "*.json").Where(f => !IsMapFile(f)).Order(StringComparer.Ordinal))
                {
                    if (TryRead(file, out var snapshot, out _))
                    {
                        result.Add(snapshot!);
                    }
                }
            }
            else if (File.Exists(path) && IsMapFile(path))
            {
                throw new CliException(path + " is an environment's mapping file, not a list snapshot.");
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

    /// <summary>Reads the list snapshot at <paramref name="path"/>; false, and why, for a file that is not one.</summary>
    public static bool TryRead(string path, out LocalSnapshot? snapshot, out string? problem)
    {
        snapshot = null;
        string text;
        try
        {
            text = File.ReadAllText(path);
        }
        catch (IOException e)
        {
            problem = "it cannot be read (" + e.Message + ")";
            return false;
        }

        if (!TryFindList(text, out var rootObject, out var list, out string listId, out problem))
        {
            return false;
        }

        var csharp = (rootObject["$csharp"] ?? list["$csharp"]) as JsonObject;
        string name = list["name"] is JsonValue n ? n.ToString() : listId;
        snapshot = new LocalSnapshot(path, listId, name, JsonSerializer.SerializeToElement(list), csharp?.DeepClone().AsObject());
        problem = null;
        return true;
    }

    /// <summary>
    /// True when <paramref name="text"/> is a list snapshot (a JSON object with a list id and fields, in
    /// <c>result</c> or at the root): the rule every command uses to tell the snapshots in a folder from the
    /// other JSON files there (the snapshot format's JSON Schema, editor settings), which it skips.
    /// </summary>
    public static bool IsListSnapshot(string text) => TryFindList(text, out _, out _, out _, out _);

    private static bool TryFindList(string text, out JsonObject rootObject, out JsonObject list, out string listId, out string? problem)
    {
        rootObject = null!;
        list = null!;
        listId = null!;
        JsonNode? root;
        try
        {
            root = JsonNode.Parse(text, documentOptions: new JsonDocumentOptions { AllowTrailingCommas = true });
        }
        catch (JsonException e)
        {
            problem = "it is not valid JSON (" + e.Message + ")";
            return false;
        }

        if (root is not JsonObject obj)
        {
            problem = "it is not a JSON object";
            return false;
        }

        var found = obj["result"] as JsonObject ?? obj;
        string? id = found["id"] is JsonValue idValue ? idValue.ToString() : null;
        if (string.IsNullOrEmpty(id) || found["fields"] is not JsonArray)
        {
            problem = "it has no list id and fields";
            return false;
        }

        rootObject = obj;
        list = found;
        listId = id;
        problem = null;
        return true;
    }

    /// <summary>
    /// Writes each list as pulled to its snapshot file: the existing file of that list in the folder if
    /// there is one (keeping its <c>$csharp</c> block), else a new file with a safe name made from the list's
    /// name or id. All files or none: every file is rendered first, then written beside its target and
    /// flushed to disk, and only then moved over it, so a failure before the moves leaves the folder as it was
    /// and no file is ever half written.
    /// </summary>
    public static IReadOnlyList<WrittenSnapshot> WriteAll(string folder, IReadOnlyList<JsonElement> lists, Uri source, DateTimeOffset pulledAt)
    {
        string root = System.IO.Path.TrimEndingDirectorySeparator(System.IO.Path.GetFullPath(folder));
        bool exists = Directory.Exists(root);
        var existing = exists ? Load(new[] { root }) : Array.Empty<LocalSnapshot>();

        // Names compared as Windows and macOS do, so that a checkout there does not fold two snapshots into one.
        var taken = new HashSet<string>(
            exists ? Directory.EnumerateFileSystemEntries(root).Select(e => System.IO.Path.GetFileName(e)) : Enumerable.Empty<string>(),
            StringComparer.OrdinalIgnoreCase) { MapFileName };
        var planned = new List<(WrittenSnapshot Snapshot, byte[] Bytes)>();
        foreach (var list in lists)
        {
            string listId = ListId(list);
            if (planned.Any(p => p.Snapshot.ListId == listId))
            {
                // The same list asked for twice (its id spelled in two cases): one file, from the first reply.
                continue;
            }

            var current = existing.FirstOrDefault(s => s.ListId == listId);
            string path = current?.Path ?? NewFileName(root, list, listId, taken);
            taken.Add(System.IO.Path.GetFileName(path));
            var csharp = current?.CSharp ?? new JsonObject();
            var kept = current is null ? new List<KeptName>() : KeepNames(current, list, csharp);
            planned.Add((new WrittenSnapshot(InFolder(root, path), listId, kept), Render(list, listId, csharp, source, pulledAt)));
        }

        Directory.CreateDirectory(root);
        var temporaries = new List<string>();
        int moved = 0;
        try
        {
            foreach (var (snapshot, bytes) in planned)
            {
                // Beside the target (same folder, same volume, so the move is a rename), never a *.json name.
                string temporary = System.IO.Path.Combine(root, "." + System.IO.Path.GetFileName(snapshot.Path) + "." + Guid.NewGuid().ToString("N")[..8] + ".tmp");
                using var stream = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None);
                temporaries.Add(temporary);
                stream.Write(bytes);
                stream.Flush(flushToDisk: true);
            }

            for (; moved < planned.Count; moved++)
            {
                File.Move(temporaries[moved], planned[moved].Snapshot.Path, overwrite: true);
            }
        }
        finally
        {
            foreach (string temporary in temporaries.Skip(moved))
            {
                TryDelete(temporary);
            }
        }

        return planned.Select(p => p.Snapshot).ToList();
    }

    private static string ListId(JsonElement list)
    {
        var id = list.GetProperty("id");
        return id.ValueKind == JsonValueKind.String ? id.GetString()! : id.GetRawText();
    }

    private static byte[] Render(JsonElement list, string listId, JsonObject csharp, Uri source, DateTimeOffset pulledAt)
    {
        var canonicalList = Canonical(JsonNode.Parse(list.GetRawText())!);
        string compactList = canonicalList.ToJsonString(new JsonSerializerOptions { Encoder = WriterOptions.Encoder, WriteIndented = false });
        var header = new JsonObject
        {
            ["source"] = WorkiomApi.Origin(source),
            ["listId"] = listId,
            ["request"] = new JsonObject
            {
                ["expand"] = new JsonArray(SnapshotVersions.PullExpand.Select(e => (JsonNode?)JsonValue.Create(e)).ToArray()),
                ["includeSystemFields"] = true,
            },
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
        return new UTF8Encoding(encoderShouldEmitUTF8Identifier: false).GetBytes(text);
    }

    private static void TryDelete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (IOException)
        {
            // Left behind as a .tmp file, which no command reads as a snapshot.
        }
        catch (UnauthorizedAccessException)
        {
            // As above.
        }
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

    /// <summary>The longest stem taken from a list's name or id, in UTF-8 bytes: with the id added and ".json", well under the 255 every file system allows.</summary>
    private const int MaxStemBytes = 100;

    /// <summary>Device names Windows reserves with any extension (<c>con.json</c> cannot be created there).</summary>
    private static readonly HashSet<string> ReservedStems = new(
        new[] { "con", "prn", "aux", "nul", "conin", "conout" }
            .Concat(Enumerable.Range(0, 10).SelectMany(i => new[] { "com" + i, "lpt" + i })),
        StringComparer.OrdinalIgnoreCase);

    /// <summary>
    /// A new file name for a list in <paramref name="root"/>: its name (else its id) as lower-case letters, digits
    /// and dashes, never a reserved device name, never one already taken (ignoring case). The name and id are
    /// whatever the server sends; nothing of them but letters and digits reaches the path.
    /// </summary>
    private static string NewFileName(string root, JsonElement list, string listId, HashSet<string> taken)
    {
        string name = list.TryGetProperty("name", out var n) && n.ValueKind == JsonValueKind.String ? n.GetString()! : string.Empty;
        string idStem = Stem(listId);
        string stem = Stem(name);
        if (stem.Length == 0)
        {
            stem = idStem.Length == 0 ? "list" : idStem;
        }

        var candidates = new List<string> { stem };
        if (idStem.Length > 0 && idStem != stem)
        {
            candidates.Add(stem + "-" + idStem);
        }

        string last = candidates[^1];
        foreach (string candidate in candidates.Concat(Enumerable.Range(2, int.MaxValue - 2).Select(i => last + "-" + i.ToString(CultureInfo.InvariantCulture))))
        {
            string file = candidate + ".json";
            if (!taken.Contains(file))
            {
                return System.IO.Path.Combine(root, file);
            }
        }

        throw new CliException("No free file name for list " + listId + " in " + root + ".");
    }

    private static string Stem(string text)
    {
        var slug = new StringBuilder();
        int bytes = 0;
        foreach (char c in text.ToLowerInvariant())
        {
            // A lone surrogate is neither a letter nor a digit: characters outside the BMP become dashes.
            if (char.IsLetterOrDigit(c))
            {
                int size = c < 0x80 ? 1 : c < 0x800 ? 2 : 3;
                if (bytes + size > MaxStemBytes)
                {
                    break;
                }

                slug.Append(c);
                bytes += size;
            }
            else if (slug.Length > 0 && slug[^1] != '-')
            {
                slug.Append('-');
                bytes++;
            }
        }

        string stem = slug.ToString().Trim('-');
        return ReservedStems.Contains(stem) ? stem + "-list" : stem;
    }

    /// <summary>The full path, checked to be a file directly in the folder after normalisation.</summary>
    private static string InFolder(string root, string path)
    {
        string full = System.IO.Path.GetFullPath(path);
        if (!string.Equals(System.IO.Path.GetDirectoryName(full), root, StringComparison.Ordinal) || System.IO.Path.GetFileName(full).Length == 0)
        {
            throw new CliException("A snapshot path left the folder " + root + "; nothing was written.");
        }

        return full;
    }
}
