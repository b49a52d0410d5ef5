using System.Text.Json;
using System.Text.Json.Nodes;
using Workiom.Emulator.Errors;
using Workiom.Emulator.Records;
using Workiom.Emulator.Schema;

namespace Workiom.Emulator.Querying;

/// <summary>
/// Evaluates Data/All filters, quick search and sorting over records in their read shapes.
/// Scalars (text, numbers, dates, booleans) compare by value; option, user, link, file and checklist
/// values are sets of items (id, label): Is/Contains/In mean "any overlap", and the ordering operators
/// compare an option's order or the number of items.
/// </summary>
internal static class RecordFilter
{
    private enum Shape
    {
        Text,
        Number,
        Date,
        Boolean,
        Option,
        Items,
    }

    private readonly record struct Item(string? Id, string? Label);

    public static bool Matches(DataQuery query, JsonObject record)
    {
        if (query.Filters.Count == 0)
        {
            return true;
        }

        return query.MatchAny
            ? query.Filters.Any(f => Matches(f, JsonRead.Get(record, f.Field.Key)))
            : query.Filters.All(f => Matches(f, JsonRead.Get(record, f.Field.Key)));
    }

    public static bool MatchesQuickSearch(ListSchema list, JsonObject record, string text)
    {
        foreach (var field in list.Fields)
        {
            var searchable = DataTypes.IsTextLike(field.DataType)
                || field.DataType is DataTypes.StaticSelect or DataTypes.Status or DataTypes.MultiStaticSelect or DataTypes.LinkList or DataTypes.Location;
            if (searchable && FieldValues.DisplayText(JsonRead.Get(record, field.Key)) is { } shown
                && shown.Contains(text, StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }

        return false;
    }

    private static Shape ShapeOf(FieldSchema field) => field.DataType switch
    {
        DataTypes.Number or DataTypes.Currency or DataTypes.ProgressBar or DataTypes.Count or DataTypes.AutoNumber or DataTypes.Rollup => Shape.Number,
        DataTypes.DateTime => Shape.Date,
        DataTypes.Boolean => Shape.Boolean,
        DataTypes.StaticSelect or DataTypes.Status => Shape.Option,
        DataTypes.MultiStaticSelect or DataTypes.LinkList or DataTypes.User or DataTypes.MultiUser or DataTypes.File
            or DataTypes.CheckList or DataTypes.Dependency or DataTypes.Signature => Shape.Items,
        _ => Shape.Text,
    };

    private static bool Matches(FilterCondition filter, JsonNode? value)
    {
        var op = filter.Operator;
        if (op == FilterOperator.IsEmpty)
        {
            return FieldValues.IsEmpty(value);
        }

        if (op == FilterOperator.IsNotEmpty)
        {
            return !FieldValues.IsEmpty(value);
        }

        var shape = ShapeOf(filter.Field);
        return op switch
        {
            FilterOperator.DoesNotContain => !Positive(filter, shape, FilterOperator.Contains, value),
            FilterOperator.IsNot => !Positive(filter, shape, FilterOperator.Is, value),
            FilterOperator.NotIn => !Positive(filter, shape, FilterOperator.In, value),
            _ => Positive(filter, shape, op, value),
        };
    }

    private static bool Positive(FilterCondition filter, Shape shape, FilterOperator op, JsonNode? value)
    {
        if (shape is Shape.Option or Shape.Items)
        {
            return SetMatches(filter, shape, op, value);
        }

        if (FieldValues.IsEmpty(value))
        {
            return false;
        }

        var field = filter.Field;
        switch (op)
        {
            case FilterOperator.Contains:
            {
                var needle = JsonRead.String(filter.Value) ?? throw BadValue(filter, "a text to look for");
                return (FieldValues.DisplayText(value) ?? "").Contains(needle, StringComparison.OrdinalIgnoreCase);
            }

            case FilterOperator.Is:
                return Compare(field, shape, value, ScalarOf(filter, filter.Value)) == 0;

            case FilterOperator.In:
                return Candidates(filter.Value).Any(candidate => Compare(field, shape, value, ScalarOf(filter, candidate)) == 0);

            case FilterOperator.Greater:
                return Compare(field, shape, value, ScalarOf(filter, filter.Value)) > 0;
            case FilterOperator.Less:
                return Compare(field, shape, value, ScalarOf(filter, filter.Value)) < 0;
            case FilterOperator.GreaterOrEqual:
                return Compare(field, shape, value, ScalarOf(filter, filter.Value)) >= 0;
            case FilterOperator.LessOrEqual:
                return Compare(field, shape, value, ScalarOf(filter, filter.Value)) <= 0;
            case FilterOperator.Between:
                return Compare(field, shape, value, ScalarOf(filter, filter.Value)) >= 0
                    && Compare(field, shape, value, ScalarOf(filter, filter.Value2, "value2")) <= 0;
            default:
                return false;
        }
    }

    /// <summary>A filter value checked against the field's kind, so a bad value is refused, not silently unmatched.</summary>
    private static JsonNode ScalarOf(FilterCondition filter, JsonNode? value, string name = "value")
    {
        if (value is JsonArray { Count: 1 } single)
        {
            value = single[0];
        }

        if (value is null || value is not JsonValue || value.GetValueKind() == JsonValueKind.Null)
        {
            throw BadValue(filter, $"a single value in '{name}'");
        }

        switch (ShapeOf(filter.Field))
        {
            case Shape.Number when JsonRead.Decimal(value) is null:
                throw BadValue(filter, $"a number in '{name}'");
            case Shape.Date when !FieldValues.TryParseDate(JsonRead.String(value), out _):
                throw BadValue(filter, $"an ISO-8601 date in '{name}'");
            case Shape.Boolean when JsonRead.Bool(value) is null:
                throw BadValue(filter, $"true or false in '{name}'");
        }

        return value;
    }

    private static int Compare(FieldSchema field, Shape shape, JsonNode? recordValue, JsonNode filterValue)
    {
        switch (shape)
        {
            case Shape.Number:
                return (JsonRead.Decimal(recordValue) ?? 0).CompareTo(JsonRead.Decimal(filterValue)!.Value);
            case Shape.Boolean:
                return (JsonRead.Bool(recordValue) ?? false).CompareTo(JsonRead.Bool(filterValue)!.Value);
            case Shape.Date:
            {
                FieldValues.TryParseDate(JsonRead.String(recordValue), out var left);
                var filterText = JsonRead.String(filterValue)!;
                FieldValues.TryParseDate(filterText, out var right);
                // A date-only field, or a date-only filter value, compares calendar days.
                if (field.DateType == 0 || !filterText.Contains('T', StringComparison.Ordinal))
                {
                    return DateOnly.FromDateTime(left.UtcDateTime).CompareTo(DateOnly.FromDateTime(right.Offset == TimeSpan.Zero ? right.UtcDateTime : right.DateTime));
                }

                return left.UtcDateTime.CompareTo(right.UtcDateTime);
            }

            default:
                return string.Compare(FieldValues.DisplayText(recordValue) ?? "", JsonRead.String(filterValue), StringComparison.OrdinalIgnoreCase);
        }
    }

    private static IReadOnlyList<JsonNode?> Candidates(JsonNode? value) => FieldValues.Items(value);

    private static bool SetMatches(FilterCondition filter, Shape shape, FilterOperator op, JsonNode? value)
    {
        var items = ItemsOf(value);
        switch (op)
        {
            case FilterOperator.Contains when filter.Value is JsonValue text && text.GetValueKind() == JsonValueKind.String:
            {
                var needle = text.GetValue<string>();
                return items.Any(i => (i.Label ?? "").Contains(needle, StringComparison.OrdinalIgnoreCase));
            }

            case FilterOperator.Contains or FilterOperator.Is or FilterOperator.In:
            {
                var needles = FieldValues.Items(filter.Value).Select(n => NeedleOf(filter, n)).ToList();
                if (needles.Count == 0)
                {
                    throw BadValue(filter, "one or more items in 'value'");
                }

                return items.Any(i => needles.Any(n => Same(i, n)));
            }

            default:
            {
                // Ordering operators: an option by its order, anything with several items by how many it has.
                decimal? Measure(JsonNode? node, string name)
                {
                    if (shape == Shape.Option)
                    {
                        if (JsonRead.Decimal(node) is decimal order)
                        {
                            return order;
                        }

                        var needle = NeedleOf(filter, node is JsonArray { Count: 1 } a ? a[0] : node);
                        var option = filter.Field.Options.FirstOrDefault(o => Same(new Item(o.Id, o.Label), needle))
                            ?? throw BadValue(filter, $"an option of the field in '{name}'");
                        return option.Order;
                    }

                    return JsonRead.Decimal(node) ?? throw BadValue(filter, $"a number of items in '{name}'");
                }

                decimal? current = shape == Shape.Option
                    ? (value is JsonObject o ? filter.Field.Options.FirstOrDefault(x => x.Id == JsonRead.String(o, "id"))?.Order ?? JsonRead.Long(o, "order") : null)
                    : items.Count;
                var bound = Measure(filter.Value, "value");
                if (current is null)
                {
                    return false;
                }

                return op switch
                {
                    FilterOperator.Greater => current > bound,
                    FilterOperator.Less => current < bound,
                    FilterOperator.GreaterOrEqual => current >= bound,
                    FilterOperator.LessOrEqual => current <= bound,
                    FilterOperator.Between => current >= bound && current <= Measure(filter.Value2, "value2"),
                    _ => false,
                };
            }
        }
    }

    private static List<Item> ItemsOf(JsonNode? value) =>
        FieldValues.Items(value)
            .Select(node => node switch
            {
                JsonObject o => new Item(
                    JsonRead.String(o, "_id") ?? JsonRead.String(o, "id"),
                    JsonRead.String(o, "label") ?? JsonRead.String(o, "fullname") ?? JsonRead.String(o, "FileName")),
                _ => new Item(null, JsonRead.String(node)),
            })
            .ToList();

    private static Item NeedleOf(FilterCondition filter, JsonNode? node) => node switch
    {
        JsonObject o => new Item(JsonRead.String(o, "_id") ?? JsonRead.String(o, "id"), JsonRead.String(o, "label")),
        JsonValue v when v.GetValueKind() is JsonValueKind.String or JsonValueKind.Number =>
            new Item(JsonRead.String(v), JsonRead.String(v)),
        _ => throw BadValue(filter, "items as {\"id\"}/{\"_id\"} objects, ids or labels"),
    };

    /// <summary>An item matches by id, or by label (case-insensitive) when the filter names one.</summary>
    private static bool Same(Item item, Item needle) =>
        (needle.Id is not null && item.Id is not null && string.Equals(item.Id, needle.Id, StringComparison.Ordinal))
        || (needle.Label is not null && item.Label is not null && string.Equals(item.Label, needle.Label, StringComparison.OrdinalIgnoreCase));

    private static ApiError BadValue(FilterCondition filter, string expected) =>
        ApiError.BadRequest($"Filter {(int)filter.Operator} ({filter.Operator}) on field {filter.Field.Describe()} needs {expected}.");

    /// <summary>Orders records by one field; empty values first when ascending, as the service does.</summary>
    public static IComparer<JsonObject> SortComparer(FieldSchema field) =>
        Comparer<JsonObject>.Create((a, b) => CompareForSort(field, JsonRead.Get(a, field.Key), JsonRead.Get(b, field.Key)));

    private static int CompareForSort(FieldSchema field, JsonNode? a, JsonNode? b)
    {
        var (aEmpty, bEmpty) = (FieldValues.IsEmpty(a), FieldValues.IsEmpty(b));
        if (aEmpty || bEmpty)
        {
            return aEmpty.CompareTo(bEmpty) * -1;
        }

        switch (ShapeOf(field))
        {
            case Shape.Number:
                return (JsonRead.Decimal(a) ?? 0).CompareTo(JsonRead.Decimal(b) ?? 0);
            case Shape.Boolean:
                return (JsonRead.Bool(a) ?? false).CompareTo(JsonRead.Bool(b) ?? false);
            case Shape.Date:
                FieldValues.TryParseDate(JsonRead.String(a), out var da);
                FieldValues.TryParseDate(JsonRead.String(b), out var db);
                return da.UtcDateTime.CompareTo(db.UtcDateTime);
            case Shape.Option:
                return (JsonRead.Long(a as JsonObject ?? new JsonObject(), "order") ?? 0).CompareTo(JsonRead.Long(b as JsonObject ?? new JsonObject(), "order") ?? 0);
            default:
                return string.Compare(FieldValues.DisplayText(a), FieldValues.DisplayText(b), StringComparison.OrdinalIgnoreCase);
        }
    }
}
