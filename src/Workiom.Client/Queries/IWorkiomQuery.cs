using System.Text.Json;

namespace Workiom.Queries;

/// <summary>What the repository needs from a query to run it against <c>Data/All</c>.</summary>
public interface IWorkiomQuery
{
    /// <summary>The list the query reads.</summary>
    string ListId { get; }

    /// <summary>Records to skip before the first one returned (<c>Skip</c>); 0 when not set.</summary>
    int Skip { get; }

    /// <summary>The most records to return (<c>Take</c>); null for all.</summary>
    int? Take { get; }

    /// <summary>The fields the reply holds (<c>projectedFields</c>); null for all fields.</summary>
    IReadOnlyList<int>? ProjectedFieldIds { get; }

    /// <summary>Writes the <c>Data/All</c> body for one page of the query.</summary>
    void WriteDataAllBody(Utf8JsonWriter writer, int skipCount, int maxResultCount);
}

/// <summary>Runs queries of one list; the runtime repository implements it.</summary>
public interface IWorkiomQueryExecutor<TRecord> where TRecord : WorkiomRecord, IWorkiomRecord<TRecord>
{
    Task<List<TRecord>> ToListAsync(IWorkiomQuery query, CancellationToken cancellationToken = default);

    Task<int> CountAsync(IWorkiomQuery query, CancellationToken cancellationToken = default);

    Task<TRecord?> FirstOrDefaultAsync(IWorkiomQuery query, CancellationToken cancellationToken = default);

    IAsyncEnumerable<TRecord> StreamAsync(IWorkiomQuery query, CancellationToken cancellationToken = default);

    /// <summary>One request of the query from its Skip (its Take records, or one page without Take), with the total count and the summary.</summary>
    Task<WorkiomPage<TRecord>> PageAsync(IWorkiomQuery query, CancellationToken cancellationToken = default);
}

/// <summary>
/// Implemented by every generated list record: the typed field descriptors its queries filter,
/// sort and project with.
/// </summary>
public interface IWorkiomQueryable<TSelf, TFields>
    where TSelf : WorkiomRecord, IWorkiomRecord<TSelf>, IWorkiomQueryable<TSelf, TFields>
    where TFields : class
{
    /// <summary>The list's field descriptors (one instance, shared).</summary>
    static abstract TFields QueryFields { get; }
}
