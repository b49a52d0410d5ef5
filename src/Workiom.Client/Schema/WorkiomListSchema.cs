using System.Globalization;
using System.Text.Json;

namespace Workiom.Schema;

/// <summary>
/// What code relies on in one Workiom list: its fields (with their options) and its views. Generated
/// types carry the one of the snapshot they were made from (<c>Deal.WorkiomSchema</c>);
/// <see cref="FromListsGet"/> reads one from a <c>Lists/Get</c> reply.
/// </summary>
public sealed class WorkiomListSchema
{
    /// <summary>A list schema.</summary>
    /// <param name="listId">The list id.</param>
    /// <param name="listName">The list name.</param>
    /// <param name="fields">The fields, deleted ones included (marked).</param>
    /// <param name="views">The saved views.</param>
    /// <param name="appId">The id of the app the list belongs to (AddSubscription takes it); null when the snapshot has none.</param>
    public WorkiomListSchema(string listId, string listName, IReadOnlyList<WorkiomFieldSchema> fields, IReadOnlyList<WorkiomViewSchema> views, string? appId = null)
    {
        ArgumentNullException.ThrowIfNull(listId);
        ArgumentNullException.ThrowIfNull(listName);
        ArgumentNullException.ThrowIfNull(fields);
        ArgumentNullException.ThrowIfNull(views);
        ListId = listId;
        ListName = listName;
        Fields = fields;
        Views = views;
        AppId = appId;
    }

    /// <summary>The list id.</summary>
    public string ListId { get; }

    /// <summary>The list name.</summary>
    public string ListName { get; }

    /// <summary>The id of the app the list belongs to; null when the snapshot has none.</summary>
    public string? AppId { get; }

    /// <summary>The fields, deleted ones included (<see cref="WorkiomFieldSchema.IsDeleted"/>).</summary>
    public IReadOnlyList<WorkiomFieldSchema> Fields { get; }

    /// <summary>The saved views.</summary>
    public IReadOnlyList<WorkiomViewSchema> Views { get; }

    /// <summary>The field with this id (the query descriptors of a generated type take their name and type from it).</summary>
    internal WorkiomFieldSchema Field(int fieldId)
    {
        var byId = _byId;
        if (byId is null)
        {
            byId = new Dictionary<int, WorkiomFieldSchema>(Fields.Count);
            foreach (var field in Fields)
            {
                byId.TryAdd(field.Id, field);
            }

            _byId = byId;
        }

        return byId.TryGetValue(fieldId, out var found)
            ? found
            : throw new ArgumentException("The list " + ListId + " has no field " + fieldId.ToString(CultureInfo.InvariantCulture) + ".", nameof(fieldId));
    }

    private Dictionary<int, WorkiomFieldSchema>? _byId;

    /// <inheritdoc/>
    public override string ToString() => "WorkiomListSchema { ListId = " + ListId + ", Fields = " + Fields.Count.ToString(CultureInfo.InvariantCulture) +
        ", Views = " + Views.Count.ToString(CultureInfo.InvariantCulture) + " }";

    /// <summary>
    /// Reads a list from a <c>Lists/Get</c> reply (the list object, or the whole reply with its
    /// <c>result</c> envelope) by the generator's rules: a field without a whole-number <c>id</c> and
    /// <c>dataType</c>, or repeating an earlier id, is left out; a view without a whole-number <c>id</c> too.
    /// </summary>
    /// <param name="list">The list object.</param>
    /// <returns>The list's schema.</returns>
    public static WorkiomListSchema FromListsGet(JsonElement list)
    {
        if (list.ValueKind == JsonValueKind.Object && list.TryGetProperty("result", out var result) && result.ValueKind == JsonValueKind.Object)
        {
            list = result;
        }

        if (list.ValueKind != JsonValueKind.Object)
        {
            return new WorkiomListSchema(string.Empty, string.Empty, Array.Empty<WorkiomFieldSchema>(), Array.Empty<WorkiomViewSchema>());
        }

        string listId = list.TryGetProperty("id", out var idNode) && IdText(idNode) is { } id ? id : string.Empty;
        string listName = list.TryGetProperty("name", out var nameNode) && nameNode.ValueKind == JsonValueKind.String && nameNode.GetString() is { Length: > 0 } name ? name : listId;
        string? appId = list.TryGetProperty("appId", out var appIdNode) && IdText(appIdNode) is { Length: > 0 } app ? app : null;
        return new WorkiomListSchema(listId, listName, ReadFields(list), ReadViews(list), appId);
    }

