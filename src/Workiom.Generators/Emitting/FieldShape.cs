using System.Globalization;
using Workiom.Generators.Model;

namespace Workiom.Generators.Emitting;

/// <summary>
/// How one field of a given data type looks in C#: its property type, how it is read and written,
/// and when it counts as empty. This is the one table of the data-type mapping (see README).
/// </summary>
internal sealed class FieldShape
{
    private const string Reader = "global::Workiom.Serialization.WorkiomJsonReader";
    private const string Writer = "global::Workiom.Serialization.WorkiomJsonWriter";

    private FieldShape(string propertyType, string readExpression, string? writeStatement, bool isCollection, string typeDescription, string? initializer = null)
    {
        PropertyType = propertyType;
        ReadExpression = readExpression;
        IsCollection = isCollection;
        TypeDescription = typeDescription;
        Initializer = initializer;
        if (writeStatement is not null)
        {
            int value = writeStatement.IndexOf("{0}", System.StringComparison.Ordinal);
            WritePrefix = writeStatement.Substring(0, value);
            WriteSuffix = writeStatement.Substring(value + 3);
        }
    }

    /// <summary>The field id as C# text.</summary>
    public string Id { get; private set; } = string.Empty;

    /// <summary>The name of the backing field.</summary>
    public string Backing { get; private set; } = string.Empty;

    /// <summary>The write statement up to the backing field (null for types never written).</summary>
    public string? WritePrefix { get; }

    /// <summary>The write statement after the backing field.</summary>
    public string? WriteSuffix { get; }

    /// <summary>The C# type of the property (and of its backing field).</summary>
    public string PropertyType { get; }

    /// <summary>The expression that reads the value; <c>reader</c> is on the value's first token.</summary>
    public string ReadExpression { get; }

    /// <summary>
    /// <see cref="ReadExpression"/> reading from another reader variable: every read expression is
    /// one call whose argument list starts with <c>ref reader</c>, and type names hold no parentheses.
    /// </summary>
    public string ReadExpressionOn(string readerVariable) =>
        ReadExpression.Replace("(ref reader", "(ref " + readerVariable);

    /// <summary>
    /// The expression for this field's value copied from another record's backing field: the
    /// same value for a scalar (values are immutable), a new list with the same items for a collection,
    /// which keeps the form the list was read in (a single object, an array holding nulls) while not edited.
    /// </summary>
    public string Copy(string sourceBackingField) =>
        !IsCollection ? sourceBackingField
        : PropertyType.StartsWith("global::Workiom.LinkList", System.StringComparison.Ordinal) ? "global::Workiom.WorkiomRecord.CopyLinks(" + sourceBackingField + ")"
        : "global::Workiom.WorkiomRecord.CopyList(" + sourceBackingField + ")";

    /// <summary>Lists are never null to users: an absent or null value reads as an empty list.</summary>
    public bool IsCollection { get; }

    /// <summary>
    /// The expression that creates an empty collection. A collection's backing field starts as null
    /// and is created on first access, so reading a record allocates only the collections it reads.
    /// </summary>
    public string? Initializer { get; }

    /// <summary>The C# type of the backing field: nullable for collections, created on first access.</summary>
    public string BackingType => IsCollection ? PropertyType + "?" : PropertyType;

    /// <summary>The expression the property hands out: the backing field, created first for a collection.</summary>
    public string Access(string backingField) => IsCollection ? "(" + backingField + " ??= " + Initializer + ")" : backingField;

    public string TypeDescription { get; }

    public static FieldShape For(FieldSpec field, string? linkTargetType, string recordType)
    {
        string id = field.Id.ToString(CultureInfo.InvariantCulture);
        var shape = Create(field, linkTargetType, recordType, id);
        shape.Id = id;
        shape.Backing = "_f" + id;
        return shape;
    }

