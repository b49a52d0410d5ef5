using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Text;
using Workiom.Generators.Diagnostics;
using Workiom.Generators.Emitting;
using Workiom.Generators.Environments;
using Workiom.Generators.Model;

namespace Workiom.Generators;

/// <summary>
/// The build's other environments: snapshots listed as <c>&lt;WorkiomSchema Include="..." Environment="staging" /&gt;</c>
/// are matched to the primary snapshots (types always come from those), and each generated record gets the
/// ids its list has in each environment. A build without environments emits nothing more.
/// </summary>
public sealed partial class WorkiomGenerator
{
    private const string EnvironmentMetadata = "build_metadata.AdditionalFiles.WorkiomEnvironment";

    private static void InitializeEnvironments(
        IncrementalGeneratorInitializationContext context,
        IncrementalValuesProvider<SnapshotInput> snapshots,
        IncrementalValueProvider<EquatableArray<ResolvedList>> names)
    {
        var environmentFiles = context.AdditionalTextsProvider
            .Combine(context.AnalyzerConfigOptionsProvider)
            .Select(static (input, cancellationToken) => ReadEnvironmentFile(input.Left, input.Right, cancellationToken))
            .Where(static input => input is not null)
            .Select(static (input, _) => input!)
            .WithTrackingName(StepNames.EnvironmentFiles);

        var environmentSnapshots = environmentFiles
            .Select(static (input, cancellationToken) => ParseEnvironmentFile(input, cancellationToken))
            .WithTrackingName(StepNames.EnvironmentSnapshots);

        // The primary snapshots' ids and names with where they are, for matching and for webhook names;
        // the parser reports what is wrong with these files, so their outline's diagnostics are dropped.
        var outlines = snapshots
            .Select(static (input, cancellationToken) => input.ReadFailure is null ? SnapshotOutline.Read(input.Path, input.Text, cancellationToken).Outline : null)
            .WithTrackingName(StepNames.SnapshotOutlines);

        context.RegisterSourceOutput(outlines.Select(static (outline, _) => WebhookNameCollisions(outline)), static (context, diagnostics) =>
        {
            foreach (var diagnostic in diagnostics)
            {
                Report(context, diagnostic);
            }
        });

        var build = outlines
            .Collect()
            .Combine(environmentSnapshots.Collect())
            .Combine(names)
            .Select(static (input, cancellationToken) => MatchEnvironments(input.Left.Left, input.Left.Right, input.Right, cancellationToken))
            .WithTrackingName(StepNames.EnvironmentMatches);

        context.RegisterSourceOutput(build.Select(static (result, _) => result.Diagnostics), static (context, diagnostics) =>
        {
            foreach (var diagnostic in diagnostics)
            {
                Report(context, diagnostic);
            }
        });

        var tables = build
            .SelectMany(static (result, _) => result.Tables)
            .WithTrackingName(StepNames.EnvironmentTables);

        context.RegisterSourceOutput(tables, static (context, table) =>
        {
            try
            {
                context.AddSource(table.HintName, SourceText.From(EnvironmentTableEmitter.Emit(table), System.Text.Encoding.UTF8));
            }
            catch (System.Exception exception) when (exception is not System.OperationCanceledException)
            {
                Report(context, GeneratorFailures.Describe(table.SnapshotFileName, GeneratorFailures.Emitting, exception));
            }
        });
    }

    /// <summary>Whether the file is one of the primary snapshots: marked, listed without an environment (or with <c>default</c>), and not a mapping file.</summary>
    private static bool IsPrimarySnapshot(AnalyzerConfigOptions options, string path) =>
        (!options.TryGetValue(EnvironmentMetadata, out string? environment) || EnvironmentNames.IsPrimary(environment))
        && !EnvironmentMap.IsMapFile(path);

    private static EnvironmentFileInput? ReadEnvironmentFile(AdditionalText file, AnalyzerConfigOptionsProvider optionsProvider, System.Threading.CancellationToken cancellationToken)
    {
        var options = optionsProvider.GetOptions(file);
        if (!options.TryGetValue("build_metadata.AdditionalFiles.WorkiomSchema", out string? marker)
            || !string.Equals(marker, "true", System.StringComparison.OrdinalIgnoreCase)
            || IsPrimarySnapshot(options, file.Path))
        {
            return null;
        }

        options.TryGetValue(EnvironmentMetadata, out string? environment);
        string text = GeneratorFailures.ReadText(file, cancellationToken, out DiagnosticInfo? failure);

        return new EnvironmentFileInput(file.Path, EnvironmentNames.IsPrimary(environment) ? null : environment!.Trim(), text, EnvironmentMap.IsMapFile(file.Path), failure);
    }

