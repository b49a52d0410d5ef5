using System.Globalization;

namespace Workiom.Schema;

/// <summary>How much a change in Workiom can hurt code built from the old snapshot.</summary>
public enum WorkiomDriftSeverity
{
    /// <summary>Existing code keeps working (a field, option or view added, a rename kept by id).</summary>
    Safe,

    /// <summary>Code compiles and mostly works, but some writes may now be refused or mislabelled.</summary>
    Dangerous,

    /// <summary>Code that uses the field, option or view is wrong against the live list.</summary>
    Breaking,
}

/// <summary>
/// One difference between the list code was built from and the live one. <see cref="Kind"/> is one of
/// <see cref="WorkiomSchemaDiff"/>'s kind constants; they are stable (reports and analyzers read them).
/// </summary>
/// <param name="Kind">What changed, e.g. <c>fieldRemoved</c>.</param>
/// <param name="Severity">How much it can hurt.</param>
/// <param name="FieldId">The field, for a field or option change.</param>
/// <param name="FieldName">The field's name.</param>
/// <param name="OptionId">The option, for an option change.</param>
/// <param name="ViewId">The view, for a view change.</param>
/// <param name="Description">What changed, in words.</param>
public sealed record WorkiomSchemaChange(
    string Kind,
    WorkiomDriftSeverity Severity,
    int? FieldId,
    string? FieldName,
    string? OptionId,
    int? ViewId,
    string Description);

/// <summary>
/// The one classification of schema drift, used by <c>workiom schema diff</c>/<c>check</c> and by
/// <c>CheckSchemasAsync</c>: fields, options and views are matched by id.
/// </summary>
public static class WorkiomSchemaDiff
{
    /// <summary>The list itself is gone (breaking).</summary>
    public const string ListRemoved = "listRemoved";

    /// <summary>A field was deleted (breaking).</summary>
    public const string FieldRemoved = "fieldRemoved";

    /// <summary>A field was renamed (safe: C# names are kept by id).</summary>
    public const string FieldRenamed = "fieldRenamed";

    /// <summary>A field's <c>dataType</c> or <c>allowMultiple</c> changed (breaking).</summary>
    public const string FieldRetyped = "fieldRetyped";

    /// <summary>A link field targets another list (breaking).</summary>
    public const string LinkTargetChanged = "linkTargetChanged";

    /// <summary>A field became required (dangerous) or optional (safe).</summary>
    public const string RequiredChanged = "requiredChanged";

    /// <summary>A field became computed (breaking) or writable (safe).</summary>
    public const string ComputedChanged = "computedChanged";

    /// <summary>An option was removed (breaking).</summary>
    public const string OptionRemoved = "optionRemoved";

    /// <summary>An option was relabelled (dangerous: labels are written byte for byte).</summary>
    public const string OptionRelabelled = "optionRelabelled";

    /// <summary>An option was added (safe).</summary>
    public const string OptionAdded = "optionAdded";

    /// <summary>A field was added (safe; dangerous when required).</summary>
    public const string FieldAdded = "fieldAdded";

    /// <summary>A saved view was removed (breaking for code that queries through it).</summary>
    public const string ViewRemoved = "viewRemoved";

    /// <summary>A saved view was renamed (safe: views are matched by id).</summary>
    public const string ViewRenamed = "viewRenamed";

    /// <summary>A saved view was added (safe).</summary>
    public const string ViewAdded = "viewAdded";

    private static readonly string[] DataTypeNames =
    {
        "Text", "Number", "DateTime", "Boolean", "StaticSelect", "LinkList", "User", "Website", "Email", "File", "Rollup",
        "PhoneNumber", "Count", "Currency", "AutoNumber", "CheckList", "Status", "MultiStaticSelect", "MultiUser",
        "ProgressBar", "Location", "Dependency", "Signature",
    };