    private static List<WorkiomFieldSchema> ReadFields(JsonElement list)
    {
        var fields = new List<WorkiomFieldSchema>();
        if (!list.TryGetProperty("fields", out var array) || array.ValueKind != JsonValueKind.Array)
        {
            return fields;
        }

        var seen = new HashSet<int>();
        foreach (var item in array.EnumerateArray())
        {
            if (item.ValueKind != JsonValueKind.Object
                || !item.TryGetProperty("id", out var idNode) || !TryInt(idNode, out int id) || id <= 0
                || !item.TryGetProperty("dataType", out var typeNode) || !TryInt(typeNode, out int dataType)
                || !seen.Add(id))
            {
                continue;
            }

            var options = new List<string>();
            var optionIds = new HashSet<string>(StringComparer.Ordinal);
            if (item.TryGetProperty("staticListValues", out var values) && values.ValueKind == JsonValueKind.Array)
            {
                foreach (var option in values.EnumerateArray())
                {
                    if (option.ValueKind == JsonValueKind.Object && option.TryGetProperty("id", out var optionIdNode)
                        && IdText(optionIdNode) is { } optionId && optionIds.Add(optionId))
                    {
                        options.Add(optionId);
                        options.Add(option.TryGetProperty("label", out var label) && label.ValueKind == JsonValueKind.String ? label.GetString()! : optionId);
                    }
                }
            }

            var flags = (Bool(item, "allowMultiple") ? WorkiomFieldFlags.AllowMultiple : 0)
                | (Bool(item, "isRequired") ? WorkiomFieldFlags.Required : 0)
                | (Bool(item, "isComputed") ? WorkiomFieldFlags.Computed : 0)
                | (Bool(item, "isDeleted") ? WorkiomFieldFlags.Deleted : 0);
            string fieldName = item.TryGetProperty("name", out var nameNode) && nameNode.ValueKind == JsonValueKind.String && nameNode.GetString() is { Length: > 0 } name
                ? name
                : "Field " + id.ToString(CultureInfo.InvariantCulture);
            string? linkedListId = item.TryGetProperty("linkedListId", out var linked) ? IdText(linked) : null;
            var systemField = item.TryGetProperty("systemFieldType", out var systemNode) && TryInt(systemNode, out int system) ? (WorkiomSystemField)system : WorkiomSystemField.None;
            fields.Add(new WorkiomFieldSchema(id, fieldName, (WorkiomDataType)dataType, flags, linkedListId, options.ToArray(), systemField));
        }

        return fields;
    }

    private static List<WorkiomViewSchema> ReadViews(JsonElement list)
    {
        var views = new List<WorkiomViewSchema>();
        if (!list.TryGetProperty("views", out var array) || array.ValueKind != JsonValueKind.Array)
        {
            return views;
        }

        var seen = new HashSet<int>();
        foreach (var item in array.EnumerateArray())
        {
            if (item.ValueKind == JsonValueKind.Object && item.TryGetProperty("id", out var idNode) && TryInt(idNode, out int id) && seen.Add(id))
            {
                string name = item.TryGetProperty("name", out var nameNode) && nameNode.ValueKind == JsonValueKind.String ? nameNode.GetString()! : string.Empty;
                views.Add(new WorkiomViewSchema(id, name));
            }
        }

        return views;
    }

    /// <summary>An id written as a string or a number, as its text; anything else is no id.</summary>
    private static string? IdText(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.String => element.GetString(),
        JsonValueKind.Number => element.GetRawText(),
        _ => null,
    };

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

/// <summary>The yes/no properties of a field that code relies on.</summary>
[Flags]
public enum WorkiomFieldFlags
{
    /// <summary>None of them.</summary>
    None = 0,

    /// <summary><c>allowMultiple</c>: the field holds several values.</summary>
    AllowMultiple = 1,

    /// <summary><c>isRequired</c>: creates without it are refused.</summary>
    Required = 2,

    /// <summary><c>isComputed</c>: Workiom computes it; writes are refused.</summary>
    Computed = 4,

    /// <summary><c>isDeleted</c>: the field was deleted in Workiom.</summary>
    Deleted = 8,
}

/// <summary>One field of a <see cref="WorkiomListSchema"/>.</summary>
public sealed class WorkiomFieldSchema
{
    /// <summary>A field schema read from a list (see <see cref="WorkiomListSchema.FromListsGet"/>).</summary>
    /// <param name="id">The field id.</param>
    /// <param name="name">The field name.</param>
    /// <param name="dataType">The data type.</param>
    /// <param name="flags">Multiple, required, computed, deleted.</param>
    /// <param name="linkedListId">The target list of a LinkList field.</param>
    /// <param name="optionIdsAndLabels">The options: id, label, id, label, ...</param>
    /// <param name="systemField">The field's system role (Workiom's <c>systemFieldType</c>).</param>
    internal WorkiomFieldSchema(int id, string name, WorkiomDataType dataType, WorkiomFieldFlags flags, string? linkedListId, string[] optionIdsAndLabels, WorkiomSystemField systemField)
    {
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(optionIdsAndLabels);
        if (optionIdsAndLabels.Length % 2 != 0)
        {
            throw new ArgumentException("Options come as pairs of id and label.", nameof(optionIdsAndLabels));
        }

        Id = id;
        Name = name;
        DataType = dataType;
        Flags = flags;
        LinkedListId = linkedListId;
        SystemField = systemField;
        var options = new WorkiomOptionSchema[optionIdsAndLabels.Length / 2];
        for (int i = 0; i < options.Length; i++)
        {
            options[i] = new WorkiomOptionSchema(optionIdsAndLabels[2 * i], optionIdsAndLabels[(2 * i) + 1]);
        }

        Options = options;
    }

