using Workiom.Queries;

namespace Workiom.Repositories;

/// <summary>Typed queries started from the repository: <c>client.Deals().Where(d => d.Amount &gt; 1000m)</c>.</summary>
public sealed partial class WorkiomRepository<TRecord, TFields>
{
    /// <summary>A query of every record of the list, to refine with Where, OrderBy, Skip, Take and Project; it runs through this repository.</summary>
    public WorkiomQuery<TRecord, TFields> Query() => new(this);

    /// <summary>
    /// A query of the records a saved view shows (the body sends its <c>viewId</c>), to refine further:
    /// <c>deals.View(Deal.Views.OpenDeals).Where(d =&gt; d.Amount &gt; 1000m)</c>.
    /// </summary>
    public WorkiomQuery<TRecord, TFields> View(WorkiomView<TRecord> view) => Query().InView(view);

    /// <summary>A query in the saved view with this id, for a view the snapshot does not know.</summary>
    public WorkiomQuery<TRecord, TFields> View(int viewId) => Query().InView(new WorkiomView<TRecord>(viewId));

    /// <summary>The records that satisfy <paramref name="predicate"/>.</summary>
    public WorkiomQuery<TRecord, TFields> Where(Func<TFields, FilterCondition<TRecord>> predicate) => Query().Where(predicate);

    /// <summary>Every record, sorted ascending by one field (Workiom sorts by one field only).</summary>
    public WorkiomQuery<TRecord, TFields> OrderBy(Func<TFields, IWorkiomSortable> field) => Query().OrderBy(field);

    /// <summary>Every record, sorted descending by one field.</summary>
    public WorkiomQuery<TRecord, TFields> OrderByDescending(Func<TFields, IWorkiomSortable> field) => Query().OrderByDescending(field);
}
