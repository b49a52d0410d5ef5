using Workiom.Queries;

namespace Workiom.Repositories;

/// <summary>
/// Starts typed queries from a repository: <c>client.Deals().Where(d => d.Amount &gt; 1000m)</c>.
/// The queries run through the repository that started them.
/// </summary>
public static class WorkiomRepositoryQueries
{
    /// <summary>A query of every record of the list, to refine with Where, OrderBy, Skip, Take, Project.</summary>
    public static WorkiomQuery<TRecord, TFields> Query<TRecord, TFields>(this WorkiomRepository<TRecord, TFields> repository)
        where TRecord : WorkiomRecord, IWorkiomRecord<TRecord>, IWorkiomQueryable<TRecord, TFields>
        where TFields : class
    {
        ArgumentNullException.ThrowIfNull(repository);
        return new WorkiomQuery<TRecord, TFields>(repository);
    }

    /// <summary>The records that satisfy <paramref name="predicate"/>.</summary>
    public static WorkiomQuery<TRecord, TFields> Where<TRecord, TFields>(
        this WorkiomRepository<TRecord, TFields> repository,
        Func<TFields, FilterCondition<TRecord>> predicate)
        where TRecord : WorkiomRecord, IWorkiomRecord<TRecord>, IWorkiomQueryable<TRecord, TFields>
        where TFields : class
        => repository.Query().Where(predicate);

    /// <summary>Every record, sorted ascending by one field (Workiom sorts by one field only).</summary>
    public static WorkiomQuery<TRecord, TFields> OrderBy<TRecord, TFields>(
        this WorkiomRepository<TRecord, TFields> repository,
        Func<TFields, IWorkiomSortable> field)
        where TRecord : WorkiomRecord, IWorkiomRecord<TRecord>, IWorkiomQueryable<TRecord, TFields>
        where TFields : class
        => repository.Query().OrderBy(field);

    /// <summary>Every record, sorted descending by one field.</summary>
    public static WorkiomQuery<TRecord, TFields> OrderByDescending<TRecord, TFields>(
        this WorkiomRepository<TRecord, TFields> repository,
        Func<TFields, IWorkiomSortable> field)
        where TRecord : WorkiomRecord, IWorkiomRecord<TRecord>, IWorkiomQueryable<TRecord, TFields>
        where TFields : class
        => repository.Query().OrderByDescending(field);
}
