namespace Workiom.Queries;

/// <summary>A File or Signature field: Workiom filters it by emptiness only.</summary>
public sealed class FileField<TRecord> : EmptiableField<TRecord>
{
    private static readonly WorkiomDataType[] Family = [WorkiomDataType.File, WorkiomDataType.Signature];

    public FileField(int fieldId, string name, WorkiomDataType dataType = WorkiomDataType.File)
        : base(fieldId, name, dataType, Family)
    {
    }

    /// <summary>The descriptor of a field of a generated type, with the name and type its schema table gives.</summary>
    /// <param name="schema">The list's schema table.</param>
    /// <param name="fieldId">The field id.</param>
    public FileField(Schema.WorkiomListSchema schema, int fieldId)
        : this(SchemaField(schema, fieldId))
    {
    }

    private FileField(Schema.WorkiomFieldSchema field)
        : this(field.Id, field.Name, field.DataType)
    {
    }
}

/// <summary>A CheckList field: Workiom filters it by emptiness only.</summary>
public sealed class CheckListField<TRecord> : EmptiableField<TRecord>
{
    private static readonly WorkiomDataType[] Family = [WorkiomDataType.CheckList];

    public CheckListField(int fieldId, string name)
        : base(fieldId, name, WorkiomDataType.CheckList, Family)
    {
    }

    /// <summary>The descriptor of a field of a generated type, with the name and type its schema table gives.</summary>
    /// <param name="schema">The list's schema table.</param>
    /// <param name="fieldId">The field id.</param>
    public CheckListField(Schema.WorkiomListSchema schema, int fieldId)
        : this(fieldId, SchemaField(schema, fieldId).Name)
    {
    }
}

/// <summary>
/// A field kept as raw JSON (Location, Dependency, or a data type newer than this library):
/// filtered by emptiness only, the one test every such field supports.
/// </summary>
public sealed class RawField<TRecord> : EmptiableField<TRecord>
{
    public RawField(int fieldId, string name, WorkiomDataType dataType = WorkiomDataType.Location)
        : base(fieldId, name, dataType, family: null)
    {
    }

    /// <summary>The descriptor of a field of a generated type, with the name and type its schema table gives.</summary>
    /// <param name="schema">The list's schema table.</param>
    /// <param name="fieldId">The field id.</param>
    public RawField(Schema.WorkiomListSchema schema, int fieldId)
        : this(SchemaField(schema, fieldId))
    {
    }

    private RawField(Schema.WorkiomFieldSchema field)
        : this(field.Id, field.Name, field.DataType)
    {
    }
}
