using System.Globalization;
using Workiom.Generators.Model;

namespace Workiom.Generators.Emitting;

/// <summary>
/// How one field of a given data type looks in C#: its property type, how it is read and written,
/// and when it counts as empty. This is the one table of the data-type mapping (see README). Types are
/// written with the namespace aliases of <see cref="Aliases"/>; the record's own nested types by their
/// simple names (no member of the record or of <c>QueryFields</c> can take those names).
/// </summary>
internal sealed class FieldShape
{
    private FieldShape(string propertyType, string readMethod, string? writeMethod, bool isCollection, string typeDescription, string writeArguments = "")
    {
        PropertyType = propertyType;
        ReadMethod = readMethod;
        WriteMethod = writeMethod;
        WriteArguments = writeArguments;
        IsCollection = isCollection;
        TypeDescription = typeDescription;
    }

    /// <summary>The field id as C# text.</summary>
    public string Id { get; private set; } = string.Empty;

    /// <summary>The name of the backing field.</summary>
    public string Backing { get; private set; } = string.Empty;

    /// <summary>The <c>ReadField</c> method that reads the value (with its type argument).</summary>
    private string ReadMethod { get; }

    /// <summary>The <c>WriteField</c> method that writes the field (null for types never written).</summary>
    public string? WriteMethod { get; }

    /// <summary>Arguments the write method takes after the value (the write shape).</summary>
    private string WriteArguments { get; }

    /// <summary>The C# type of the property (and of its backing field).</summary>
    public string PropertyType { get; }

    /// <summary>The expression that reads the value; <c>reader</c> is on the value's first token.</summary>
    public string ReadExpression => ReadExpressionOn("reader");

    /// <summary><see cref="ReadExpression"/> reading from another reader variable.</summary>
    public string ReadExpressionOn(string readerVariable) =>
        Aliases.Serialization + "ReadField." + ReadMethod + "(ref " + readerVariable + ", " + Id + (ReadsOptions ? ", environment)" : ")");

    /// <summary>Whether the field reads options, whose ids the reader translates from the record's environment.</summary>
    private bool ReadsOptions => ReadMethod.StartsWith("Option", System.StringComparison.Ordinal);

    /// <summary>The statement that writes the field with the write's keys (<c>keys</c>, chosen by the environment); <paramref name="index"/> is its place in the schema table.</summary>
    public string WriteStatement(int index) =>
        Aliases.Serialization + "WriteField." + WriteMethod + "(writer, filter, keys[" + index.ToString(CultureInfo.InvariantCulture) + "], " + Backing + WriteArguments + ");";

    /// <summary>
    /// The expression for this field's value copied from another record's backing field: the
    /// same value for a scalar (values are immutable), a new list with the same items for a collection,
    /// which keeps the form the list was read in (a single object, an array holding nulls) while not edited.
    /// </summary>
    public string Copy(string sourceBackingField) =>
        !IsCollection ? sourceBackingField
        : PropertyType.StartsWith(Aliases.Workiom + "LinkList", System.StringComparison.Ordinal) ? Aliases.Workiom + "WorkiomRecord.CopyLinks(" + sourceBackingField + ")"
        : Aliases.Workiom + "WorkiomRecord.CopyList(" + sourceBackingField + ")";

    /// <summary>Lists are never null to users: an absent or null value reads as an empty list.</summary>
    public bool IsCollection { get; }

    /// <summary>
    /// The expression that creates an empty collection (the backing field's type is the target). A
    /// collection's backing field starts as null and is created on first access, so reading a record
    /// allocates only the collections it reads.
    /// </summary>
    public string? Initializer => IsCollection ? "new()" : null;

    /// <summary>The C# type of the backing field: nullable for collections, created on first access.</summary>
    public string BackingType => IsCollection ? PropertyType + "?" : PropertyType;

    /// <summary>The expression the property hands out: the backing field, created first for a collection.</summary>
    public string Access(string backingField) => IsCollection ? "(" + backingField + " ??= " + Initializer + ")" : backingField;

    public string TypeDescription { get; }

    /// <param name="field">The field.</param>
    /// <param name="linkTargetType">The full name of a LinkList field's target record type, when generated.</param>
    public static FieldShape For(FieldSpec field, string? linkTargetType)
    {
        var shape = Create(field, linkTargetType);
        shape.Id = field.Id.ToString(CultureInfo.InvariantCulture);
        shape.Backing = "_f" + shape.Id;
        return shape;
    }