    private static EnvironmentFile ParseEnvironmentFile(EnvironmentFileInput input, System.Threading.CancellationToken cancellationToken)
    {
        if (input.ReadFailure is { } failure)
        {
            return new EnvironmentFile(input.Path, null, null, null, new[] { failure }.ToEquatableArray());
        }

        if (input.Environment is null)
        {
            return new EnvironmentFile(input.Path, null, null, null, new[]
            {
                DiagnosticInfo.At(DiagnosticDescriptors.MalformedEnvironmentMap.Id, input.Path, null,
                    "a mapping file listed among the primary snapshots is not used; list it with its environment's snapshots (Environment=\"...\")"),
            }.ToEquatableArray());
        }

        if (EnvironmentNames.Problem(input.Environment) is { } problem)
        {
            return new EnvironmentFile(input.Path, null, null, null, new[]
            {
                DiagnosticInfo.At(DiagnosticDescriptors.InvalidEnvironmentName.Id, input.Path, null, input.Environment, problem),
            }.ToEquatableArray());
        }

        string environment = EnvironmentNames.Normalize(input.Environment);
        try
        {
            if (input.IsMap)
            {
                var map = EnvironmentMap.Read(input.Path, input.Text, cancellationToken);
                return new EnvironmentFile(input.Path, environment, null, map.Map, map.Diagnostics);
            }

            var outline = SnapshotOutline.Read(input.Path, input.Text, cancellationToken);
            return new EnvironmentFile(input.Path, environment, outline.Outline, null, outline.Diagnostics);
        }
        catch (System.Exception exception) when (exception is not System.OperationCanceledException)
        {
            return new EnvironmentFile(input.Path, null, null, null, new[] { GeneratorFailures.Describe(input.Path, GeneratorFailures.Parsing, exception) }.ToEquatableArray());
        }
    }

    /// <summary>
    /// Fields whose names are equal once white space is removed and case is ignored: a webhook payload keys
    /// a record by field name, so the reader cannot always tell them apart. Reported at the later field.
    /// </summary>
    private static EquatableArray<DiagnosticInfo> WebhookNameCollisions(SnapshotOutline? outline)
    {
        if (outline is null)
        {
            return EquatableArray<DiagnosticInfo>.Empty;
        }

        var diagnostics = new List<DiagnosticInfo>();
        var seen = new Dictionary<string, OutlineField>(System.StringComparer.OrdinalIgnoreCase);
        foreach (var field in outline.Fields)
        {
            if (field.IsDeleted)
            {
                continue;
            }

            string key = WithoutWhiteSpace(field.Name);
            if (seen.TryGetValue(key, out var first))
            {
                diagnostics.Add(DiagnosticInfo.At(DiagnosticDescriptors.WebhookNameCollision.Id, outline.Path, field.NameSpan,
                    field.Name, Number(field.Id), first.Name, Number(first.Id), outline.ListName));
            }
            else
            {
                seen.Add(key, field);
            }
        }

        return diagnostics.ToEquatableArray();
    }

    private static string WithoutWhiteSpace(string name)
    {
        var builder = new System.Text.StringBuilder(name.Length);
        foreach (char c in name)
        {
            if (!char.IsWhiteSpace(c))
            {
                builder.Append(c);
            }
        }

        return builder.ToString();
    }

    private static string Number(int value) => value.ToString(System.Globalization.CultureInfo.InvariantCulture);

