using System.Text.Json;

namespace Workiom;

/// <summary>
/// One item of a CheckList field (<c>{label, check}</c>). An item read from Workiom keeps the JSON
/// it was read from: written back unchanged it is sent as read (every key, unknown ones included);
/// edited (<c>item with { Checked = true }</c>) it is sent as read with only the changed keys
/// replaced. Two items are equal when their label and check are.
/// </summary>
public sealed record CheckListItem(string Label, bool Checked = false) : IKeepsReadJson
{
    private ReadForm _read;
    private CheckListItem? _readAs;

    /// <summary>The JSON this item was read from; null for an item the user made.</summary>
    internal JsonElement? ReadJson => _read.Json;

    /// <summary>Whether this item keeps the JSON it was read from.</summary>
    internal bool HasReadJson => _read.Exists;

    /// <summary>Writes the JSON this item was read from, as read.</summary>
    internal void WriteAsRead(Utf8JsonWriter writer) => _read.WriteTo(writer);

    /// <summary>The item as it was read, which a copy made with <c>with</c> still knows.</summary>
    internal CheckListItem? ReadAs => _readAs;

    bool IKeepsReadJson.IsRead => _readAs is not null;

    void IKeepsReadJson.KeepRead(ReadForm read)
    {
        _read = read;
        _readAs = this;
    }

    public bool Equals(CheckListItem? other) =>
        other is not null && string.Equals(Label, other.Label, StringComparison.Ordinal) && Checked == other.Checked;

    public override int GetHashCode() => HashCode.Combine(StringComparer.Ordinal.GetHashCode(Label), Checked);
}
