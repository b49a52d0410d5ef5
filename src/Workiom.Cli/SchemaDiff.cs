using System.Globalization;
using System.Text.Json;

namespace Workiom.Cli;

/// <summary>How much a change on the server can hurt code built from the old snapshot.</summary>
public enum DriftSeverity
{
    /// <summary>Existing code keeps working (a field or option added, a rename kept by field id).</summary>
    Safe,

    /// <summary>Code compiles and mostly works, but some writes may now be refused or mislabelled.</summary>
    Dangerous,

    /// <summary>Code that uses the field or option is wrong against the live list.</summary>
    Breaking,
}

/// <summary>One difference between a snapshot and the live list. <see cref="Kind"/> values are stable (the analyzers read them).</summary>
public sealed record DriftChange(
    string ListId,
    string ListName,
    string Snapshot,
    string Kind,
    DriftSeverity Severity,
    int? FieldId,
    string? FieldName,
    string? OptionId,
    string Description);

/// <summary>Compares a snapshot's list with the live one, field by field (fields and options matched by id).</summary>
public static class SchemaDiff
{
    private static readonly string[] DataTypeNames =
    {
        "Text", "Number", "DateTime", "Boolean", "StaticSelect", "LinkList", "User", "Website", "Email", "File", "Rollup",
        "PhoneNumber", "Count", "Currency", "AutoNumber", "CheckList", "Status", "MultiStaticSelect", "MultiUser",
        "ProgressBar", "Location", "Dependency", "Signature",
    };

    public static IReadOnlyList<DriftChange> Compare(LocalSnapshot snapshot, JsonElement live)
    {
        var changes = new List<DriftChange>();
        var before = Fields(snapshot.List);
        var after = Fields(live);
        string snapshotPath = snapshot.Path.Replace('\\', '/');

        void Add(string kind, DriftSeverity severity, Field field, string? optionId, string description) =>
            changes.Add(new DriftChange(snapshot.ListId, snapshot.ListName, snapshotPath, kind, severity, field.Id, field.Name, optionId, description));

        foreach (var old in before.Values.Where(f => !f.IsDeleted))
        {
            if (!after.TryGetValue(old.Id, out var now) || now.IsDeleted)
            {
                Add("fieldRemoved", DriftSeverity.Breaking, old, null, "field '" + old.Name + "' (" + Id(old) + ") was deleted");
                continue;
            }

            if (now.Name != old.Name)
            {
                Add("fieldRenamed", DriftSeverity.Safe, now, null, "field " + Id(old) + " was renamed from '" + old.Name + "' to '" + now.Name + "'");
            }

            if (now.DataType != old.DataType || now.AllowMultiple != old.AllowMultiple)
            {
                Add("fieldRetyped", DriftSeverity.Breaking, now, null,
                    "field '" + now.Name + "' (" + Id(now) + ") changed type from " + Describe(old) + " to " + Describe(now));
            }

            if (now.LinkedListId != old.LinkedListId && (now.DataType == 5 || old.DataType == 5))
            {
                Add("linkTargetChanged", DriftSeverity.Breaking, now, null,
                    "field '" + now.Name + "' (" + Id(now) + ") now links to list " + (now.LinkedListId ?? "(none)") + " instead of " + (old.LinkedListId ?? "(none)"));
            }

            if (now.IsRequired != old.IsRequired)
            {
                Add("requiredChanged", now.IsRequired ? DriftSeverity.Dangerous : DriftSeverity.Safe, now, null,
                    "field '" + now.Name + "' (" + Id(now) + ") is " + (now.IsRequired ? "now required: creates without it are refused" : "no longer required"));
            }

            if (now.IsComputed != old.IsComputed)
            {
                Add("computedChanged", now.IsComputed ? DriftSeverity.Breaking : DriftSeverity.Safe, now, null,
                    "field '" + now.Name + "' (" + Id(now) + ") is " + (now.IsComputed ? "now computed by Workiom: writes to it are refused" : "no longer computed"));
            }

            foreach (var (optionId, label) in old.Options)
            {
                if (!now.Options.TryGetValue(optionId, out string? newLabel))
                {
                    Add("optionRemoved", DriftSeverity.Breaking, now, optionId,
                        "option '" + label + "' (" + optionId + ") of field '" + now.Name + "' (" + Id(now) + ") was removed");
                }
                else if (newLabel != label)
                {
                    Add("optionRelabelled", DriftSeverity.Dangerous, now, optionId,
                        "option " + optionId + " of field '" + now.Name + "' (" + Id(now) + ") was relabelled from '" + label + "' to '" + newLabel + "'");
                }
            }

            foreach (var (optionId, label) in now.Options.Where(o => !old.Options.ContainsKey(o.Key)))
            {
                Add("optionAdded", DriftSeverity.Safe, now, optionId,
                    "option '" + label + "' (" + optionId + ") was added to field '" + now.Name + "' (" + Id(now) + ")");
            }
        }

        foreach (var added in after.Values.Where(f => !f.IsDeleted && (!before.TryGetValue(f.Id, out var old) || old.IsDeleted)))
        {
            Add("fieldAdded", added.IsRequired ? DriftSeverity.Dangerous : DriftSeverity.Safe, added, null,
                "field '" + added.Name + "' (" + Id(added) + ", " + Describe(added) + ") was added" + (added.IsRequired ? " and is required: creates without it are refused" : string.Empty));
        }

        return changes;
    }

