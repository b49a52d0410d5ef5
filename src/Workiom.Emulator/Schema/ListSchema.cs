using System.Text.Json.Nodes;

namespace Workiom.Emulator.Schema;

/// <summary>A list as described by its <c>Lists/Get</c> snapshot, plus the snapshot itself for replies.</summary>
internal sealed class ListSchema
{
    private readonly Dictionary<long, FieldSchema> _fieldsById;

    public ListSchema(string id, string appId, string name, IReadOnlyList<FieldSchema> fields, JsonObject snapshot)
    {
        Id = id;
        AppId = appId;
        Name = name;
        Fields = fields;
        Snapshot = snapshot;
        _fieldsById = new Dictionary<long, FieldSchema>();
        foreach (var field in fields)
        {
            _fieldsById[field.Id] = field;
        }

        Primary = fields.FirstOrDefault(f => f.IsPrimary) ?? fields.FirstOrDefault(f => f.DataType == DataTypes.Text);
    }

    public string Id { get; }
    public string AppId { get; }
    public string Name { get; }

    /// <summary>Live (not deleted) fields, in snapshot order.</summary>
    public IReadOnlyList<FieldSchema> Fields { get; }

    public FieldSchema? Primary { get; }

    /// <summary>The saved views of the snapshot (<c>views</c>), by view id.</summary>
    public IReadOnlyDictionary<long, JsonObject> Views { get; init; } = new Dictionary<long, JsonObject>();

    /// <summary>The list object of the snapshot (envelope removed), served back by Lists/Get.</summary>
    public JsonObject Snapshot { get; }

    public FieldSchema? FindField(long id) => _fieldsById.GetValueOrDefault(id);

    public FieldSchema? FindField(string key) =>
        long.TryParse(key, System.Globalization.NumberStyles.Integer, System.Globalization.CultureInfo.InvariantCulture, out var id)
            ? FindField(id)
            : null;
}

/// <summary>An app, inferred from the snapshots' appId and named by an optional apps.json.</summary>
internal sealed record AppInfo(string Id, string Name, string? Description, string? Icon);
