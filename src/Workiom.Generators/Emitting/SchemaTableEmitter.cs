using System.Globalization;
using Workiom.Generators.Model;

namespace Workiom.Generators.Emitting;

/// <summary>
/// Writes a list's schema table: the fields (id, name, type, flags, link target, options) and views the
/// type was generated from, one line each, for the runtime schema check. Names and ids are data: every
/// string goes through <see cref="RecordEmitter.Literal"/>.
/// </summary>
internal static class SchemaTableEmitter
{
    private const int AllowMultiple = 1, Required = 2, Computed = 4, Deleted = 8;

    /// <summary>The nested class that hands the table to <c>WorkiomGeneratedList.Of</c>; a reserved member name.</summary>
    public const string RegistrationType = "WorkiomGeneratedListSchema";

    /// <summary>
    /// Registers the list with its assembly (before the namespace, as assembly attributes must be): an
    /// attribute naming the nested class that returns the schema table. Found by
    /// <c>WorkiomGeneratedList.Of(assembly)</c> without scanning types and kept by trimming; no module initializer.
    /// </summary>
    public static void EmitRegistration(SourceWriter w, ListSpec list)
    {
        w.Line("[assembly: global::Workiom.Schema.WorkiomGeneratedListAttribute(typeof(" + list.FullTypeName + "." + RegistrationType + "))]");
        w.Line();
    }

    public static void Emit(SourceWriter w, ListSpec list)
    {
        w.Summary(
            "The fields (with their options) and views of the list as the snapshot had them, which this type was made from;",
            "<c>CheckSchemasAsync</c> and <c>ValidateSchemasOnStart</c> compare it with the live list.");
        w.Line("public static global::Workiom.Schema.WorkiomListSchema WorkiomSchema { get; } = new global::Workiom.Schema.WorkiomListSchema(");
        w.Line("    WorkiomListId,");
        w.Line("    WorkiomListName,");
        w.Line("    new global::Workiom.Schema.WorkiomFieldSchema[]");
        w.Line("    {");
        foreach (var field in list.Fields)
        {
            int flags = (field.AllowMultiple ? AllowMultiple : 0) | (field.IsRequired ? Required : 0) | (field.IsComputed ? Computed : 0) | (field.IsDeleted ? Deleted : 0);
            w.Begin().Append("        new(").Append(field.Id.ToString(CultureInfo.InvariantCulture)).Append(", ").Append(RecordEmitter.Literal(field.Name))
                .Append(", (global::Workiom.WorkiomDataType)").Append(Operand((int)field.DataType))
                .Append(", (global::Workiom.Schema.WorkiomFieldFlags)").Append(flags.ToString(CultureInfo.InvariantCulture))
                .Append(", ").Append(field.LinkedListId is null ? "null" : RecordEmitter.Literal(field.LinkedListId));
            foreach (var option in field.Options)
            {
                w.Append(", ").Append(RecordEmitter.Literal(option.Id)).Append(", ").Append(RecordEmitter.Literal(option.Label));
            }

            w.Append("),").End();
        }

        w.Line("    },");
        w.Line("    new global::Workiom.Schema.WorkiomViewSchema[]");
        w.Line("    {");
        foreach (var view in list.SchemaViews)
        {
            w.Begin().Append("        new(").Append(view.Id.ToString(CultureInfo.InvariantCulture)).Append(", ").Append(RecordEmitter.Literal(view.Name)).Append("),").End();
        }

        w.Line("    });");
        w.Line();
        w.Line("/// <summary>Hands <see cref=\"WorkiomSchema\"/> to <c>WorkiomGeneratedList.Of(assembly)</c>.</summary>");
        w.Line("[global::System.ComponentModel.EditorBrowsable(global::System.ComponentModel.EditorBrowsableState.Never)]");
        w.Line("internal sealed class " + RegistrationType + " : global::Workiom.Schema.WorkiomGeneratedList");
        w.Line("{");
        w.Line("    /// <inheritdoc/>");
        w.Line("    public override global::Workiom.Schema.WorkiomListSchema Schema => WorkiomSchema;");
        w.Line("}");
        w.Line();
    }

    /// <summary>A whole number as a C# operand: a negative one in parentheses, since <c>(T)-1</c> is a subtraction.</summary>
    private static string Operand(int value) =>
        value < 0 ? "(" + value.ToString(CultureInfo.InvariantCulture) + ")" : value.ToString(CultureInfo.InvariantCulture);
}
