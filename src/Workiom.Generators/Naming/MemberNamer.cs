using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using Workiom.Generators.Diagnostics;
using Workiom.Generators.Model;
using Workiom.Generators.Parsing;

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
        "Finalize", "ReferenceEquals", "Fields", "QueryFields", "JsonKeys", "WorkiomListId", "WorkiomListName", "WorkiomSchema", "WorkiomGeneratedListSchema",
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

    public List<FieldSpec> Resolve(List<RawField> fields, Dictionary<int, (string Name, JsonNode Node)> overrides, SnapshotParser reporter)
    {
        var propertyNames = new Dictionary<int, string>();
        var optionTypeNames = new Dictionary<int, string>();

        // Overrides first: a name the repository chose wins over any derived one.
        foreach (var field in fields.OrderBy(f => f.Id))
        {
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
                reporter.Report(DiagnosticDescriptors.InvalidNameOverride, requested.Node, requested.Name, "field " + Id(field), problem, "the name derived from the field name");
            }
        }

        foreach (var field in fields.OrderBy(f => f.Id))
        {
            if (propertyNames.ContainsKey(field.Id))
            {
                continue;
            }

            string name = IdentifierNames.FromName(field.Name, "Field" + Id(field), out string? why);
            if (_used.Contains(name))
            {
                why = name == _typeName
                    ? "a member cannot have the name of its type"
                    : ReservedMembers.Contains(name) ? "every record already has a member '" + name + "'" : "another field is already named '" + name + "'";
                name = Unique(_used, name + "_" + Id(field));
            }

            if (why is not null)
            {
                reporter.Report(DiagnosticDescriptors.IdentifierRenamed, field.NameNode, field.Name, "field " + Id(field), name, why);
            }

            propertyNames[field.Id] = name;
            _used.Add(name);
            ClaimOptionTypeName(field, name, optionTypeNames);
        }

        var specs = new List<FieldSpec>(fields.Count);
        foreach (var field in fields)
        {
            string propertyName = propertyNames[field.Id];
            optionTypeNames.TryGetValue(field.Id, out string? optionTypeName);
            var options = optionTypeName is null ? EquatableArray<OptionSpec>.Empty : NameOptions(field, optionTypeName, reporter);

            specs.Add(new FieldSpec(
                field.Id,
                field.Name,
                field.Description,
                field.DataType,
                field.AllowMultiple,
                field.IsPrimary,
                field.IsRequired,
                field.ReadOnlyReason.Length > 0,
                field.ReadOnlyReason,
                field.DateType,
                field.LinkedListId,
                propertyName,
                optionTypeName,
                options,
                field.IsDeleted,
                field.IsComputed));
        }

        return specs;
    }

    /// <summary>
    /// Names the record's views class (<c>Views</c>, or <c>SavedViews</c> when a field already has that name)
    /// and one static member per view in it, settled by view id like fields: the view that existed first keeps
    /// the plain name. A list without views gets no class.
    /// </summary>
    public (string? TypeName, EquatableArray<ViewSpec> Views) ResolveViews(List<RawView> views, string listName, JsonNode viewsNode, SnapshotParser reporter)
    {
        if (views.Count == 0)
        {
            return (null, EquatableArray<ViewSpec>.Empty);
        }

        string typeName = "Views";
        if (_used.Contains(typeName))
        {
            typeName = Unique(_used, "SavedViews");
            reporter.Report(DiagnosticDescriptors.IdentifierRenamed, viewsNode, "views", "the saved views of list '" + listName + "'", typeName,
                "the record already has a member 'Views'");
        }

        _used.Add(typeName);
        var used = new HashSet<string>(ReservedViewMembers, System.StringComparer.Ordinal) { typeName };
        var names = new Dictionary<int, string>();
        foreach (var view in views.OrderBy(v => v.Id))
        {
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
                reporter.Report(DiagnosticDescriptors.IdentifierRenamed, view.NameNode, view.Name, "view " + id, name, why);
            }

            used.Add(name);
            names[view.Id] = name;
        }

        return (typeName, views.Select(v => new ViewSpec(v.Id, v.Name, v.ViewType, v.IsDefault, names[v.Id])).ToEquatableArray());
    }

    /// <summary>
    /// A select field claims its option type name together with its property name, in field-id
    /// order, so a field added later never takes a name an existing field's type already has.
    /// </summary>
    private void ClaimOptionTypeName(RawField field, string propertyName, Dictionary<int, string> optionTypeNames)
    {
        if (!IsSelect(field.DataType))
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

    private static EquatableArray<OptionSpec> NameOptions(RawField field, string optionTypeName, SnapshotParser reporter)
    {
        var used = new HashSet<string>(ReservedOptionMembers, System.StringComparer.Ordinal) { optionTypeName };
        var seenIds = new HashSet<string>(System.StringComparer.Ordinal);
        var result = new List<OptionSpec>();
        int index = 0;
        foreach (var option in field.Options)
        {
            index++;
            if (!seenIds.Add(option.Id))
            {
                continue;
            }

            string name = IdentifierNames.FromName(option.Label, "Option" + index.ToString(CultureInfo.InvariantCulture), out string? why);
            if (!used.Add(name))
            {
                why = "another option of field " + Id(field) + " is already named '" + name + "'";
                name = Unique(used, name + "_" + index.ToString(CultureInfo.InvariantCulture));
                used.Add(name);
            }

            if (why is not null)
            {
                reporter.Report(DiagnosticDescriptors.IdentifierRenamed, field.NameNode, option.Label, "option " + option.Id + " of field " + Id(field), name, why);
            }

            result.Add(new OptionSpec(option.Id, option.Label, option.Order, option.Color, option.IsClosed, name));
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

    /// <summary>StaticSelect, Status and MultiStaticSelect get an option type.</summary>
    public static bool IsSelect(int dataType) => dataType is 4 or 16 or 17;

    private static string Id(RawField field) => field.Id.ToString(CultureInfo.InvariantCulture);
}
