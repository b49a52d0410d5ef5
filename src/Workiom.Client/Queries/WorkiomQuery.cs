using System.Buffers;
using System.Text;
using System.Text.Json;

namespace Workiom.Queries;

/// <summary>
/// A typed, immutable query of one Workiom list: every call returns a new query. It supports
/// exactly what one <c>Data/All</c> request can express: one flat filter (all AND or all OR), one
/// sort field, a projection, record ids, a quick search and paging. Query syntax works too:
/// <c>from d in query where d.Amount &gt; 1000m orderby d.CloseDate descending select d</c>.
/// </summary>
/// <remarks>
/// <c>await foreach</c> works through <see cref="GetAsyncEnumerator"/>, but the query deliberately
/// does not implement <see cref="IAsyncEnumerable{T}"/>: .NET 10 ships LINQ operators for that
/// interface, so a Where Workiom cannot run would silently bind to an in-memory filter over every
/// record instead of failing to compile. <see cref="AsAsyncEnumerable"/> is the explicit way out.
/// </remarks>
/// <typeparam name="TRecord">The generated record type of the list.</typeparam>
/// <typeparam name="TFields">The list's generated field descriptors (<c>TRecord.QueryFields</c>).</typeparam>
public sealed class WorkiomQuery<TRecord, TFields> : IWorkiomQuery, IWorkiomEnvironmentQuery
    where TRecord : WorkiomRecord, IWorkiomRecord<TRecord>, IWorkiomQueryable<TRecord, TFields>
    where TFields : class
{
    /// <summary>The most records one <c>Data/All</c> request may ask for.</summary>
    public const int MaxResultCountLimit = 10_000;

    private static readonly JsonEncodedText ListIdName = JsonEncodedText.Encode("listId");
    private static readonly JsonEncodedText FilterName = JsonEncodedText.Encode("filter");
    private static readonly JsonEncodedText FilterCollectionOperatorName = JsonEncodedText.Encode("filterCollectionOperator");
    private static readonly JsonEncodedText SortingName = JsonEncodedText.Encode("sorting");
    private static readonly JsonEncodedText ProjectedFieldsName = JsonEncodedText.Encode("projectedFields");
    private static readonly JsonEncodedText IdsName = JsonEncodedText.Encode("ids");
    private static readonly JsonEncodedText QuickSearchName = JsonEncodedText.Encode("quickSearch");
    private static readonly JsonEncodedText LinkedItemsLimitName = JsonEncodedText.Encode("linkedItemsLimit");
    private static readonly JsonEncodedText MaxResultCountName = JsonEncodedText.Encode("maxResultCount");
    private static readonly JsonEncodedText SkipCountName = JsonEncodedText.Encode("skipCount");
    private static readonly JsonEncodedText ViewIdName = JsonEncodedText.Encode("viewId");

    private readonly IWorkiomQueryExecutor<TRecord>? _executor;

    // Not readonly only so that Copy() can set them on a fresh clone; a query never changes after
    // it has been handed out.
    private FilterCondition<TRecord>? _filter;
    private IWorkiomSortable? _sortField;
    private bool _sortDescending;
    private int _skip;
    private int? _take;
    private int[]? _projectedFieldIds;
    private string[]? _ids;
    private string? _quickSearch;
    private int? _linkedItemsLimit;
    private WorkiomView<TRecord>? _view;

    /// <summary>A query that runs through <paramref name="executor"/> (the repository of the list).</summary>
    public WorkiomQuery(IWorkiomQueryExecutor<TRecord> executor)
    {
        ArgumentNullException.ThrowIfNull(executor);
        _executor = executor;
    }

    private WorkiomQuery()
    {
    }

    /// <summary>
    /// A query with no executor: it can be built and written (<see cref="ToRequestJson"/>), but
    /// running it throws. Meant for tests and for building request bodies by hand.
    /// </summary>
    public static WorkiomQuery<TRecord, TFields> Create() => new();

    /// <summary>The list's id.</summary>
    public string ListId => TRecord.WorkiomListId;

    /// <summary>The filter, or null when every record matches.</summary>
    public FilterCondition<TRecord>? Filter => _filter;

    /// <summary>The sort field, or null for Workiom's default order.</summary>
    public IWorkiomSortable? SortField => _sortField;

    public bool SortDescending => _sortDescending;

    /// <summary>Records skipped before the first one returned.</summary>
    public int SkipCount => _skip;

    /// <summary>The most records returned; null for all of them.</summary>
    public int? TakeCount => _take;

    /// <summary>The fields the records hold (<c>projectedFields</c>); null for all fields.</summary>
    public IReadOnlyList<int>? ProjectedFieldIds => _projectedFieldIds;

    /// <summary>The record ids the query is limited to; null for no such limit.</summary>
    public IReadOnlyList<string>? Ids => _ids;

    public string? QuickSearch => _quickSearch;

    public int? LinkedItemsLimit => _linkedItemsLimit;

    /// <summary>The saved view the query runs in (<c>viewId</c>), or null for none.</summary>
    public WorkiomView<TRecord>? View => _view;

    int IWorkiomQuery.Skip => _skip;

    int? IWorkiomQuery.Take => _take;

    /// <summary>
    /// Keeps the records that match <paramref name="predicate"/>. Several Where calls AND
    /// together, so an OR filter must be the only one.
    /// </summary>
    public WorkiomQuery<TRecord, TFields> Where(Func<TFields, FilterCondition<TRecord>> predicate)
    {
        ArgumentNullException.ThrowIfNull(predicate);
        var condition = predicate(TRecord.QueryFields)
            ?? throw new ArgumentException("The Where predicate returned null instead of a condition.", nameof(predicate));
        var copy = Copy();
        copy._filter = _filter is null ? condition : FilterCondition<TRecord>.Combine(_filter, condition, FilterCombinator.And);
        return copy;
    }

    /// <summary>Sorts by one field, ascending. Workiom sorts by a single field, so there is no ThenBy.</summary>
    public WorkiomQuery<TRecord, TFields> OrderBy(Func<TFields, IWorkiomSortable> keySelector) => Sort(keySelector, descending: false);

    /// <summary>Sorts by one field, descending. Workiom sorts by a single field, so there is no ThenBy.</summary>
    public WorkiomQuery<TRecord, TFields> OrderByDescending(Func<TFields, IWorkiomSortable> keySelector) => Sort(keySelector, descending: true);

    /// <summary>Skips <paramref name="count"/> records (after any earlier Skip and Take).</summary>
    public WorkiomQuery<TRecord, TFields> Skip(int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        var copy = Copy();
        copy._skip = checked(_skip + count);
        copy._take = _take is null ? null : Math.Max(0, _take.Value - count);
        return copy;
    }

    /// <summary>
    /// Returns at most <paramref name="count"/> records. A count above 10 000 (one request's
    /// limit) is fine: the repository pages with <c>skipCount</c> until it has them all.
    /// </summary>
    public WorkiomQuery<TRecord, TFields> Take(int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        var copy = Copy();
        copy._take = _take is null ? count : Math.Min(_take.Value, count);
        return copy;
    }

    /// <summary>
    /// The identity projection (<c>select d</c>): the query unchanged, so records hold every field
    /// unless an earlier projection chose some.
    /// </summary>
    public WorkiomQuery<TRecord, TFields> Select(Func<TFields, TFields> selector)
    {
        ArgumentNullException.ThrowIfNull(selector);
        if (!ReferenceEquals(selector(TRecord.QueryFields), TRecord.QueryFields))
        {
            throw new ArgumentException(
                "Select with a field set must return the query's own fields (select d); to load only some fields, " +
                "return them as an array: Select(d => new IWorkiomField[] { d.Name, d.Amount }).",
                nameof(selector));
        }

        return this;
    }

    /// <summary>
    /// Loads only the chosen fields (<c>projectedFields</c>); the records come back marked as
    /// projected, so a full replace of one is refused rather than clearing the fields not loaded.
    /// </summary>
    public WorkiomQuery<TRecord, TFields> Select(Func<TFields, IEnumerable<IWorkiomField>> selector)
    {
        ArgumentNullException.ThrowIfNull(selector);
        if (_projectedFieldIds is not null)
        {
            throw new InvalidOperationException("This query already chooses its fields; choose them in one Select.");
        }

        var fields = selector(TRecord.QueryFields)
            ?? throw new ArgumentException("The Select selector returned null instead of fields.", nameof(selector));
        var ids = new List<int>();
        foreach (var field in fields)
        {
            ids.Add(OwnField(field, "Select", nameof(selector)).FieldId);
        }

        if (ids.Count == 0)
        {
            throw new ArgumentException("Select needs at least one field; to load every field, leave Select out.", nameof(selector));
        }

        var copy = Copy();
        copy._projectedFieldIds = ids.Distinct().ToArray();
        return copy;
    }

    /// <summary>
    /// Loads only the chosen fields, one selector each: <c>Project(d =&gt; d.DealName, d =&gt; d.Amount)</c>,
    /// the same as <c>Select</c> with an array, without spelling the array type.
    /// </summary>
    public WorkiomQuery<TRecord, TFields> Project(params Func<TFields, IWorkiomField>[] fields)
    {
        ArgumentNullException.ThrowIfNull(fields);
        foreach (var field in fields)
        {
            ArgumentNullException.ThrowIfNull(field, nameof(fields));
        }

        return Select(all => fields.Select(field => field(all)));
    }

    /// <summary>Keeps the records that Workiom's quick search finds for <paramref name="quickSearch"/>.</summary>
    public WorkiomQuery<TRecord, TFields> Search(string quickSearch)
    {
        ArgumentNullException.ThrowIfNull(quickSearch);
        if (string.IsNullOrWhiteSpace(quickSearch))
        {
            throw new ArgumentException("Search needs some text; an empty search matches every record, so leave Search out.", nameof(quickSearch));
        }

        if (_quickSearch is not null)
        {
            throw new InvalidOperationException(
                $"This query already searches for '{_quickSearch}'; Workiom takes one quick search per request.");
        }

        var copy = Copy();
        copy._quickSearch = quickSearch;
        return copy;
    }

    /// <summary>Keeps only the records with these ids. A second call keeps the ids both calls name.</summary>
    public WorkiomQuery<TRecord, TFields> WithIds(params string[] ids)
    {
        if (ids is null || ids.Length == 0)
        {
            throw new ArgumentException("WithIds needs at least one record id; Workiom reads an empty id list as no limit.", nameof(ids));
        }

        foreach (var id in ids)
        {
            if (string.IsNullOrEmpty(id))
            {
                throw new ArgumentException("WithIds got a null or empty record id.", nameof(ids));
            }
        }

        var kept = _ids is null ? ids.Distinct(StringComparer.Ordinal).ToArray() : _ids.Intersect(ids, StringComparer.Ordinal).ToArray();
        if (kept.Length == 0)
        {
            throw new InvalidOperationException(
                "The record ids of the WithIds calls have none in common, so the query could match nothing; " +
                "Workiom would read the empty id list as no limit at all.");
        }

        var copy = Copy();
        copy._ids = kept;
        return copy;
    }

    /// <summary>Caps how many linked items each LinkList value holds in the reply.</summary>
    public WorkiomQuery<TRecord, TFields> WithLinkedItemsLimit(int limit)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(limit);
        var copy = Copy();
        copy._linkedItemsLimit = limit;
        return copy;
    }

    /// <summary>
    /// Runs the query in a saved view: the body sends its <c>viewId</c>, Workiom applies the view's own
    /// filters, and this query's Where narrows them further. Generated views: <c>Deal.Views.OpenDeals</c>;
    /// another view: <c>new WorkiomView&lt;Deal&gt;(id)</c>.
    /// </summary>
    /// <param name="view">The view.</param>
    /// <returns>The query in that view.</returns>
    public WorkiomQuery<TRecord, TFields> InView(WorkiomView<TRecord> view)
    {
        ArgumentNullException.ThrowIfNull(view);
        if (_view is not null && _view.Id != view.Id)
        {
            throw new InvalidOperationException(
                $"This query already runs in the view '{_view.Name}' ({_view.Id}); Workiom takes one view per request.");
        }

        var copy = Copy();
        copy._view = view;
        return copy;
    }

    /// <summary>
    /// Runs one <c>Data/All</c> request: the records from Skip, Take of them (at most 10 000; without Take,
    /// one page of <see cref="Http.WorkiomClientOptions.PageSize"/>), the total count and the summary.
    /// </summary>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>The page.</returns>
    public Task<WorkiomPage<TRecord>> ToPageAsync(CancellationToken cancellationToken = default) =>
        Executor.PageAsync(this, cancellationToken);

    /// <summary>
    /// The totals Workiom computes over every record the query matches (the reply's <c>summary</c>), read
    /// with one request for a single record.
    /// </summary>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>The summary; empty when Workiom sends none.</returns>
    public async Task<WorkiomSummary<TRecord>> SummaryAsync(CancellationToken cancellationToken = default) =>
        (await Executor.PageAsync(Take(1), cancellationToken).ConfigureAwait(false)).Summary;

    /// <summary>Runs the query and returns every record it matches (paging as needed).</summary>
    public Task<List<TRecord>> ToListAsync(CancellationToken cancellationToken = default) =>
        Executor.ToListAsync(this, cancellationToken);

    /// <summary>How many records the query matches.</summary>
    public Task<int> CountAsync(CancellationToken cancellationToken = default) =>
        Executor.CountAsync(this, cancellationToken);

    /// <summary>The first record the query matches, or null.</summary>
    public Task<TRecord?> FirstOrDefaultAsync(CancellationToken cancellationToken = default) =>
        Executor.FirstOrDefaultAsync(this, cancellationToken);

    /// <summary>Streams the matching records page by page.</summary>
    public IAsyncEnumerable<TRecord> AsAsyncEnumerable(CancellationToken cancellationToken = default) =>
        Executor.StreamAsync(this, cancellationToken);

    /// <summary>Lets <c>await foreach</c> run the query; see the remarks on the class for why this is not an interface.</summary>
    public IAsyncEnumerator<TRecord> GetAsyncEnumerator(CancellationToken cancellationToken = default) =>
        Executor.StreamAsync(this, cancellationToken).GetAsyncEnumerator(cancellationToken);

    /// <summary>The <c>Data/All</c> body of one page of this query, as a string.</summary>
    public string ToRequestJson(int skipCount, int maxResultCount)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            WriteDataAllBody(writer, skipCount, maxResultCount);
        }

        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    /// <summary>
    /// Writes the <c>Data/All</c> body of one page. Keys the query does not set are still written,
    /// with the value that means "no limit" (<c>filter: []</c>, <c>sorting: null</c>,
    /// <c>projectedFields: null</c>, <c>ids: []</c>, <c>quickSearch: ""</c>,
    /// <c>linkedItemsLimit: null</c>), so every body has the same shape; <c>viewId</c> is written only for
    /// a query run in a view.
    /// </summary>
    public void WriteDataAllBody(Utf8JsonWriter writer, int skipCount, int maxResultCount) =>
        WriteDataAllBody(writer, skipCount, maxResultCount, null);

    /// <summary>
    /// Writes the <c>Data/All</c> body of one page for the list in <paramref name="environment"/> (null: the
    /// primary one): list, field, option and view ids become that environment's; one that has no match there
    /// throws <see cref="WorkiomEnvironmentException"/> (the body is built before it is sent, so nothing is sent).
    /// </summary>
    void IWorkiomEnvironmentQuery.WriteDataAllBody(Utf8JsonWriter writer, int skipCount, int maxResultCount, Schema.WorkiomListEnvironment? environment)
        => WriteDataAllBody(writer, skipCount, maxResultCount, environment);

    private void WriteDataAllBody(Utf8JsonWriter writer, int skipCount, int maxResultCount, Schema.WorkiomListEnvironment? environment)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentOutOfRangeException.ThrowIfNegative(skipCount);
        if (maxResultCount is < 1 or > MaxResultCountLimit)
        {
            throw new ArgumentOutOfRangeException(
                nameof(maxResultCount), maxResultCount, $"Workiom returns 1 to {MaxResultCountLimit} records per request.");
        }

        writer.WriteStartObject();
        writer.WriteString(ListIdName, environment?.ListId ?? ListId);
        writer.WriteStartArray(FilterName);
        if (_filter is not null)
        {
            foreach (var item in _filter.Items)
            {
                item.WriteTo(writer, environment);
            }
        }

        writer.WriteEndArray();
        writer.WriteNumber(FilterCollectionOperatorName, _filter is null ? 0 : (int)_filter.Combinator);
        if (_sortField is null)
        {
            writer.WriteNull(SortingName);
        }
        else
        {
            int sortFieldId = environment is null ? _sortField.FieldId : EnvironmentQueries.FieldId(environment, _sortField.FieldId, "sorts by");
            writer.WriteString(SortingName, $"{sortFieldId} {(_sortDescending ? "DESC" : "ASC")}");
        }

        if (_projectedFieldIds is null)
        {
            writer.WriteNull(ProjectedFieldsName);
        }
        else
        {
            writer.WriteStartArray(ProjectedFieldsName);
            foreach (var fieldId in _projectedFieldIds)
            {
                writer.WriteNumberValue(environment is null ? fieldId : EnvironmentQueries.FieldId(environment, fieldId, "selects"));
            }

            writer.WriteEndArray();
        }

        writer.WriteStartArray(IdsName);
        foreach (var id in _ids ?? [])
        {
            writer.WriteStringValue(id);
        }

        writer.WriteEndArray();
        writer.WriteString(QuickSearchName, _quickSearch ?? string.Empty);
        if (_linkedItemsLimit is null)
        {
            writer.WriteNull(LinkedItemsLimitName);
        }
        else
        {
            writer.WriteNumber(LinkedItemsLimitName, _linkedItemsLimit.Value);
        }

        writer.WriteNumber(MaxResultCountName, maxResultCount);
        writer.WriteNumber(SkipCountName, skipCount);
        if (_view is not null)
        {
            writer.WriteNumber(ViewIdName, environment is null ? _view.Id : EnvironmentQueries.ViewId(environment, _view.Id, _view.Name));
        }

        writer.WriteEndObject();
    }

    public override string ToString()
    {
        var text = new StringBuilder(TRecord.WorkiomListName);
        if (_view is not null)
        {
            text.Append(" in view ").Append(_view.Name);
        }

        if (_filter is not null)
        {
            text.Append(" where ").Append(_filter);
        }

        if (_sortField is not null)
        {
            text.Append(" order by ").Append(_sortField.Name).Append(_sortDescending ? " descending" : string.Empty);
        }

        if (_skip > 0)
        {
            text.Append(" skip ").Append(_skip);
        }

        if (_take is not null)
        {
            text.Append(" take ").Append(_take.Value);
        }

        return text.ToString();
    }

    private IWorkiomQueryExecutor<TRecord> Executor => _executor ?? throw new InvalidOperationException(
        $"This {TRecord.WorkiomListName} query was built without an executor (WorkiomQuery.Create()), so it can be " +
        "written but not run. Start queries that run from the list's repository.");

    private WorkiomQuery<TRecord, TFields> Sort(Func<TFields, IWorkiomSortable> keySelector, bool descending)
    {
        ArgumentNullException.ThrowIfNull(keySelector);
        var field = OwnField(keySelector(TRecord.QueryFields), descending ? "OrderByDescending" : "OrderBy", nameof(keySelector));
        if (_sortField is not null)
        {
            throw new InvalidOperationException(
                $"This query already sorts by '{_sortField.Name}'; Workiom sorts by one field only, so it cannot also sort by '{field.Name}'.");
        }

        var copy = Copy();
        copy._sortField = (IWorkiomSortable)field;
        copy._sortDescending = descending;
        return copy;
    }

    // The lambdas get this list's descriptors, but one could still hand back a descriptor of
    // another list captured from outside; its field id would mean nothing here.
    private static WorkiomField<TRecord> OwnField(IWorkiomField? field, string operation, string parameterName) => field switch
    {
        null => throw new ArgumentException($"{operation} got null instead of a field.", parameterName),
        WorkiomField<TRecord> own => own,
        _ => throw new ArgumentException(
            $"{operation} got the field '{field.Name}' ({field.FieldId}), which is not a field of the {TRecord.WorkiomListName} list.",
            parameterName),
    };

    private WorkiomQuery<TRecord, TFields> Copy() => (WorkiomQuery<TRecord, TFields>)MemberwiseClone();
}
