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
        Aliases.Serialization + "ReadField." + ReadMethod + "(ref " + readerVariable + ", " + Id + ")";

    /// <summary>The statement that writes the field when the write includes it; <paramref name="index"/> is its place in the schema table.</summary>
    public string WriteStatement(int index) =>
        Aliases.Serialization + "WriteField." + WriteMethod + "(writer, filter, JsonKeys[" + index.ToString(CultureInfo.InvariantCulture) + "], " + Backing + WriteArguments + ");";

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
            case 0 or 7 or 8 or 11:
                return new("string?", "String", "String", false, Describe(field.DataType));
            case 1 or 13 or 19:
                return new("decimal?", "Decimal", "Decimal", false, Describe(field.DataType));
            case 2 when field.DateType == 0:
                return new(Aliases.System + "DateOnly?", "Date", "Date", false, "DateTime (date only)");
            case 2:
                return new(Aliases.System + "DateTimeOffset?", "DateTime", "DateTime", false, "DateTime");
            case 3:
                return new("bool?", "Boolean", "Boolean", false, "Boolean");
            case 4 or 16 when !field.AllowMultiple:
                return new(field.OptionTypeName + "?", "Option<" + field.OptionTypeName + ">", "Option", false, Describe(field.DataType),
                    ", shapes." + (field.DataType == 16 ? "Status" : "StaticSelect"));
            case 4 or 16 or 17:
                return new(list + field.OptionTypeName + ">", "Options<" + field.OptionTypeName + ">", "Options", true,
                    field.DataType == 17 ? "MultiStaticSelect" : Describe(field.DataType) + " (multiple)", ", shapes.MultiStaticSelect");
            case 5:
            {
                string type = linkTargetType is null ? Aliases.Workiom + "LinkList" : Aliases.Workiom + "LinkList<" + linkTargetType + ">";
                return new(type, "Links<" + type + ">", "Links", true, "LinkList", ", shapes.LinkList");
            }

            case 6 when !field.AllowMultiple:
                return new(Aliases.Workiom + "WorkiomUser?", "User", "User", false, "User", ", shapes.User");
            case 6 or 18:
                return new(list + Aliases.Workiom + "WorkiomUser>", "Users", "Users", true, field.DataType == 18 ? "MultiUser" : "User (multiple)", ", shapes.User");
            case 9 or 22:
                return new(list + Aliases.Workiom + "WorkiomFile>", "Files", "Files", true, Describe(field.DataType));
            case 12 or 14:
                return new("long?", "Int64", "Int64", false, Describe(field.DataType));
            case 15:
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
            0 or 7 or 8 or 11 => ns + "TextField<" + typeName + ">",
            1 or 10 or 12 or 13 or 14 or 19 => ns + "NumberField<" + typeName + ">",
            2 when field.DateType == 0 => ns + "DateField<" + typeName + ">",
            2 => ns + "DateTimeField<" + typeName + ">",
            3 => ns + "BooleanField<" + typeName + ">",
            4 or 16 when !field.AllowMultiple => ns + "SelectField<" + typeName + ", " + option + ">",
            4 or 16 or 17 => ns + "MultiSelectField<" + typeName + ", " + option + ">",
            5 when linkTargetType is not null => ns + "LinkField<" + typeName + ", " + linkTargetType + ">",
            5 => ns + "LinkField<" + typeName + ">",
            6 when !field.AllowMultiple => ns + "UserField<" + typeName + ">",
            6 or 18 => ns + "MultiUserField<" + typeName + ">",
            9 or 22 => ns + "FileField<" + typeName + ">",
            15 => ns + "CheckListField<" + typeName + ">",
            _ => ns + "RawField<" + typeName + ">",
        };
    }

    /// <summary>Whether the primary field's value shows as the record's display label, and how.</summary>
    public static string? DisplayLabel(FieldSpec field, string backing) => field.DataType switch
    {
        0 or 7 or 8 or 11 => backing,
        1 or 12 or 13 or 14 or 19 => backing + "?.ToString(" + Aliases.System + "Globalization.CultureInfo.InvariantCulture)",
        _ => null,
    };

    /// <summary>The data type as a <c>Workiom.WorkiomDataType</c> expression: its member, or a cast for a type the runtime does not name.</summary>
    public static string DataTypeExpression(int dataType) => dataType is >= 0 and <= 22
        ? Aliases.Workiom + "WorkiomDataType." + Describe(dataType)
        : "(" + Aliases.Workiom + "WorkiomDataType)(" + dataType.ToString(CultureInfo.InvariantCulture) + ")";

    public static string Describe(int dataType) => dataType switch
    {
        0 => "Text",
        1 => "Number",
        2 => "DateTime",
        3 => "Boolean",
        4 => "StaticSelect",
        5 => "LinkList",
        6 => "User",
        7 => "Website",
        8 => "Email",
        9 => "File",
        10 => "Rollup",
        11 => "PhoneNumber",
        12 => "Count",
        13 => "Currency",
        14 => "AutoNumber",
        15 => "CheckList",
        16 => "Status",
        17 => "MultiStaticSelect",
        18 => "MultiUser",
        19 => "ProgressBar",
        20 => "Location",
        21 => "Dependency",
        22 => "Signature",
        _ => "unknown data type " + dataType.ToString(CultureInfo.InvariantCulture),
    };
}
