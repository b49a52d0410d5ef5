using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Threading;
using Workiom.Generators.Diagnostics;
using Workiom.Generators.Model;

namespace Workiom.Generators.Environments;

/// <summary>
/// Matches one environment's snapshots to the primary snapshots: explicit entries of the environment's
/// mapping file first, then lists by name, fields by name and data type, options by label and views by
/// name. Only unique matches count: a name found twice, on either side, is no match (a deleted field
/// gives way to a live one of the same name). Never throws on bad input; the same inputs always give
/// the same result, in the order of the primary lists given.
/// </summary>
/// <remarks>Used by the generator (id tables, diagnostics) and by the <c>workiom</c> tool (<c>schema map</c>, <c>schema diff --env</c>).</remarks>
internal static class EnvironmentMatcher
{
    /// <summary>
    /// Matches <paramref name="environmentLists"/> (one environment's snapshots, read with
    /// <see cref="SnapshotOutline.Read"/>) to <paramref name="primaryLists"/>, using <paramref name="map"/>
    /// (read with <see cref="EnvironmentMap.Read"/>) when the environment has one.
    /// </summary>
    /// <param name="environment">The environment's name (reported as <see cref="EnvironmentNames.Normalize"/> spells it).</param>
    /// <param name="primaryLists">The primary snapshots; a repeated list id after the first is ignored.</param>
    /// <param name="environmentLists">The environment's snapshots; a repeated list id after the first is skipped and reported (WKM0020).</param>
    /// <param name="map">The environment's mapping file, or null.</param>
    /// <param name="cancellationToken">Cancels the match.</param>
    public static EnvironmentMatch Match(
        string environment,
        IReadOnlyList<SnapshotOutline> primaryLists,
        IReadOnlyList<SnapshotOutline> environmentLists,
        EnvironmentMap? map,
        CancellationToken cancellationToken = default)
    {
        var matcher = new Matcher(EnvironmentNames.Normalize(environment), map, cancellationToken);
        return matcher.Run(primaryLists, environmentLists);
    }

    private sealed class Matcher
    {
        private readonly string _environment;
        private readonly EnvironmentMap? _map;
        private readonly CancellationToken _cancellationToken;
        private readonly List<DiagnosticInfo> _diagnostics = new();

        public Matcher(string environment, EnvironmentMap? map, CancellationToken cancellationToken)
        {
            _environment = environment;
            _map = map;
            _cancellationToken = cancellationToken;
        }

