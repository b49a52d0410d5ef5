using System.Globalization;
using Workiom.Generators.Environments;

namespace Workiom.Cli.Environments;

/// <summary>
/// <c>workiom schema diff --env a --env b</c>: compares two environments' snapshot folders offline, through the
/// generator's matcher. When one side is <c>default</c> (the primary snapshots) the other side's mapping file is
/// used, so members renamed and mapped there are matched; between two other environments (whose mapping files
/// speak primary ids) lists, fields, options and views are matched by name alone.
/// </summary>
/// <remarks>
/// Severities, from the point of view of code built from the primary snapshots: a member of the primary side with
/// no match on the other, or a field whose data type differs, is <see cref="DriftSeverity.Breaking"/>; a member only
/// the other side has, or a rename matched by the map, is <see cref="DriftSeverity.Safe"/>. Between two environments
/// that are not the primary, a member missing on either side is breaking (code may use it on the other side).
/// </remarks>
internal static class EnvironmentDiffCommand
{
    public static IReadOnlyList<DriftChange> Compare(string root, string first, string second, string workingDirectory, Action<string> note, CancellationToken cancellationToken)
    {
        string a = CliEnvironments.IsDefault(first) ? CliEnvironments.Default : CliEnvironments.Check(first);
        string b = CliEnvironments.IsDefault(second) ? CliEnvironments.Default : CliEnvironments.Check(second);
        if (a == b)
        {
            throw new CliException("Name two different environments: --env " + a + " --env <another>.");
        }

        // The primary side, if there is one, is the side the matcher calls primary.
        bool swapped = b == CliEnvironments.Default;
        string left = swapped ? b : a;
        string right = swapped ? a : b;
        bool leftIsPrimary = left == CliEnvironments.Default;
        var ours = EnvironmentSnapshots.Read(left, CliEnvironments.Folder(root, left), cancellationToken);
        var theirs = EnvironmentSnapshots.Read(right, CliEnvironments.Folder(root, right), cancellationToken);
        foreach (var side in new[] { ours, theirs })
        {
            if (side.Lists.Count == 0)
            {
                throw new CliException("No snapshots of environment '" + side.Name + "' in " + Path.GetRelativePath(workingDirectory, side.Folder) + ".");
            }
        }

        var match = EnvironmentMatcher.Match(right, ours.Lists, theirs.Lists, leftIsPrimary ? theirs.Map : null, cancellationToken);
        foreach (var diagnostic in ours.Diagnostics.Concat(theirs.Diagnostics).Concat(match.Diagnostics).Where(d => d.Id is not ("WKM0014" or "WKM0015" or "WKM0016")))
        {
            note(EnvironmentSnapshots.Format(diagnostic, workingDirectory));
        }

        var extraSeverity = leftIsPrimary ? DriftSeverity.Safe : DriftSeverity.Breaking;
        var changes = new List<DriftChange>();
        string Rel(string path) => Path.GetRelativePath(workingDirectory, path).Replace('\\', '/');
        string Id(int id) => id.ToString(CultureInfo.InvariantCulture);
        foreach (var list in match.Lists)
        {
            var p = list.Primary;
            string snapshot = Rel(p.Path);
            if (list.Environment is not { } other)
            {
                changes.Add(new DriftChange(p.ListId, p.ListName, snapshot, "listUnmatched", DriftSeverity.Breaking, null, null, null,
                    $"List '{p.ListName}' ({p.ListId}) of '{left}' has no match in '{right}': {Why(list.Kind, list.Reason)}."));
                continue;
            }

            if (list.Kind == MatchKind.ByMap && other.ListName != p.ListName)
            {
                changes.Add(new DriftChange(p.ListId, p.ListName, snapshot, "listRenamed", DriftSeverity.Safe, null, null, null,
                    $"List '{p.ListName}' ({p.ListId}) of '{left}' is '{other.ListName}' ({other.ListId}) in '{right}', matched by the mapping file."));
            }

            var typeChanged = new HashSet<int>();
            foreach (var field in list.Fields)
            {
                var f = field.Primary;
                if (field.Environment is { } g)
                {
                    if (g.DataType != f.DataType)
                    {
                        changes.Add(new DriftChange(p.ListId, p.ListName, snapshot, "fieldTypeDiffers", DriftSeverity.Breaking, f.Id, f.Name, null,
                            $"Field '{f.Name}' ({Id(f.Id)}) is {EnvironmentSnapshots.DataType(f.DataType)} in '{left}' but its match '{g.Name}' ({Id(g.Id)}) is {EnvironmentSnapshots.DataType(g.DataType)} in '{right}'."));
                    }
                    else if (g.Name != f.Name)
                    {
                        changes.Add(new DriftChange(p.ListId, p.ListName, snapshot, "fieldRenamed", DriftSeverity.Safe, f.Id, f.Name, null,
                            $"Field '{f.Name}' ({Id(f.Id)}) of '{left}' is '{g.Name}' ({Id(g.Id)}) in '{right}', matched by the mapping file."));
                    }

                    continue;
                }

                var sameName = list.UnmatchedEnvironmentFields.Where(u => u.Name == f.Name).ToList();
                if (field.Kind != MatchKind.MappedToNull && sameName.Count == 1 && sameName[0].DataType != f.DataType)
                {
                    typeChanged.Add(sameName[0].Id);
                    changes.Add(new DriftChange(p.ListId, p.ListName, snapshot, "fieldTypeDiffers", DriftSeverity.Breaking, f.Id, f.Name, null,
                        $"Field '{f.Name}' ({Id(f.Id)}) is {EnvironmentSnapshots.DataType(f.DataType)} in '{left}' but {EnvironmentSnapshots.DataType(sameName[0].DataType)} in '{right}' ({Id(sameName[0].Id)})."));
                    continue;
                }

                changes.Add(new DriftChange(p.ListId, p.ListName, snapshot, "fieldUnmatched", DriftSeverity.Breaking, f.Id, f.Name, null,
                    $"Field '{f.Name}' ({Id(f.Id)}) of '{left}' has no match in '{right}': {Why(field.Kind, field.Reason)}."));
            }

            foreach (var extra in list.UnmatchedEnvironmentFields.Where(u => !typeChanged.Contains(u.Id)))
            {
                changes.Add(new DriftChange(p.ListId, p.ListName, snapshot, "fieldOnlyIn", extraSeverity, null, extra.Name, null,
                    $"Field '{extra.Name}' ({Id(extra.Id)}, {EnvironmentSnapshots.DataType(extra.DataType)}) of '{right}' has no match in '{left}'."));
            }

            foreach (var option in list.Options)
            {
                string fieldName = p.Fields.FirstOrDefault(f => f.Id == option.FieldId)?.Name ?? Id(option.FieldId);
                var o = option.Primary;
                if (option.Environment is { } q)
                {
                    if (q.Label != o.Label)
                    {
                        changes.Add(new DriftChange(p.ListId, p.ListName, snapshot, "optionRenamed", DriftSeverity.Safe, option.FieldId, fieldName, o.Id,
                            $"Option '{o.Label}' ({o.Id}) of field '{fieldName}' in '{left}' is '{q.Label}' ({q.Id}) in '{right}', matched by the mapping file."));
                    }

                    continue;
                }

                changes.Add(new DriftChange(p.ListId, p.ListName, snapshot, "optionUnmatched", DriftSeverity.Breaking, option.FieldId, fieldName, o.Id,
                    $"Option '{o.Label}' ({o.Id}) of field '{fieldName}' in '{left}' has no match in '{right}': {Why(option.Kind, option.Reason)}."));
            }

            foreach (var extra in list.UnmatchedEnvironmentOptions)
            {
                string fieldName = p.Fields.FirstOrDefault(f => f.Id == extra.PrimaryFieldId)?.Name ?? Id(extra.PrimaryFieldId);
                changes.Add(new DriftChange(p.ListId, p.ListName, snapshot, "optionOnlyIn", extraSeverity, extra.PrimaryFieldId, fieldName, null,
                    $"Option '{extra.Option.Label}' ({extra.Option.Id}) of field '{fieldName}' in '{right}' has no match in '{left}'."));
            }

            foreach (var view in list.Views)
            {
                var v = view.Primary;
                if (view.Environment is { } w)
                {
                    if (w.Name != v.Name)
                    {
                        changes.Add(new DriftChange(p.ListId, p.ListName, snapshot, "viewRenamed", DriftSeverity.Safe, null, null, null,
                            $"View '{v.Name}' ({Id(v.Id)}) of '{left}' is '{w.Name}' ({Id(w.Id)}) in '{right}', matched by the mapping file.", v.Id));
                    }

                    continue;
                }

                changes.Add(new DriftChange(p.ListId, p.ListName, snapshot, "viewUnmatched", DriftSeverity.Breaking, null, null, null,
                    $"View '{v.Name}' ({Id(v.Id)}) of '{left}' has no match in '{right}': {Why(view.Kind, view.Reason)}.", v.Id));
            }

            foreach (var extra in list.UnmatchedEnvironmentViews)
            {
                changes.Add(new DriftChange(p.ListId, p.ListName, snapshot, "viewOnlyIn", extraSeverity, null, null, null,
                    $"View '{extra.Name}' ({Id(extra.Id)}) of '{right}' has no match in '{left}'."));
            }
        }

        foreach (var extra in match.UnmatchedEnvironmentLists)
        {
            changes.Add(new DriftChange(extra.ListId, extra.ListName, Rel(extra.Path), "listOnlyIn", extraSeverity, null, null, null,
                $"List '{extra.ListName}' ({extra.ListId}) of '{right}' has no match in '{left}'."));
        }

        return changes;
    }

    private static string Why(MatchKind kind, string? reason) =>
        kind == MatchKind.MappedToNull ? "the mapping file says so" : reason ?? "no candidate";
}