    private static FieldShape Create(FieldSpec field, string? linkTargetType, string recordType, string id)
    {
        switch (field.DataType)
        {
            case 0 or 7 or 8 or 11:
                return Scalar("string?", "ReadString", "WriteString", id, Describe(field.DataType));
            case 1 or 13 or 19:
                return Scalar("decimal?", "ReadDecimal", "WriteDecimal", id, Describe(field.DataType));
            case 2 when field.DateType == 0:
                return Scalar("global::System.DateOnly?", "ReadDate", "WriteDate", id, "DateTime (date only)");
            case 2:
                return Scalar("global::System.DateTimeOffset?", "ReadDateTime", "WriteDateTime", id, "DateTime");
            case 3:
                return Scalar("bool?", "ReadBoolean", "WriteBoolean", id, "Boolean");
            case 4 or 16 when !field.AllowMultiple:
            {
                string option = recordType + "." + field.OptionTypeName;
                string shape = field.DataType == 16 ? "Status" : "StaticSelect";
                return new FieldShape(
                    option + "?",
                    Reader + ".ReadOption<" + option + ">(ref reader, " + id + ")",
                    Writer + ".WriteOption(writer, {0}, shapes." + shape + ");",
                    false,
                    Describe(field.DataType));
            }

            case 4 or 16 or 17:
            {
                string option = recordType + "." + field.OptionTypeName;
                string type = "global::System.Collections.Generic.List<" + option + ">";
                return new FieldShape(
                    type,
                    Reader + ".ReadOptions<" + option + ">(ref reader, " + id + ")",
                    Writer + ".WriteOptions(writer, {0}, shapes.MultiStaticSelect);",
                    true,
                    field.DataType == 17 ? "MultiStaticSelect" : Describe(field.DataType) + " (multiple)",
                    "new " + type + "()");
            }

            case 5:
            {
                string type = linkTargetType is null ? "global::Workiom.LinkList" : "global::Workiom.LinkList<" + linkTargetType + ">";
                return new FieldShape(
                    type,
                    Reader + ".ReadLinks<" + type + ">(ref reader, " + id + ")",
                    Writer + ".WriteLinks(writer, {0}, shapes.LinkList);",
                    true,
                    "LinkList",
                    "new " + type + "()");
            }

            case 6 when !field.AllowMultiple:
                return new FieldShape(
                    "global::Workiom.WorkiomUser?",
                    Reader + ".ReadUser(ref reader, " + id + ")",
                    Writer + ".WriteUser(writer, {0}, shapes.User);",
                    false,
                    "User");
            case 6 or 18:
            {
                const string type = "global::System.Collections.Generic.List<global::Workiom.WorkiomUser>";
                return new FieldShape(
                    type,
                    Reader + ".ReadUsers(ref reader, " + id + ")",
                    Writer + ".WriteUsers(writer, {0}, shapes.User);",
                    true,
                    field.DataType == 18 ? "MultiUser" : "User (multiple)",
                    "new " + type + "()");
            }

            case 9 or 22:
            {
                const string type = "global::System.Collections.Generic.List<global::Workiom.WorkiomFile>";
                return new FieldShape(
                    type,
                    Reader + ".ReadFiles(ref reader, " + id + ")",
                    Writer + ".WriteFiles(writer, {0});",
                    true,
                    Describe(field.DataType),
                    "new " + type + "()");
            }

            case 12 or 14:
                return Scalar("long?", "ReadInt64", "WriteDecimal", id, Describe(field.DataType));
            case 15:
            {
                const string type = "global::System.Collections.Generic.List<global::Workiom.CheckListItem>";
                return new FieldShape(
                    type,
                    Reader + ".ReadCheckList(ref reader, " + id + ")",
                    Writer + ".WriteCheckList(writer, {0});",
                    true,
                    "CheckList",
                    "new " + type + "()");
            }

            default:
                // Rollup (its value is a number, text or date depending on the summary), Location,
                // Dependency and any type this generator does not know: kept as the raw JSON.
                return new FieldShape(
                    "global::System.Text.Json.JsonElement?",
                    Reader + ".ReadRaw(ref reader)",
                    Writer + ".WriteRaw(writer, {0});",
                    false,
                    Describe(field.DataType));
        }
    }

    /// <summary>
    /// The query descriptor of a field (the runtime's <c>Workiom.Queries</c> families) and the data
    /// type argument its constructor takes, when the family covers more than one type.
    /// </summary>
    public static (string Type, string? DataTypeArgument) QueryDescriptor(FieldSpec field, string? linkTargetType, string recordType)
    {
        const string ns = "global::Workiom.Queries.";
        string dataType = field.DataType is >= 0 and <= 22
            ? "global::Workiom.WorkiomDataType." + Describe(field.DataType)
            : "(global::Workiom.WorkiomDataType)(" + field.DataType.ToString(CultureInfo.InvariantCulture) + ")";
        string option = recordType + "." + field.OptionTypeName;
        return field.DataType switch
        {
            0 or 7 or 8 or 11 => (ns + "TextField<" + recordType + ">", dataType),
            1 or 10 or 12 or 13 or 14 or 19 => (ns + "NumberField<" + recordType + ">", dataType),
            2 when field.DateType == 0 => (ns + "DateField<" + recordType + ">", null),
            2 => (ns + "DateTimeField<" + recordType + ">", null),
            3 => (ns + "BooleanField<" + recordType + ">", null),
            4 or 16 when !field.AllowMultiple => (ns + "SelectField<" + recordType + ", " + option + ">", dataType),
            4 or 16 or 17 => (ns + "MultiSelectField<" + recordType + ", " + option + ">", null),
            5 when linkTargetType is not null => (ns + "LinkField<" + recordType + ", " + linkTargetType + ">", null),
            5 => (ns + "LinkField<" + recordType + ">", null),
            6 when !field.AllowMultiple => (ns + "UserField<" + recordType + ">", null),
            6 or 18 => (ns + "MultiUserField<" + recordType + ">", null),
            9 or 22 => (ns + "FileField<" + recordType + ">", dataType),
            15 => (ns + "CheckListField<" + recordType + ">", null),
            _ => (ns + "RawField<" + recordType + ">", dataType),
        };
    }

    private static FieldShape Scalar(string type, string read, string write, string id, string description) =>
        new(type, Reader + "." + read + "(ref reader, " + id + ")", Writer + "." + write + "(writer, {0});", false, description);

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
