namespace Workiom.Queries;

/// <summary>
/// A StaticSelect or Status field with its generated option type. Options can be given as the
/// generated members or, where that reads better, by label; a label must be one the snapshot
/// knows (byte for byte), since Workiom ignores a label it does not have.
/// </summary>
public sealed class SelectField<TRecord, TOption> : EmptiableField<TRecord>, IWorkiomSortable
    where TOption : SelectOption, ISelectOption<TOption>
{
    private static readonly WorkiomDataType[] Family = [WorkiomDataType.StaticSelect, WorkiomDataType.Status];

    public SelectField(int fieldId, string name, WorkiomDataType dataType = WorkiomDataType.StaticSelect)
        : base(fieldId, name, dataType, Family)
    {
    }

    /// <summary>The descriptor of a field of a generated type, with the name and type its schema table gives.</summary>
    /// <param name="schema">The list's schema table.</param>
    /// <param name="fieldId">The field id.</param>
    public SelectField(Schema.WorkiomListSchema schema, int fieldId)
        : this(SchemaField(schema, fieldId))
    {
    }

    private SelectField(Schema.WorkiomFieldSchema field)
        : this(field.Id, field.Name, field.DataType)
    {
    }

    // C# asks a type that defines == to override Equals itself; equality stays the base's (identity).
    public override bool Equals(object? obj) => base.Equals(obj);

    public override int GetHashCode() => base.GetHashCode();

    public FilterCondition<TRecord> Is(TOption option) =>
        Condition(WorkiomFilterOperator.Is, OptionValues.One(this, option, nameof(Is)));

    public FilterCondition<TRecord> Is(string label) =>
        Condition(WorkiomFilterOperator.Is, OptionValues.One<TRecord, TOption>(this, label, nameof(Is)));

    public FilterCondition<TRecord> IsNot(TOption option) =>
        Condition(WorkiomFilterOperator.IsNot, OptionValues.One(this, option, nameof(IsNot)));

    public FilterCondition<TRecord> IsNot(string label) =>
        Condition(WorkiomFilterOperator.IsNot, OptionValues.One<TRecord, TOption>(this, label, nameof(IsNot)));

    /// <summary>Records whose option is any of <paramref name="options"/>.</summary>
    public FilterCondition<TRecord> In(params TOption[] options) =>
        Condition(WorkiomFilterOperator.In, OptionValues.Many(this, options, nameof(In)));

    public FilterCondition<TRecord> In(params string[] labels) =>
        Condition(WorkiomFilterOperator.In, OptionValues.Many<TRecord, TOption>(this, labels, nameof(In)));

    /// <summary>Records whose option is none of <paramref name="options"/>.</summary>
    public FilterCondition<TRecord> NotIn(params TOption[] options) =>
        Condition(WorkiomFilterOperator.NotIn, OptionValues.Many(this, options, nameof(NotIn)));

    public FilterCondition<TRecord> NotIn(params string[] labels) =>
        Condition(WorkiomFilterOperator.NotIn, OptionValues.Many<TRecord, TOption>(this, labels, nameof(NotIn)));

    public static FilterCondition<TRecord> operator ==(SelectField<TRecord, TOption> field, TOption option) => Field(field).Is(option);

    public static FilterCondition<TRecord> operator !=(SelectField<TRecord, TOption> field, TOption option) => Field(field).IsNot(option);

    public static FilterCondition<TRecord> operator ==(SelectField<TRecord, TOption> field, string label) => Field(field).Is(label);

    public static FilterCondition<TRecord> operator !=(SelectField<TRecord, TOption> field, string label) => Field(field).IsNot(label);

    private static SelectField<TRecord, TOption> Field(SelectField<TRecord, TOption> field) =>
        field ?? throw new ArgumentNullException(nameof(field));
}

