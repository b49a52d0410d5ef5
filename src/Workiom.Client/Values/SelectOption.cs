namespace Workiom;

/// <summary>
/// One option of a StaticSelect, Status or MultiStaticSelect field. The generator emits a sealed
/// subclass per field with a static member per option known to the snapshot; an option added in
/// Workiom after the snapshot was taken still reads into an instance of that subclass, so it
/// round-trips unchanged. Two options are equal when their ids are equal.
/// </summary>
public abstract class SelectOption : IEquatable<SelectOption>
{
    protected SelectOption(string id, string label, int? order, string? color, bool? isClosed)
    {
        ArgumentNullException.ThrowIfNull(id);
        ArgumentNullException.ThrowIfNull(label);
        Id = id;
        Label = label;
        Order = order;
        Color = color;
        IsClosed = isClosed;
    }

    /// <summary>The option id (a GUID-like string, not always RFC 4122).</summary>
    public string Id { get; }

    /// <summary>The label, byte for byte as Workiom stores it.</summary>
    public string Label { get; }

    public int? Order { get; }

    public string? Color { get; }

    /// <summary>For Status fields: whether this option closes the item.</summary>
    public bool? IsClosed { get; }

    public bool Equals(SelectOption? other) =>
        other is not null && other.GetType() == GetType() && string.Equals(Id, other.Id, StringComparison.Ordinal);

    public override bool Equals(object? obj) => Equals(obj as SelectOption);

    public override int GetHashCode() => StringComparer.Ordinal.GetHashCode(Id);

    public override string ToString() => Label;

    public static bool operator ==(SelectOption? left, SelectOption? right) =>
        left is null ? right is null : left.Equals(right);

    public static bool operator !=(SelectOption? left, SelectOption? right) => !(left == right);
}

/// <summary>Implemented by the generated option type of each select field.</summary>
public interface ISelectOption<TSelf> where TSelf : SelectOption, ISelectOption<TSelf>
{
    /// <summary>The options the snapshot knew, in Workiom's order.</summary>
    static abstract IReadOnlyList<TSelf> Known { get; }

    /// <summary>Creates an option that the snapshot did not know (added in Workiom later).</summary>
    static abstract TSelf Create(string id, string label, int? order, string? color, bool? isClosed);
}

/// <summary>Lookups shared by every generated option type.</summary>
public static class SelectOptions
{
    /// <summary>The known option with this id, or null.</summary>
    public static TOption? FindById<TOption>(string id) where TOption : SelectOption, ISelectOption<TOption>
    {
        foreach (var option in TOption.Known)
        {
            if (string.Equals(option.Id, id, StringComparison.Ordinal))
            {
                return option;
            }
        }

        return null;
    }

    /// <summary>The known option with exactly this label (ordinal comparison), or null.</summary>
    public static TOption? FindByLabel<TOption>(string label) where TOption : SelectOption, ISelectOption<TOption>
    {
        foreach (var option in TOption.Known)
        {
            if (string.Equals(option.Label, label, StringComparison.Ordinal))
            {
                return option;
            }
        }

        return null;
    }

    /// <summary>
    /// The option as read from Workiom: the known instance when id and label match the snapshot,
    /// otherwise a new instance carrying what the server sent (an option added or relabelled later),
    /// so a later write sends the label byte for byte as the server has it.
    /// </summary>
    public static TOption Resolve<TOption>(string? id, string? label, int? order, string? color, bool? isClosed)
        where TOption : SelectOption, ISelectOption<TOption>
    {
        TOption? known = id is not null ? FindById<TOption>(id) : label is not null ? FindByLabel<TOption>(label) : null;
        if (known is not null && (label is null || string.Equals(known.Label, label, StringComparison.Ordinal)))
        {
            return known;
        }

        return TOption.Create(
            id ?? known?.Id ?? string.Empty,
            label ?? known?.Label ?? string.Empty,
            order ?? known?.Order,
            color ?? known?.Color,
            isClosed ?? known?.IsClosed);
    }
}
