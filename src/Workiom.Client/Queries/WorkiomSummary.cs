using System.Collections.ObjectModel;
using System.Globalization;
using System.Text.Json;

namespace Workiom.Queries;

/// <summary>
/// The <c>summary</c> of a <c>Data/All</c> reply: one total per numeric field that Workiom summarises
/// (the field's <c>summaryType</c>), over every record the query matches, not only the page returned.
/// </summary>
/// <remarks>
/// No source documents the shape of <c>summary</c>, so it is read tolerantly: an object keyed by field id,
/// or an array of <c>{fieldId, value}</c> items (<c>sum</c> or <c>total</c> in place of <c>value</c>), with
/// numbers or numeric strings. Whatever cannot be read as a field id and a number (null, text, an object of
/// another shape, a number beyond <see cref="decimal"/>) is left out; it never fails the page.
/// </remarks>
/// <typeparam name="TRecord">The list's record type.</typeparam>
public sealed class WorkiomSummary<TRecord>
    where TRecord : WorkiomRecord, IWorkiomRecord<TRecord>
{
    private static readonly string[] ValueNames = ["value", "sum", "total"];

    /// <summary>A summary with these totals, keyed by field id.</summary>
    /// <param name="values">The totals by field id.</param>
    public WorkiomSummary(IReadOnlyDictionary<int, decimal> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        Values = new ReadOnlyDictionary<int, decimal>(new Dictionary<int, decimal>(values));
    }

    /// <summary>A summary with no totals (the reply had none).</summary>
    public static WorkiomSummary<TRecord> Empty { get; } = new(new Dictionary<int, decimal>());

    /// <summary>Every total the reply held, by field id.</summary>
    public IReadOnlyDictionary<int, decimal> Values { get; }

    /// <summary>The total of a numeric field, or null when the reply has none for it.</summary>
    /// <param name="field">The field's descriptor (Number, Currency, ProgressBar, Count, AutoNumber or Rollup).</param>
    /// <returns>The total, or null.</returns>
    public decimal? Get(NumberField<TRecord> field)
    {
        ArgumentNullException.ThrowIfNull(field);
        return Get(field.FieldId);
    }

    /// <summary>The total of the field with this id (e.g. <c>Deal.Fields.Amount</c>), or null when the reply has none for it.</summary>
    /// <param name="fieldId">The field id.</param>
    /// <returns>The total, or null.</returns>
    public decimal? Get(int fieldId) => Values.TryGetValue(fieldId, out decimal value) ? value : null;

    /// <summary>Reads the <c>summary</c> value the reader is on, and leaves the reader at its end.</summary>
    internal static WorkiomSummary<TRecord> Read(ref Utf8JsonReader reader)
    {
        var values = new Dictionary<int, decimal>();
        if (reader.TokenType == JsonTokenType.StartObject)
        {
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                bool isField = TryFieldId(reader.GetString(), out int fieldId);
                reader.Read();
                if (isField && TryValue(ref reader, out decimal value))
                {
                    values[fieldId] = value;
                }
                else
                {
                    reader.Skip();
                }
            }
        }
        else if (reader.TokenType == JsonTokenType.StartArray)
        {
            while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
            {
                if (reader.TokenType == JsonTokenType.StartObject && TryItem(ref reader, out int fieldId, out decimal value))
                {
                    values[fieldId] = value;
                }
                else
                {
                    reader.Skip();
                }
            }
        }
        else
        {
            reader.Skip();
        }

        return values.Count == 0 ? Empty : new WorkiomSummary<TRecord>(values);
    }

    /// <summary>A <c>{fieldId, value}</c> item; the reader ends on its end-object token either way.</summary>
    private static bool TryItem(ref Utf8JsonReader reader, out int fieldId, out decimal value)
    {
        fieldId = 0;
        value = 0;
        bool hasId = false, hasValue = false;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            string name = reader.GetString()!;
            reader.Read();
            if (string.Equals(name, "fieldId", StringComparison.OrdinalIgnoreCase) && !hasId)
            {
                hasId = reader.TokenType switch
                {
                    JsonTokenType.Number => reader.TryGetInt32(out fieldId) && fieldId > 0,
                    JsonTokenType.String => TryFieldId(reader.GetString(), out fieldId),
                    _ => false,
                };
                reader.Skip();
            }
            else if (!hasValue && Array.Exists(ValueNames, n => string.Equals(n, name, StringComparison.OrdinalIgnoreCase)))
            {
                hasValue = TryValue(ref reader, out value);
                if (!hasValue)
                {
                    reader.Skip();
                }
            }
            else
            {
                reader.Skip();
            }
        }

        return hasId && hasValue;
    }

    /// <summary>A number or numeric string; an object is read for its <c>value</c>/<c>sum</c>/<c>total</c>.</summary>
    private static bool TryValue(ref Utf8JsonReader reader, out decimal value)
    {
        value = 0;
        switch (reader.TokenType)
        {
            case JsonTokenType.Number:
                return reader.TryGetDecimal(out value);
            case JsonTokenType.String:
                return decimal.TryParse(reader.GetString(), NumberStyles.Float, CultureInfo.InvariantCulture, out value);
            case JsonTokenType.StartObject:
                bool found = false;
                while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
                {
                    string name = reader.GetString()!;
                    reader.Read();
                    if (!found && Array.Exists(ValueNames, n => string.Equals(n, name, StringComparison.OrdinalIgnoreCase)))
                    {
                        found = reader.TokenType is JsonTokenType.Number or JsonTokenType.String && TryValue(ref reader, out value);
                        if (!found)
                        {
                            reader.Skip();
                        }
                    }
                    else
                    {
                        reader.Skip();
                    }
                }

                return found;
            default:
                return false;
        }
    }

    private static bool TryFieldId(string? text, out int fieldId) =>
        int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out fieldId) && fieldId > 0;
}

/// <summary>One <c>Data/All</c> page: the records, Workiom's total count and the summary of the whole query.</summary>
/// <typeparam name="TRecord">The list's record type.</typeparam>
public sealed class WorkiomPage<TRecord>
    where TRecord : WorkiomRecord, IWorkiomRecord<TRecord>
{
    /// <summary>A page.</summary>
    /// <param name="records">The records of the page.</param>
    /// <param name="totalCount">How many records the query matches in all; null when the reply did not say.</param>
    /// <param name="summary">The totals of the query's numeric fields.</param>
    public WorkiomPage(IReadOnlyList<TRecord> records, long? totalCount, WorkiomSummary<TRecord> summary)
    {
        ArgumentNullException.ThrowIfNull(records);
        ArgumentNullException.ThrowIfNull(summary);
        Records = records;
        TotalCount = totalCount;
        Summary = summary;
    }

    /// <summary>The records of this page.</summary>
    public IReadOnlyList<TRecord> Records { get; }

    /// <summary>How many records the query matches in all (<c>totalCount</c>); null when the reply did not say.</summary>
    public long? TotalCount { get; }

    /// <summary>The totals of the numeric fields over every matching record (<c>summary</c>).</summary>
    public WorkiomSummary<TRecord> Summary { get; }
}
