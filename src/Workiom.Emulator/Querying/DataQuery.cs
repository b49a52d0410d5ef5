using System.Text.Json;
using System.Text.Json.Nodes;
using Workiom.Emulator.Errors;
using Workiom.Emulator.Schema;

namespace Workiom.Emulator.Querying;

/// <summary>Data/All operators, by the numbers the service uses.</summary>
internal enum FilterOperator
{
    Contains = 1,
    DoesNotContain = 2,
    Is = 3,
    IsNot = 4,
    Greater = 5,
    Less = 6,
    IsEmpty = 7,
    IsNotEmpty = 8,
    GreaterOrEqual = 9,
    LessOrEqual = 10,
    Between = 11,
    In = 12,
    NotIn = 13,
}

internal sealed record FilterCondition(FieldSchema Field, FilterOperator Operator, JsonNode? Value, JsonNode? Value2);

/// <summary>A parsed and checked Data/All body.</summary>
internal sealed record DataQuery(
    ListSchema List,
    IReadOnlyList<FilterCondition> Filters,
    bool MatchAny,
    FieldSchema? SortField,
    bool SortDescending,
    IReadOnlyList<string>? ProjectedFields,
    IReadOnlyList<string>? Ids,
    string? QuickSearch,
    int SkipCount,
    int MaxResultCount,
    int? LinkedItemsLimit)
{
    /// <summary>The saved view's own filters (<c>viewId</c>), applied as well as the body's; empty without a view.</summary>
    public IReadOnlyList<FilterCondition> ViewFilters { get; init; } = [];

    /// <summary>Whether the view's filters are ORed (its <c>filterCollectionOperator</c> is 1).</summary>
    public bool ViewMatchAny { get; init; }

    /// <summary>The query with the view's filters in place of the body's, for matching records against the view.</summary>
    public DataQuery ViewPart => this with { Filters = ViewFilters, MatchAny = ViewMatchAny };

    public const int MaxPageSize = 10_000;

    public static DataQuery Parse(JsonObject body, SnapshotCatalog catalog)
    {
        var listId = JsonRead.String(body, "listId");
        if (string.IsNullOrEmpty(listId))
        {
            throw ApiError.BadRequest("Data/All needs a 'listId'.");
        }

        var list = catalog.Find(listId) ?? throw ApiError.NotFound($"There is no list with id '{listId}'.");

        var filters = new List<FilterCondition>();
        if (JsonRead.Get(body, "filter") is JsonArray filterArray)
        {
            foreach (var node in filterArray)
            {
                if (node is not JsonObject f)
                {
                    throw ApiError.BadRequest("Each 'filter' entry must be an object {fieldId, operator, value, value2}.");
                }

                var fieldId = JsonRead.Long(f, "fieldId") ?? throw ApiError.BadRequest("A filter has no numeric 'fieldId'.");
                var field = list.FindField(fieldId) ?? throw ApiError.BadRequest($"Filter on unknown field {fieldId}: list '{list.Name}' has no such field.");
                var op = JsonRead.Long(f, "operator");
                if (op is null or < 1 or > 13)
                {
                    throw ApiError.BadRequest($"Filter on field {field.Describe()}: operator {JsonRead.String(f, "operator") ?? "(none)"} is not one of 1-13.");
                }

                filters.Add(new FilterCondition(field, (FilterOperator)op.Value, JsonRead.Get(f, "value"), JsonRead.Get(f, "value2")));
            }
        }
        else if (JsonRead.Get(body, "filter") is JsonNode other && other.GetValueKind() != JsonValueKind.Null)
        {
            throw ApiError.BadRequest("'filter' must be an array.");
        }

        var collection = JsonRead.Long(JsonRead.Get(body, "filterCollectionOperator")) ?? 0;
        if (collection is not (0 or 1))
        {
            throw ApiError.BadRequest("'filterCollectionOperator' must be 0 (AND) or 1 (OR).");
        }

        FieldSchema? sortField = null;
        var descending = false;
        if (JsonRead.String(body, "sorting") is { Length: > 0 } sorting)
        {
            var parts = sorting.Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            if (parts.Length is < 1 or > 2 || !long.TryParse(parts[0], out var sortId))
            {
                throw ApiError.BadRequest($"'sorting' must be \"<fieldId> ASC\" or \"<fieldId> DESC\", got '{sorting}'.");
            }

            sortField = list.FindField(sortId) ?? throw ApiError.BadRequest($"Cannot sort by unknown field {sortId}.");
            if (parts.Length == 2)
            {
                descending = parts[1].ToUpperInvariant() switch
                {
                    "ASC" => false,
                    "DESC" => true,
                    _ => throw ApiError.BadRequest($"'sorting' direction must be ASC or DESC, got '{parts[1]}'."),
                };
            }
        }

        var skip = JsonRead.Long(JsonRead.Get(body, "skipCount")) ?? 0;
        if (skip is < 0 or > int.MaxValue)
        {
            throw ApiError.BadRequest("'skipCount' must be 0 or more.");
        }

        var max = JsonRead.Get(body, "maxResultCount") is JsonNode maxNode && !JsonRead.IsNull(maxNode) ? JsonRead.Long(maxNode) ?? -1 : 10;
        if (max is < 1 or > MaxPageSize)
        {
            throw ApiError.BadRequest($"'maxResultCount' must be between 1 and {MaxPageSize}.");
        }

        var linkedLimit = JsonRead.Long(JsonRead.Get(body, "linkedItemsLimit"));
        if (linkedLimit is < 0 or > int.MaxValue)
        {
            throw ApiError.BadRequest("'linkedItemsLimit' must be 0 or more (or null for no limit).");
        }

        var (viewFilters, viewMatchAny) = ViewOf(body, list);
        return new DataQuery(
            list,
            filters,
            collection == 1,
            sortField,
            descending,
            Strings(JsonRead.Get(body, "projectedFields")),
            Strings(JsonRead.Get(body, "ids")),
            JsonRead.String(body, "quickSearch"),
            (int)skip,
            (int)max,
            (int?)linkedLimit)
        {
            ViewFilters = viewFilters,
            ViewMatchAny = viewMatchAny,
        };
    }

    /// <summary>
    /// The filters of the saved view <c>viewId</c> names. The service answers an unknown id as ABP answers a
    /// missing entity (404); a stored condition on a field the list no longer has is left out, as Workiom saved it.
    /// </summary>
    private static (List<FilterCondition> Filters, bool MatchAny) ViewOf(JsonObject body, ListSchema list)
    {
        var node = JsonRead.Get(body, "viewId");
        if (node is null || JsonRead.IsNull(node))
        {
            return ([], false);
        }

        if (JsonRead.Long(node) is not long viewId)
        {
            throw ApiError.BadRequest("'viewId' must be a whole number.");
        }

        if (!list.Views.TryGetValue(viewId, out var view))
        {
            throw ApiError.NotFound($"There is no such an entity. Entity type: View, id: {viewId}");
        }

        var filters = new List<FilterCondition>();
        if (JsonRead.Get(view, "filters") is JsonArray stored)
        {
            foreach (var item in stored.OfType<JsonObject>())
            {
                if (JsonRead.Long(item, "fieldId") is long fieldId && list.FindField(fieldId) is { } field
                    && JsonRead.Long(item, "operator") is long op and >= 1 and <= 13)
                {
                    filters.Add(new FilterCondition(field, (FilterOperator)op, JsonRead.Get(item, "value"), JsonRead.Get(item, "value2")));
                }
            }
        }

        return (filters, JsonRead.Long(JsonRead.Get(view, "filterCollectionOperator")) == 1);
    }

    /// <summary>An array of ids or field ids; null or empty means "not restricted".</summary>
    private static List<string>? Strings(JsonNode? node)
    {
        if (node is not JsonArray array || array.Count == 0)
        {
            return null;
        }

        return array.Select(JsonRead.String).Where(s => s is not null).Select(s => s!).ToList();
    }
}
