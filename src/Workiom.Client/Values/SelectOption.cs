using System.Text.Json;

namespace Workiom;

/// <summary>
/// One option of a StaticSelect, Status or MultiStaticSelect field. The generator emits a sealed
/// subclass per field with a static member per option known to the snapshot; an option added in
/// Workiom after the snapshot was taken still reads into an instance of that subclass, so it
/// round-trips unchanged. Two options are equal when their ids are equal.
/// </summary>
/// <remarks>
/// An option read from Workiom is written back as it was read (every key, its spelling and value
/// kind, unknown keys included), whatever <see cref="Serialization.WorkiomWriteShapes"/> says; an
/// option the user picks (a static member) is written in the write shape. A read option is
/// therefore equal to the static member of its id but not always the same instance.
/// </remarks>
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

    // An option read in another environment with no match there keeps that environment's id, which may
    // happen to be the id of another option here: it never equals an option of this environment.
    public bool Equals(SelectOption? other) =>
        other is not null && other.GetType() == GetType() && string.Equals(Id, other.Id, StringComparison.Ordinal)
        && IsUnmatchedInEnvironment == other.IsUnmatchedInEnvironment;

    public override bool Equals(object? obj) => Equals(obj as SelectOption);

    public override int GetHashCode() => StringComparer.Ordinal.GetHashCode(Id);

    public override string ToString() => Label;

    /// <summary>The JSON this option was read from, when it was not one of the forms <see cref="ReadKeys"/> describes.</summary>
    internal JsonElement? ReadJson { get; private set; }

    /// <summary>
    /// For an option read as an object of the snapshot's own values under the canonical key names:
    /// which keys it had (<see cref="OptionKeys"/>), so that it is written back with exactly those,
    /// without keeping its JSON. Zero for an option not read that way.
    /// </summary>
    internal int ReadKeys { get; private set; }

    /// <summary>Whether this option was read from Workiom (and so is written back as read).</summary>
    internal bool IsRead => ReadJson is not null || ReadKeys != 0;

    /// <summary>
    /// Whether this option was read in another environment and matches no option of the primary list: its
    /// <see cref="Id"/> is that environment's, not a primary id.
    /// </summary>
    internal bool IsUnmatchedInEnvironment { get; private set; }

    internal void MarkUnmatchedInEnvironment() => IsUnmatchedInEnvironment = true;

    internal void KeepRead(JsonElement? json, int keys)
    {
        ReadJson = json;
        ReadKeys = keys;
    }

    public static bool operator ==(SelectOption? left, SelectOption? right) =>
        left is null ? right is null : left.Equals(right);

    public static bool operator !=(SelectOption? left, SelectOption? right) => !(left == right);
}

/// <summary>The keys of an option object read in its canonical form (bits of <see cref="SelectOption.ReadKeys"/>).</summary>
internal static class OptionKeys
{
    public const int Id = 1;
    public const int Label = 2;
    public const int Order = 4;
    public const int Color = 8;
    public const int IsClosed = 16;

    /// <summary>The id was a JSON number (its text is the option's id).</summary>
    public const int IdIsNumber = 32;

    public const int Count = 64;
}

/// <summary>Implemented by the generated option type of each select field.</summary>
public interface ISelectOption<TSelf> where TSelf : SelectOption, ISelectOption<TSelf>
{
    /// <summary>The options the snapshot knew, in Workiom's order.</summary>
    static abstract IReadOnlyList<TSelf> Known { get; }

    /// <summary>Creates an option that the snapshot did not know (added in Workiom later).</summary>
    static abstract TSelf Create(string id, string label, int? order, string? color, bool? isClosed);
}

/// <summary>
/// The base of every generated option type: the lookups of the options the snapshot knew
/// (<see cref="FromId"/>, <see cref="FromLabel"/>), so the generated type holds only its options.
/// </summary>
/// <typeparam name="TSelf">The generated option type.</typeparam>
public abstract class SelectOption<TSelf> : SelectOption
    where TSelf : SelectOption<TSelf>, ISelectOption<TSelf>
{
    /// <summary>An option.</summary>
    /// <param name="id">The option id.</param>
    /// <param name="label">The label, byte for byte.</param>
    /// <param name="order">The position among the options.</param>
    /// <param name="color">The colour.</param>
    /// <param name="isClosed">Whether a status option closes the item.</param>
    protected SelectOption(string id, string label, int? order, string? color, bool? isClosed)
        : base(id, label, order, color, isClosed)
    {
    }

    /// <summary>The known option with this id, or null.</summary>
    /// <param name="id">The option id.</param>
    /// <returns>The option, or null.</returns>
    public static TSelf? FromId(string id) => SelectOptions.FindById<TSelf>(id);

    /// <summary>The known option with exactly this label, or null.</summary>
    /// <param name="label">The label, compared ordinally.</param>
    /// <returns>The option, or null.</returns>
    public static TSelf? FromLabel(string label) => SelectOptions.FindByLabel<TSelf>(label);
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
