namespace Workiom.Queries;

/// <summary>
/// A Boolean field. Workiom filters it with Is only: there is no IsNot and no emptiness test, so
/// <c>!=</c> exists solely because C# requires it alongside <c>==</c>, and using it is a compile error.
/// </summary>
public sealed class BooleanField<TRecord> : WorkiomField<TRecord>, IWorkiomSortable
{
    private static readonly WorkiomDataType[] Family = [WorkiomDataType.Boolean];

    public BooleanField(int fieldId, string name)
        : base(fieldId, name, WorkiomDataType.Boolean, Family)
    {
    }

    /// <summary>The descriptor of a field of a generated type, with the name and type its schema table gives.</summary>
    /// <param name="schema">The list's schema table.</param>
    /// <param name="fieldId">The field id.</param>
    public BooleanField(Schema.WorkiomListSchema schema, int fieldId)
        : this(fieldId, SchemaField(schema, fieldId).Name)
    {
    }

    // C# asks a type that defines == to override Equals itself; equality stays the base's (identity).
    public override bool Equals(object? obj) => base.Equals(obj);

    public override int GetHashCode() => base.GetHashCode();

    public FilterCondition<TRecord> Is(bool value) => Condition(WorkiomFilterOperator.Is, FilterValue.Of(value));

    public static FilterCondition<TRecord> operator ==(BooleanField<TRecord> field, bool value) =>
        (field ?? throw new ArgumentNullException(nameof(field))).Is(value);

    [Obsolete("Workiom has no IsNot for Boolean fields; write == with the opposite value, e.g. d.Flag == false.", error: true)]
    public static FilterCondition<TRecord> operator !=(BooleanField<TRecord> field, bool value) =>
        throw new NotSupportedException(
            $"Workiom has no IsNot for Boolean fields ('{field?.Name}'); use Is({!value}) instead.");
}
