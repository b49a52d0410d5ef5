using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Workiom.Cli.Webhooks;

/// <summary>One subscription the ledger remembers (as written by <c>workiom webhooks add</c>).</summary>
public sealed record LedgerEntry(
    string Id,
    string ListId,
    string ListName,
    string? AppId,
    string Event,
    string Name,
    string Url,
    string Environment,
    string Source,
    string AddedAt);

/// <summary>
/// The subscriptions made with <c>workiom webhooks add</c> (Workiom's API has no endpoint that lists them):
/// a JSON file, by default <c>.workiom/webhooks.json</c>. Written whole, beside the target then moved over
/// it, readable by the user only where the OS allows (the URLs may carry tokens). Keys the tool does not
/// know, at any level, are kept as they were read.
/// </summary>
public sealed class WebhookLedger
{
    /// <summary>The ledger's path relative to the working directory.</summary>
    public const string DefaultPath = ".workiom/webhooks.json";

    private const int Format = 1;

    private static readonly JsonSerializerOptions WriteOptions = new()
    {
        WriteIndented = true,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    private readonly JsonObject _root;

    private WebhookLedger(string path, JsonObject root)
    {
        Path = path;
        _root = root;
    }

    /// <summary>The ledger file.</summary>
    public string Path { get; }

    /// <summary>The subscriptions, in the order they were added.</summary>
    public IReadOnlyList<LedgerEntry> Entries => Items().Select(Read).ToList();

    /// <summary>The ledger at <paramref name="path"/>; an empty one when the file does not exist. A file that is not a ledger is an error, never overwritten.</summary>
    public static WebhookLedger Load(string path)
    {
        if (!File.Exists(path))
        {
            return new WebhookLedger(path, new JsonObject { ["format"] = Format, ["subscriptions"] = new JsonArray() });
        }

        JsonNode? root;
        try
        {
            root = JsonNode.Parse(File.ReadAllText(path));
        }
        catch (JsonException e)
        {
            throw new CliException("The webhook ledger " + path + " is not valid JSON (" + e.Message + "); fix or move it, it was not changed.", e);
        }

        if (root is not JsonObject rootObject || rootObject["subscriptions"] is not JsonArray subscriptions
            || subscriptions.Any(s => s is not JsonObject o || o["id"] is not JsonValue id || id.GetValueKind() != JsonValueKind.String))
        {
            throw new CliException("The webhook ledger " + path + " is not a ledger (an object with 'subscriptions', each with a string 'id'); fix or move it, it was not changed.");
        }

        return new WebhookLedger(path, rootObject);
    }

    /// <summary>The entry of that subscription id, or null.</summary>
    public LedgerEntry? Find(string id) => Entries.FirstOrDefault(e => string.Equals(e.Id, id, StringComparison.Ordinal));

    /// <summary>Adds (or replaces, by id) an entry.</summary>
    public void Add(LedgerEntry entry)
    {
        Remove(entry.Id);
        Items().Add(new JsonObject
        {
            ["id"] = entry.Id,
            ["listId"] = entry.ListId,
            ["listName"] = entry.ListName,
            ["appId"] = entry.AppId,
            ["event"] = entry.Event,
            ["name"] = entry.Name,
            ["url"] = entry.Url,
            ["environment"] = entry.Environment,
            ["source"] = entry.Source,
            ["addedAt"] = entry.AddedAt,
        });
    }

    /// <summary>Removes the entry of that id; false when there was none.</summary>
    public bool Remove(string id)
    {
        var items = Items();
        var found = items.FirstOrDefault(s => string.Equals((string?)s!["id"], id, StringComparison.Ordinal));
        return found is not null && items.Remove(found);
    }

    /// <summary>Writes the ledger: beside it, flushed, then moved over it; user read/write only where the OS has Unix modes.</summary>
    public void Save()
    {
        string full = System.IO.Path.GetFullPath(Path);
        string folder = System.IO.Path.GetDirectoryName(full)!;
        if (!Directory.Exists(folder))
        {
            if (OperatingSystem.IsWindows())
            {
                Directory.CreateDirectory(folder);
            }
            else
            {
                Directory.CreateDirectory(folder, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
            }
        }

        byte[] bytes = new UTF8Encoding(false).GetBytes(_root.ToJsonString(WriteOptions).Replace("\r\n", "\n", StringComparison.Ordinal) + "\n");
        string temporary = System.IO.Path.Combine(folder, "." + System.IO.Path.GetFileName(full) + "." + Guid.NewGuid().ToString("N")[..8] + ".tmp");
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write, Share = FileShare.None };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        try
        {
            using (var stream = new FileStream(temporary, options))
            {
                stream.Write(bytes);
                stream.Flush(flushToDisk: true);
            }

            File.Move(temporary, full, overwrite: true);
        }
        finally
        {
            if (File.Exists(temporary))
            {
                File.Delete(temporary);
            }
        }
    }

    private JsonArray Items() => (JsonArray)_root["subscriptions"]!;

    private static LedgerEntry Read(JsonNode? node)
    {
        var item = (JsonObject)node!;
        string Text(string key) => item[key] is JsonValue value && value.GetValueKind() == JsonValueKind.String ? (string)value! : string.Empty;
        string? appId = Text("appId");
        return new LedgerEntry(
            Text("id"), Text("listId"), Text("listName"), appId.Length == 0 ? null : appId, Text("event"), Text("name"), Text("url"),
            Text("environment") is { Length: > 0 } environment ? environment : Environments.CliEnvironments.Default,
            Text("source"), Text("addedAt"));
    }

    /// <summary>A time as the ledger writes it (UTC, seconds).</summary>
    public static string Time(DateTimeOffset time) => time.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
}
