using System.Collections;
using System.Globalization;
using System.Text.Json;
using Workiom.Serialization;

namespace Workiom;

/// <summary>
/// The base of every generated list record. It holds what every record has besides its fields:
/// the record id, the values Workiom sent that the snapshot does not understand (kept as read so
/// that a full replace never wipes data), which fields a projected query loaded, and which fields
/// changed since the record was loaded, created or <see cref="AcceptChanges"/> was called.
/// </summary>
public abstract class WorkiomRecord
{
    private HashSet<int>? _changedFieldIds;
    private Dictionary<string, JsonElement>? _unknownFields;
    private Dictionary<int, CollectionSnapshot>? _collectionSnapshots;
    private HashSet<int>? _loadedFieldIds;

    // Fields the snapshot marks deleted: the key under which each one's value read from Workiom is
    // kept in _unknownFields, and those whose value the user set (written instead of what was read).
    private Dictionary<int, string>? _deletedFieldKeys;
    private HashSet<int>? _deletedFieldsSetByUser;

    // Keys kept in _unknownFields from a webhook payload, which Workiom keys by field name: not keys
    // Workiom's write endpoints take, so a write that sends every kept value refuses while any is held.
    private HashSet<string>? _payloadNameKeys;

    /// <summary>The record id (<c>_id</c>); null until the record is created in Workiom.</summary>
    public string? Id { get; protected internal set; }

    /// <summary>The id of the list this record belongs to.</summary>
    public abstract string ListId { get; }

    /// <summary>The value of the list's primary field, used as the label of a link to this record.</summary>
    public virtual string? DisplayLabel => null;

    /// <summary>
    /// The values Workiom returned that the snapshot does not understand, by key, as read: keys of
    /// fields added after the snapshot (or anything else Workiom sends), and the values of fields the
    /// snapshot marks deleted. A replace writes each back exactly as read, unless the user set the
    /// deleted field's property.
    /// </summary>
    public IReadOnlyDictionary<string, JsonElement> UnknownFields =>
        (IReadOnlyDictionary<string, JsonElement>?)_unknownFields ?? EmptyUnknownFields;

    /// <summary>The field ids a projected query loaded; null when every field was loaded.</summary>
    public IReadOnlyCollection<int>? LoadedFieldIds => _loadedFieldIds;

    /// <summary>True when the record was loaded through a projection and so lacks some fields.</summary>
    public bool IsProjected => _loadedFieldIds is not null;

    /// <summary>True when any writable field changed since the record was loaded or created.</summary>
    public bool HasChanges => GetChangedFieldIds().Count > 0;

    /// <summary>The ids of the fields whose values changed, in ascending order.</summary>
    public IReadOnlyList<int> GetChangedFieldIds()
    {
        var changed = _changedFieldIds is null ? new SortedSet<int>() : new SortedSet<int>(_changedFieldIds);
        if (_collectionSnapshots is not null)
        {
            foreach (var (fieldId, snapshot) in _collectionSnapshots)
            {
                if (snapshot.HasChanged())
                {
                    changed.Add(fieldId);
                }
            }
        }

        return changed.ToArray();
    }

    /// <summary>Forgets every change: the current values become the baseline for the next update.</summary>
    public void AcceptChanges()
    {
        if (_changedFieldIds is not null || _collectionSnapshots is not null)
        {
            foreach (int fieldId in GetChangedFieldIds())
            {
                if (IsDeletedField(fieldId))
                {
                    // The user's value of a deleted field is now the baseline: what was read for it is
                    // superseded, and a later replace writes the user's value.
                    (_deletedFieldsSetByUser ??= new HashSet<int>()).Add(fieldId);
                    if (_deletedFieldKeys is not null && _deletedFieldKeys.Remove(fieldId, out var key))
                    {
                        _unknownFields?.Remove(key);
                    }
                }
            }
        }

        _changedFieldIds = null;
        _collectionSnapshots = null;
    }

