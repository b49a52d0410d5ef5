using System.Collections.Immutable;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Workiom.Emulator.Schema;

/// <summary>
/// The lists the emulator serves, read from snapshot files. Lists can be replaced at run time, so readers
/// take the current immutable map and never see a half-applied change.
/// </summary>
internal sealed class SnapshotCatalog
{
    private ImmutableDictionary<string, ListSchema> _lists = ImmutableDictionary.Create<string, ListSchema>(StringComparer.OrdinalIgnoreCase);
    private ImmutableDictionary<string, AppInfo> _appNames = ImmutableDictionary.Create<string, AppInfo>(StringComparer.OrdinalIgnoreCase);

    private ListIdsCache? _listIds;

    /// <summary>The ids of <see cref="Lists"/>, computed once per state of the catalog (read-only).</summary>
    public IReadOnlyList<string> ListIds
    {
        get
        {
            var lists = _lists;
            if (Volatile.Read(ref _listIds) is { } cached && ReferenceEquals(cached.Source, lists))
            {
                return cached.Ids;
            }

            var ids = Ordered(lists).Select(l => l.Id).ToList().AsReadOnly();
            Volatile.Write(ref _listIds, new ListIdsCache(lists, ids));
            return ids;
        }
    }

    private sealed record ListIdsCache(ImmutableDictionary<string, ListSchema> Source, IReadOnlyList<string> Ids);

    private static IEnumerable<ListSchema> Ordered(ImmutableDictionary<string, ListSchema> lists) =>
        lists.Values.OrderBy(l => l.Name, StringComparer.Ordinal).ThenBy(l => l.Id, StringComparer.Ordinal);

    public IReadOnlyCollection<ListSchema> Lists => Ordered(_lists).ToList();

    public ListSchema? Find(string? listId) =>
        listId is not null && _lists.TryGetValue(listId, out var list) ? list : null;

    public IReadOnlyList<AppInfo> Apps
    {
        get
        {
            var names = _appNames;
            return _lists.Values
                .Select(l => l.AppId)
                .Where(id => id.Length > 0)
                .Distinct(StringComparer.OrdinalIgnoreCase)
                .Order(StringComparer.Ordinal)
                .Select(id => names.TryGetValue(id, out var app) ? app : new AppInfo(id, "App " + id, null, null))
                .ToList();
        }
    }

    /// <summary>
    /// The name of an environment's mapping file (<c>schemas/&lt;environment&gt;/workiom-map.json</c>): it sits
    /// among that environment's snapshots, so a glob or a folder picks it up, but it is never a snapshot.
    /// </summary>
    public const string MappingFileName = "workiom-map.json";

    /// <summary>Loads every path: a file must be a snapshot; a directory contributes its *.json files that are.</summary>
    /// <remarks>A mapping file (<see cref="MappingFileName"/>) is skipped, named on its own or found in a folder.</remarks>
    public static SnapshotCatalog Load(IEnumerable<string> paths)
    {
        var catalog = new SnapshotCatalog();
        foreach (var path in paths)
        {
            if (Directory.Exists(path))
            {
                foreach (var file in Directory.EnumerateFiles(path, "*.json").Order(StringComparer.Ordinal))
                {
                    if (IsMappingFile(file))
                    {
                        continue;
                    }

                    if (string.Equals(Path.GetFileName(file), "apps.json", StringComparison.OrdinalIgnoreCase))
                    {
                        catalog.LoadApps(file);
                        continue;
                    }

                    // A schemas folder may also hold other JSON (requests, replies): only lists are taken from it.
                    var list = TryParseFile(file, strict: false);
                    if (list is not null)
                    {
                        catalog.Put(list);
                    }
                }
            }
            else if (File.Exists(path))
            {
                if (IsMappingFile(path))
                {
                    // Listed with its environment's snapshots (schemas/staging/*.json): not a list to serve.
                    continue;
                }

                if (string.Equals(Path.GetFileName(path), "apps.json", StringComparison.OrdinalIgnoreCase))
                {
                    catalog.LoadApps(path);
                    continue;
                }

                catalog.Put(TryParseFile(path, strict: true)!);
                var besideApps = Path.Combine(Path.GetDirectoryName(Path.GetFullPath(path)) ?? ".", "apps.json");
                if (File.Exists(besideApps))
                {
                    catalog.LoadApps(besideApps);
                }
            }
            else
            {
                throw new SnapshotException($"Schema path '{path}' is neither a file nor a directory.");
            }
        }

        return catalog;
    }

    private static bool IsMappingFile(string path) =>
        string.Equals(Path.GetFileName(path), MappingFileName, StringComparison.OrdinalIgnoreCase);

    /// <summary>Adds a list, or replaces the list with the same id.</summary>
    public ListSchema Put(string snapshotJson)
    {
        JsonNode? root;
        try
        {
            root = JsonRead.Parse(snapshotJson);
        }
        catch (JsonException ex)
        {
            throw new SnapshotException("The snapshot is not valid JSON: " + ex.Message, ex);
        }

        var list = Parse(root, "snapshot") ?? throw new SnapshotException("The snapshot is not a Lists/Get list: it needs an 'id' and a 'fields' array.");
        Put(list);
        return list;
    }