    private static FieldShape Create(FieldSpec field, string? linkTargetType)
    {
        const string list = Aliases.Generic + "List<";
        switch (field.DataType)
        {
            case DataType.Text or DataType.Website or DataType.Email or DataType.PhoneNumber:
                return new("string?", "String", "String", false, Describe(field.DataType));
            case DataType.Number or DataType.Currency or DataType.ProgressBar:
                return new("decimal?", "Decimal", "Decimal", false, Describe(field.DataType));
            case DataType.DateTime when field.DateKind == DateKind.DateOnly:
                return new(Aliases.System + "DateOnly?", "Date", "Date", false, "DateTime (date only)");
            case DataType.DateTime:
                return new(Aliases.System + "DateTimeOffset?", "DateTime", "DateTime", false, "DateTime");
            case DataType.Boolean:
                return new("bool?", "Boolean", "Boolean", false, "Boolean");
            case DataType.StaticSelect or DataType.Status when !field.AllowMultiple:
                return new(field.OptionTypeName + "?", "Option<" + field.OptionTypeName + ">", "Option", false, Describe(field.DataType),
                    ", shapes." + (field.DataType == DataType.Status ? "Status" : "StaticSelect"));
            case DataType.StaticSelect or DataType.Status or DataType.MultiStaticSelect:
                return new(list + field.OptionTypeName + ">", "Options<" + field.OptionTypeName + ">", "Options", true,
                    field.DataType == DataType.MultiStaticSelect ? "MultiStaticSelect" : Describe(field.DataType) + " (multiple)", ", shapes.MultiStaticSelect");
            case DataType.LinkList:
            {
                string type = linkTargetType is null ? Aliases.Workiom + "LinkList" : Aliases.Workiom + "LinkList<" + linkTargetType + ">";
                return new(type, "Links<" + type + ">", "Links", true, "LinkList", ", shapes.LinkList");
            }

            case DataType.User when !field.AllowMultiple:
                return new(Aliases.Workiom + "WorkiomUser?", "User", "User", false, "User", ", shapes.User");
            case DataType.User or DataType.MultiUser:
                return new(list + Aliases.Workiom + "WorkiomUser>", "Users", "Users", true, field.DataType == DataType.MultiUser ? "MultiUser" : "User (multiple)", ", shapes.User");
            case DataType.File or DataType.Signature:
                return new(list + Aliases.Workiom + "WorkiomFile>", "Files", "Files", true, Describe(field.DataType));
            case DataType.Count or DataType.AutoNumber:
                return new("long?", "Int64", "Int64", false, Describe(field.DataType));
            case DataType.CheckList:
                return new(list + Aliases.Workiom + "CheckListItem>", "CheckList", "CheckList", true, "CheckList");
            default:
                // Rollup (its value is a number, text or date depending on the summary), Location,
                // Dependency and any type this generator does not know: kept as the raw JSON.
                return new(Aliases.Json + "JsonElement?", "Raw", "Raw", false, Describe(field.DataType));
        }
    }

    /// <summary>
    /// The query descriptor type of a field (the runtime's <c>Workiom.Queries</c> families); its
    /// constructor takes the field's name and data type from the record's schema table.
    /// </summary>
    public static string QueryDescriptor(FieldSpec field, string? linkTargetType, string typeName)
    {
        const string ns = Aliases.Queries;
        string option = field.OptionTypeName ?? string.Empty;
        return field.DataType switch
        {
            DataType.Text or DataType.Website or DataType.Email or DataType.PhoneNumber => ns + "TextField<" + typeName + ">",
            DataType.Number or DataType.Rollup or DataType.Count or DataType.Currency or DataType.AutoNumber or DataType.ProgressBar => ns + "NumberField<" + typeName + ">",
            DataType.DateTime when field.DateKind == DateKind.DateOnly => ns + "DateField<" + typeName + ">",
            DataType.DateTime => ns + "DateTimeField<" + typeName + ">",
            DataType.Boolean => ns + "BooleanField<" + typeName + ">",
            DataType.StaticSelect or DataType.Status when !field.AllowMultiple => ns + "SelectField<" + typeName + ", " + option + ">",
            DataType.StaticSelect or DataType.Status or DataType.MultiStaticSelect => ns + "MultiSelectField<" + typeName + ", " + option + ">",
            DataType.LinkList when linkTargetType is not null => ns + "LinkField<" + typeName + ", " + linkTargetType + ">",
            DataType.LinkList => ns + "LinkField<" + typeName + ">",
            DataType.User when !field.AllowMultiple => ns + "UserField<" + typeName + ">",
            DataType.User or DataType.MultiUser => ns + "MultiUserField<" + typeName + ">",
            DataType.File or DataType.Signature => ns + "FileField<" + typeName + ">",
            DataType.CheckList => ns + "CheckListField<" + typeName + ">",
            _ => ns + "RawField<" + typeName + ">",
        };
    }

    /// <summary>Whether the primary field's value shows as the record's display label, and how.</summary>
    public static string? DisplayLabel(FieldSpec field, string backing) => field.DataType switch
    {
        DataType.Text or DataType.Website or DataType.Email or DataType.PhoneNumber => backing,
        DataType.Number or DataType.Count or DataType.Currency or DataType.AutoNumber or DataType.ProgressBar => backing + "?.ToString(" + Aliases.System + "Globalization.CultureInfo.InvariantCulture)",
        _ => null,
    };

    /// <summary>The data type as a <c>Workiom.WorkiomDataType</c> expression: its member, or a cast for a type the runtime does not name.</summary>
    public static string DataTypeExpression(DataType dataType) => dataType.Name() is { } name
        ? Aliases.Workiom + "WorkiomDataType." + name
        : "(" + Aliases.Workiom + "WorkiomDataType)(" + ((int)dataType).ToString(CultureInfo.InvariantCulture) + ")";

    public static string Describe(DataType dataType) =>
        dataType.Name() ?? "unknown data type " + ((int)dataType).ToString(CultureInfo.InvariantCulture);
}