    /// <summary>
    /// Writes the record as the body of a Workiom write. <see cref="WorkiomWriteKind.Create"/>
    /// writes every writable field that has a value; <see cref="WorkiomWriteKind.Replace"/> writes
    /// every writable field (empty ones as <c>null</c> or <c>[]</c>) plus every value in
    /// <see cref="UnknownFields"/>, each exactly as it was read; <see cref="WorkiomWriteKind.Partial"/>
    /// writes only the changed fields, where <c>null</c> clears a field. Read-only fields are never
    /// written. A field the snapshot marks deleted is written only when the user set its property:
    /// by a partial write while the change is pending, and from then on by every replace (instead of
    /// the value read for it).
    /// </summary>
    [System.Diagnostics.CodeAnalysis.SuppressMessage("ApiDesign", "RS0027:API with optional parameter(s) should have the most parameters amongst its public overloads", Justification = "The overload with an environment takes every parameter explicitly; this one keeps its shipped shape.")]
    public void WriteTo(Utf8JsonWriter writer, WorkiomWriteKind kind, WorkiomWriteShapes? shapes = null) =>
        WriteTo(writer, kind, shapes, null);

    /// <summary>
    /// <see cref="WriteTo(Utf8JsonWriter, WorkiomWriteKind, WorkiomWriteShapes?)"/> for the list in
    /// <paramref name="environment"/> (null: the primary one): field keys and the options the user
    /// picked use that environment's ids; values read (options, unknown keys) go back as read.
    /// </summary>
    /// <param name="writer">The JSON writer.</param>
    /// <param name="kind">What the write sends.</param>
    /// <param name="shapes">The write shapes of user-made values; null for the defaults.</param>
    /// <param name="environment">The environment written to; null for the primary one.</param>
    /// <exception cref="WorkiomEnvironmentException">A field or option with a value has no match in the environment.</exception>
    public void WriteTo(Utf8JsonWriter writer, WorkiomWriteKind kind, WorkiomWriteShapes? shapes, Schema.WorkiomListEnvironment? environment)
    {
        ArgumentNullException.ThrowIfNull(writer);
        if (kind == WorkiomWriteKind.Replace && IsProjected)
        {
            throw new InvalidOperationException(
                $"This {GetType().Name} was loaded through a projection, so it lacks fields; replacing the record " +
                "would clear them in Workiom. Load the whole record before a replace, or use a partial update.");
        }

        if (kind != WorkiomWriteKind.Partial && PayloadNameKeys() is { Count: > 0 } names)
        {
            throw new InvalidOperationException(
                $"This {GetType().Name} was read from a webhook payload, which Workiom keys by field name, and the payload's keys " +
                string.Join(", ", names.Select(n => "'" + n + "'")) + " matched no field (see the webhook's UnmatchedKeys and AmbiguousKeys). " +
                (kind == WorkiomWriteKind.Replace ? "Replacing" : "Creating") + " the record would send them to Workiom under their names. " +
                "Load the record from Workiom (GetAsync) before a replace, or use a partial update, which sends only the changed fields.");
        }

        IReadOnlyList<int>? changed = kind == WorkiomWriteKind.Partial ? GetChangedFieldIds() : null;
        writer.WriteStartObject();
        WriteFields(writer, new FieldWriteFilter(kind, changed, this, environment), shapes ?? WorkiomWriteShapes.Default);
        if (kind != WorkiomWriteKind.Partial && _unknownFields is not null)
        {
            foreach (var (key, value) in _unknownFields)
            {
                if (IsSupersededByUser(key))
                {
                    continue;
                }

                writer.WritePropertyName(key);
                WriteAsRead(writer, value);
            }
        }

        writer.WriteEndObject();
    }

    /// <summary>
    /// Writes a kept value with the bytes it was read with: every key (duplicates and order included),
    /// number text and string escape as Workiom sent them. Re-serialising it instead would fail on
    /// text a .NET string cannot hold (a lone surrogate escape) and would re-escape the rest.
    /// </summary>
    private static void WriteAsRead(Utf8JsonWriter writer, JsonElement value)
    {
        string raw = value.GetRawText();
        try
        {
            writer.WriteRawValue(raw);
        }
        catch (JsonException)
        {
            // Only a value read with comments skipped gets here (its raw text still holds them):
            // nothing has been written for it yet, so it goes out without the comments.
            value.WriteTo(writer);
        }
    }

