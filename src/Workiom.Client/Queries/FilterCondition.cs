using System.Text.Json;

namespace Workiom.Queries;

/// <summary>How the items of a filter combine (<c>filterCollectionOperator</c>).</summary>
public enum FilterCombinator
{
    /// <summary>Every item must match (0).</summary>
    And = 0,

    /// <summary>Any item may match (1).</summary>
    Or = 1,
}

/// <summary>One item of the <c>filter</c> array: a field, an operator and its values.</summary>
public sealed class FilterItem
{
    private static readonly JsonEncodedText FieldIdName = JsonEncodedText.Encode("fieldId");
    private static readonly JsonEncodedText OperatorName = JsonEncodedText.Encode("operator");
    private static readonly JsonEncodedText ValueName = JsonEncodedText.Encode("value");
    private static readonly JsonEncodedText Value2Name = JsonEncodedText.Encode("value2");
    private static readonly JsonEncodedText ValueMappingTypeName = JsonEncodedText.Encode("valueMappingType");

    private readonly FilterValue? _value;
    private readonly FilterValue? _value2;

    internal FilterItem(IWorkiomField field, WorkiomFilterOperator filterOperator, FilterValue? value, FilterValue? value2)
    {
        FieldId = field.FieldId;
        FieldName = field.Name;
        Operator = filterOperator;
        _value = value;
        _value2 = value2;
    }

    public int FieldId { get; }

    /// <summary>The field's name, for messages only (Workiom addresses fields by id).</summary>
    public string FieldName { get; }

    public WorkiomFilterOperator Operator { get; }

    /// <summary>Writes <c>{fieldId, operator, value, value2, valueMappingType}</c>.</summary>
    public void WriteTo(Utf8JsonWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteStartObject();
        writer.WriteNumber(FieldIdName, FieldId);
        writer.WriteNumber(OperatorName, (int)Operator);
        writer.WritePropertyName(ValueName);
        WriteValue(writer, _value);
        writer.WritePropertyName(Value2Name);
        WriteValue(writer, _value2);
        writer.WriteNumber(ValueMappingTypeName, 0);
        writer.WriteEndObject();
    }

    /// <summary>Writes the item for the list in <paramref name="environment"/> (null: the primary one): its field and option ids become that environment's.</summary>
    internal void WriteTo(Utf8JsonWriter writer, Schema.WorkiomListEnvironment? environment)
    {
        if (environment is null)
        {
            WriteTo(writer);
            return;
        }

        writer.WriteStartObject();
        writer.WriteNumber(FieldIdName, EnvironmentQueries.FieldId(environment, FieldId, "filters"));
        writer.WriteNumber(OperatorName, (int)Operator);
        writer.WritePropertyName(ValueName);
        WriteValue(writer, _value, FieldId, environment);
        writer.WritePropertyName(Value2Name);
        WriteValue(writer, _value2, FieldId, environment);
        writer.WriteNumber(ValueMappingTypeName, 0);
        writer.WriteEndObject();
    }

    private static void WriteValue(Utf8JsonWriter writer, FilterValue? value, int fieldId, Schema.WorkiomListEnvironment environment)
    {
        if (value is null)
        {
            writer.WriteNullValue();
        }
        else
        {
            value.WriteTo(writer, fieldId, environment);
        }
    }

    public override string ToString() =>
        _value2 is not null ? $"{FieldName} {Operator} {_value} and {_value2}"
        : _value is not null ? $"{FieldName} {Operator} {_value}"
        : $"{FieldName} {Operator}";

    private static void WriteValue(Utf8JsonWriter writer, FilterValue? value)
    {
        if (value is null)
        {
            writer.WriteNullValue();
        }
        else
        {
            value.WriteTo(writer);
        }
    }
}

/// <summary>
/// A filter on records of one list: one or more items joined by one combinator. Combine
/// conditions with <c>&amp;&amp;</c> (or <c>&amp;</c>) for AND and <c>||</c> (or <c>|</c>) for OR.
/// Workiom holds one flat item array with one combinator, so a filter that mixes AND and OR cannot
/// be sent: the WKM1001 analyzer rejects it at compile time, and combining throws at run time for
/// what the analyzer cannot see (conditions kept in variables, several <c>Where</c> calls).
/// There is no <c>!</c>: Workiom has no negation of a group.
/// </summary>
/// <typeparam name="TRecord">The list's record type, so conditions of two lists never mix.</typeparam>
public sealed class FilterCondition<TRecord>
{
    private readonly FilterItem[] _items;

    internal FilterCondition(FilterItem item)
    {
        _items = [item];
        Combinator = FilterCombinator.And;
    }

    private FilterCondition(FilterItem[] items, FilterCombinator combinator)
    {
        _items = items;
        Combinator = combinator;
    }

    /// <summary>The items, in the order they were written.</summary>
    public IReadOnlyList<FilterItem> Items => _items;

    /// <summary>How the items combine; a single item reports <see cref="FilterCombinator.And"/>.</summary>
    public FilterCombinator Combinator { get; }

    /// <summary>Both conditions must hold.</summary>
    public static FilterCondition<TRecord> operator &(FilterCondition<TRecord> left, FilterCondition<TRecord> right) =>
        Combine(left, right, FilterCombinator.And);

    /// <summary>Either condition may hold.</summary>
    public static FilterCondition<TRecord> operator |(FilterCondition<TRecord> left, FilterCondition<TRecord> right) =>
        Combine(left, right, FilterCombinator.Or);

    // && and || need these to compile; both answer false so that the right operand is always
    // combined in (a filter is sent, not evaluated, so there is nothing to short-circuit).
    public static bool operator true(FilterCondition<TRecord> condition) => false;

    public static bool operator false(FilterCondition<TRecord> condition) => false;

    public override string ToString() =>
        string.Join(Combinator == FilterCombinator.And ? " AND " : " OR ", _items.Select(static item => item.ToString()));

    /// <summary>Joins two conditions; throws when that would mix AND and OR.</summary>
    internal static FilterCondition<TRecord> Combine(FilterCondition<TRecord> left, FilterCondition<TRecord> right, FilterCombinator combinator)
    {
        ArgumentNullException.ThrowIfNull(left);
        ArgumentNullException.ThrowIfNull(right);
        if (left.Conflicts(combinator) || right.Conflicts(combinator))
        {
            var other = combinator == FilterCombinator.And ? "OR" : "AND";
            var wanted = combinator == FilterCombinator.And ? "AND" : "OR";
            throw new InvalidOperationException(
                $"A Workiom filter cannot mix AND and OR (WKM1001): combining ({left}) with ({right}) by {wanted} " +
                $"while one side already uses {other}. Workiom applies one operator to the whole filter; " +
                "use only && (or &) or only || (or |), and for OR keep the whole query to a single Where.");
        }

        var items = new FilterItem[left._items.Length + right._items.Length];
        left._items.CopyTo(items, 0);
        right._items.CopyTo(items, left._items.Length);
        return new FilterCondition<TRecord>(items, combinator);
    }

    private bool Conflicts(FilterCombinator combinator) => _items.Length > 1 && Combinator != combinator;
}
