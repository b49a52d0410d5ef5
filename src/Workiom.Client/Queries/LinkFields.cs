namespace Workiom.Queries;

/// <summary>
/// A LinkList field whose target list is generated in the same build. A condition on a record
/// sends its id and its <see cref="WorkiomRecord.DisplayLabel"/> (<c>[{_id, label}]</c>); a bare
/// record id sends <c>[{_id}]</c>, without a label, since Workiom matches links by id.
/// </summary>
public sealed class LinkField<TRecord, TTarget> : EmptiableField<TRecord>
    where TTarget : WorkiomRecord
{
    private static readonly WorkiomDataType[] Family = [WorkiomDataType.LinkList];

    public LinkField(int fieldId, string name)
        : base(fieldId, name, WorkiomDataType.LinkList, Family)
    {
    }

    /// <summary>The descriptor of a field of a generated type, with the name and type its schema table gives.</summary>
    /// <param name="schema">The list's schema table.</param>
    /// <param name="fieldId">The field id.</param>
    public LinkField(Schema.WorkiomListSchema schema, int fieldId)
        : this(fieldId, SchemaField(schema, fieldId).Name)
    {
    }

    /// <summary>Records linked to <paramref name="record"/> (which must be saved, so it has an id).</summary>
    public FilterCondition<TRecord> Is(TTarget record) => Condition(WorkiomFilterOperator.Is, LinkValues.Of(this, record, nameof(Is)));

    public FilterCondition<TRecord> Is(string recordId) => Condition(WorkiomFilterOperator.Is, LinkValues.Of(this, recordId, nameof(Is)));

    public FilterCondition<TRecord> IsNot(TTarget record) => Condition(WorkiomFilterOperator.IsNot, LinkValues.Of(this, record, nameof(IsNot)));

    public FilterCondition<TRecord> IsNot(string recordId) => Condition(WorkiomFilterOperator.IsNot, LinkValues.Of(this, recordId, nameof(IsNot)));

    /// <summary>Records linked to the record this link points at (for example a link read from another record).</summary>
    public FilterCondition<TRecord> Is(WorkiomLink link) => Condition(WorkiomFilterOperator.Is, LinkValues.Of(this, link, nameof(Is)));

    public FilterCondition<TRecord> IsNot(WorkiomLink link) => Condition(WorkiomFilterOperator.IsNot, LinkValues.Of(this, link, nameof(IsNot)));
}

/// <summary>A LinkList field whose target list has no snapshot in the build: links are given by record id.</summary>
public sealed class LinkField<TRecord> : EmptiableField<TRecord>
{
    private static readonly WorkiomDataType[] Family = [WorkiomDataType.LinkList];

    public LinkField(int fieldId, string name)
        : base(fieldId, name, WorkiomDataType.LinkList, Family)
    {
    }

    /// <summary>The descriptor of a field of a generated type, with the name and type its schema table gives.</summary>
    /// <param name="schema">The list's schema table.</param>
    /// <param name="fieldId">The field id.</param>
    public LinkField(Schema.WorkiomListSchema schema, int fieldId)
        : this(fieldId, SchemaField(schema, fieldId).Name)
    {
    }

    public FilterCondition<TRecord> Is(string recordId) => Condition(WorkiomFilterOperator.Is, LinkValues.Of(this, recordId, nameof(Is)));

    public FilterCondition<TRecord> Is(WorkiomLink link) => Condition(WorkiomFilterOperator.Is, LinkValues.Of(this, link, nameof(Is)));

    public FilterCondition<TRecord> IsNot(string recordId) => Condition(WorkiomFilterOperator.IsNot, LinkValues.Of(this, recordId, nameof(IsNot)));

    public FilterCondition<TRecord> IsNot(WorkiomLink link) => Condition(WorkiomFilterOperator.IsNot, LinkValues.Of(this, link, nameof(IsNot)));
}

/// <summary>Turns a linked record, link or record id into the <c>[{_id, label}]</c> value.</summary>
internal static class LinkValues
{
    public static FilterValue Of<TRecord>(WorkiomField<TRecord> field, WorkiomRecord? record, string operation)
    {
        if (record is null)
        {
            throw new ArgumentNullException(
                nameof(record),
                $"{operation} on field '{field.Name}' needs a record, not null. To match records where '{field.Name}' is empty, use IsEmpty().");
        }

        if (string.IsNullOrEmpty(record.Id))
        {
            throw new ArgumentException(
                $"{operation} on field '{field.Name}' got a {record.GetType().Name} without an id; only a saved record can be matched as a link.",
                nameof(record));
        }

        return FilterValue.Links([new WorkiomLink(record.Id, record.DisplayLabel)]);
    }

    public static FilterValue Of<TRecord>(WorkiomField<TRecord> field, WorkiomLink? link, string operation)
    {
        if (link is null)
        {
            throw new ArgumentNullException(
                nameof(link),
                $"{operation} on field '{field.Name}' needs a link, not null. To match records where '{field.Name}' is empty, use IsEmpty().");
        }

        return FilterValue.Links([link]);
    }

    public static FilterValue Of<TRecord>(WorkiomField<TRecord> field, string? recordId, string operation)
    {
        if (recordId is null)
        {
            throw new ArgumentNullException(
                nameof(recordId),
                $"{operation} on field '{field.Name}' needs a record id, not null. To match records where '{field.Name}' is empty, use IsEmpty().");
        }

        if (recordId.Length == 0)
        {
            throw new ArgumentException($"{operation} on field '{field.Name}' got an empty record id.", nameof(recordId));
        }

        return FilterValue.Links([new WorkiomLink(recordId)]);
    }
}