    /// <summary>Whether a kept key holds the value read for a deleted field whose property the user set.</summary>
    private bool IsSupersededByUser(string key)
    {
        if (_deletedFieldKeys is null)
        {
            return false;
        }

        foreach (var (fieldId, deletedKey) in _deletedFieldKeys)
        {
            if (string.Equals(deletedKey, key, StringComparison.Ordinal) && IsSetByUser(fieldId))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// Whether the user set this field since it was read: a change is pending, or (for a field the
    /// snapshot marks deleted) a change was accepted earlier.
    /// </summary>
    internal bool IsSetByUser(int fieldId)
    {
        if (_deletedFieldsSetByUser is not null && _deletedFieldsSetByUser.Contains(fieldId))
        {
            return true;
        }

        if (_changedFieldIds is not null && _changedFieldIds.Contains(fieldId))
        {
            return true;
        }

        return _collectionSnapshots is not null && _collectionSnapshots.TryGetValue(fieldId, out var snapshot) && snapshot.HasChanged();
    }

    /// <summary>
    /// Whether the snapshot marks this field deleted (generated per list that has such fields). Its
    /// value read from Workiom is kept as read and written back by a replace, unless the user sets
    /// the property: then the user's value is written instead.
    /// </summary>
    protected virtual bool IsDeletedField(int fieldId) => false;

    /// <summary>Writes the writable fields that <paramref name="filter"/> selects (generated per list).</summary>
    protected abstract void WriteFields(Utf8JsonWriter writer, FieldWriteFilter filter, WorkiomWriteShapes shapes);

    /// <summary>
    /// Sets a field's backing store and records the change when the value differs. On a record
    /// loaded through a projection that left this field out, the value Workiom holds is unknown, so
    /// every assignment is a change, even of the empty value the property showed (null clears).
    /// </summary>
    protected void SetField<T>(ref T field, T value, int fieldId)
    {
        if (IsLoaded(fieldId) && EqualityComparer<T>.Default.Equals(field, value))
        {
            return;
        }

        field = value;
        (_changedFieldIds ??= new HashSet<int>()).Add(fieldId);
    }

    /// <summary>
    /// Called by the getter of a collection-valued field: remembers the items as they are the first
    /// time the collection is handed out, so that edits made in place (Add, Remove, replacing an
    /// item) count as changes too. Items are immutable values, so a shallow copy is a full snapshot.
    /// On a projected record that left the field out, any edit counts, even one that leaves the
    /// items as they were (<c>Clear()</c> of the empty list the property showed clears the field).
    /// </summary>
    protected TCollection TrackCollection<TCollection>(int fieldId, TCollection collection)
        where TCollection : class, IEnumerable
    {
        if (NeedsSnapshot(fieldId, collection))
        {
            _collectionSnapshots![fieldId] = new CollectionSnapshot(
                collection, IsLoaded(fieldId) ? null : collection is LinkList links ? LinkListEdits(links) : null);
        }

        return collection;
    }

    /// <summary>
    /// <see cref="TrackCollection{TCollection}(int, TCollection)"/> for a <see cref="List{T}"/>,
    /// which can also tell, on a projected record that left the field out, an edit that leaves its
    /// items as they were.
    /// </summary>
    protected List<T> TrackCollection<T>(int fieldId, List<T> collection)
    {
        if (NeedsSnapshot(fieldId, collection))
        {
            _collectionSnapshots![fieldId] = new CollectionSnapshot(collection, IsLoaded(fieldId) ? null : ListEdits(collection));
        }

        return collection;
    }

    private bool NeedsSnapshot(int fieldId, IEnumerable collection)
    {
        ArgumentNullException.ThrowIfNull(collection);
        _collectionSnapshots ??= new Dictionary<int, CollectionSnapshot>();
        return !_collectionSnapshots.TryGetValue(fieldId, out var snapshot) || !ReferenceEquals(snapshot.Collection, collection);
    }

    private static Func<bool> LinkListEdits(LinkList links)
    {
        int version = links.Version;
        return () => links.Version != version;
    }

    /// <summary>
    /// Whether a list was edited since this call, seen through its own enumerator: List&lt;T&gt; counts
    /// every edit (a Clear() of an empty list included), and an enumerator taken before an edit
    /// throws on its next MoveNext, and on every one after. The enumerator is the struct one: the
    /// interface one of an empty list may be a shared empty enumerator that sees nothing.
    /// </summary>
    private static Func<bool> ListEdits<T>(List<T> list)
    {
        System.Collections.IEnumerator probe = list.GetEnumerator();
        return () =>
        {
            try
            {
                while (probe.MoveNext())
                {
                }

                return false;
            }
            catch (InvalidOperationException)
            {
                return true;
            }
        };
    }

    /// <summary>Whether the record holds Workiom's value of this field (always, unless it was loaded through a projection that left it out).</summary>
    private bool IsLoaded(int fieldId) => _loadedFieldIds is null || _loadedFieldIds.Contains(fieldId);

    /// <summary>Keeps a key the snapshot does not know, with its raw value.</summary>
    protected internal void KeepUnknownField(string key, ref Utf8JsonReader reader)
    {
        var value = JsonElement.ParseValue(ref reader);
        (_unknownFields ??= new Dictionary<string, JsonElement>(StringComparer.Ordinal))[key] = value;
    }

    /// <summary>
    /// Keeps a key of a webhook payload that matched no field (a field name, not an id), with its raw
    /// value: shown in <see cref="UnknownFields"/>, never written back (a replace or create refuses).
    /// </summary>
    internal void KeepPayloadNameKey(string key, ref Utf8JsonReader reader)
    {
        KeepUnknownField(key, ref reader);
        (_payloadNameKeys ??= new HashSet<string>(StringComparer.Ordinal)).Add(key);
    }

    /// <summary>The payload name keys the record still holds, in the order kept; empty for a record read from Workiom's API.</summary>
    private List<string>? PayloadNameKeys()
    {
        if (_payloadNameKeys is null || _unknownFields is null)
        {
            return null;
        }

        List<string>? held = null;
        foreach (var key in _unknownFields.Keys)
        {
            if (_payloadNameKeys.Contains(key))
            {
                (held ??= new List<string>()).Add(key);
            }
        }

        return held;
    }

    /// <summary>
    /// Keeps the value read for a field the snapshot marks deleted, as read, in
    /// <see cref="UnknownFields"/> (under <paramref name="key"/>, or the field id when it is empty),
    /// so that a replace writes it back unchanged; <paramref name="reader"/> ends on the value's last token.
    /// </summary>
    protected internal void KeepDeletedField(int fieldId, string key, ref Utf8JsonReader reader)
    {
        ArgumentNullException.ThrowIfNull(key);
        if (key.Length == 0)
        {
            key = fieldId.ToString(CultureInfo.InvariantCulture);
        }

        KeepUnknownField(key, ref reader);
        (_deletedFieldKeys ??= new Dictionary<int, string>())[fieldId] = key;
    }

    /// <summary>
    /// Copies from <paramref name="source"/>, a record of the same type, the value of each field
    /// <paramref name="include"/> selects; it is asked once for every field the snapshot knows.
    /// Lists are copied, not shared. Generated per list; false when the type cannot copy fields.
    /// </summary>
    protected virtual bool CopyFieldsFrom(WorkiomRecord source, Func<int, bool> include) => false;

    /// <summary>
    /// A new list with the items of <paramref name="source"/> for <see cref="CopyFieldsFrom"/>: a list read
    /// in another form than a plain array (a single object, an array holding nulls) and not edited keeps
    /// that form, so that a write of the copy sends the value as read.
    /// </summary>
    protected static List<T>? CopyList<T>(List<T>? source) where T : class =>
        source switch
        {
            null => null,
            AsReadList<T> read when read.IsAsRead() => new AsReadList<T>(read, read.Container),
            _ => new List<T>(source),
        };

    /// <summary>
    /// New links with the items of <paramref name="source"/> for <see cref="CopyFieldsFrom"/>, which keep
    /// the form the links were read in while they are not edited.
    /// </summary>
    protected static TLinks? CopyLinks<TLinks>(TLinks? source) where TLinks : LinkList, new()
    {
        if (source is null)
        {
            return null;
        }

        var copy = new TLinks();
        foreach (var link in source)
        {
            copy.Add(link);
        }

        if (source.ReadContainer is { } read && read.Version == source.Version)
        {
            copy.ReadContainer = (read.Json, copy.Version);
        }

        return copy;
    }

    /// <summary>
    /// Completes this record, read from the reply to a write of <paramref name="sent"/>, with what
    /// the reply did not hold. A key the reply holds is Workiom's value now; every other field, kept
    /// value and deleted field set by the user is taken from the record that was sent, which holds
    /// what was read plus the changes just written. A reply may hold only some keys (the changed
    /// ones); taken as the whole record it would lose the others, and a replace of it would clear them.
    /// </summary>
    /// <param name="sent">The record that was written, its changes accepted.</param>
    /// <param name="replyFieldIds">The field ids the reply holds.</param>
    /// <param name="replyKeys">Every other key the reply holds, and the field ids as keys.</param>
    /// <param name="writtenFieldIds">The fields the write sent, which now hold what was sent.</param>
    internal void KeepWhatTheReplyLacks(
        WorkiomRecord sent, IReadOnlySet<int> replyFieldIds, IReadOnlySet<string> replyKeys, IEnumerable<int> writtenFieldIds)
    {
        ArgumentNullException.ThrowIfNull(sent);
        if (sent.GetType() != GetType())
        {
            throw new ArgumentException($"A {GetType().Name} cannot take the values of a {sent.GetType().Name}.", nameof(sent));
        }

        Id ??= sent.Id;
        if (sent._unknownFields is not null)
        {
            foreach (var (key, value) in sent._unknownFields)
            {
                if (!replyKeys.Contains(key))
                {
                    (_unknownFields ??= new Dictionary<string, JsonElement>(StringComparer.Ordinal)).TryAdd(key, value);
                    if (sent._payloadNameKeys is not null && sent._payloadNameKeys.Contains(key))
                    {
                        // Still a payload's field name: the record the write returns refuses a replace too.
                        (_payloadNameKeys ??= new HashSet<string>(StringComparer.Ordinal)).Add(key);
                    }
                }
            }
        }

        if (sent._deletedFieldKeys is not null)
        {
            foreach (var (fieldId, key) in sent._deletedFieldKeys)
            {
                if (!replyFieldIds.Contains(fieldId) && !replyKeys.Contains(key))
                {
                    (_deletedFieldKeys ??= new Dictionary<int, string>()).TryAdd(fieldId, key);
                }
            }
        }

        if (sent._deletedFieldsSetByUser is not null)
        {
            foreach (int fieldId in sent._deletedFieldsSetByUser)
            {
                if (!replyFieldIds.Contains(fieldId))
                {
                    (_deletedFieldsSetByUser ??= new HashSet<int>()).Add(fieldId);
                }
            }
        }

        var known = new List<int>();
        if (!CopyFieldsFrom(sent, fieldId =>
            {
                known.Add(fieldId);
                return !replyFieldIds.Contains(fieldId);
            }))
        {
            // This type cannot take values from another record: it holds only what the reply held,
            // and says so, so that a replace of it is refused.
            _loadedFieldIds = new HashSet<int>(replyFieldIds);
            return;
        }

        if (sent._loadedFieldIds is not null)
        {
            // A projected record stays projected unless, with the reply and the fields just written,
            // it now holds Workiom's value of every field.
            var loaded = new HashSet<int>(sent._loadedFieldIds);
            loaded.UnionWith(writtenFieldIds);
            loaded.UnionWith(replyFieldIds);
            _loadedFieldIds = known.TrueForAll(loaded.Contains) ? null : loaded;
        }
    }

    /// <summary>
    /// After a write that returned no record: the fields it sent hold what was sent, so a projected
    /// record now holds Workiom's value of them.
    /// </summary>
    internal void MarkWritten(IEnumerable<int> writtenFieldIds) => _loadedFieldIds?.UnionWith(writtenFieldIds);

    /// <summary>Marks the record as loaded through a projection of these fields.</summary>
    protected internal void MarkProjected(IEnumerable<int> loadedFieldIds)
    {
        ArgumentNullException.ThrowIfNull(loadedFieldIds);
        _loadedFieldIds = new HashSet<int>(loadedFieldIds);
    }

    private static readonly IReadOnlyDictionary<string, JsonElement> EmptyUnknownFields =
        new Dictionary<string, JsonElement>(0);

    private sealed class CollectionSnapshot
    {
        private readonly object?[] _items;
        private readonly Func<bool>? _edited;

        /// <param name="collection">The collection handed out.</param>
        /// <param name="edited">
        /// For a field whose Workiom value is unknown (left out by a projection): whether the
        /// collection was edited at all, since an edit that leaves the items as they were still says
        /// what the field should hold.
        /// </param>
        public CollectionSnapshot(IEnumerable collection, Func<bool>? edited)
        {
            Collection = collection;
            _items = collection.Cast<object?>().ToArray();
            _edited = edited;
        }

        public IEnumerable Collection { get; }

        public bool HasChanged()
        {
            if (_edited is not null && _edited())
            {
                return true;
            }

            int index = 0;
            foreach (var item in Collection)
            {
                if (index >= _items.Length || !Equals(_items[index], item))
                {
                    return true;
                }

                index++;
            }

            return index != _items.Length;
        }
    }
}

/// <summary>What a write of a record sends.</summary>
public enum WorkiomWriteKind
{
    /// <summary><c>Data/Create</c>: every writable field that has a value.</summary>
    Create,

    /// <summary><c>Data/Update</c>: the whole record, unknown keys included; absent fields are cleared.</summary>
    Replace,

    /// <summary><c>Data/UpdatePartial</c>: only the changed fields; <c>null</c> clears a field.</summary>
    Partial,
}

/// <summary>Decides, field by field, whether a write includes it.</summary>
public readonly struct FieldWriteFilter
{
    private readonly IReadOnlyList<int>? _changedFieldIds;
    private readonly WorkiomRecord? _record;

    internal FieldWriteFilter(WorkiomWriteKind kind, IReadOnlyList<int>? changedFieldIds, WorkiomRecord? record)
    {
        Kind = kind;
        _changedFieldIds = changedFieldIds;
        _record = record;
    }

    internal FieldWriteFilter(WorkiomWriteKind kind, IReadOnlyList<int>? changedFieldIds, WorkiomRecord? record, Schema.WorkiomListEnvironment? environment)
        : this(kind, changedFieldIds, record)
    {
        _environment = environment;
    }

    private readonly Schema.WorkiomListEnvironment? _environment;

    public WorkiomWriteKind Kind { get; }

    /// <summary>
    /// The keys the write uses: <paramref name="primaryKeys"/> (the record type's own) in the primary
    /// environment, else the same fields' keys in the write's environment.
    /// </summary>
    /// <param name="primaryKeys">The record type's keys, in the order of its schema table.</param>
    /// <returns>The keys to write with, in the same order.</returns>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
    public WorkiomFieldKey[] Keys(WorkiomFieldKey[] primaryKeys) => _environment is null ? primaryKeys : _environment.KeysFor(primaryKeys);

    /// <summary>Whether the write includes the field with this id, given whether its value is empty.</summary>
    public bool Includes(int fieldId, bool isEmpty) => Kind switch
    {
        WorkiomWriteKind.Create => !isEmpty,
        WorkiomWriteKind.Replace => true,
        _ => _changedFieldIds is not null && Contains(_changedFieldIds, fieldId),
    };

    /// <summary>
    /// Whether the write includes a field the snapshot marks deleted: only a value the user set is
    /// written (by a partial write while the change is pending, by a create when it is not empty, by
    /// every replace once set). The value read from Workiom is written back from
    /// <see cref="WorkiomRecord.UnknownFields"/> instead.
    /// </summary>
    public bool IncludesDeleted(int fieldId, bool isEmpty) => Kind switch
    {
        WorkiomWriteKind.Create => !isEmpty && _record is not null && _record.IsSetByUser(fieldId),
        WorkiomWriteKind.Replace => _record is not null && _record.IsSetByUser(fieldId),
        _ => _changedFieldIds is not null && Contains(_changedFieldIds, fieldId),
    };

    private static bool Contains(IReadOnlyList<int> sorted, int fieldId)
    {
        int low = 0, high = sorted.Count - 1;
        while (low <= high)
        {
            int mid = (low + high) >>> 1;
            int value = sorted[mid];
            if (value == fieldId)
            {
                return true;
            }

            if (value < fieldId)
            {
                low = mid + 1;
            }
            else
            {
                high = mid - 1;
            }
        }

        return false;
    }
}
