using System.Security.Cryptography;
using System.Text.Json.Nodes;
using Microsoft.Data.Sqlite;
using Workiom.Emulator.Schema;

namespace Workiom.Emulator.Storage;

/// <summary>An uploaded file; <see cref="StoredId"/> is set once a record's File field refers to it.</summary>
internal sealed record StoredFile(string Token, string? StoredId, string FileName, string ContentType, long Size);

/// <summary>
/// Records (one JSON text per record, per list) and uploaded files in SQLite. One connection, one gate:
/// every read-validate-write step runs alone, so concurrent creates never race on AutoNumbers or links.
/// All SQL is fixed text with parameters.
/// </summary>
internal sealed class RecordStore : IAsyncDisposable
{
    private readonly SqliteConnection _connection;
    private readonly SemaphoreSlim _gate = new(1, 1);

    private RecordStore(SqliteConnection connection) => _connection = connection;

    /// <summary>
    /// Opens (or creates) the store; a <paramref name="databasePath"/> that cannot be used as a SQLite file throws
    /// <see cref="EmulatorStoreException"/> naming the path and the reason.
    /// </summary>
    public static RecordStore Open(string? databasePath)
    {
        try
        {
            return OpenCore(databasePath);
        }
        catch (Exception ex) when (databasePath is not null && ex is SqliteException or IOException or UnauthorizedAccessException or NotSupportedException or ArgumentException)
        {
            var reason = ex is SqliteException sqlite ? sqlite.Message : ex.Message;
            throw new EmulatorStoreException($"The data file '{databasePath}' cannot be used as the emulator's SQLite store: {reason}", ex);
        }
    }

    private static RecordStore OpenCore(string? databasePath)
    {
        var builder = new SqliteConnectionStringBuilder { Pooling = false };
        if (databasePath is null)
        {
            // Shared cache keeps the named in-memory database alive while this connection is open.
            builder.DataSource = "workiom-emulator-" + Guid.NewGuid().ToString("N");
            builder.Mode = SqliteOpenMode.Memory;
            builder.Cache = SqliteCacheMode.Shared;
        }
        else
        {
            var directory = Path.GetDirectoryName(Path.GetFullPath(databasePath));
            if (!string.IsNullOrEmpty(directory))
            {
                Directory.CreateDirectory(directory);
            }

            builder.DataSource = databasePath;
            builder.Mode = SqliteOpenMode.ReadWriteCreate;
        }

        var connection = new SqliteConnection(builder.ConnectionString);
        var store = new RecordStore(connection);
        try
        {
            connection.Open();
            store.Execute(
                """
                PRAGMA journal_mode = WAL;
                CREATE TABLE IF NOT EXISTS records (
                    seq INTEGER PRIMARY KEY AUTOINCREMENT,
                    list_id TEXT NOT NULL,
                    id TEXT NOT NULL,
                    json TEXT NOT NULL,
                    UNIQUE (list_id, id));
                CREATE TABLE IF NOT EXISTS counters (
                    list_id TEXT NOT NULL,
                    field_id INTEGER NOT NULL,
                    next INTEGER NOT NULL,
                    PRIMARY KEY (list_id, field_id));
                CREATE TABLE IF NOT EXISTS files (
                    token TEXT PRIMARY KEY,
                    stored_id TEXT UNIQUE,
                    file_name TEXT NOT NULL,
                    content_type TEXT NOT NULL,
                    size INTEGER NOT NULL,
                    bytes BLOB NOT NULL);
                """);
        }
        catch
        {
            // A file that is not a SQLite database fails only at the first statement: the connection goes with it.
            connection.Dispose();
            throw;
        }

        return store;
    }

    /// <summary>Runs <paramref name="work"/> alone, inside one transaction that commits only if it returns.</summary>
    public async Task<T> RunAsync<T>(Func<StoreSession, T> work, CancellationToken ct = default)
    {
        await _gate.WaitAsync(ct).ConfigureAwait(false);
        try
        {
            using var transaction = _connection.BeginTransaction();
            var session = new StoreSession(_connection, transaction);
            var result = work(session);
            transaction.Commit();
            session.RunAfterCommit();
            return result;
        }
        finally
        {
            _gate.Release();
        }
    }

