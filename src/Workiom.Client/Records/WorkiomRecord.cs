using System.Collections;
using System.Text.Json;
using Workiom.Serialization;

namespace Workiom;

/// <summary>
/// The base of every generated list record. It holds what every record has besides its fields:
/// the record id, the keys Workiom sent that the snapshot does not know (kept so that a full
/// replace never wipes data), which fields a projected query loaded, and which fields changed
/// since the record was loaded, created or <see cref="AcceptChanges"/> was called.
/// </summary>
public abstract class WorkiomRecord
{
    private HashSet<int>? _changedFieldIds;
    private Dictionary<string, JsonElement>? _unknownFields;
    private Dictionary<int, CollectionSnapshot>? _collectionSnapshots;
    private HashSet<int>? _loadedFieldIds;

    /// <summary>The record id (<c>_id</c>); null until the record is created in Workiom.</summary>
    public string? Id { get; protected internal set; }

    /// <summary>The id of the list this record belongs to.</summary>
    public abstract string ListId { get; }

    /// <summary>The value of the list's primary field, used as the label of a link to this record.</summary>
    public virtual string? DisplayLabel => null;

    /// <summary>Keys Workiom returned that the snapshot has no field for, with their raw values.</summary>
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
        _changedFieldIds = null;
        _collectionSnapshots = null;
    }

    /// <summary>
    /// Writes the record as the body of a Workiom write. <see cref="WorkiomWriteKind.Create"/>
    /// writes every writable field that has a value; <see cref="WorkiomWriteKind.Replace"/> writes
    /// every writable field (empty ones as <c>null</c> or <c>[]</c>) plus every unknown key the
    /// server sent; <see cref="WorkiomWriteKind.Partial"/> writes only the changed fields, where
    /// <c>null</c> clears a field. Read-only fields are never written.
    /// </summary>
    public void WriteTo(Utf8JsonWriter writer, WorkiomWriteKind kind, WorkiomWriteShapes? shapes = null)
    {
        ArgumentNullException.ThrowIfNull(writer);
        if (kind == WorkiomWriteKind.Replace && IsProjected)
        {
            throw new InvalidOperationException(
                $"This {GetType().Name} was loaded through a projection, so it lacks fields; replacing the record " +
                "would clear them in Workiom. Load the whole record before a replace, or use a partial update.");
        }

        IReadOnlyList<int>? changed = kind == WorkiomWriteKind.Partial ? GetChangedFieldIds() : null;
        writer.WriteStartObject();
        WriteFields(writer, new FieldWriteFilter(kind, changed), shapes ?? WorkiomWriteShapes.Default);
        if (kind != WorkiomWriteKind.Partial && _unknownFields is not null)
        {
            foreach (var (key, value) in _unknownFields)
            {
                writer.WritePropertyName(key);
                value.WriteTo(writer);
            }
        }

        writer.WriteEndObject();
    }

    /// <summary>Writes the writable fields that <paramref name="filter"/> selects (generated per list).</summary>
    protected abstract void WriteFields(Utf8JsonWriter writer, FieldWriteFilter filter, WorkiomWriteShapes shapes);

    /// <summary>Sets a field's backing store and records the change when the value differs.</summary>
    protected void SetField<T>(ref T field, T value, int fieldId)
    {
        if (EqualityComparer<T>.Default.Equals(field, value))
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
    /// </summary>
    protected TCollection TrackCollection<TCollection>(int fieldId, TCollection collection)
        where TCollection : class, IEnumerable
    {
        _collectionSnapshots ??= new Dictionary<int, CollectionSnapshot>();
        if (!_collectionSnapshots.TryGetValue(fieldId, out var snapshot) || !ReferenceEquals(snapshot.Collection, collection))
        {
            _collectionSnapshots[fieldId] = new CollectionSnapshot(collection);
        }

        return collection;
    }

    /// <summary>Keeps a key the snapshot does not know, with its raw value.</summary>
    protected internal void KeepUnknownField(string key, ref Utf8JsonReader reader)
    {
        var value = JsonElement.ParseValue(ref reader);
        (_unknownFields ??= new Dictionary<string, JsonElement>(StringComparer.Ordinal))[key] = value;
    }

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

        public CollectionSnapshot(IEnumerable collection)
        {
            Collection = collection;
            _items = collection.Cast<object?>().ToArray();
        }

        public IEnumerable Collection { get; }

        public bool HasChanged()
        {
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

    internal FieldWriteFilter(WorkiomWriteKind kind, IReadOnlyList<int>? changedFieldIds)
    {
        Kind = kind;
        _changedFieldIds = changedFieldIds;
    }

    public WorkiomWriteKind Kind { get; }

    /// <summary>Whether the write includes the field with this id, given whether its value is empty.</summary>
    public bool Includes(int fieldId, bool isEmpty) => Kind switch
    {
        WorkiomWriteKind.Create => !isEmpty,
        WorkiomWriteKind.Replace => true,
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
