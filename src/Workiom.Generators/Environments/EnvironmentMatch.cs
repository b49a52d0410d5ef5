using Workiom.Generators.Model;

namespace Workiom.Generators.Environments;

/// <summary>How a primary list, field, option or view was matched in an environment, or why it was not.</summary>
internal enum MatchKind
{
    /// <summary>Matched by name (a field by name and data type, an option by label): exactly one candidate on each side.</summary>
    ByName,

    /// <summary>Matched by an explicit entry of the environment's mapping file.</summary>
    ByMap,

    /// <summary>Not matched: the mapping file says so (<c>null</c>).</summary>
    MappedToNull,

    /// <summary>Not matched: the environment has no candidate.</summary>
    NoCandidate,

    /// <summary>Not matched: the name matches more than once, on either side, so no candidate is taken.</summary>
    Ambiguous,
}

/// <summary>
/// The result of matching one environment's snapshots to the primary ones: a <see cref="ListMatch"/> for every
/// primary list (matched or not), the environment's lists no primary list matched, and the located diagnostics
/// (at the primary snapshot's member for a missing match, at the mapping file's entry for a bad entry).
/// </summary>
internal sealed record EnvironmentMatch(
    string Environment,
    EquatableArray<ListMatch> Lists,
    EquatableArray<SnapshotOutline> UnmatchedEnvironmentLists,
    EquatableArray<DiagnosticInfo> Diagnostics);

/// <summary>
/// One primary list in one environment. When <see cref="Environment"/> is null the list has no match there
/// (<see cref="Kind"/> and <see cref="Reason"/> say why) and its members are not matched. The unmatched
/// environment members are the candidates left for a user to map by hand.
/// </summary>
internal sealed record ListMatch(
    SnapshotOutline Primary,
    SnapshotOutline? Environment,
    MatchKind Kind,
    string? Reason,
    EquatableArray<FieldMatch> Fields,
    EquatableArray<OptionMatch> Options,
    EquatableArray<ViewMatch> Views,
    EquatableArray<OutlineField> UnmatchedEnvironmentFields,
    EquatableArray<EnvironmentOption> UnmatchedEnvironmentOptions,
    EquatableArray<OutlineView> UnmatchedEnvironmentViews)
{
    public bool IsMatched => Environment is not null;
}

/// <summary>A primary field and its match (null: none; <see cref="Kind"/> and <see cref="Reason"/> say why).</summary>
internal sealed record FieldMatch(OutlineField Primary, OutlineField? Environment, MatchKind Kind, string? Reason)
{
    public bool IsMatched => Environment is not null;
}

/// <summary>A primary option of the field <paramref name="FieldId"/> and its match, for matched fields only.</summary>
internal sealed record OptionMatch(int FieldId, OutlineOption Primary, OutlineOption? Environment, MatchKind Kind, string? Reason)
{
    public bool IsMatched => Environment is not null;
}

/// <summary>A primary saved view and its match.</summary>
internal sealed record ViewMatch(OutlineView Primary, OutlineView? Environment, MatchKind Kind, string? Reason)
{
    public bool IsMatched => Environment is not null;
}

/// <summary>An option of an environment's field that no primary option matched, with the primary field it belongs to.</summary>
internal sealed record EnvironmentOption(int PrimaryFieldId, OutlineOption Option);
