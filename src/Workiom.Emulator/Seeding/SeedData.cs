using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Workiom.Emulator.Records;
using Workiom.Emulator.Schema;
using Workiom.Emulator.Storage;

namespace Workiom.Emulator.Seeding;

/// <summary>
/// Seed files: <c>{ "&lt;list id or exact list name&gt;": [ records in the read shape, keyed by field id ] }</c>, the
/// format <see cref="WorkiomEmulator.ExportAsync"/> writes. Every file is read and checked before the store is
/// touched, and all of them go in one transaction, only into an empty store.
/// </summary>
internal static class SeedData
{
    private static readonly JsonDocumentOptions DocumentOptions = new()
    {
        // An export nests each record two levels deeper than a request body ({ list: [ record ] }), so
        // whatever the API accepted seeds again.
        MaxDepth = JsonRead.MaxDepth + 2,
        CommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
        AllowDuplicateProperties = false,
    };

    /// <summary>One record of a seed file, checked, with the place it came from.</summary>
    private sealed record SeedRecord(string File, ListSchema List, int Index, string Id, JsonObject Record)
    {
        public string Where => $"Seed file '{File}', list '{List.Name}' ({List.Id}), record {Index}";
    }

    /// <summary>Loads the seed files into the store when it holds no record; returns how many records went in.</summary>
    public static async Task<int> SeedAsync(IEnumerable<string> paths, SnapshotCatalog catalog, RecordStore store, WorkiomEmulatorOptions options, CancellationToken cancellationToken)
    {
        var records = Read(paths, catalog);
        if (records.Count == 0)
        {
            return 0;
        }

        var actor = options.Users.FirstOrDefault() ?? EmulatorUser.Default;
        var now = FieldValues.FormatDate(options.TimeProvider.GetUtcNow(), dateOnly: false);
        return await store.RunAsync(session =>
        {
            if (!session.IsEmpty())
            {
                return 0;
            }

            foreach (var byList in records.GroupBy(r => r.List))
            {
                foreach (var field in byList.Key.Fields.Where(f => f.DataType == DataTypes.AutoNumber))
                {
                    var highest = byList.Select(r => JsonRead.Decimal(JsonRead.Get(r.Record, field.Key))).Max();
                    if (highest is decimal top)
                    {
                        session.EnsureNextNumber(byList.Key.Id, field.Id, (long)top + 1);
                    }
                }
            }

            foreach (var seed in records)
            {
                session.Insert(seed.List.Id, seed.Id, Stamp(seed, session, actor, now));
            }

            return records.Count;
        }, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Reads and checks every file; throws <see cref="SeedException"/> at the first problem.</summary>
    private static List<SeedRecord> Read(IEnumerable<string> paths, SnapshotCatalog catalog)
    {
        var records = new List<SeedRecord>();
        foreach (var path in paths)
        {
            records.AddRange(ReadFile(path, catalog));
        }

        // Ids are unique per list, and links point at records of the seed (order does not matter).
        var ids = new Dictionary<string, HashSet<string>>(StringComparer.OrdinalIgnoreCase);
        foreach (var seed in records)
        {
            var listIds = ids.TryGetValue(seed.List.Id, out var set) ? set : ids[seed.List.Id] = new HashSet<string>(StringComparer.Ordinal);
            if (!listIds.Add(seed.Id))
            {
                throw new SeedException($"{seed.Where}: the _id '{seed.Id}' is used by another seeded record of the list.");
            }
        }

        foreach (var seed in records)
        {
            foreach (var field in seed.List.Fields.Where(f => f.DataType == DataTypes.LinkList))
            {
                if (catalog.Find(field.LinkedListId) is not { } target)
                {
                    continue;
                }

                foreach (var item in FieldValues.Items(JsonRead.Get(seed.Record, field.Key)))
                {
                    var linked = JsonRead.String((JsonObject)item!, "_id")!;
                    if (!ids.TryGetValue(target.Id, out var targetIds) || !targetIds.Contains(linked))
                    {
                        throw new SeedException($"{seed.Where}: field {field.Describe()} links record '{linked}', which is not seeded in list '{target.Name}'.");
                    }
                }
            }
        }

        MirrorLinks(records, catalog);
        return records;
    }

    /// <summary>
    /// As a write does (<see cref="LinkMirror"/>), a two-way link given on one side only is added on the other:
    /// the linked record's reverse field gets the linking record. Links are only added, never removed.
    /// </summary>
    private static void MirrorLinks(List<SeedRecord> records, SnapshotCatalog catalog)
    {
        var byId = records.ToDictionary(r => (r.List.Id, r.Id), r => r, new ListAndIdComparer());
        foreach (var seed in records)
        {
            foreach (var field in seed.List.Fields.Where(f => f.DataType == DataTypes.LinkList))
            {
                if (LinkMirror.FindReverse(catalog, seed.List, field) is not var (target, reverse))
                {
                    continue;
                }

                foreach (var item in FieldValues.Items(JsonRead.Get(seed.Record, field.Key)))
                {
                    var linked = byId[(target.Id, JsonRead.String((JsonObject)item!, "_id")!)];
                    var back = JsonRead.Get(linked.Record, reverse.Key);
                    if (FieldValues.Items(back).Any(l => l is JsonObject o && JsonRead.String(o, "_id") == seed.Id))
                    {
                        continue;
                    }

                    if (back is JsonArray links)
                    {
                        links.Add(new JsonObject { ["_id"] = seed.Id });
                    }
                    else
                    {
                        linked.Record[reverse.Key] = new JsonArray(new JsonObject { ["_id"] = seed.Id });
                    }
                }
            }
        }
    }

    private sealed class ListAndIdComparer : IEqualityComparer<(string ListId, string Id)>
    {
        public bool Equals((string ListId, string Id) x, (string ListId, string Id) y) =>
            string.Equals(x.ListId, y.ListId, StringComparison.OrdinalIgnoreCase) && string.Equals(x.Id, y.Id, StringComparison.Ordinal);

        public int GetHashCode((string ListId, string Id) obj) =>
            HashCode.Combine(StringComparer.OrdinalIgnoreCase.GetHashCode(obj.ListId), StringComparer.Ordinal.GetHashCode(obj.Id));
    }

    private static List<SeedRecord> ReadFile(string path, SnapshotCatalog catalog)
    {
        byte[] bytes;
        try
        {
            bytes = File.ReadAllBytes(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            throw new SeedException($"Seed file '{path}' cannot be read: {ex.Message}", ex);
        }

        JsonNode? root;
        try
        {
            // The store reads records back with JsonRead's rules (property names compared without regard to
            // case), so the seed is read by the same rules and nothing goes in that could not be read back.
            root = JsonNode.Parse(bytes, JsonRead.CaseInsensitive, DocumentOptions);
        }
        catch (JsonException ex)
        {
            var at = ex.LineNumber is long line ? $" at line {line + 1}, column {(ex.BytePositionInLine ?? 0) + 1}" : "";
            throw new SeedException($"Seed file '{path}' is not valid JSON{at}: {ex.Message}", ex);
        }

        if (root is not JsonObject lists)
        {
            throw new SeedException($"Seed file '{path}' must hold an object: {{ \"<list id or name>\": [records] }}.");
        }

        List<KeyValuePair<string, JsonNode?>> entries;
        try
        {
            entries = lists.ToList();
        }
        catch (ArgumentException ex)
        {
            throw new SeedException($"Seed file '{path}': a list key appears more than once (keys are compared without regard to case).", ex);
        }

        var records = new List<SeedRecord>();
        foreach (var (key, value) in entries)
        {
            var list = FindList(catalog, key, path);
            if (value is not JsonArray items)
            {
                throw new SeedException($"Seed file '{path}', list '{list.Name}' ({list.Id}): the records must be an array.");
            }

            for (var index = 0; index < items.Count; index++)
            {
                var where = $"Seed file '{path}', list '{list.Name}' ({list.Id}), record {index}";
                if (items[index] is not JsonObject record)
                {
                    throw new SeedException($"{where}: a record must be a JSON object keyed by field id.");
                }

                try
                {
                    JsonRead.EnsureUniqueNames(record);
                }
                catch (JsonException ex)
                {
                    throw new SeedException($"{where}: {ex.Message}", ex);
                }

                // The service's record ids are 24 hex characters, and clients may rely on it.
                var id = JsonRead.Get(record, "_id") switch
                {
                    null => RecordStore.NewId(),
                    JsonValue v when v.GetValueKind() == JsonValueKind.String && IsRecordId(v.GetValue<string>()) => v.GetValue<string>(),
                    var other => throw new SeedException($"{where}: '_id' must be a string of 24 hexadecimal characters, as the service's record ids are, got {other.ToJsonString()}."),
                };
                if (Problem(list, record) is { } problem)
                {
                    throw new SeedException($"{where}: {problem}");
                }

                records.Add(new SeedRecord(path, list, index, id, record));
            }
        }

        return records;
    }

    private static bool IsRecordId(string id) => id.Length == 24 && id.All(char.IsAsciiHexDigit);

    private static ListSchema FindList(SnapshotCatalog catalog, string key, string path)
    {
        if (catalog.Find(key) is { } byId)
        {
            return byId;
        }

        var named = catalog.Lists.Where(l => string.Equals(l.Name, key, StringComparison.Ordinal)).ToList();
        return named.Count switch
        {
            1 => named[0],
            0 => throw new SeedException($"Seed file '{path}': '{key}' is neither the id nor the exact name of a list the emulator serves."),
            _ => throw new SeedException($"Seed file '{path}': {named.Count} lists are named '{key}'; key their records by list id ({string.Join(", ", named.Select(l => l.Id))})."),
        };
    }

    /// <summary>What is wrong with a record in the read shape, or null.</summary>
    private static string? Problem(ListSchema list, JsonObject record)
    {
        foreach (var (key, value) in record)
        {
            if (string.Equals(key, "_id", StringComparison.OrdinalIgnoreCase) || key.StartsWith("view-", StringComparison.Ordinal))
            {
                continue;
            }

            var field = list.FindField(key);
            if (field is null)
            {
                if (long.TryParse(key, NumberStyles.Integer, CultureInfo.InvariantCulture, out _))
                {
                    // A field the snapshot does not know (added on the server later) is kept, as a read keeps it.
                    continue;
                }

                var named = list.Fields.FirstOrDefault(f => string.Equals(f.Name, key, StringComparison.Ordinal));
                return named is null
                    ? $"'{key}' is not a field id of the list (records are keyed by field id)."
                    : $"'{key}' is a field name: key it by its id, \"{named.Key}\".";
            }

            if (!JsonRead.IsNull(value) && ValueProblem(field, value!) is { } problem)
            {
                return $"field {field.Describe()} {problem}";
            }
        }

        return null;
    }

    private static string? ValueProblem(FieldSchema field, JsonNode value)
    {
        var kind = value.GetValueKind();
        static bool AllObjectsWith(JsonNode value, string key) =>
            value is JsonArray items && items.All(i => i is JsonObject o && !JsonRead.IsNull(JsonRead.Get(o, key)));

        switch (field.DataType)
        {
            case DataTypes.AutoNumber:
                // The store counts on from the highest seeded number, so it must be a whole number it can count from.
                return JsonRead.Decimal(value) is decimal number && number == decimal.Truncate(number) && number >= 0 && number < long.MaxValue
                    ? null
                    : $"expects a whole number from 0 to {long.MaxValue - 1}, got {value.ToJsonString()}.";
            case DataTypes.Text or DataTypes.Website or DataTypes.Email or DataTypes.PhoneNumber when !field.IsComputed:
                return kind == JsonValueKind.String ? null : "expects text.";
            case DataTypes.Number or DataTypes.Currency or DataTypes.ProgressBar when !field.IsComputed:
                return JsonRead.Decimal(value) is null ? "expects a number." : null;
            case DataTypes.DateTime:
                return kind == JsonValueKind.String && FieldValues.TryParseDate(JsonRead.String(value), out _) ? null : "expects an ISO-8601 date.";
            case DataTypes.Boolean when !field.IsComputed:
                return kind is JsonValueKind.True or JsonValueKind.False ? null : "expects true or false.";
            case DataTypes.StaticSelect or DataTypes.Status:
                return OptionProblem(field, value);
            case DataTypes.MultiStaticSelect:
                return value is JsonArray options
                    ? options.Select(o => o is null ? "expects options, got null." : OptionProblem(field, o)).FirstOrDefault(p => p is not null)
                    : "expects an array of options [{\"id\", \"label\"}].";
            case DataTypes.LinkList:
                return value is JsonArray links && links.All(l => l is JsonObject o && JsonRead.Get(o, "_id") is JsonValue id && id.GetValueKind() == JsonValueKind.String)
                    ? null
                    : "expects linked records as [{\"_id\", \"label\"}].";
            case DataTypes.User:
                return value is JsonObject user && !JsonRead.IsNull(JsonRead.Get(user, "id")) ? null : "expects a user {\"id\", \"fullname\", ...}.";
            case DataTypes.MultiUser:
                return AllObjectsWith(value, "id") ? null : "expects users as [{\"id\", \"fullname\", ...}].";
            case DataTypes.File:
                return AllObjectsWith(value, "_id") ? null : "expects files as [{\"_id\", \"FileName\", ...}].";
            case DataTypes.CheckList:
                return kind is JsonValueKind.Array or JsonValueKind.String ? null : "expects [{\"label\", \"check\"}].";
            default:
                // Counts, rollups, formulas and the types kept as raw JSON: any value, as read.
                return null;
        }
    }

    private static string? OptionProblem(FieldSchema field, JsonNode value)
    {
        if (value is not JsonObject option || JsonRead.String(option, "id") is not { } id)
        {
            return "expects an option {\"id\", \"label\", ...}.";
        }

        return field.Options.Count == 0 || field.Options.Any(o => string.Equals(o.Id, id, StringComparison.Ordinal))
            ? null
            : $"has option id '{id}', which is not one of the field's options.";
    }

    /// <summary>
    /// The record as stored: every key and value as given, except empty values (absent and null read alike),
    /// download URLs that point at an emulator (this one makes its own when read), and what the service would
    /// have stamped on create when the seed leaves it out (system fields, AutoNumbers).
    /// </summary>
    private static JsonObject Stamp(SeedRecord seed, StoreSession session, EmulatorUser actor, string now)
    {
        var stored = new JsonObject { ["_id"] = seed.Id };
        foreach (var (key, value) in seed.Record)
        {
            if (!string.Equals(key, "_id", StringComparison.OrdinalIgnoreCase) && !JsonRead.IsNull(value))
            {
                stored[key] = value!.DeepClone();
            }
        }

        foreach (var field in seed.List.Fields)
        {
            if (field.DataType is DataTypes.File or DataTypes.Signature && JsonRead.Get(stored, field.Key) is JsonArray files)
            {
                foreach (var file in files.OfType<JsonObject>())
                {
                    if (IsEmulatorDownloadUrl(JsonRead.String(file, "FileUrl"), JsonRead.String(file, "_id")))
                    {
                        file["FileUrl"] = null;
                    }
                }
            }

            if (stored.ContainsKey(field.Key))
            {
                continue;
            }

            switch (field.SystemFieldType)
            {
                case 1 or 3:
                    stored[field.Key] = FieldValues.UserReadShape(actor);
                    break;
                case 2 or 4 or 5:
                    stored[field.Key] = now;
                    break;
                case 0 when field.DataType == DataTypes.AutoNumber:
                    stored[field.Key] = session.NextNumber(seed.List.Id, field.Id);
                    break;
            }
        }

        return stored;
    }

    private static bool IsEmulatorDownloadUrl(string? url, string? fileId) =>
        fileId is not null
        && Uri.TryCreate(url, UriKind.Absolute, out var uri)
        && uri.AbsolutePath.EndsWith("/File/DownloadFile", StringComparison.OrdinalIgnoreCase)
        && uri.Query == "?id=" + Uri.EscapeDataString(fileId);

    /// <summary>Every served list's records in the read shape, keyed by list id: the seed format.</summary>
    public static async Task ExportAsync(Stream destination, SnapshotCatalog catalog, RecordStore store, RecordReader reader, CancellationToken cancellationToken)
    {
        var root = await store.RunAsync(session =>
        {
            var lists = new JsonObject();
            foreach (var list in catalog.Lists)
            {
                lists[list.Id] = new JsonArray(session.LoadList(list.Id).Select(r => (JsonNode)reader.Read(list, r, session)).ToArray());
            }

            return lists;
        }, cancellationToken).ConfigureAwait(false);

        await using var writer = new Utf8JsonWriter(destination, new JsonWriterOptions
        {
            Indented = true,
            Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        });
        root.WriteTo(writer);
        await writer.FlushAsync(cancellationToken).ConfigureAwait(false);
    }
}
