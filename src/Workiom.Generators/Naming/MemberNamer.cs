using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using Microsoft.CodeAnalysis.Text;
using Workiom.Generators.Diagnostics;
using Workiom.Generators.Model;

namespace Workiom.Generators.Naming;

/// <summary>
/// Gives every field of a list a property name, and every select field an option type, that is a
/// valid identifier, unique in the record type, and stable: a name only changes when that field's
/// own name changes. Clashes are settled by field id, so the field that existed first keeps the
/// plain name and a field added later with the same name gets its id appended.
/// </summary>
internal sealed class MemberNamer
{
    /// <summary>Members every generated record has (from the runtime base class or generated alongside fields).</summary>
    private static readonly string[] ReservedMembers =
    {
        "Id", "ListId", "DisplayLabel", "UnknownFields", "LoadedFieldIds", "IsProjected", "HasChanges",
        "GetChangedFieldIds", "AcceptChanges", "WriteTo", "WriteFields", "SetField", "TrackCollection",
        "KeepUnknownField", "MarkProjected", "Equals", "GetHashCode", "ToString", "GetType", "MemberwiseClone",
        "Finalize", "ReferenceEquals", "Fields", "QueryFields", "JsonKeys", "WorkiomListId", "WorkiomListName", "WorkiomSchema", "WorkiomGeneratedListSchema", "WorkiomEnvironments", "WorkiomEnvironmentTable",
        "ReadFrom", "Query", "s_queryFields",
        "KeepDeletedField", "IsDeletedField", "CopyFieldsFrom",
    };

    /// <summary>Members of every generated option type.</summary>
    private static readonly string[] ReservedOptionMembers =
    {
        "Id", "Label", "Order", "Color", "IsClosed", "Known", "Create", "FromId", "FromLabel", "Equals",
        "GetHashCode", "ToString", "GetType", "MemberwiseClone", "Finalize", "ReferenceEquals",
    };

    /// <summary>Members of the generated views class (a static class, which still inherits object's static members).</summary>
    private static readonly string[] ReservedViewMembers = { "Equals", "ReferenceEquals", "GetHashCode", "ToString", "GetType", "MemberwiseClone", "Finalize" };

    /// <summary>Whether a type of this name would clash with a member every record has.</summary>
    public static bool IsReservedTypeName(string name) => name == "_" || IsReservedMemberName(name);

    /// <summary>Whether a member of this name would clash with a member every record has, or with a backing field (<c>_f{id}</c>).</summary>
    public static bool IsReservedMemberName(string name) => System.Array.IndexOf(ReservedMembers, name) >= 0 || IsBackingFieldName(name);

    private static bool IsBackingFieldName(string name)
    {
        if (name.Length < 3 || name[0] != '_' || name[1] != 'f')
        {
            return false;
        }

        for (int i = 2; i < name.Length; i++)
        {
            if (name[i] is < '0' or > '9')
            {
                return false;
            }
        }

        return true;
    }

    private readonly string _typeName;
    private readonly HashSet<string> _used;

    public MemberNamer(string typeName)
    {
        _typeName = typeName;
        _used = new HashSet<string>(ReservedMembers, System.StringComparer.Ordinal) { typeName };
    }

    /// <summary>Names <paramref name="fields"/>: each comes back as its <see cref="RawField.Field"/> with its property name, option type and options.</summary>
    public List<FieldSpec> Resolve(List<RawField> fields, Dictionary<int, (string Name, TextSpan Span)> overrides, DiagnosticSink sink)
    {
        var propertyNames = new Dictionary<int, string>();
        var optionTypeNames = new Dictionary<int, string>();
        var byId = fields.OrderBy(f => f.Field.Id).ToList();

        // Overrides first: a name the repository chose wins over any derived one.
        foreach (var raw in byId)
        {
            var field = raw.Field;
            if (!overrides.TryGetValue(field.Id, out var requested))
            {
                continue;
            }

            string? problem = IdentifierNames.Problem(requested.Name)
                ?? (IsReservedMemberName(requested.Name) ? "every record already has a member of that name" : null)
                ?? (_used.Contains(requested.Name) ? "another member of " + _typeName + " already has that name" : null);
            if (problem is null)
            {
                propertyNames[field.Id] = requested.Name;
                _used.Add(requested.Name);
                ClaimOptionTypeName(field, requested.Name, optionTypeNames);
            }
            else
            {
                sink.Report(DiagnosticDescriptors.InvalidNameOverride, requested.Span, requested.Name, "field " + Id(field), problem, "the name derived from the field name");
            }
        }

        foreach (var raw in byId)
        {
            var field = raw.Field;
            if (propertyNames.ContainsKey(field.Id))
            {
                continue;
            }

            string name = IdentifierNames.FromName(field.Name, out string? why) ?? "Field" + Id(field);
            if (_used.Contains(name))
            {
                why = name == _typeName
                    ? "a member cannot have the name of its type"
                    : ReservedMembers.Contains(name) ? "every record already has a member '" + name + "'" : "another field is already named '" + name + "'";
                name = Unique(_used, name + "_" + Id(field));
            }

            if (why is not null)
            {
                sink.Report(DiagnosticDescriptors.IdentifierRenamed, raw.NameSpan, field.Name, "field " + Id(field), name, why);
            }

            propertyNames[field.Id] = name;
            _used.Add(name);
            ClaimOptionTypeName(field, name, optionTypeNames);
        }

        var specs = new List<FieldSpec>(fields.Count);
        foreach (var raw in fields)
        {
            var field = raw.Field;
            optionTypeNames.TryGetValue(field.Id, out string? optionTypeName);
            specs.Add(field with
            {
                PropertyName = propertyNames[field.Id],
                OptionTypeName = optionTypeName,
                Options = optionTypeName is null ? EquatableArray<OptionSpec>.Empty : NameOptions(raw, optionTypeName, sink),
            });
        }

        return specs;
    }

