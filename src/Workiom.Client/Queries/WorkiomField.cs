namespace Workiom.Queries;

/// <summary>A field of a list as queries see it: what a projection lists.</summary>
public interface IWorkiomField
{
    /// <summary>The field id (tenant-global).</summary>
    int FieldId { get; }

    /// <summary>The field name from the snapshot, used in messages.</summary>
    string Name { get; }

    /// <summary>The field's data type; it decides which filter operators apply.</summary>
    WorkiomDataType DataType { get; }
}

/// <summary>
/// A field a query can sort by (<c>OrderBy</c>). Single-valued fields only: Workiom sorts by one
/// field, and a multi-valued, link, file or raw field has no order a caller could rely on.
/// </summary>
public interface IWorkiomSortable : IWorkiomField
{
}

/// <summary>
/// The base of the typed field descriptors of a list. Each family below offers, as methods and
/// operators, exactly the filter operators <see cref="WorkiomOperators.Allowed"/> gives its data
/// types, so a filter Workiom cannot run does not compile.
/// </summary>
/// <typeparam name="TRecord">The list's record type.</typeparam>
public abstract class WorkiomField<TRecord> : IWorkiomField
{
    private protected WorkiomField(int fieldId, string name, WorkiomDataType dataType, WorkiomDataType[]? family)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(fieldId);
        ArgumentNullException.ThrowIfNull(name);
        if (family is not null && Array.IndexOf(family, dataType) < 0)
        {
            throw new ArgumentException(
                $"Field '{name}' ({fieldId}) has data type {dataType}, which a {GetType().Name.Split('`')[0]} " +
                $"does not describe; it describes {string.Join(", ", family)}.",
                nameof(dataType));
        }

        if (!WorkiomOperators.IsAllowed(dataType, WorkiomFilterOperator.IsEmpty) && family is null)
        {
            throw new ArgumentException(
                $"Field '{name}' ({fieldId}) has data type {dataType}, which has its own descriptor; use it instead.",
                nameof(dataType));
        }

        FieldId = fieldId;
        Name = name;
        DataType = dataType;
    }

    /// <summary>The field with this id in a list's schema table.</summary>
    private protected static Schema.WorkiomFieldSchema SchemaField(Schema.WorkiomListSchema schema, int fieldId)
    {
        ArgumentNullException.ThrowIfNull(schema);
        return schema.Field(fieldId);
    }

    public int FieldId { get; }

    public string Name { get; }

    public WorkiomDataType DataType { get; }

    // Descriptors define == and != to build conditions, so object equality is spelled out here:
    // a descriptor is one field of one list, equal only to itself.
    public override bool Equals(object? obj) => ReferenceEquals(this, obj);

    public override int GetHashCode() => FieldId;

    public override string ToString() => $"{Name} ({FieldId})";

    /// <summary>Builds a condition after checking the operator against the one operator table.</summary>
    private protected FilterCondition<TRecord> Condition(WorkiomFilterOperator filterOperator, FilterValue? value = null, FilterValue? value2 = null)
    {
        if (!WorkiomOperators.IsAllowed(DataType, filterOperator))
        {
            throw new InvalidOperationException(
                $"Workiom does not accept the {filterOperator} operator on field '{Name}' ({FieldId}) of data type {DataType}.");
        }

        return new FilterCondition<TRecord>(new FilterItem(this, filterOperator, value, value2));
    }

    private protected T Required<T>(T? value, string operation, string parameterName) where T : class =>
        value ?? throw new ArgumentNullException(
            parameterName,
            $"{operation} on field '{Name}' needs a value, not null. To match records where '{Name}' is empty, use IsEmpty().");
}

/// <summary>A descriptor whose field can be tested for emptiness (every data type but Boolean).</summary>
public abstract class EmptiableField<TRecord> : WorkiomField<TRecord>
{
    private protected EmptiableField(int fieldId, string name, WorkiomDataType dataType, WorkiomDataType[]? family)
        : base(fieldId, name, dataType, family)
    {
    }

    /// <summary>Records where the field has no value.</summary>
    public FilterCondition<TRecord> IsEmpty() => Condition(WorkiomFilterOperator.IsEmpty);

    /// <summary>Records where the field has a value.</summary>
    public FilterCondition<TRecord> IsNotEmpty() => Condition(WorkiomFilterOperator.IsNotEmpty);
}
