using System.Collections.Generic;
using System.Collections.Immutable;
using System.Globalization;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;
using Microsoft.CodeAnalysis.Text;
using Workiom.Generators.Diagnostics;
using Workiom.Generators.Parsing;
using Workiom.Staleness;

namespace Workiom.Generators.Analyzers;

/// <summary>
/// Warns when the snapshots in the build may no longer tell the truth about the lists in Workiom:
/// at a snapshot that is too old (WKM2001), edited by hand (WKM2002), written by an older tool
/// (WKM2003), pulled without system fields, views or filters (WKM2007) or links to a list with no
/// snapshot (WKM2005); and, when a drift report from
/// <c>workiom schema check --report</c> is in the build, at every use in C# of a field that was
/// removed or retyped on the server, of an option that was removed, or of a saved view that was removed (WKM2006).
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class StaleSchemaAnalyzer : DiagnosticAnalyzer
{
    public const int DefaultMaxAgeDays = 30;

    // Matched by metadata name: the analyzer ships without a reference to the runtime library.
    private const string RecordBaseMetadataName = "Workiom.WorkiomRecord";
    private const string OptionBaseMetadataName = "Workiom.SelectOption";
    private const string ViewMetadataName = "Workiom.Queries.WorkiomView`1";

    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(
        DiagnosticDescriptors.SnapshotTooOld,
        DiagnosticDescriptors.SnapshotHashMismatch,
        DiagnosticDescriptors.SnapshotFromOlderVersion,
        DiagnosticDescriptors.LinkTargetMissing,
        DiagnosticDescriptors.LiveDrift,
        DiagnosticDescriptors.SnapshotWithoutSystemFields);

    public override void Initialize(AnalysisContext context)
    {
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.EnableConcurrentExecution();
        context.RegisterCompilationStartAction(static start =>
        {
            var options = start.Options;
            var snapshots = new List<(AdditionalText File, SnapshotFacts Facts)>();
            var report = new DriftReport();
            foreach (var file in options.AdditionalFiles)
            {
                var fileOptions = options.AnalyzerConfigOptionsProvider.GetOptions(file);
                if (IsMarked(fileOptions, "WorkiomSchema") && !Environments.EnvironmentMap.IsMapFile(file.Path))
                {
                    if (SnapshotFacts.Read(file.GetText(start.CancellationToken)?.ToString() ?? string.Empty, start.CancellationToken) is { } facts)
                    {
                        snapshots.Add((file, facts));
                    }
                }
                else if (IsMarked(fileOptions, "WorkiomDriftReport"))
                {
                    Merge(report, DriftReport.Read(file.GetText(start.CancellationToken)?.ToString() ?? string.Empty));
                }
            }

            if (snapshots.Count > 0)
            {
                int maxAgeDays = ReadMaxAgeDays(options.AnalyzerConfigOptionsProvider.GlobalOptions);
                var listIds = new HashSet<string>(snapshots.Select(s => s.Facts.ListId), System.StringComparer.Ordinal);
                start.RegisterAdditionalFileAction(fileContext =>
                {
                    foreach (var (file, facts) in snapshots)
                    {
                        if (ReferenceEquals(file, fileContext.AdditionalFile) || file.Path == fileContext.AdditionalFile.Path)
                        {
                            AnalyzeSnapshot(fileContext, facts, listIds, maxAgeDays);
                        }
                    }
                });
            }

            var recordBase = start.Compilation.GetTypeByMetadataName(RecordBaseMetadataName);
            if (recordBase is null || report.IsEmpty)
            {
                return;
            }

            var optionBase = start.Compilation.GetTypeByMetadataName(OptionBaseMetadataName);
            var viewType = start.Compilation.GetTypeByMetadataName(ViewMetadataName);
            start.RegisterOperationAction(
                operationContext => AnalyzeUse(operationContext, report, recordBase, optionBase, viewType),
                OperationKind.PropertyReference,
                OperationKind.FieldReference);
        });
    }

    internal static bool IsMarked(AnalyzerConfigOptions options, string metadata) =>
        options.TryGetValue("build_metadata.AdditionalFiles." + metadata, out string? value)
        && string.Equals(value, "true", System.StringComparison.OrdinalIgnoreCase);

    private static int ReadMaxAgeDays(AnalyzerConfigOptions options) =>
        options.TryGetValue("build_property.WorkiomSchemaMaxAgeDays", out string? text)
        && int.TryParse(text?.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out int days)
            ? days
            : DefaultMaxAgeDays;

    private static void Merge(DriftReport into, DriftReport from)
    {
        foreach (var pair in from.FieldChanges)
        {
            if (into.FieldChanges.TryGetValue(pair.Key, out var existing))
            {
                existing.AddRange(pair.Value);
            }
            else
            {
                into.FieldChanges.Add(pair.Key, pair.Value);
            }
        }

        foreach (var pair in from.OptionChanges)
        {
            into.OptionChanges[pair.Key] = pair.Value;
        }

        foreach (var pair in from.ViewChanges)
        {
            into.ViewChanges[pair.Key] = pair.Value;
        }
    }

    private static void AnalyzeSnapshot(AdditionalFileAnalysisContext context, SnapshotFacts facts, HashSet<string> listIds, int maxAgeDays)
    {
        var text = context.AdditionalFile.GetText(context.CancellationToken);
        if (text is null)
        {
            return;
        }

        foreach (var link in facts.Links)
        {
            if (!listIds.Contains(link.TargetListId))
            {
                Report(context, text, DiagnosticDescriptors.LinkTargetMissing, link.TargetSpan,
                    link.FieldName, link.FieldId.ToString(CultureInfo.InvariantCulture), link.TargetListId);
            }
        }

        if (facts.Header is not { } header)
        {
            // A snapshot saved by hand (not by 'workiom schema pull') carries no time, hash or version to check.
            return;
        }

        if (maxAgeDays > 0 && header.Get("pulledAt") is JsonString pulledAt
            && System.DateTimeOffset.TryParse(pulledAt.Value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var pulled))
        {
            int age = (int)System.Math.Floor((System.DateTimeOffset.UtcNow - pulled).TotalDays);
            if (age > maxAgeDays)
            {
                Report(context, text, DiagnosticDescriptors.SnapshotTooOld, pulledAt,
                    facts.ListName, age.ToString(CultureInfo.InvariantCulture), maxAgeDays.ToString(CultureInfo.InvariantCulture));
            }
        }

        if (header.Get("hash") is JsonString hash)
        {
            string source = text.ToString(TextSpan.FromBounds(facts.List.Start, facts.List.End));
            string actual = SnapshotHash.Compute(source);
            if (!string.Equals(actual, hash.Value, System.StringComparison.OrdinalIgnoreCase))
            {
                Report(context, text, DiagnosticDescriptors.SnapshotHashMismatch, hash, facts.ListName, hash.Value);
            }
        }

        if (MissingFromRequest(header) is { } missing)
        {
            Report(context, text, DiagnosticDescriptors.SnapshotWithoutSystemFields, header.Get("request") ?? header,
                facts.ListName, missing, facts.ListId);
        }

        string? older = null;
        JsonNode? at = null;
        if (header.Get("format") is JsonNumber format && int.TryParse(format.Text, NumberStyles.None, CultureInfo.InvariantCulture, out int formatNumber)
            && formatNumber < SnapshotVersions.Format)
        {
            older = "in snapshot format " + formatNumber.ToString(CultureInfo.InvariantCulture);
            at = format;
        }
        else if (header.Get("tool") is JsonString tool && ToolVersion(tool.Value) is { } version
            && version < System.Version.Parse(SnapshotVersions.ToolVersion))
        {
            older = "by " + tool.Value;
            at = tool;
        }

        if (older is not null)
        {
            Report(context, text, DiagnosticDescriptors.SnapshotFromOlderVersion, at,
                facts.ListName, older, SnapshotVersions.Tool + " (format " + SnapshotVersions.Format.ToString(CultureInfo.InvariantCulture) + ")");
        }
    }

    /// <summary>
    /// What the pull recorded in <c>$snapshot.request</c> did not ask <c>Lists/Get</c> for, or null when it
    /// asked for everything. A header without that record is from a pull that asked for none of it.
    /// </summary>
    private static string? MissingFromRequest(JsonObject header)
    {
        var request = header.Get("request") as JsonObject;
        var missing = new List<string>();
        if (request?.Get("includeSystemFields") is not JsonBoolean { Value: true })
        {
            missing.Add("includeSystemFields=true");
        }

        var expand = new HashSet<string>(
            request?.Get("expand") is JsonArray values ? values.Items.OfType<JsonString>().Select(v => v.Value) : Enumerable.Empty<string>(),
            System.StringComparer.OrdinalIgnoreCase);
        foreach (string wanted in SnapshotVersions.PullExpand)
        {
            if (!expand.Contains(wanted))
            {
                missing.Add("expand=" + wanted);
            }
        }

        return missing.Count == 0 ? null : string.Join(", ", missing);
    }

    private static System.Version? ToolVersion(string tool)
    {
        int slash = tool.LastIndexOf('/');
        string text = slash < 0 ? tool : tool.Substring(slash + 1);
        int suffix = text.IndexOfAny(new[] { '-', '+' });
        if (suffix >= 0)
        {
            text = text.Substring(0, suffix);
        }

        return System.Version.TryParse(text, out var version) ? version : null;
    }

    private static void Report(AdditionalFileAnalysisContext context, SourceText text, DiagnosticDescriptor descriptor, JsonNode? node, params string[] args) =>
        Report(context, text, descriptor, node is null ? new TextSpan(0, 0) : TextSpan.FromBounds(node.Start, node.End), args);

    private static void Report(AdditionalFileAnalysisContext context, SourceText text, DiagnosticDescriptor descriptor, TextSpan span, params string[] args)
    {
        var location = Location.Create(context.AdditionalFile.Path, span, text.Lines.GetLinePositionSpan(span));
        context.ReportDiagnostic(Diagnostic.Create(descriptor, location, args));
    }

    /// <summary>The property or field an operation reads or writes, for the use-site warnings.</summary>
    internal static ISymbol? ReferencedMember(IOperation operation) => operation switch
    {
        IPropertyReferenceOperation property => property.Property,
        IFieldReferenceOperation field => field.Field,
        _ => null,
    };

    private static void AnalyzeUse(OperationAnalysisContext context, DriftReport report, INamedTypeSymbol recordBase, INamedTypeSymbol? optionBase, INamedTypeSymbol? viewType)
    {
        var member = StaleSchemaAnalyzer.ReferencedMember(context.Operation);
        if (member?.ContainingType is not { } owner)
        {
            return;
        }

        string? what = null;
        string? change = null;
        if (FieldIdOf(member, owner, recordBase, optionBase, context.CancellationToken) is var (fieldId, optionId, record))
        {
            if (optionId is not null)
            {
                if (report.OptionChanges.TryGetValue((fieldId, optionId), out var optionChange))
                {
                    what = "Option " + record.Name + "." + owner.Name + "." + member.Name + " (" + optionId + ")";
                    change = optionChange;
                }
            }
            else if (report.FieldChanges.TryGetValue(fieldId, out var changes))
            {
                what = "Field " + record.Name + "." + member.Name + " (" + fieldId.ToString(CultureInfo.InvariantCulture) + ")";
                change = string.Join("; ", changes);
            }
        }

        else if (report.ViewChanges.Count > 0 && ViewOf(member, owner, recordBase, viewType, context.CancellationToken) is var (listId, viewId, viewRecord)
            && report.ViewChanges.TryGetValue((listId, viewId), out var viewChange))
        {
            what = "View " + viewRecord.Name + "." + owner.Name + "." + member.Name + " (" + viewId.ToString(CultureInfo.InvariantCulture) + ")";
            change = viewChange;
        }

        if (what is null)
        {
            return;
        }

        var syntax = context.Operation.Syntax;
        var location = syntax is MemberAccessExpressionSyntax access ? access.Name.GetLocation() : syntax.GetLocation();
        context.ReportDiagnostic(Diagnostic.Create(DiagnosticDescriptors.LiveDrift, location, what, change));
    }

    /// <summary>
    /// The Workiom field a member of a generated record stands for: a property of the record or of its
    /// <c>QueryFields</c>, or a constant of its <c>Fields</c>; or, for an option member, its field and option id.
    /// </summary>
    internal static (int FieldId, string? OptionId, INamedTypeSymbol Record)? FieldIdOf(
        ISymbol member, INamedTypeSymbol owner, INamedTypeSymbol recordBase, INamedTypeSymbol? optionBase, CancellationToken cancellationToken)
    {
        if (IsRecord(owner, recordBase))
        {
            return member.IsStatic ? null : FieldConstant(owner, member.Name) is int id ? (id, null, owner) : null;
        }

        if (owner.ContainingType is not { } record || !IsRecord(record, recordBase))
        {
            return null;
        }

        if (owner.Name == "Fields" && member is IFieldSymbol { IsConst: true, ConstantValue: int constant })
        {
            return (constant, null, record);
        }

        if (owner.Name == "QueryFields" && member is IPropertySymbol)
        {
            return FieldConstant(record, member.Name) is int id ? (id, null, record) : null;
        }

        if (optionBase is not null && member is IPropertySymbol { IsStatic: true } option
            && (SymbolEqualityComparer.Default.Equals(owner.BaseType, optionBase) || SymbolEqualityComparer.Default.Equals(owner.BaseType?.BaseType, optionBase))
            && OptionIdOf(option, cancellationToken) is { } optionId)
        {
            // The option type belongs to the record property whose type is (or holds) it.
            foreach (var property in record.GetMembers().OfType<IPropertySymbol>())
            {
                if (Holds(property.Type, owner) && FieldConstant(record, property.Name) is int id)
                {
                    return (id, optionId, record);
                }
            }
        }

        return null;
    }

    /// <summary>
    /// The saved view a static <c>WorkiomView</c> member of a generated record's views class stands for: the
    /// record's list id (its <c>WorkiomListId</c>) and the view id (the first argument of the member's initializer).
    /// </summary>
    internal static (string ListId, int ViewId, INamedTypeSymbol Record)? ViewOf(
        ISymbol member, INamedTypeSymbol owner, INamedTypeSymbol recordBase, INamedTypeSymbol? viewType, CancellationToken cancellationToken)
    {
        if (viewType is null || member is not IPropertySymbol { IsStatic: true } view
            || !SymbolEqualityComparer.Default.Equals(view.Type.OriginalDefinition, viewType)
            || owner.ContainingType is not { } record || !IsRecord(record, recordBase)
            || OptionIdOf(view, cancellationToken) is not { } idText
            || !int.TryParse(idText, NumberStyles.None, CultureInfo.InvariantCulture, out int viewId)
            || ListIdOf(record, cancellationToken) is not { } listId)
        {
            return null;
        }

        return (listId, viewId, record);
    }

    /// <summary>The list id a generated record returns from <c>WorkiomListId</c> (an expression-bodied string literal).</summary>
    internal static string? ListIdOf(INamedTypeSymbol record, CancellationToken cancellationToken)
    {
        foreach (var member in record.GetMembers("WorkiomListId"))
        {
            foreach (var reference in member.DeclaringSyntaxReferences)
            {
                if (reference.GetSyntax(cancellationToken) is PropertyDeclarationSyntax { ExpressionBody.Expression: LiteralExpressionSyntax literal })
                {
                    return literal.Token.ValueText;
                }
            }
        }

        return null;
    }

    private static bool Holds(ITypeSymbol type, INamedTypeSymbol optionType) =>
        SymbolEqualityComparer.Default.Equals(type.OriginalDefinition, optionType)
        || (type is INamedTypeSymbol { IsGenericType: true } generic && generic.TypeArguments.Any(a => SymbolEqualityComparer.Default.Equals(a, optionType)));

    /// <summary>The option id (or view id) is the first argument of the generated member's initializer.</summary>
    private static string? OptionIdOf(IPropertySymbol option, CancellationToken cancellationToken)
    {
        foreach (var reference in option.DeclaringSyntaxReferences)
        {
            if (reference.GetSyntax(cancellationToken) is PropertyDeclarationSyntax { Initializer.Value: BaseObjectCreationExpressionSyntax { ArgumentList.Arguments: { Count: > 0 } arguments } }
                && arguments[0].Expression is LiteralExpressionSyntax literal)
            {
                return literal.Token.ValueText;
            }
        }

        return null;
    }

    private static int? FieldConstant(INamedTypeSymbol record, string name)
    {
        foreach (var fields in record.GetTypeMembers("Fields"))
        {
            foreach (var candidate in fields.GetMembers(name))
            {
                if (candidate is IFieldSymbol { IsConst: true, ConstantValue: int id })
                {
                    return id;
                }
            }
        }

        return null;
    }

    private static bool IsRecord(INamedTypeSymbol type, INamedTypeSymbol recordBase)
    {
        for (var current = type.BaseType; current is not null; current = current.BaseType)
        {
            if (SymbolEqualityComparer.Default.Equals(current, recordBase))
            {
                return true;
            }
        }

        return false;
    }
}