        public EnvironmentMatch Run(IReadOnlyList<SnapshotOutline> primaryLists, IReadOnlyList<SnapshotOutline> environmentLists)
        {
            var primaries = new List<SnapshotOutline>();
            var primaryIds = new HashSet<string>(System.StringComparer.Ordinal);
            foreach (var list in primaryLists)
            {
                if (primaryIds.Add(list.ListId))
                {
                    primaries.Add(list);
                }
            }

            var candidates = new List<SnapshotOutline>();
            var byId = new Dictionary<string, SnapshotOutline>(System.StringComparer.Ordinal);
            foreach (var list in environmentLists)
            {
                if (byId.TryGetValue(list.ListId, out var first))
                {
                    Report(DiagnosticDescriptors.DuplicateEnvironmentSnapshot, list.Path, list.NameSpan, list.ListName, list.ListId, first.Path, _environment);
                    continue;
                }

                byId.Add(list.ListId, list);
                candidates.Add(list);
            }

            if (_map is not null)
            {
                foreach (var entry in _map.Lists)
                {
                    if (!primaryIds.Contains(entry.PrimaryListId))
                    {
                        Report(DiagnosticDescriptors.UnknownEnvironmentMapEntry, _map.Path, entry.Span, _environment,
                            "list '" + entry.PrimaryListId + "'", "no primary snapshot has");
                    }
                }
            }

            // Explicit list ids first, so a list matched by the map is no candidate for another list's name.
            var chosen = new Dictionary<string, (SnapshotOutline? List, MatchKind Kind, string? Reason)>(System.StringComparer.Ordinal);
            var claimed = new HashSet<string>(System.StringComparer.Ordinal);
            foreach (var primary in primaries)
            {
                if (_map?.ForList(primary.ListId)?.ListId is not { } entry)
                {
                    continue;
                }

                if (entry.EnvironmentId is null)
                {
                    chosen[primary.ListId] = (null, MatchKind.MappedToNull, null);
                }
                else if (byId.TryGetValue(entry.EnvironmentId, out var target) && !claimed.Contains(target.ListId))
                {
                    chosen[primary.ListId] = (target, MatchKind.ByMap, null);
                    claimed.Add(target.ListId);
                }
                else
                {
                    Report(DiagnosticDescriptors.UnknownEnvironmentMapEntry, _map.Path, entry.Span, _environment,
                        "the list id '" + entry.EnvironmentId + "' for list '" + primary.ListName + "'",
                        byId.ContainsKey(entry.EnvironmentId) ? "another list of the map already takes" : "no snapshot of the environment has");
                }
            }

            foreach (var primary in primaries)
            {
                if (chosen.ContainsKey(primary.ListId))
                {
                    continue;
                }

                var theirs = candidates.Where(c => !claimed.Contains(c.ListId) && c.ListName == primary.ListName).ToList();
                int ours = primaries.Count(p => !chosen.ContainsKey(p.ListId) && p.ListName == primary.ListName);
                if (theirs.Count == 1 && ours == 1)
                {
                    chosen[primary.ListId] = (theirs[0], MatchKind.ByName, null);
                }
                else if (theirs.Count == 0)
                {
                    chosen[primary.ListId] = (null, MatchKind.NoCandidate, "no list of that environment is named '" + primary.ListName + "'");
                }
                else
                {
                    chosen[primary.ListId] = (null, MatchKind.Ambiguous, ours > 1
                        ? "more than one primary list is named '" + primary.ListName + "'"
                        : theirs.Count.ToString(CultureInfo.InvariantCulture) + " lists of that environment are named '" + primary.ListName + "'");
                }
            }

            foreach (var pair in chosen)
            {
                if (pair.Value.List is { } list && pair.Value.Kind == MatchKind.ByName)
                {
                    claimed.Add(list.ListId);
                }
            }

            var results = new List<ListMatch>(primaries.Count);
            foreach (var primary in primaries)
            {
                _cancellationToken.ThrowIfCancellationRequested();
                var (list, kind, reason) = chosen[primary.ListId];
                var entry = _map?.ForList(primary.ListId);
                if (list is null)
                {
                    ReportUnmatched(kind, primary.Path, primary.NameSpan, "List '" + primary.ListName + "' (" + primary.ListId + ")", reason);
                    results.Add(new ListMatch(primary, null, kind, reason, EquatableArray<FieldMatch>.Empty, EquatableArray<OptionMatch>.Empty,
                        EquatableArray<ViewMatch>.Empty, EquatableArray<OutlineField>.Empty, EquatableArray<EnvironmentOption>.Empty, EquatableArray<OutlineView>.Empty));
                    continue;
                }

                results.Add(MatchMembers(primary, list, kind, entry));
            }

            var unmatchedLists = candidates.Where(c => !claimed.Contains(c.ListId)).ToList();
            foreach (var list in unmatchedLists)
            {
                Report(DiagnosticDescriptors.EnvironmentListWithoutPrimary, list.Path, list.NameSpan, list.ListName, list.ListId, _environment);
            }

            return new EnvironmentMatch(_environment, results.ToEquatableArray(), unmatchedLists.ToEquatableArray(), _diagnostics.ToEquatableArray());
        }

