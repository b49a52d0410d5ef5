using System.Text.Json;
using Workiom.Queries;

namespace Workiom.Cli.Verify;

/// <summary>What one check of 'workiom verify' found.</summary>
public enum VerifyOutcome
{
    Pass,
    Fail,

    /// <summary>Could not be tried on this list (the reason is in the note); does not fail the run.</summary>
    NotTested,
}

/// <summary>
/// One line of the verify report: a step on one field (or the record), what was sent, what came back,
/// what the client expected, and the outcome.
/// </summary>
public sealed record VerifyCheck(
    string Step,
    string Field,
    int? FieldId,
    string DataType,
    string? Operator,
    string? Variant,
    string Sent,
    string Returned,
    string Expected,
    VerifyOutcome Outcome,
    string? Note = null);

/// <summary>The whole run, as <c>--json</c> writes it.</summary>
public sealed record VerifyReport(
    string Source,
    string ListId,
    string? ListName,
    string? RecordId,
    bool Cancelled,
    bool RecordDeleted,
    string? Cleanup,
    int ExitCode,
    int Passed,
    int Failed,
    int NotTested,
    IReadOnlyList<VerifyCheck> Checks);

/// <summary>
/// The record type the verify conditions are built for: the list is known only at run time, so the
/// client's field descriptors are instantiated over this marker.
/// </summary>
internal sealed class VerifyRecord
{
    private VerifyRecord()
    {
    }
}

/// <summary>An option of a field read from <c>Lists/Get</c> at run time (no generated options are known).</summary>
internal sealed class VerifyOption : SelectOption, ISelectOption<VerifyOption>
{
    private VerifyOption(string id, string label, int? order, string? color, bool? isClosed)
        : base(id, label, order, color, isClosed)
    {
    }

    public static IReadOnlyList<VerifyOption> Known { get; } = [];

    public static VerifyOption Create(string id, string label, int? order, string? color, bool? isClosed) =>
        new(id, label, order, color, isClosed);
}

/// <summary>One field of the list under test, as <c>Lists/Get</c> describes it.</summary>
internal sealed class VerifyField
{
    private VerifyField(JsonElement field)
    {
        Id = field.TryGetProperty("id", out var id) && id.TryGetInt32(out int value) ? value : 0;
        Name = field.TryGetProperty("name", out var name) && name.ValueKind == JsonValueKind.String ? name.GetString() ?? string.Empty : string.Empty;
        DataType = Int(field, "dataType") ?? -1;
        DateType = Int(field, "dateType") ?? 0;
        SystemFieldType = Int(field, "systemFieldType") ?? 0;
        IsComputed = Bool(field, "isComputed");
        IsRequired = Bool(field, "isRequired");
        IsPrimary = Bool(field, "isPrimary");
        IsSystem = Bool(field, "isSystemField") || SystemFieldType != 0;
        IsDeleted = Bool(field, "isDeleted");
        LinkedListId = field.TryGetProperty("linkedListId", out var linked) && linked.ValueKind == JsonValueKind.String ? linked.GetString() : null;
        var options = new List<VerifyOption>();
        if (field.TryGetProperty("staticListValues", out var values) && values.ValueKind == JsonValueKind.Array)
        {
            foreach (var option in values.EnumerateArray())
            {
                string? optionId = option.TryGetProperty("id", out var o) ? (o.ValueKind == JsonValueKind.String ? o.GetString() : o.GetRawText()) : null;
                string? label = option.TryGetProperty("label", out var l) && l.ValueKind == JsonValueKind.String ? l.GetString() : null;
                if (!string.IsNullOrEmpty(optionId) && label is not null)
                {
                    options.Add(VerifyOption.Create(optionId, label, Int(option, "order"), null, null));
                }
            }
        }

        Options = options;
    }

    public int Id { get; }

    public string Name { get; }

    public int DataType { get; }

    public int DateType { get; }

    public int SystemFieldType { get; }

    public bool IsComputed { get; }

    public bool IsRequired { get; }

    public bool IsPrimary { get; }

    public bool IsSystem { get; }

    public bool IsDeleted { get; }

    public string? LinkedListId { get; }

    public IReadOnlyList<VerifyOption> Options { get; }

    public string Key => Id.ToString(System.Globalization.CultureInfo.InvariantCulture);

    public WorkiomDataType Type => (WorkiomDataType)DataType;

    public string TypeName => Enum.IsDefined(Type) ? DataType + " " + Type : DataType + " (unknown)";

    public string Label => Name + " (" + Key + ")";

    /// <summary>Not writable: computed, Rollup, Count, AutoNumber and system fields.</summary>
    public bool IsReadOnly =>
        IsComputed || IsSystem || Type is WorkiomDataType.Rollup or WorkiomDataType.Count or WorkiomDataType.AutoNumber;

    public static IReadOnlyList<VerifyField> All(JsonElement list)
    {
        var fields = new List<VerifyField>();
        if (list.TryGetProperty("fields", out var array) && array.ValueKind == JsonValueKind.Array)
        {
            foreach (var field in array.EnumerateArray())
            {
                if (field.ValueKind == JsonValueKind.Object)
                {
                    var parsed = new VerifyField(field);
                    if (parsed.Id > 0 && !parsed.IsDeleted)
                    {
                        fields.Add(parsed);
                    }
                }
            }
        }

        return fields.OrderBy(f => f.Id).ToList();
    }

    private static int? Int(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Number && value.TryGetInt32(out int number) ? number : null;

    private static bool Bool(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.True;
}