    private void Execute(string sql)
    {
        using var command = _connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    public async ValueTask DisposeAsync()
    {
        await _gate.WaitAsync().ConfigureAwait(false);
        try
        {
            await _connection.DisposeAsync().ConfigureAwait(false);
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>A 24-hex record or file id, shaped like the service's (time prefix, random rest).</summary>
    public static string NewId()
    {
        Span<byte> bytes = stackalloc byte[12];
        var seconds = (uint)DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        bytes[0] = (byte)(seconds >> 24);
        bytes[1] = (byte)(seconds >> 16);
        bytes[2] = (byte)(seconds >> 8);
        bytes[3] = (byte)seconds;
        RandomNumberGenerator.Fill(bytes[4..]);
        return Convert.ToHexStringLower(bytes);
    }
}

/// <summary>The store as seen from inside <see cref="RecordStore.RunAsync{T}"/>.</summary>
internal sealed class StoreSession
{
    private readonly SqliteConnection _connection;
    private readonly SqliteTransaction _transaction;
    private readonly Dictionary<string, Dictionary<string, JsonObject>> _listCache = new(StringComparer.OrdinalIgnoreCase);
    private List<Action>? _afterCommit;

    internal StoreSession(SqliteConnection connection, SqliteTransaction transaction)
    {
        _connection = connection;
        _transaction = transaction;
    }

    /// <summary>
    /// Runs <paramref name="action"/> once the work has been committed, while the store is still held (so such
    /// actions run in the order of the writes); nothing runs when the work fails.
    /// </summary>
    public void AfterCommit(Action action) => (_afterCommit ??= new()).Add(action);

    internal void RunAfterCommit()
    {
        foreach (var action in _afterCommit ?? [])
        {
            action();
        }
    }

    private SqliteCommand Command(string sql, params (string Name, object? Value)[] parameters)
    {
        var command = _connection.CreateCommand();
        command.Transaction = _transaction;
        command.CommandText = sql;
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value ?? DBNull.Value);
        }

        return command;
    }

    /// <summary>Every record of a list, oldest first.</summary>
    public IReadOnlyList<JsonObject> LoadList(string listId) => LoadListById(listId).Values.ToList();

    /// <summary>Every record of a list by id (cached for this session: link labels and rollups read it often).</summary>
    public IReadOnlyDictionary<string, JsonObject> LoadListById(string listId)
    {
        if (_listCache.TryGetValue(listId, out var cached))
        {
            return cached;
        }

        var records = new Dictionary<string, JsonObject>(StringComparer.Ordinal);
        using (var command = Command("SELECT id, json FROM records WHERE list_id = $list ORDER BY seq", ("$list", listId)))
        using (var reader = command.ExecuteReader())
        {
            while (reader.Read())
            {
                if (JsonRead.Parse(reader.GetString(1)) is JsonObject record)
                {
                    records[reader.GetString(0)] = record;
                }
            }
        }

        _listCache[listId] = records;
        return records;
    }

    public JsonObject? Get(string listId, string id)
    {
        if (_listCache.TryGetValue(listId, out var cached))
        {
            return cached.GetValueOrDefault(id);
        }

        using var command = Command("SELECT json FROM records WHERE list_id = $list AND id = $id", ("$list", listId), ("$id", id));
        return command.ExecuteScalar() is string json ? JsonRead.Parse(json) as JsonObject : null;
    }

    public string? GetJson(string listId, string id)
    {
        using var command = Command("SELECT json FROM records WHERE list_id = $list AND id = $id", ("$list", listId), ("$id", id));
        return command.ExecuteScalar() as string;
    }

    public bool Exists(string listId, string id)
    {
        using var command = Command("SELECT 1 FROM records WHERE list_id = $list AND id = $id", ("$list", listId), ("$id", id));
        return command.ExecuteScalar() is not null;
    }

    public int Count(string listId)
    {
        using var command = Command("SELECT COUNT(*) FROM records WHERE list_id = $list", ("$list", listId));
        return Convert.ToInt32(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>Removes every record, AutoNumber counter and file: the store as a fresh start leaves it.</summary>
    public bool Clear()
    {
        using var command = Command("DELETE FROM records; DELETE FROM counters; DELETE FROM files;");
        command.ExecuteNonQuery();
        _listCache.Clear();
        return true;
    }

    public void Insert(string listId, string id, JsonObject record)
    {
        using var command = Command(
            "INSERT INTO records (list_id, id, json) VALUES ($list, $id, $json)",
            ("$list", listId), ("$id", id), ("$json", record.ToJsonString()));
        command.ExecuteNonQuery();
        _listCache.Remove(listId);
    }

    public void Replace(string listId, string id, JsonObject record)
    {
        using var command = Command(
            "UPDATE records SET json = $json WHERE list_id = $list AND id = $id",
            ("$list", listId), ("$id", id), ("$json", record.ToJsonString()));
        command.ExecuteNonQuery();
        _listCache.Remove(listId);
    }

    public bool Delete(string listId, string id)
    {
        using var command = Command("DELETE FROM records WHERE list_id = $list AND id = $id", ("$list", listId), ("$id", id));
        _listCache.Remove(listId);
        return command.ExecuteNonQuery() > 0;
    }

    /// <summary>True when no list holds a record.</summary>
    public bool IsEmpty()
    {
        using var command = Command("SELECT 1 FROM records LIMIT 1");
        return command.ExecuteScalar() is null;
    }

    /// <summary>Makes the next AutoNumber of a field at least <paramref name="next"/> (seeded records keep theirs).</summary>
    public void EnsureNextNumber(string listId, long fieldId, long next)
    {
        using var command = Command(
            """
            INSERT INTO counters (list_id, field_id, next) VALUES ($list, $field, $next)
            ON CONFLICT (list_id, field_id) DO UPDATE SET next = MAX(next, excluded.next)
            """,
            ("$list", listId), ("$field", fieldId), ("$next", next));
        command.ExecuteNonQuery();
    }

    /// <summary>The next AutoNumber of a field, starting at 1 and never reused.</summary>
    public long NextNumber(string listId, long fieldId)
    {
        using var command = Command(
            """
            INSERT INTO counters (list_id, field_id, next) VALUES ($list, $field, 2)
            ON CONFLICT (list_id, field_id) DO UPDATE SET next = next + 1
            RETURNING next - 1
            """,
            ("$list", listId), ("$field", fieldId));
        return Convert.ToInt64(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
    }

    public void InsertFile(StoredFile file, byte[] bytes)
    {
        using var command = Command(
            "INSERT INTO files (token, stored_id, file_name, content_type, size, bytes) VALUES ($token, NULL, $name, $type, $size, $bytes)",
            ("$token", file.Token), ("$name", file.FileName), ("$type", file.ContentType), ("$size", file.Size), ("$bytes", bytes));
        command.ExecuteNonQuery();
    }

    public StoredFile? FindFileByToken(string token) =>
        ReadFile(Command("SELECT token, stored_id, file_name, content_type, size FROM files WHERE token = $key", ("$key", token)));

    public StoredFile? FindFileByStoredId(string storedId) =>
        ReadFile(Command("SELECT token, stored_id, file_name, content_type, size FROM files WHERE stored_id = $key", ("$key", storedId)));

    /// <summary>Gives an uploaded file its stored id, the one downloads use, the first time a record refers to it.</summary>
    public StoredFile Attach(StoredFile file)
    {
        if (file.StoredId is not null)
        {
            return file;
        }

        var storedId = RecordStore.NewId();
        using var command = Command("UPDATE files SET stored_id = $stored WHERE token = $token", ("$stored", storedId), ("$token", file.Token));
        command.ExecuteNonQuery();
        return file with { StoredId = storedId };
    }

    public byte[]? ReadFileBytes(string storedId)
    {
        using var command = Command("SELECT bytes FROM files WHERE stored_id = $key", ("$key", storedId));
        return command.ExecuteScalar() as byte[];
    }

    private static StoredFile? ReadFile(SqliteCommand command)
    {
        using (command)
        using (var reader = command.ExecuteReader())
        {
            if (!reader.Read())
            {
                return null;
            }

            return new StoredFile(
                reader.GetString(0),
                reader.IsDBNull(1) ? null : reader.GetString(1),
                reader.GetString(2),
                reader.GetString(3),
                reader.GetInt64(4));
        }
    }
}
