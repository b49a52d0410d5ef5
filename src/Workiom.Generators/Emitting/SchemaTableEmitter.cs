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
        w.Line("public static " + Aliases.Schema + "WorkiomListSchema WorkiomSchema { get; } = new(");
        w.Line("    WorkiomListId,");
        w.Line("    WorkiomListName,");
        w.Line("    [");
        foreach (var field in list.Fields)
        {
            // Arguments left at their defaults are left out; the options are the option type's own.
            w.Begin().Append("        new(").Append(field.Id.ToString(CultureInfo.InvariantCulture)).Append(", ").Append(RecordEmitter.Literal(field.Name))
                .Append(", ").Append(FieldShape.DataTypeExpression(field.DataType));
            string flags = Flags(field);
            bool named = flags.Length == 0;
            if (!named)
            {
                w.Append(", ").Append(flags);
            }

            if (field.LinkedListId is not null)
            {
                w.Append(named ? ", linkedListId: " : ", ").Append(RecordEmitter.Literal(field.LinkedListId));
            }
            else
            {
                named = true;
            }

            if (field.OptionTypeName is not null && field.Options.Count > 0)
            {
                w.Append(named ? ", options: " : ", ").Append(field.OptionTypeName).Append(".Known");
            }

            // The system role is named: the options before it are often left out.
            if (field.SystemFieldType != 0)
            {
                w.Append(", systemField: ").Append(SystemField(field.SystemFieldType));
            }

            w.Append("),").End();
        }

        // The app id (AddSubscription takes it) closes the call as a named argument, when the snapshot has one.
        string end = list.AppId is null ? ");" : ",";
        if (list.SchemaViews.Count == 0)
        {
            w.Line("    ],");
            w.Line("    []" + end);
        }
        else
        {
            w.Line("    ],");
            w.Line("    [");
            foreach (var view in list.SchemaViews)
            {
                w.Begin().Append("        new(").Append(view.Id.ToString(CultureInfo.InvariantCulture)).Append(", ").Append(RecordEmitter.Literal(view.Name)).Append("),").End();
            }

            w.Line("    ]" + end);
        }

        if (list.AppId is not null)
        {
            w.Begin().Append("    appId: ").Append(RecordEmitter.Literal(list.AppId)).Append(");").End();
        }

        w.Line();
        w.Line("/// <summary>Hands <see cref=\"WorkiomSchema\"/> to <c>WorkiomGeneratedList.Of(assembly)</c>.</summary>");
        w.Line("[" + Aliases.System + "ComponentModel.EditorBrowsable(" + Aliases.System + "ComponentModel.EditorBrowsableState.Never)]");
        w.Line("internal sealed partial class " + RegistrationType + " : " + Aliases.Schema + "WorkiomGeneratedList");
        w.Line("{");
        w.Line("    /// <inheritdoc/>");
        w.Line("    public override " + Aliases.Schema + "WorkiomListSchema Schema => WorkiomSchema;");
        w.Line("}");
        w.Line();
    }

    /// <summary>
    /// A <c>systemFieldType</c> as a <c>WorkiomSystemField</c> member; a number the runtime does not name stays
    /// a number, so the table still says what the snapshot said.
    /// </summary>
    private static string SystemField(int systemFieldType) => systemFieldType switch
    {
        1 => Aliases.Schema + "WorkiomSystemField.Creator",
        2 => Aliases.Schema + "WorkiomSystemField.CreationDate",
        3 => Aliases.Schema + "WorkiomSystemField.LastUpdater",
        4 => Aliases.Schema + "WorkiomSystemField.LastModifyDate",
        5 => Aliases.Schema + "WorkiomSystemField.LastActivityDate",
        _ => "(" + Aliases.Schema + "WorkiomSystemField)(" + systemFieldType.ToString(CultureInfo.InvariantCulture) + ")",
    };

    /// <summary>The field's flags as <c>WorkiomFieldFlags</c> members joined with <c>|</c>; empty for none.</summary>
    private static string Flags(FieldSpec field)
    {
        var flags = new System.Collections.Generic.List<string>(4);
        if (field.AllowMultiple)
        {
            flags.Add(Aliases.Schema + "WorkiomFieldFlags.AllowMultiple");
        }

        if (field.IsRequired)
        {
            flags.Add(Aliases.Schema + "WorkiomFieldFlags.Required");
        }

        if (field.IsComputed)
        {
            flags.Add(Aliases.Schema + "WorkiomFieldFlags.Computed");
        }

        if (field.IsDeleted)
        {
            flags.Add(Aliases.Schema + "WorkiomFieldFlags.Deleted");
        }

        return string.Join(" | ", flags);
    }
}