    /// <summary>
    /// Names the record's views class (<c>Views</c>, or <c>SavedViews</c> when a field already has that name)
    /// and one static member per view in it, settled by view id like fields: the view that existed first keeps
    /// the plain name. A list without views gets no class.
    /// </summary>
    public (string? TypeName, EquatableArray<ViewSpec> Views) ResolveViews(List<RawView> views, string listName, TextSpan viewsSpan, DiagnosticSink sink)
    {
        if (views.Count == 0)
        {
            return (null, EquatableArray<ViewSpec>.Empty);
        }

        string typeName = "Views";
        if (_used.Contains(typeName))
        {
            typeName = Unique(_used, "SavedViews");
            sink.Report(DiagnosticDescriptors.IdentifierRenamed, viewsSpan, "views", "the saved views of list '" + listName + "'", typeName,
                "the record already has a member 'Views'");
        }

        _used.Add(typeName);
        var used = new HashSet<string>(ReservedViewMembers, System.StringComparer.Ordinal) { typeName };
        var names = new Dictionary<int, string>();
        foreach (var raw in views.OrderBy(v => v.View.Id))
        {
            var view = raw.View;
            string id = view.Id.ToString(CultureInfo.InvariantCulture);
            string name = IdentifierNames.FromName(view.Name, "View" + id, out string? why);
            if (used.Contains(name))
            {
                why = name == typeName ? "a member cannot have the name of its type"
                    : ReservedViewMembers.Contains(name) ? "every class already has a member '" + name + "'"
                    : "another view is already named '" + name + "'";
                name = Unique(used, name + "_" + id);
            }

            if (why is not null)
            {
                sink.Report(DiagnosticDescriptors.IdentifierRenamed, raw.NameSpan, view.Name, "view " + id, name, why);
            }

            used.Add(name);
            names[view.Id] = name;
        }

        return (typeName, views.Select(v => v.View with { MemberName = names[v.View.Id] }).ToEquatableArray());
    }

    /// <summary>
    /// A select field claims its option type name together with its property name, in field-id
    /// order, so a field added later never takes a name an existing field's type already has.
    /// </summary>
    private void ClaimOptionTypeName(FieldSpec field, string propertyName, Dictionary<int, string> optionTypeNames)
    {
        if (!field.DataType.HasOptions())
        {
            return;
        }

        string name = propertyName + "Option";
        if (_used.Contains(name))
        {
            name = Unique(_used, propertyName + "Option_" + Id(field));
        }

        _used.Add(name);
        optionTypeNames[field.Id] = name;
    }

    private static EquatableArray<OptionSpec> NameOptions(RawField raw, string optionTypeName, DiagnosticSink sink)
    {
        var field = raw.Field;
        var used = new HashSet<string>(ReservedOptionMembers, System.StringComparer.Ordinal) { optionTypeName };
        var seenIds = new HashSet<string>(System.StringComparer.Ordinal);
        var result = new List<OptionSpec>();
        int index = 0;
        foreach (var option in raw.Options)
        {
            index++;
            if (!seenIds.Add(option.Id))
            {
                continue;
            }

            string name = IdentifierNames.FromName(option.Label, out string? why) ?? "Option" + index.ToString(CultureInfo.InvariantCulture);
            if (!used.Add(name))
            {
                why = "another option of field " + Id(field) + " is already named '" + name + "'";
                name = Unique(used, name + "_" + index.ToString(CultureInfo.InvariantCulture));
                used.Add(name);
            }

            if (why is not null)
            {
                sink.Report(DiagnosticDescriptors.IdentifierRenamed, raw.NameSpan, option.Label, "option " + option.Id + " of field " + Id(field), name, why);
            }

            result.Add(option with { MemberName = name });
        }

        return result.ToEquatableArray();
    }

    /// <summary>
    /// <paramref name="name"/>, or when a name override already took it, that name with the lowest
    /// <c>_{n}</c> (n from 2) that is still free.
    /// </summary>
    private static string Unique(HashSet<string> used, string name)
    {
        if (!used.Contains(name))
        {
            return name;
        }

        for (int n = 2; ; n++)
        {
            string candidate = name + "_" + n.ToString(CultureInfo.InvariantCulture);
            if (!used.Contains(candidate))
            {
                return candidate;
            }
        }
    }

    private static string Id(FieldSpec field) => field.Id.ToString(CultureInfo.InvariantCulture);
}