    /// <summary>Every change from <paramref name="before"/> (what code was built from) to <paramref name="after"/> (the live list).</summary>
    /// <param name="before">What code was built from.</param>
    /// <param name="after">The live list.</param>
    /// <returns>The changes, fields first (in the old list's order), then added fields, then views.</returns>
    public static IReadOnlyList<WorkiomSchemaChange> Compare(WorkiomListSchema before, WorkiomListSchema after)
    {
        ArgumentNullException.ThrowIfNull(before);
        ArgumentNullException.ThrowIfNull(after);
        var changes = new List<WorkiomSchemaChange>();
        var afterFields = ById(after.Fields);
        var beforeFields = ById(before.Fields);

        void Add(string kind, WorkiomDriftSeverity severity, WorkiomFieldSchema field, string? optionId, string description) =>
            changes.Add(new WorkiomSchemaChange(kind, severity, field.Id, field.Name, optionId, null, description));

        foreach (var old in before.Fields.Where(f => !f.IsDeleted && ReferenceEquals(beforeFields[f.Id], f)))
        {
            if (!afterFields.TryGetValue(old.Id, out var now) || now.IsDeleted)
            {
                Add(FieldRemoved, WorkiomDriftSeverity.Breaking, old, null, "field '" + old.Name + "' (" + Id(old) + ") was deleted");
                continue;
            }

            if (now.Name != old.Name)
            {
                Add(FieldRenamed, WorkiomDriftSeverity.Safe, now, null, "field " + Id(old) + " was renamed from '" + old.Name + "' to '" + now.Name + "'");
            }

            if (now.DataType != old.DataType || now.AllowMultiple != old.AllowMultiple)
            {
                Add(FieldRetyped, WorkiomDriftSeverity.Breaking, now, null,
                    "field '" + now.Name + "' (" + Id(now) + ") changed type from " + Describe(old) + " to " + Describe(now));
            }

            if (now.LinkedListId != old.LinkedListId && (now.DataType == WorkiomDataType.LinkList || old.DataType == WorkiomDataType.LinkList))
            {
                Add(LinkTargetChanged, WorkiomDriftSeverity.Breaking, now, null,
                    "field '" + now.Name + "' (" + Id(now) + ") now links to list " + (now.LinkedListId ?? "(none)") + " instead of " + (old.LinkedListId ?? "(none)"));
            }

            if (now.IsRequired != old.IsRequired)
            {
                Add(RequiredChanged, now.IsRequired ? WorkiomDriftSeverity.Dangerous : WorkiomDriftSeverity.Safe, now, null,
                    "field '" + now.Name + "' (" + Id(now) + ") is " + (now.IsRequired ? "now required: creates without it are refused" : "no longer required"));
            }

            if (now.IsComputed != old.IsComputed)
            {
                Add(ComputedChanged, now.IsComputed ? WorkiomDriftSeverity.Breaking : WorkiomDriftSeverity.Safe, now, null,
                    "field '" + now.Name + "' (" + Id(now) + ") is " + (now.IsComputed ? "now computed by Workiom: writes to it are refused" : "no longer computed"));
            }

            var newOptions = Options(now);
            var oldOptions = Options(old);
            foreach (var (optionId, label) in oldOptions)
            {
                if (!newOptions.TryGetValue(optionId, out string? newLabel))
                {
                    Add(OptionRemoved, WorkiomDriftSeverity.Breaking, now, optionId,
                        "option '" + label + "' (" + optionId + ") of field '" + now.Name + "' (" + Id(now) + ") was removed");
                }
                else if (newLabel != label)
                {
                    Add(OptionRelabelled, WorkiomDriftSeverity.Dangerous, now, optionId,
                        "option " + optionId + " of field '" + now.Name + "' (" + Id(now) + ") was relabelled from '" + label + "' to '" + newLabel + "'");
                }
            }

            foreach (var (optionId, label) in newOptions.Where(o => !oldOptions.ContainsKey(o.Key)))
            {
                Add(OptionAdded, WorkiomDriftSeverity.Safe, now, optionId,
                    "option '" + label + "' (" + optionId + ") was added to field '" + now.Name + "' (" + Id(now) + ")");
            }
        }

        foreach (var added in after.Fields.Where(f => !f.IsDeleted && ReferenceEquals(afterFields[f.Id], f) && (!beforeFields.TryGetValue(f.Id, out var old) || old.IsDeleted)))
        {
            Add(FieldAdded, added.IsRequired ? WorkiomDriftSeverity.Dangerous : WorkiomDriftSeverity.Safe, added, null,
                "field '" + added.Name + "' (" + Id(added) + ", " + Describe(added) + ") was added" + (added.IsRequired ? " and is required: creates without it are refused" : string.Empty));
        }

        CompareViews(before.Views, after.Views, changes);
        return changes;
    }

    private static void CompareViews(IReadOnlyList<WorkiomViewSchema> before, IReadOnlyList<WorkiomViewSchema> after, List<WorkiomSchemaChange> changes)
    {
        var afterViews = new Dictionary<int, WorkiomViewSchema>();
        foreach (var view in after)
        {
            afterViews.TryAdd(view.Id, view);
        }

        var beforeIds = new HashSet<int>();
        foreach (var old in before)
        {
            if (!beforeIds.Add(old.Id))
            {
                continue;
            }

            string id = old.Id.ToString(CultureInfo.InvariantCulture);
            if (!afterViews.TryGetValue(old.Id, out var now))
            {
                changes.Add(new WorkiomSchemaChange(ViewRemoved, WorkiomDriftSeverity.Breaking, null, null, null, old.Id,
                    "view '" + old.Name + "' (" + id + ") was removed"));
            }
            else if (now.Name != old.Name)
            {
                changes.Add(new WorkiomSchemaChange(ViewRenamed, WorkiomDriftSeverity.Safe, null, null, null, old.Id,
                    "view " + id + " was renamed from '" + old.Name + "' to '" + now.Name + "'"));
            }
        }

        foreach (var view in afterViews.Values.Where(v => !beforeIds.Contains(v.Id)))
        {
            changes.Add(new WorkiomSchemaChange(ViewAdded, WorkiomDriftSeverity.Safe, null, null, null, view.Id,
                "view '" + view.Name + "' (" + view.Id.ToString(CultureInfo.InvariantCulture) + ") was added"));
        }
    }

    /// <summary>The fields by id; a repeated id keeps its first field.</summary>
    private static Dictionary<int, WorkiomFieldSchema> ById(IReadOnlyList<WorkiomFieldSchema> fields)
    {
        var byId = new Dictionary<int, WorkiomFieldSchema>();
        foreach (var field in fields)
        {
            byId.TryAdd(field.Id, field);
        }

        return byId;
    }

    /// <summary>The options by id in Workiom's order; a repeated id keeps its first label.</summary>
    private static Dictionary<string, string> Options(WorkiomFieldSchema field)
    {
        var options = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var option in field.Options)
        {
            options.TryAdd(option.Id, option.Label);
        }

        return options;
    }

    private static string Id(WorkiomFieldSchema field) => field.Id.ToString(CultureInfo.InvariantCulture);

    private static string Describe(WorkiomFieldSchema field)
    {
        int type = (int)field.DataType;
        string name = type >= 0 && type < DataTypeNames.Length ? DataTypeNames[type] : "dataType " + type.ToString(CultureInfo.InvariantCulture);
        return field.AllowMultiple ? name + " (multiple)" : name;
    }
}
