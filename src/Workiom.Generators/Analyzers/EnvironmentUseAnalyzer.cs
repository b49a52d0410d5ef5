using System.Collections.Generic;
using System.Collections.Immutable;
using System.Globalization;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;
using Workiom.Generators.Diagnostics;
using Workiom.Generators.Environments;

namespace Workiom.Generators.Analyzers;

/// <summary>
/// When the build lists other environments' snapshots, warns (WKM2008) at every use in C# of a field,
/// option or saved view that has no match in one of them, as WKM2006 does for drift: with that environment
/// the use fails at run time. Matches as the generator does (<see cref="EnvironmentMatcher"/>); members of a
/// list with no match at all are left to the generator's WKM0014 at the list.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class EnvironmentUseAnalyzer : DiagnosticAnalyzer
{
    private const string EnvironmentMetadata = "build_metadata.AdditionalFiles.WorkiomEnvironment";

    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(DiagnosticDescriptors.EnvironmentMemberUsed);

    public override void Initialize(AnalysisContext context)
    {
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.EnableConcurrentExecution();
        context.RegisterCompilationStartAction(static start =>
        {
            var recordBase = start.Compilation.GetTypeByMetadataName("Workiom.WorkiomRecord");
            if (recordBase is null)
            {
                return;
            }

            var gaps = ReadGaps(start.Options, start.CancellationToken);
            if (gaps is null)
            {
                return;
            }

            var optionBase = start.Compilation.GetTypeByMetadataName("Workiom.SelectOption");
            var viewType = start.Compilation.GetTypeByMetadataName("Workiom.Queries.WorkiomView`1");
            start.RegisterOperationAction(
                operationContext => AnalyzeUse(operationContext, gaps, recordBase, optionBase, viewType),
                OperationKind.PropertyReference,
                OperationKind.FieldReference);
        });
    }

    /// <summary>The members with no match, per environment; null when the build has no environment or nothing is missing.</summary>
    private static Gaps? ReadGaps(AnalyzerOptions options, System.Threading.CancellationToken cancellationToken)
    {
        var primary = new List<SnapshotOutline>();
        var environments = new SortedDictionary<string, (List<SnapshotOutline> Lists, EnvironmentMap? Map)>(System.StringComparer.Ordinal);
        foreach (var file in options.AdditionalFiles.OrderBy(f => f.Path, System.StringComparer.Ordinal))
        {
            var fileOptions = options.AnalyzerConfigOptionsProvider.GetOptions(file);
            if (!StaleSchemaAnalyzer.IsMarked(fileOptions, "WorkiomSchema"))
            {
                continue;
            }

            fileOptions.TryGetValue(EnvironmentMetadata, out string? environment);
            bool isPrimary = EnvironmentNames.IsPrimary(environment);
            if (!isPrimary && EnvironmentNames.Problem(environment!.Trim()) is not null)
            {
                continue;
            }

            bool isMap = EnvironmentMap.IsMapFile(file.Path);
            if (isPrimary && isMap)
            {
                continue;
            }

            string text = file.GetText(cancellationToken)?.ToString() ?? string.Empty;
            if (isPrimary)
            {
                if (SnapshotOutline.Read(file.Path, text, cancellationToken).Outline is { } outline)
                {
                    primary.Add(outline);
                }

                continue;
            }

            string name = EnvironmentNames.Normalize(environment!);
            if (!environments.TryGetValue(name, out var entry))
            {
                entry = (new List<SnapshotOutline>(), null);
            }

            if (isMap)
            {
                entry.Map ??= EnvironmentMap.Read(file.Path, text, cancellationToken).Map;
            }
            else if (SnapshotOutline.Read(file.Path, text, cancellationToken).Outline is { } outline)
            {
                entry.Lists.Add(outline);
            }

            environments[name] = entry;
        }

        if (environments.Count == 0 || primary.Count == 0)
        {
            return null;
        }

        var gaps = new Gaps();
        foreach (var pair in environments)
        {
            var match = EnvironmentMatcher.Match(pair.Key, primary, pair.Value.Lists, pair.Value.Map, cancellationToken);
            foreach (var list in match.Lists.Where(l => l.IsMatched))
            {
                foreach (var field in list.Fields.Where(f => !f.IsMatched))
                {
                    Add(gaps.Fields, (list.Primary.ListId, field.Primary.Id), pair.Key);
                }

                foreach (var option in list.Options.Where(o => !o.IsMatched))
                {
                    Add(gaps.Options, (list.Primary.ListId, option.FieldId, option.Primary.Id), pair.Key);
                }

                foreach (var view in list.Views.Where(v => !v.IsMatched))
                {
                    Add(gaps.Views, (list.Primary.ListId, view.Primary.Id), pair.Key);
                }
            }
        }

        return gaps.IsEmpty ? null : gaps;
    }

    private static void Add<TKey>(Dictionary<TKey, List<string>> into, TKey key, string environment)
    {
        if (!into.TryGetValue(key, out var environments))
        {
            into[key] = environments = new List<string>();
        }

        environments.Add(environment);
    }

    private static void AnalyzeUse(OperationAnalysisContext context, Gaps gaps, INamedTypeSymbol recordBase, INamedTypeSymbol? optionBase, INamedTypeSymbol? viewType)
    {
        var member = StaleSchemaAnalyzer.ReferencedMember(context.Operation);
        if (member?.ContainingType is not { } owner)
        {
            return;
        }

        string? what = null;
        List<string>? missing = null;
        if (StaleSchemaAnalyzer.FieldIdOf(member, owner, recordBase, optionBase, context.CancellationToken) is var (fieldId, optionId, record)
            && StaleSchemaAnalyzer.ListIdOf(record, context.CancellationToken) is { } listId)
        {
            if (optionId is not null)
            {
                if (gaps.Options.TryGetValue((listId, fieldId, optionId), out missing))
                {
                    what = "Option " + record.Name + "." + owner.Name + "." + member.Name + " (" + optionId + ")";
                }
            }
            else if (gaps.Fields.TryGetValue((listId, fieldId), out missing))
            {
                what = "Field " + record.Name + "." + member.Name + " (" + fieldId.ToString(CultureInfo.InvariantCulture) + ")";
            }
        }
        else if (gaps.Views.Count > 0 && StaleSchemaAnalyzer.ViewOf(member, owner, recordBase, viewType, context.CancellationToken) is var (viewListId, viewId, viewRecord)
            && gaps.Views.TryGetValue((viewListId, viewId), out missing))
        {
            what = "View " + viewRecord.Name + "." + owner.Name + "." + member.Name + " (" + viewId.ToString(CultureInfo.InvariantCulture) + ")";
        }

        if (what is null || missing is null)
        {
            return;
        }

        var syntax = context.Operation.Syntax;
        var location = syntax is MemberAccessExpressionSyntax access ? access.Name.GetLocation() : syntax.GetLocation();
        foreach (string environment in missing)
        {
            context.ReportDiagnostic(Diagnostic.Create(DiagnosticDescriptors.EnvironmentMemberUsed, location, what, environment));
        }
    }

    private sealed class Gaps
    {
        public Dictionary<(string ListId, int FieldId), List<string>> Fields { get; } = new();

        public Dictionary<(string ListId, int FieldId, string OptionId), List<string>> Options { get; } = new();

        public Dictionary<(string ListId, int ViewId), List<string>> Views { get; } = new();

        public bool IsEmpty => Fields.Count == 0 && Options.Count == 0 && Views.Count == 0;
    }
}