    /// <summary>A field schema; a generated type's options are those of its option type.</summary>
    /// <param name="id">The field id.</param>
    /// <param name="name">The field name.</param>
    /// <param name="dataType">The data type.</param>
    /// <param name="flags">Multiple, required, computed, deleted.</param>
    /// <param name="linkedListId">The target list of a LinkList field.</param>
    /// <param name="options">The options, in Workiom's order (the option type's <c>Known</c>).</param>
    /// <param name="systemField">The field's system role (Workiom's <c>systemFieldType</c>): creator, creation date, ...</param>
    public WorkiomFieldSchema(int id, string name, WorkiomDataType dataType, WorkiomFieldFlags flags = WorkiomFieldFlags.None, string? linkedListId = null,
        IReadOnlyList<SelectOption>? options = null, WorkiomSystemField systemField = WorkiomSystemField.None)
    {
        ArgumentNullException.ThrowIfNull(name);
        Id = id;
        Name = name;
        DataType = dataType;
        Flags = flags;
        LinkedListId = linkedListId;
        SystemField = systemField;
        if (options is null || options.Count == 0)
        {
            Options = Array.Empty<WorkiomOptionSchema>();
            return;
        }

        var schemas = new WorkiomOptionSchema[options.Count];
        for (int i = 0; i < schemas.Length; i++)
        {
            schemas[i] = new WorkiomOptionSchema(options[i].Id, options[i].Label);
        }

        Options = schemas;
    }

    /// <summary>The field id.</summary>
    public int Id { get; }

    /// <summary>The field name.</summary>
    public string Name { get; }

    /// <summary>The data type (a value outside the enum is a type this library does not know).</summary>
    public WorkiomDataType DataType { get; }

    /// <summary>Multiple, required, computed, deleted.</summary>
    public WorkiomFieldFlags Flags { get; }

    /// <summary>Whether the field holds several values.</summary>
    public bool AllowMultiple => (Flags & WorkiomFieldFlags.AllowMultiple) != 0;

    /// <summary>Whether creates without it are refused.</summary>
    public bool IsRequired => (Flags & WorkiomFieldFlags.Required) != 0;

    /// <summary>Whether Workiom computes it.</summary>
    public bool IsComputed => (Flags & WorkiomFieldFlags.Computed) != 0;

    /// <summary>Whether the field was deleted in Workiom.</summary>
    public bool IsDeleted => (Flags & WorkiomFieldFlags.Deleted) != 0;

    /// <summary>The target list of a LinkList field.</summary>
    public string? LinkedListId { get; }

    /// <summary>
    /// The field's system role (Workiom's <c>systemFieldType</c>); <see cref="WorkiomSystemField.None"/> for a
    /// user field. A webhook payload carries a system field's value under <c>_creator</c>, <c>_creationDate</c>, ...
    /// </summary>
    public WorkiomSystemField SystemField { get; }

    /// <summary>The options of a select or status field, in Workiom's order.</summary>
    public IReadOnlyList<WorkiomOptionSchema> Options { get; }
}

/// <summary>One option of a select or status field.</summary>
/// <param name="Id">The option id.</param>
/// <param name="Label">The label.</param>
public sealed record WorkiomOptionSchema(string Id, string Label);

/// <summary>One saved view of a list.</summary>
/// <param name="Id">The view id.</param>
/// <param name="Name">The view name.</param>
public sealed record WorkiomViewSchema(int Id, string Name);

/// <summary>The system role of a field: Workiom's <c>systemFieldType</c> (a value outside the enum is one this library does not know).</summary>
public enum WorkiomSystemField
{
    /// <summary>A user field.</summary>
    None = 0,

    /// <summary>Who created the record (<c>_creator</c> in a webhook payload).</summary>
    Creator = 1,

    /// <summary>When the record was created (<c>_creationDate</c>).</summary>
    CreationDate = 2,

    /// <summary>Who last updated the record (<c>_lastUpdater</c>).</summary>
    LastUpdater = 3,

    /// <summary>When the record was last modified (<c>_lastModifyDate</c>).</summary>
    LastModifyDate = 4,

    /// <summary>When the record last had activity (<c>_lastActivityDate</c>).</summary>
    LastActivityDate = 5,
}
