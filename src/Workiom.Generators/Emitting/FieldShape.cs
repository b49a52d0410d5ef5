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
            case DataType.Text or DataType.Website or DataType.Email or DataType.PhoneNumber:
                return Scalar("string?", "ReadString", "WriteString", id, Describe(field.DataType));
            case DataType.Number or DataType.Currency or DataType.ProgressBar:
                return Scalar("decimal?", "ReadDecimal", "WriteDecimal", id, Describe(field.DataType));
            case DataType.DateTime when field.DateKind == DateKind.DateOnly:
                return Scalar("global::System.DateOnly?", "ReadDate", "WriteDate", id, "DateTime (date only)");
            case DataType.DateTime:
                return Scalar("global::System.DateTimeOffset?", "ReadDateTime", "WriteDateTime", id, "DateTime");
            case DataType.Boolean:
                return Scalar("bool?", "ReadBoolean", "WriteBoolean", id, "Boolean");
            case DataType.StaticSelect or DataType.Status when !field.AllowMultiple:
            {
                string option = recordType + "." + field.OptionTypeName;
                string shape = field.DataType == DataType.Status ? "Status" : "StaticSelect";
                return new FieldShape(
                    option + "?",
                    Reader + ".ReadOption<" + option + ">(ref reader, " + id + ")",
                    Writer + ".WriteOption(writer, {0}, shapes." + shape + ");",
                    false,
                    Describe(field.DataType));
            }

            case DataType.StaticSelect or DataType.Status or DataType.MultiStaticSelect:
            {
                string option = recordType + "." + field.OptionTypeName;
                string type = "global::System.Collections.Generic.List<" + option + ">";
                return new FieldShape(
                    type,
                    Reader + ".ReadOptions<" + option + ">(ref reader, " + id + ")",
                    Writer + ".WriteOptions(writer, {0}, shapes.MultiStaticSelect);",
                    true,
                    field.DataType == DataType.MultiStaticSelect ? "MultiStaticSelect" : Describe(field.DataType) + " (multiple)",
                    "new " + type + "()");
            }

            case DataType.LinkList:
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

            case DataType.User when !field.AllowMultiple:
                return new FieldShape(
                    "global::Workiom.WorkiomUser?",
                    Reader + ".ReadUser(ref reader, " + id + ")",
                    Writer + ".WriteUser(writer, {0}, shapes.User);",
                    false,
                    "User");
            case DataType.User or DataType.MultiUser:
            {
                const string type = "global::System.Collections.Generic.List<global::Workiom.WorkiomUser>";
                return new FieldShape(
                    type,
                    Reader + ".ReadUsers(ref reader, " + id + ")",
                    Writer + ".WriteUsers(writer, {0}, shapes.User);",
                    true,
                    field.DataType == DataType.MultiUser ? "MultiUser" : "User (multiple)",
                    "new " + type + "()");
            }

            case DataType.File or DataType.Signature:
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

            case DataType.Count or DataType.AutoNumber:
                return Scalar("long?", "ReadInt64", "WriteDecimal", id, Describe(field.DataType));
            case DataType.CheckList:
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
        string dataType = field.DataType.Name() is { } name
            ? "global::Workiom.WorkiomDataType." + name
            : "(global::Workiom.WorkiomDataType)(" + ((int)field.DataType).ToString(CultureInfo.InvariantCulture) + ")";
        string option = recordType + "." + field.OptionTypeName;
        return field.DataType switch
        {
            DataType.Text or DataType.Website or DataType.Email or DataType.PhoneNumber => (ns + "TextField<" + recordType + ">", dataType),
            DataType.Number or DataType.Rollup or DataType.Count or DataType.Currency or DataType.AutoNumber or DataType.ProgressBar => (ns + "NumberField<" + recordType + ">", dataType),
            DataType.DateTime when field.DateKind == DateKind.DateOnly => (ns + "DateField<" + recordType + ">", null),
            DataType.DateTime => (ns + "DateTimeField<" + recordType + ">", null),
            DataType.Boolean => (ns + "BooleanField<" + recordType + ">", null),
            DataType.StaticSelect or DataType.Status when !field.AllowMultiple => (ns + "SelectField<" + recordType + ", " + option + ">", dataType),
            DataType.StaticSelect or DataType.Status or DataType.MultiStaticSelect => (ns + "MultiSelectField<" + recordType + ", " + option + ">", null),
            DataType.LinkList when linkTargetType is not null => (ns + "LinkField<" + recordType + ", " + linkTargetType + ">", null),
            DataType.LinkList => (ns + "LinkField<" + recordType + ">", null),
            DataType.User when !field.AllowMultiple => (ns + "UserField<" + recordType + ">", null),
            DataType.User or DataType.MultiUser => (ns + "MultiUserField<" + recordType + ">", null),
            DataType.File or DataType.Signature => (ns + "FileField<" + recordType + ">", dataType),
            DataType.CheckList => (ns + "CheckListField<" + recordType + ">", null),
            _ => (ns + "RawField<" + recordType + ">", dataType),
        };
    }

    private static FieldShape Scalar(string type, string read, string write, string id, string description) =>
        new(type, Reader + "." + read + "(ref reader, " + id + ")", Writer + "." + write + "(writer, {0});", false, description);

    public static string Describe(DataType dataType) =>
        dataType.Name() ?? "unknown data type " + ((int)dataType).ToString(CultureInfo.InvariantCulture);
}
