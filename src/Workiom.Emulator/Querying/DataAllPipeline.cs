using System.Text.Json.Nodes;
using Workiom.Emulator.Records;
using Workiom.Emulator.Schema;
using Workiom.Emulator.Storage;

namespace Workiom.Emulator.Querying;

/// <summary>
/// Everything Data/All does after its body is read: parse the query, then over the records of the list in
/// their read shape apply ids, the view's filters, the query's filters, quick search, sort, the summary of
/// every matching record, paging, the cap on linked records and the projection.
/// </summary>
internal sealed class DataAllPipeline(SnapshotCatalog catalog, RecordStore store, RecordReader reader)
{
    /// <summary>The Data/All result (<c>totalCount</c>, <c>summary</c>, <c>items</c>) for a request body.</summary>
    /// <exception cref="Errors.ApiError">The body is not a query the service accepts.</exception>
    public Task<JsonObject> RunAsync(JsonObject body, CancellationToken ct)
    {
        var query = DataQuery.Parse(body, catalog);
        return store.RunAsync(session => Run(query, session), ct);
    }

    private JsonObject Run(DataQuery query, StoreSession session)
    {
        var records = session.LoadList(query.List.Id).Select(r => reader.Read(query.List, r, session));
        if (query.Ids is { } ids)
        {
            var wanted = ids.ToHashSet(StringComparer.Ordinal);
            records = records.Where(r => wanted.Contains(JsonRead.String(r, "_id") ?? ""));
        }

        var view = query.ViewPart;
        records = records.Where(r => RecordFilter.Matches(view, r) && RecordFilter.Matches(query, r));
        if (!string.IsNullOrWhiteSpace(query.QuickSearch))
        {
            records = records.Where(r => RecordFilter.MatchesQuickSearch(query.List, r, query.QuickSearch.Trim()));
        }

        var matched = records.ToList();
        if (query.SortField is { } sortField)
        {
            var comparer = RecordFilter.SortComparer(sortField);
            matched = query.SortDescending ? matched.OrderByDescending(r => r, comparer).ToList() : matched.OrderBy(r => r, comparer).ToList();
        }

        var summary = Summary(query.List, matched);
        var items = new JsonArray();
        foreach (var record in matched.Skip(query.SkipCount).Take(query.MaxResultCount))
        {
            if (query.LinkedItemsLimit is int limit)
            {
                CapLinks(query.List, record, limit);
            }

            items.Add(query.ProjectedFields is { } projected ? Project(record, projected) : record);
        }

        return new JsonObject { ["totalCount"] = matched.Count, ["summary"] = summary, ["items"] = items };
    }

    /// <summary>summaryType 1 (sum) of a numeric field: its total over every matching record, keyed by field id.</summary>
    private static JsonObject Summary(ListSchema list, IReadOnlyList<JsonObject> matched)
    {
        var summary = new JsonObject();
        foreach (var field in list.Fields.Where(f => f.SummaryType == 1 && DataTypes.IsNumberLike(f.DataType)))
        {
            summary[field.Key] = FieldValues.Number(matched.Sum(r => JsonRead.Decimal(JsonRead.Get(r, field.Key)) ?? 0));
        }

        return summary;
    }

    /// <summary>Keeps the first <paramref name="limit"/> linked records of each LinkList value (filters saw them all).</summary>
    private static void CapLinks(ListSchema list, JsonObject record, int limit)
    {
        foreach (var field in list.Fields.Where(f => f.DataType == DataTypes.LinkList))
        {
            if (JsonRead.Get(record, field.Key) is JsonArray links && links.Count > limit)
            {
                record[field.Key] = new JsonArray(links.Take(limit).Select(l => l?.DeepClone()).ToArray());
            }
        }
    }

    private static JsonObject Project(JsonObject record, IReadOnlyList<string> fields)
    {
        var projected = new JsonObject { ["_id"] = JsonRead.String(record, "_id") };
        foreach (var key in fields)
        {
            if (record.TryGetPropertyValue(key, out var value))
            {
                projected[key] = value?.DeepClone();
            }
        }

        return projected;
    }
}