    private void Put(ListSchema list) => ImmutableInterlocked.AddOrUpdate(ref _lists, list.Id, list, (_, _) => list);

    private void LoadApps(string path)
    {
        JsonNode? root;
        try
        {
            root = JsonRead.Parse(File.ReadAllBytes(path));
        }
        catch (JsonException ex)
        {
            throw new SnapshotException($"'{path}' is not valid JSON: {ex.Message}", ex);
        }

        if (root is JsonObject envelope && JsonRead.Get(envelope, "result") is JsonNode result)
        {
            root = result;
        }

        if (root is JsonObject withItems && JsonRead.Get(withItems, "items") is JsonArray items)
        {
            root = items;
        }

        if (root is not JsonArray apps)
        {
            throw new SnapshotException($"'{path}' must be an array of apps ({{\"id\", \"name\"}}).");
        }

        foreach (var node in apps)
        {
            if (node is JsonObject app && JsonRead.String(app, "id") is { Length: > 0 } id)
            {
                var info = new AppInfo(id, JsonRead.String(app, "name") ?? "App " + id, JsonRead.String(app, "description"), JsonRead.String(app, "icon"));
                ImmutableInterlocked.AddOrUpdate(ref _appNames, id, info, (_, _) => info);
            }
        }
    }

    private static ListSchema? TryParseFile(string path, bool strict)
    {
        JsonNode? root;
        try
        {
            root = JsonRead.Parse(File.ReadAllBytes(path));
        }
        catch (JsonException ex)
        {
            if (!strict)
            {
                return null;
            }

            throw new SnapshotException($"'{path}' is not valid JSON: {ex.Message}", ex);
        }

        var list = Parse(root, path);
        if (list is null && strict)
        {
            throw new SnapshotException($"'{path}' is not a Lists/Get snapshot: it needs an 'id' and a 'fields' array.");
        }

        return list;
    }

    private static ListSchema? Parse(JsonNode? root, string origin)
    {
        if (root is not JsonObject obj)
        {
            return null;
        }

        // Snapshots are checked in with or without ABP's envelope.
        if (JsonRead.Get(obj, "fields") is null && JsonRead.Get(obj, "result") is JsonObject result)
        {
            obj = result;
        }

        var id = JsonRead.String(obj, "id");
        if (string.IsNullOrEmpty(id) || JsonRead.Get(obj, "fields") is not JsonArray fieldArray)
        {
            return null;
        }

        var fields = new List<FieldSchema>();
        foreach (var node in fieldArray)
        {
            if (node is not JsonObject f)
            {
                continue;
            }

            var fieldId = JsonRead.Long(f, "id") ?? throw new SnapshotException($"{origin}: a field of list '{id}' has no numeric id.");
            if (JsonRead.Bool(f, "isDeleted"))
            {
                continue;
            }

            fields.Add(new FieldSchema
            {
                Id = fieldId,
                Name = JsonRead.String(f, "name") ?? fieldId.ToString(System.Globalization.CultureInfo.InvariantCulture),
                DataType = JsonRead.Int(f, "dataType"),
                IsPrimary = JsonRead.Bool(f, "isPrimary"),
                IsRequired = JsonRead.Bool(f, "isRequired"),
                AllowMultiple = JsonRead.Bool(f, "allowMultiple"),
                LinkedListId = JsonRead.String(f, "linkedListId"),
                LinkedFieldId = JsonRead.Long(f, "linkedFieldId"),
                RollupFieldId = JsonRead.Long(f, "rollupFieldId"),
                DateType = JsonRead.Int(f, "dateType"),
                IsComputed = JsonRead.Bool(f, "isComputed"),
                Expression = JsonRead.String(f, "expression"),
                SystemFieldType = JsonRead.Int(f, "systemFieldType"),
                IsSystemField = JsonRead.Bool(f, "isSystemField"),
                SummaryType = JsonRead.Int(f, "summaryType"),
                Options = ParseOptions(JsonRead.Get(f, "staticListValues")),
            });
        }

        // Saved views (expand=Views): Data/All applies a view's stored filters when asked for its viewId.
        var views = new Dictionary<long, JsonObject>();
        if (JsonRead.Get(obj, "views") is JsonArray viewArray)
        {
            foreach (var node in viewArray)
            {
                if (node is JsonObject view && JsonRead.Long(view, "id") is long viewId)
                {
                    views.TryAdd(viewId, (JsonObject)view.DeepClone());
                }
            }
        }

        var snapshot = (JsonObject)obj.DeepClone();
        return new ListSchema(id, JsonRead.String(obj, "appId") ?? "", JsonRead.String(obj, "name") ?? id, fields, snapshot) { Views = views };
    }

    private static List<OptionSchema> ParseOptions(JsonNode? node)
    {
        var options = new List<OptionSchema>();
        if (node is not JsonArray array)
        {
            return options;
        }

        foreach (var item in array)
        {
            if (item is JsonObject o && JsonRead.String(o, "id") is { } optionId)
            {
                options.Add(new OptionSchema(
                    optionId,
                    JsonRead.String(o, "label") ?? "",
                    JsonRead.Int(o, "order", options.Count),
                    JsonRead.Get(o, "color")?.DeepClone(),
                    JsonRead.Bool(JsonRead.Get(o, "isClosed"))));
            }
        }

        return options;
    }
}