    private static string Id(Field field) => field.Id.ToString(CultureInfo.InvariantCulture);

    private static string Describe(Field field)
    {
        string name = field.DataType >= 0 && field.DataType < DataTypeNames.Length ? DataTypeNames[field.DataType] : "dataType " + field.DataType.ToString(CultureInfo.InvariantCulture);
        return field.AllowMultiple ? name + " (multiple)" : name;
    }

    private sealed record Field(int Id, string Name, int DataType, bool AllowMultiple, bool IsRequired, bool IsComputed, bool IsDeleted, string? LinkedListId, Dictionary<string, string> Options);

    private static Dictionary<int, Field> Fields(JsonElement list)
    {
        var fields = new Dictionary<int, Field>();
        if (!list.TryGetProperty("fields", out var array) || array.ValueKind != JsonValueKind.Array)
        {
            return fields;
        }

        foreach (var item in array.EnumerateArray())
        {
            if (item.ValueKind != JsonValueKind.Object || !item.TryGetProperty("id", out var idNode) || !TryInt(idNode, out int id))
            {
                continue;
            }

            var options = new Dictionary<string, string>(StringComparer.Ordinal);
            if (item.TryGetProperty("staticListValues", out var values) && values.ValueKind == JsonValueKind.Array)
            {
                foreach (var option in values.EnumerateArray())
                {
                    if (option.ValueKind == JsonValueKind.Object && option.TryGetProperty("id", out var optionId))
                    {
                        string key = optionId.ValueKind == JsonValueKind.String ? optionId.GetString()! : optionId.GetRawText();
                        options[key] = option.TryGetProperty("label", out var label) && label.ValueKind == JsonValueKind.String ? label.GetString()! : key;
                    }
                }
            }

            fields.TryAdd(id, new Field(
                id,
                item.TryGetProperty("name", out var name) && name.ValueKind == JsonValueKind.String ? name.GetString()! : "Field " + id.ToString(CultureInfo.InvariantCulture),
                item.TryGetProperty("dataType", out var dataType) && TryInt(dataType, out int type) ? type : -1,
                Bool(item, "allowMultiple"),
                Bool(item, "isRequired"),
                Bool(item, "isComputed"),
                Bool(item, "isDeleted"),
                item.TryGetProperty("linkedListId", out var linked) && linked.ValueKind == JsonValueKind.String ? linked.GetString() : null,
                options));
        }

        return fields;
    }

    private static bool TryInt(JsonElement element, out int value)
    {
        value = 0;
        return element.ValueKind switch
        {
            JsonValueKind.Number => element.TryGetInt32(out value),
            JsonValueKind.String => int.TryParse(element.GetString(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out value),
            _ => false,
        };
    }

    private static bool Bool(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.True;
}
