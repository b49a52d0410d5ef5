namespace Workiom.Queries;

/// <summary>
/// A field with ordered values (numbers, dates): Is, IsNot, the four comparisons, Between and the
/// emptiness tests, also as the operators <c>== != &gt; &gt;= &lt; &lt;=</c>.
/// </summary>
public abstract class ComparableField<TRecord, TValue> : EmptiableField<TRecord>, IWorkiomSortable
    where TValue : struct, IComparable<TValue>
{
    private protected ComparableField(int fieldId, string name, WorkiomDataType dataType, WorkiomDataType[] family)
        : base(fieldId, name, dataType, family)
    {
    }

    // C# asks a type that defines == to override Equals itself; equality stays the base's (identity).
    public override bool Equals(object? obj) => base.Equals(obj);

    public override int GetHashCode() => base.GetHashCode();

    public FilterCondition<TRecord> Is(TValue value) => Condition(WorkiomFilterOperator.Is, Encode(value));

    public FilterCondition<TRecord> IsNot(TValue value) => Condition(WorkiomFilterOperator.IsNot, Encode(value));

    public FilterCondition<TRecord> Greater(TValue value) => Condition(WorkiomFilterOperator.Greater, Encode(value));

    public FilterCondition<TRecord> GreaterOrEqual(TValue value) => Condition(WorkiomFilterOperator.GreaterOrEqual, Encode(value));

    public FilterCondition<TRecord> Less(TValue value) => Condition(WorkiomFilterOperator.Less, Encode(value));

    public FilterCondition<TRecord> LessOrEqual(TValue value) => Condition(WorkiomFilterOperator.LessOrEqual, Encode(value));

    /// <summary>Records whose value lies between <paramref name="lower"/> and <paramref name="upper"/>, both included.</summary>
    public FilterCondition<TRecord> Between(TValue lower, TValue upper)
    {
        if (lower.CompareTo(upper) > 0)
        {
            throw new ArgumentException(
                string.Create(
                    System.Globalization.CultureInfo.InvariantCulture,
                    $"Between on field '{Name}' got a lower bound ({lower}) greater than its upper bound ({upper})."),
                nameof(lower));
        }

        return Condition(WorkiomFilterOperator.Between, Encode(lower), Encode(upper));
    }

    public static FilterCondition<TRecord> operator ==(ComparableField<TRecord, TValue> field, TValue value) => Field(field).Is(value);

    public static FilterCondition<TRecord> operator !=(ComparableField<TRecord, TValue> field, TValue value) => Field(field).IsNot(value);

    public static FilterCondition<TRecord> operator >(ComparableField<TRecord, TValue> field, TValue value) => Field(field).Greater(value);

    public static FilterCondition<TRecord> operator >=(ComparableField<TRecord, TValue> field, TValue value) => Field(field).GreaterOrEqual(value);

    public static FilterCondition<TRecord> operator <(ComparableField<TRecord, TValue> field, TValue value) => Field(field).Less(value);

    public static FilterCondition<TRecord> operator <=(ComparableField<TRecord, TValue> field, TValue value) => Field(field).LessOrEqual(value);

    private protected abstract FilterValue Encode(TValue value);

    private static ComparableField<TRecord, TValue> Field(ComparableField<TRecord, TValue> field) =>
        field ?? throw new ArgumentNullException(nameof(field));
}

/// <summary>A Number, Currency, ProgressBar, Count, AutoNumber or Rollup field.</summary>
public sealed class NumberField<TRecord> : ComparableField<TRecord, decimal>
{
    private static readonly WorkiomDataType[] Family =
    [
        WorkiomDataType.Number, WorkiomDataType.Currency, WorkiomDataType.ProgressBar,
        WorkiomDataType.Count, WorkiomDataType.AutoNumber, WorkiomDataType.Rollup,
    ];

    public NumberField(int fieldId, string name, WorkiomDataType dataType = WorkiomDataType.Number)
        : base(fieldId, name, dataType, Family)
    {
    }

    /// <summary>The descriptor of a field of a generated type, with the name and type its schema table gives.</summary>
    /// <param name="schema">The list's schema table.</param>
    /// <param name="fieldId">The field id.</param>
    public NumberField(Schema.WorkiomListSchema schema, int fieldId)
        : this(SchemaField(schema, fieldId))
    {
    }

    private NumberField(Schema.WorkiomFieldSchema field)
        : this(field.Id, field.Name, field.DataType)
    {
    }

    private protected override FilterValue Encode(decimal value) => FilterValue.Of(value);
}

/// <summary>A DateTime field that keeps the time of day (<c>dateType</c> 1 or 2); sent in UTC.</summary>
public sealed class DateTimeField<TRecord> : ComparableField<TRecord, DateTimeOffset>
{
    private static readonly WorkiomDataType[] Family = [WorkiomDataType.DateTime];

    public DateTimeField(int fieldId, string name)
        : base(fieldId, name, WorkiomDataType.DateTime, Family)
    {
    }

    /// <summary>The descriptor of a field of a generated type, with the name and type its schema table gives.</summary>
    /// <param name="schema">The list's schema table.</param>
    /// <param name="fieldId">The field id.</param>
    public DateTimeField(Schema.WorkiomListSchema schema, int fieldId)
        : this(fieldId, SchemaField(schema, fieldId).Name)
    {
    }

    private protected override FilterValue Encode(DateTimeOffset value) => FilterValue.Of(value);
}

/// <summary>A date-only DateTime field (<c>dateType</c> 0); a date is sent as midnight UTC of that day.</summary>
public sealed class DateField<TRecord> : ComparableField<TRecord, DateOnly>
{
    private static readonly WorkiomDataType[] Family = [WorkiomDataType.DateTime];

    public DateField(int fieldId, string name)
        : base(fieldId, name, WorkiomDataType.DateTime, Family)
    {
    }

    /// <summary>The descriptor of a field of a generated type, with the name and type its schema table gives.</summary>
    /// <param name="schema">The list's schema table.</param>
    /// <param name="fieldId">The field id.</param>
    public DateField(Schema.WorkiomListSchema schema, int fieldId)
        : this(fieldId, SchemaField(schema, fieldId).Name)
    {
    }

    private protected override FilterValue Encode(DateOnly value) => FilterValue.Of(value);
}