/// <summary>A MultiStaticSelect field with its generated option type.</summary>
public sealed class MultiSelectField<TRecord, TOption> : EmptiableField<TRecord>
    where TOption : SelectOption, ISelectOption<TOption>
{
    private static readonly WorkiomDataType[] Family = [WorkiomDataType.MultiStaticSelect];

    public MultiSelectField(int fieldId, string name)
        : base(fieldId, name, WorkiomDataType.MultiStaticSelect, Family)
    {
    }

    /// <summary>The descriptor of a field of a generated type, with the name and type its schema table gives.</summary>
    /// <param name="schema">The list's schema table.</param>
    /// <param name="fieldId">The field id.</param>
    public MultiSelectField(Schema.WorkiomListSchema schema, int fieldId)
        : this(fieldId, SchemaField(schema, fieldId).Name)
    {
    }

    /// <summary>Records whose options include <paramref name="option"/>.</summary>
    public FilterCondition<TRecord> Contains(TOption option) =>
        Condition(WorkiomFilterOperator.Contains, OptionValues.One(this, option, nameof(Contains)));

    public FilterCondition<TRecord> Contains(string label) =>
        Condition(WorkiomFilterOperator.Contains, OptionValues.One<TRecord, TOption>(this, label, nameof(Contains)));

    /// <summary>Records with any of <paramref name="options"/>.</summary>
    public FilterCondition<TRecord> In(params TOption[] options) =>
        Condition(WorkiomFilterOperator.In, OptionValues.Many(this, options, nameof(In)));

    public FilterCondition<TRecord> In(params string[] labels) =>
        Condition(WorkiomFilterOperator.In, OptionValues.Many<TRecord, TOption>(this, labels, nameof(In)));

    /// <summary>Records with none of <paramref name="options"/>.</summary>
    public FilterCondition<TRecord> NotIn(params TOption[] options) =>
        Condition(WorkiomFilterOperator.NotIn, OptionValues.Many(this, options, nameof(NotIn)));

    public FilterCondition<TRecord> NotIn(params string[] labels) =>
        Condition(WorkiomFilterOperator.NotIn, OptionValues.Many<TRecord, TOption>(this, labels, nameof(NotIn)));
}

/// <summary>Turns options or labels into the <c>[{id, label}]</c> value, checking them on the way.</summary>
internal static class OptionValues
{
    public static FilterValue One<TRecord, TOption>(WorkiomField<TRecord> field, TOption? option, string operation)
        where TOption : SelectOption, ISelectOption<TOption> =>
        FilterValue.Options([Check(field, option, operation)]);

    public static FilterValue One<TRecord, TOption>(WorkiomField<TRecord> field, string? label, string operation)
        where TOption : SelectOption, ISelectOption<TOption> =>
        FilterValue.Options([ByLabel<TRecord, TOption>(field, label, operation)]);

    public static FilterValue Many<TRecord, TOption>(WorkiomField<TRecord> field, TOption[]? options, string operation)
        where TOption : SelectOption, ISelectOption<TOption>
    {
        NotEmpty(field, options, operation);
        var checkedOptions = new SelectOption[options!.Length];
        for (int i = 0; i < options.Length; i++)
        {
            checkedOptions[i] = Check(field, options[i], operation);
        }

        return FilterValue.Options(checkedOptions);
    }

    public static FilterValue Many<TRecord, TOption>(WorkiomField<TRecord> field, string[]? labels, string operation)
        where TOption : SelectOption, ISelectOption<TOption>
    {
        NotEmpty(field, labels, operation);
        var options = new SelectOption[labels!.Length];
        for (int i = 0; i < labels.Length; i++)
        {
            options[i] = ByLabel<TRecord, TOption>(field, labels[i], operation);
        }

        return FilterValue.Options(options);
    }

    private static void NotEmpty<TRecord, T>(WorkiomField<TRecord> field, T[]? values, string operation)
    {
        if (values is null || values.Length == 0)
        {
            throw new ArgumentException(
                $"{operation} on field '{field.Name}' needs at least one option; an empty list cannot be sent to Workiom.",
                "options");
        }
    }

    private static SelectOption Check<TRecord, TOption>(WorkiomField<TRecord> field, TOption? option, string operation)
        where TOption : SelectOption, ISelectOption<TOption>
    {
        if (option is null)
        {
            throw new ArgumentNullException(
                "option",
                $"{operation} on field '{field.Name}' needs an option, not null. To match records where '{field.Name}' is empty, use IsEmpty().");
        }

        if (option.Id.Length == 0)
        {
            throw new ArgumentException(
                $"{operation} on field '{field.Name}' got the option '{option.Label}' without an id; Workiom matches options by id.",
                "option");
        }

        return option;
    }

    private static SelectOption ByLabel<TRecord, TOption>(WorkiomField<TRecord> field, string? label, string operation)
        where TOption : SelectOption, ISelectOption<TOption>
    {
        if (label is null)
        {
            throw new ArgumentNullException(
                "label",
                $"{operation} on field '{field.Name}' needs an option label, not null. To match records where '{field.Name}' is empty, use IsEmpty().");
        }

        return SelectOptions.FindByLabel<TOption>(label)
            ?? throw new ArgumentException(
                $"Field '{field.Name}' has no option labelled '{label}' (labels compare exactly). Known options: " +
                string.Join(", ", TOption.Known.Select(static o => "'" + o.Label + "'")) + ".",
                "label");
    }
}