        private ListMatch MatchMembers(SnapshotOutline primary, SnapshotOutline list, MatchKind kind, ListOverride? entry)
        {
            string where = " of list '" + primary.ListName + "'";
            var fields = MatchAll(
                primary.Fields, list.Fields, entry?.Fields ?? EquatableArray<IdOverride>.Empty,
                f => f.Id.ToString(CultureInfo.InvariantCulture),
                (a, b) => a.Name == b.Name && a.DataType == b.DataType,
                f => !f.IsDeleted,
                f => "field '" + f.Name + "' (" + f.Id.ToString(CultureInfo.InvariantCulture) + ")" + where,
                "field",
                f => DescribeMissingField(f, list),
                primary.Path,
                f => f.NameSpan,
                list);

            var options = new List<OptionMatch>();
            var unmatchedOptions = new List<EnvironmentOption>();
            var fieldsById = primary.Fields.ToDictionary(f => f.Id);
            if (entry is not null)
            {
                foreach (var option in entry.Options)
                {
                    if (!fieldsById.TryGetValue(option.FieldId, out var field) || !field.Options.Any(o => o.Id == option.PrimaryOptionId))
                    {
                        Report(DiagnosticDescriptors.UnknownEnvironmentMapEntry, _map!.Path, option.Span, _environment,
                            "option '" + option.PrimaryOptionId + "' of field " + option.FieldId.ToString(CultureInfo.InvariantCulture) + where,
                            "the primary snapshot does not have");
                    }
                }
            }

            foreach (var (field, match) in fields.Matches)
            {
                if (match.Environment is not { } theirs || field.Options.Count == 0 && theirs.Options.Count == 0)
                {
                    continue;
                }

                var overrides = entry is null
                    ? EquatableArray<IdOverride>.Empty
                    : entry.Options.Where(o => o.FieldId == field.Id).Select(o => new IdOverride(o.PrimaryOptionId, o.EnvironmentOptionId, o.Span)).ToEquatableArray();
                string ofField = " of field '" + field.Name + "'" + where;
                var matched = MatchAll(
                    field.Options, theirs.Options, overrides,
                    o => o.Id,
                    (a, b) => a.Label == b.Label,
                    _ => true,
                    o => "option '" + o.Label + "' (" + o.Id + ")" + ofField,
                    "option",
                    o => "field '" + theirs.Name + "' there has no option labelled '" + o.Label + "'",
                    primary.Path,
                    o => o.LabelSpan,
                    list);
                foreach (var (option, optionMatch) in matched.Matches)
                {
                    options.Add(new OptionMatch(field.Id, option, optionMatch.Environment, optionMatch.Kind, optionMatch.Reason));
                }

                unmatchedOptions.AddRange(matched.Unclaimed.Select(o => new EnvironmentOption(field.Id, o)));
            }

            var views = MatchAll(
                primary.Views, list.Views, entry?.Views ?? EquatableArray<IdOverride>.Empty,
                v => v.Id.ToString(CultureInfo.InvariantCulture),
                (a, b) => a.Name == b.Name,
                _ => true,
                v => "view '" + v.Name + "' (" + v.Id.ToString(CultureInfo.InvariantCulture) + ")" + where,
                "view",
                v => "no view of list '" + list.ListName + "' there is named '" + v.Name + "'",
                primary.Path,
                v => v.NameSpan,
                list);

            return new ListMatch(
                primary,
                list,
                kind,
                null,
                fields.Matches.Select(m => new FieldMatch(m.Primary, m.Match.Environment, m.Match.Kind, m.Match.Reason)).ToEquatableArray(),
                options.ToEquatableArray(),
                views.Matches.Select(m => new ViewMatch(m.Primary, m.Match.Environment, m.Match.Kind, m.Match.Reason)).ToEquatableArray(),
                fields.Unclaimed.ToEquatableArray(),
                unmatchedOptions.ToEquatableArray(),
                views.Unclaimed.ToEquatableArray());
        }

        private static string DescribeMissingField(OutlineField field, SnapshotOutline list)
        {
            var sameName = list.Fields.FirstOrDefault(f => f.Name == field.Name);
            return sameName is null
                ? "list '" + list.ListName + "' there has no field named '" + field.Name + "'"
                : "field '" + field.Name + "' there has data type " + sameName.DataType.ToString(CultureInfo.InvariantCulture)
                    + ", not " + field.DataType.ToString(CultureInfo.InvariantCulture);
        }

