namespace Workiom.Queries;

/// <summary>A Text, Website, Email or PhoneNumber field.</summary>
public sealed class TextField<TRecord> : EmptiableField<TRecord>, IWorkiomSortable
{
    private static readonly WorkiomDataType[] Family =
        [WorkiomDataType.Text, WorkiomDataType.Website, WorkiomDataType.Email, WorkiomDataType.PhoneNumber];

    public TextField(int fieldId, string name, WorkiomDataType dataType = WorkiomDataType.Text)
        : base(fieldId, name, dataType, Family)
    {
    }

    /// <summary>The descriptor of a field of a generated type, with the name and type its schema table gives.</summary>
    /// <param name="schema">The list's schema table.</param>
    /// <param name="fieldId">The field id.</param>
    public TextField(Schema.WorkiomListSchema schema, int fieldId)
        : this(SchemaField(schema, fieldId))
    {
    }

    private TextField(Schema.WorkiomFieldSchema field)
        : this(field.Id, field.Name, field.DataType)
    {
    }

    // C# asks a type that defines == to override Equals itself; equality stays the base's (identity).
    public override bool Equals(object? obj) => base.Equals(obj);

    public override int GetHashCode() => base.GetHashCode();

    /// <summary>Records whose value contains <paramref name="text"/>.</summary>
    public FilterCondition<TRecord> Contains(string text) =>
        Condition(WorkiomFilterOperator.Contains, NonEmpty(text, nameof(Contains), nameof(text)));

    /// <summary>Records whose value does not contain <paramref name="text"/>.</summary>
    public FilterCondition<TRecord> DoesNotContain(string text) =>
        Condition(WorkiomFilterOperator.DoesNotContain, NonEmpty(text, nameof(DoesNotContain), nameof(text)));

    /// <summary>Records whose value is <paramref name="value"/>.</summary>
    public FilterCondition<TRecord> Is(string value) =>
        Condition(WorkiomFilterOperator.Is, NonEmpty(value, nameof(Is), nameof(value)));

    /// <summary>Records whose value is not <paramref name="value"/>.</summary>
    public FilterCondition<TRecord> IsNot(string value) =>
        Condition(WorkiomFilterOperator.IsNot, NonEmpty(value, nameof(IsNot), nameof(value)));

    public static FilterCondition<TRecord> operator ==(TextField<TRecord> field, string value) =>
        Field(field).Is(value);

    public static FilterCondition<TRecord> operator !=(TextField<TRecord> field, string value) =>
        Field(field).IsNot(value);

    private static TextField<TRecord> Field(TextField<TRecord> field) =>
        field ?? throw new ArgumentNullException(nameof(field));

    // Workiom stores an empty text as no value, so "" would never match what the caller means.
    private FilterValue NonEmpty(string? text, string operation, string parameterName)
    {
        Required(text, operation, parameterName);
        if (text!.Length == 0)
        {
            throw new ArgumentException(
                $"{operation} on field '{Name}' got an empty string; to match records where '{Name}' is empty, use IsEmpty().",
                parameterName);
        }

        return FilterValue.Of(text);
    }
}
