namespace Workiom.Queries;

/// <summary>
/// A saved view of a Workiom list (<c>Lists/Get?expand=Views</c>). A query run in a view sends its
/// <c>viewId</c>: Workiom applies the view's own filters, and the query's filter narrows them further.
/// The generator emits one per view of the snapshot (<c>Deal.Views.OpenDeals</c>); for a view the snapshot
/// does not know, make one from its id.
/// </summary>
/// <typeparam name="TRecord">The record type of the view's list.</typeparam>
public sealed class WorkiomView<TRecord>
    where TRecord : WorkiomRecord, IWorkiomRecord<TRecord>
{
    /// <summary>A view of the list by its Workiom id.</summary>
    /// <param name="id">The view id (<c>views[].id</c>).</param>
    /// <param name="name">The view's name, for messages; the id when null.</param>
    public WorkiomView(int id, string? name = null)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(id);
        Id = id;
        Name = name ?? id.ToString(System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>The view id that <c>Data/All</c> takes as <c>viewId</c>.</summary>
    public int Id { get; }

    /// <summary>The view's name when the snapshot was taken.</summary>
    public string Name { get; }

    /// <inheritdoc/>
    public override string ToString() => $"{Name} ({Id})";
}
