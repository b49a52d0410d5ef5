using System.Collections.ObjectModel;
using System.Text.Json;

namespace Workiom;

/// <summary>A link to a record of another list: its <c>_id</c> and its label (the target's primary field).</summary>
/// <remarks>
/// A link read from Workiom keeps the JSON it was read from and is written back as read (every
/// key); changed with <c>with</c> (same <see cref="Id"/>) it is sent as read with only the changed
/// keys replaced. Two links are equal when their id and label are.
/// </remarks>
public sealed record WorkiomLink : IKeepsReadJson
{
    private ReadForm _read;
    private WorkiomLink? _readAs;

    public WorkiomLink(string id, string? label = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(id);
        Id = id;
        Label = label;
    }

    public string Id { get; init; }

    public string? Label { get; init; }

    /// <summary>The JSON this link was read from; null for a link the user made.</summary>
    internal JsonElement? ReadJson => _read.Json;

    /// <summary>Whether this link keeps the JSON it was read from.</summary>
    internal bool HasReadJson => _read.Exists;

    /// <summary>Writes the JSON this link was read from, as read.</summary>
    internal void WriteAsRead(Utf8JsonWriter writer) => _read.WriteTo(writer);

    /// <summary>The link as it was read, which a copy made with <c>with</c> still knows.</summary>
    internal WorkiomLink? ReadAs => _readAs;

    bool IKeepsReadJson.IsRead => _readAs is not null;

    void IKeepsReadJson.KeepRead(ReadForm read)
    {
        _read = read;
        _readAs = this;
    }

    public bool Equals(WorkiomLink? other) =>
        other is not null && string.Equals(Id, other.Id, StringComparison.Ordinal) && string.Equals(Label, other.Label, StringComparison.Ordinal);

    public override int GetHashCode() => HashCode.Combine(StringComparer.Ordinal.GetHashCode(Id), Label);
}

/// <summary>The value of a LinkList field whose target list has no snapshot in the build.</summary>
public class LinkList : Collection<WorkiomLink>
{
    public LinkList()
    {
    }

    public LinkList(IEnumerable<WorkiomLink> links)
    {
        ArgumentNullException.ThrowIfNull(links);
        foreach (var link in links)
        {
            Add(link);
        }
    }

    /// <summary>Adds a link to the record with this id.</summary>
    public void Add(string recordId, string? label = null) => Add(new WorkiomLink(recordId, label));

    /// <summary>The linked record ids, in order.</summary>
    public IEnumerable<string> Ids => this.Select(static link => link.Id);

    /// <summary>Counts every edit, one that leaves the links as they were (Clear() of no links) included.</summary>
    internal int Version { get; private set; }

    /// <summary>
    /// The field's value as read when it was not a plain array of links (a single object, or an
    /// array holding nulls), with the <see cref="Version"/> it was read at: while the links are not
    /// edited, a write sends that value as read.
    /// </summary>
    internal (JsonElement Json, int Version)? ReadContainer { get; set; }

    protected override void InsertItem(int index, WorkiomLink item)
    {
        ArgumentNullException.ThrowIfNull(item);
        base.InsertItem(index, item);
        Version++;
    }

    protected override void SetItem(int index, WorkiomLink item)
    {
        ArgumentNullException.ThrowIfNull(item);
        base.SetItem(index, item);
        Version++;
    }

    protected override void RemoveItem(int index)
    {
        base.RemoveItem(index);
        Version++;
    }

    protected override void ClearItems()
    {
        base.ClearItems();
        Version++;
    }
}

/// <summary>The value of a LinkList field whose target list is generated in the same build.</summary>
/// <typeparam name="TTarget">The generated record type of the linked list.</typeparam>
public sealed class LinkList<TTarget> : LinkList where TTarget : WorkiomRecord
{
    public LinkList()
    {
    }

    public LinkList(IEnumerable<WorkiomLink> links) : base(links)
    {
    }

    /// <summary>Adds a link to a saved record of the target list (it must have an id).</summary>
    public void Add(TTarget record)
    {
        ArgumentNullException.ThrowIfNull(record);
        if (string.IsNullOrEmpty(record.Id))
        {
            throw new ArgumentException(
                $"Only a saved {typeof(TTarget).Name} can be linked: this one has no id yet. Create it first.",
                nameof(record));
        }

        Add(new WorkiomLink(record.Id, record.DisplayLabel));
    }
}