        /// <summary>
        /// Matches one kind of member: the map's entries first (an entry naming an id that either side does
        /// not have is reported and ignored), then by <paramref name="sameName"/>, unique on both sides.
        /// </summary>
        private MemberMatches<T> MatchAll<T>(
            EquatableArray<T> ours,
            EquatableArray<T> theirs,
            EquatableArray<IdOverride> overrides,
            System.Func<T, string> idOf,
            System.Func<T, T, bool> sameName,
            System.Func<T, bool> isLive,
            System.Func<T, string> describe,
            string kindName,
            System.Func<T, string> whyMissing,
            string primaryPath,
            System.Func<T, SnapshotSpan> spanOf,
            SnapshotOutline list)
            where T : class, System.IEquatable<T>
        {
            var result = new Dictionary<T, (T? Environment, MatchKind Kind, string? Reason)>();
            var claimed = new HashSet<T>();
            var primaryIds = new HashSet<string>(ours.Select(idOf), System.StringComparer.Ordinal);
            foreach (var entry in overrides)
            {
                string mapPath = _map!.Path;
                var own = ours.FirstOrDefault(o => idOf(o) == entry.PrimaryId);
                if (own is null)
                {
                    if (kindName != "option")
                    {
                        Report(DiagnosticDescriptors.UnknownEnvironmentMapEntry, mapPath, entry.Span, _environment,
                            kindName + " " + entry.PrimaryId + " of list '" + list.ListName + "'", "the primary snapshot does not have");
                    }

                    continue;
                }

                if (entry.EnvironmentId is null)
                {
                    result[own] = (null, MatchKind.MappedToNull, null);
                    continue;
                }

                var target = theirs.FirstOrDefault(t => idOf(t) == entry.EnvironmentId);
                if (target is null || claimed.Contains(target))
                {
                    Report(DiagnosticDescriptors.UnknownEnvironmentMapEntry, mapPath, entry.Span, _environment,
                        "the " + kindName + " id '" + entry.EnvironmentId + "' for " + describe(own),
                        target is null ? "the environment's list '" + list.ListName + "' does not have" : "another entry of the map already takes");
                    continue;
                }

                result[own] = (target, MatchKind.ByMap, null);
                claimed.Add(target);
            }

            var open = ours.Where(o => !result.ContainsKey(o)).ToList();
            var pending = new List<(T Own, T Target)>();
            foreach (var own in open)
            {
                _cancellationToken.ThrowIfCancellationRequested();
                var theirCandidates = Unique(theirs.Where(t => !claimed.Contains(t) && sameName(own, t)).ToList(), isLive);
                var ourCandidates = Unique(open.Where(o => sameName(o, own)).ToList(), isLive);
                if (theirCandidates.Count == 0)
                {
                    result[own] = (null, MatchKind.NoCandidate, whyMissing(own));
                }
                else if (theirCandidates.Count > 1)
                {
                    result[own] = (null, MatchKind.Ambiguous, theirCandidates.Count.ToString(CultureInfo.InvariantCulture) + " " + kindName + "s there match it by name");
                }
                else if (ourCandidates.Count != 1 || !ReferenceEquals(ourCandidates[0], own) && !ourCandidates[0].Equals(own))
                {
                    result[own] = (null, MatchKind.Ambiguous, "another " + kindName + " of the primary snapshot matches the same name");
                }
                else
                {
                    pending.Add((own, theirCandidates[0]));
                }
            }

            foreach (var (own, target) in pending)
            {
                result[own] = (target, MatchKind.ByName, null);
                claimed.Add(target);
            }

            var matches = new List<(T Primary, (T? Environment, MatchKind Kind, string? Reason) Match)>(ours.Count);
            foreach (var own in ours)
            {
                var match = result[own];
                matches.Add((own, match));
                if (match.Environment is null)
                {
                    ReportUnmatched(match.Kind, primaryPath, spanOf(own), Capitalize(describe(own)), match.Reason);
                }
            }

            return new MemberMatches<T>(matches, theirs.Where(t => !claimed.Contains(t)).ToList());
        }

        private static List<T> Unique<T>(List<T> candidates, System.Func<T, bool> isLive)
        {
            if (candidates.Count <= 1)
            {
                return candidates;
            }

            var live = candidates.Where(isLive).ToList();
            return live.Count == 1 ? live : candidates;
        }

        private void ReportUnmatched(MatchKind kind, string path, SnapshotSpan span, string what, string? reason)
        {
            if (kind == MatchKind.MappedToNull)
            {
                Report(DiagnosticDescriptors.EnvironmentMemberMappedToNull, path, span, what, _environment);
            }
            else
            {
                Report(DiagnosticDescriptors.EnvironmentMemberUnmatched, path, span, what, _environment, reason ?? "no candidate");
            }
        }

        private void Report(Microsoft.CodeAnalysis.DiagnosticDescriptor descriptor, string path, SnapshotSpan? span, params string[] args) =>
            _diagnostics.Add(DiagnosticInfo.At(descriptor.Id, path, span, args));

        private static string Capitalize(string text) => text.Length == 0 ? text : char.ToUpperInvariant(text[0]) + text.Substring(1);
    }

    private sealed class MemberMatches<T>
        where T : class
    {
        public MemberMatches(List<(T Primary, (T? Environment, MatchKind Kind, string? Reason) Match)> matches, List<T> unclaimed)
        {
            Matches = matches;
            Unclaimed = unclaimed;
        }

        public List<(T Primary, (T? Environment, MatchKind Kind, string? Reason) Match)> Matches { get; }

        public List<T> Unclaimed { get; }
    }
}