    private static EnvironmentBuild MatchEnvironments(
        System.Collections.Immutable.ImmutableArray<SnapshotOutline?> outlines,
        System.Collections.Immutable.ImmutableArray<EnvironmentFile> files,
        EquatableArray<ResolvedList> names,
        System.Threading.CancellationToken cancellationToken)
    {
        var diagnostics = new List<DiagnosticInfo>();
        foreach (var file in files)
        {
            diagnostics.AddRange(file.Diagnostics);
        }

        var environments = files
            .Where(f => f.Environment is not null)
            .GroupBy(f => f.Environment!, System.StringComparer.Ordinal)
            .OrderBy(g => g.Key, System.StringComparer.Ordinal)
            .ToList();
        if (environments.Count == 0)
        {
            return new EnvironmentBuild(EquatableArray<EnvironmentTableModel>.Empty, diagnostics.ToEquatableArray());
        }

        // Only the generated lists take part: the one snapshot of a list that generates it.
        var generated = new List<(SnapshotOutline Outline, ResolvedList Names)>();
        foreach (var outline in outlines.Where(o => o is not null).OrderBy(o => o!.Path, System.StringComparer.Ordinal))
        {
            var own = names.FirstOrDefault(n => n.Path == outline!.Path && n.ListId == outline.ListId && n.HintName is not null);
            if (own is not null)
            {
                generated.Add((outline!, own));
            }
        }

        var primaries = generated.Select(g => g.Outline).ToList();
        var tables = generated.ToDictionary(g => g.Outline.ListId, _ => new List<EnvironmentTable>(), System.StringComparer.Ordinal);
        var missing = generated.ToDictionary(g => g.Outline.ListId, _ => new List<string>(), System.StringComparer.Ordinal);
        foreach (var environment in environments)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var ordered = environment.OrderBy(f => f.Path, System.StringComparer.Ordinal).ToList();
            EnvironmentMap? map = null;
            foreach (var file in ordered.Where(f => f.Map is not null))
            {
                if (map is not null)
                {
                    diagnostics.Add(DiagnosticInfo.At(DiagnosticDescriptors.MalformedEnvironmentMap.Id, file.Path, null,
                        "environment '" + environment.Key + "' already has the mapping file '" + map.Path + "', which is used instead"));
                    continue;
                }

                map = file.Map;
                if (map!.Environment is { } named && !string.Equals(named, environment.Key, System.StringComparison.OrdinalIgnoreCase))
                {
                    diagnostics.Add(DiagnosticInfo.At(DiagnosticDescriptors.MalformedEnvironmentMap.Id, map.Path, map.EnvironmentSpan,
                        "it says it is environment '" + named + "' but is listed for environment '" + environment.Key + "'; it is used for '" + environment.Key + "'"));
                }
            }

            var lists = ordered.Where(f => f.Outline is not null).Select(f => f.Outline!).ToList();
            var match = EnvironmentMatcher.Match(environment.Key, primaries, lists, map, cancellationToken);
            diagnostics.AddRange(match.Diagnostics);
            foreach (var list in match.Lists)
            {
                if (list.Environment is not { } theirs)
                {
                    missing[list.Primary.ListId].Add(environment.Key);
                    continue;
                }

                tables[list.Primary.ListId].Add(new EnvironmentTable(
                    environment.Key,
                    theirs.ListId,
                    theirs.ListName,
                    theirs.AppId,
                    list.Fields.Where(f => f.IsMatched).Select(f => new FieldIdPair(f.Primary.Id, f.Environment!.Id, f.Environment.Name)).ToEquatableArray(),
                    list.Options.Where(o => o.IsMatched).Select(o => new OptionIdPair(o.FieldId, o.Primary.Id, o.Environment!.Id)).ToEquatableArray(),
                    list.Views.Where(v => v.IsMatched).Select(v => new ViewIdPair(v.Primary.Id, v.Environment!.Id)).ToEquatableArray()));
            }
        }

        var models = generated.Select(g => new EnvironmentTableModel(
            EnvironmentHintName(g.Names.HintName!),
            g.Names.Namespace,
            g.Names.TypeName,
            g.Outline.ListName,
            RecordEmitter.FileName(g.Outline.Path),
            tables[g.Outline.ListId].ToEquatableArray(),
            missing[g.Outline.ListId].ToEquatableArray()));
        return new EnvironmentBuild(models.ToEquatableArray(), diagnostics.ToEquatableArray());
    }

    /// <summary>
    /// The record's hint name with <c>-Environments</c> before <c>.g.cs</c>: no C# name holds a '-', so no
    /// other generated file can have it.
    /// </summary>
    private static string EnvironmentHintName(string recordHintName) =>
        (recordHintName.EndsWith(".g.cs", System.StringComparison.Ordinal) ? recordHintName.Substring(0, recordHintName.Length - 5) : recordHintName)
        + "-Environments.g.cs";
}
