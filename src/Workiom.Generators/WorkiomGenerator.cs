using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Text;
using Workiom.Generators.Diagnostics;
using Workiom.Generators.Emitting;
using Workiom.Generators.Model;
using Workiom.Generators.Naming;
using Workiom.Generators.Parsing;

namespace Workiom.Generators;

/// <summary>
/// Turns each Workiom <c>Lists/Get</c> snapshot in the build (an <c>AdditionalFiles</c> item marked
/// <c>WorkiomSchema="true"</c>) into a typed record class with its own reader and writer.
/// </summary>
/// <remarks>
/// Each snapshot is read, named, modelled and emitted on its own: an exception the generator did not
/// expect at any of those stages becomes one <c>WKM0012</c> at that snapshot, and every other list
/// still generates (an exception escaping a generator would drop all of its output).
/// </remarks>
[Generator(LanguageNames.CSharp)]
public sealed partial class WorkiomGenerator : IIncrementalGenerator
{
    /// <summary>
    /// Called with the stage and the snapshot path before each stage of each snapshot; what it throws is
    /// handled as any unexpected failure of that stage. Null outside the generator's own tests.
    /// </summary>
    internal System.Action<string, string>? StageProbe { get; init; }

    public void Initialize(IncrementalGeneratorInitializationContext context)
    {
        var probe = StageProbe;
        var defaultNamespace = context.AnalyzerConfigOptionsProvider
            .Select(static (options, _) => ReadDefaultNamespace(options.GlobalOptions));

        var snapshots = context.AdditionalTextsProvider
            .Combine(context.AnalyzerConfigOptionsProvider)
            .Combine(defaultNamespace)
            .Select(static (input, cancellationToken) => ReadSnapshot(input.Left.Left, input.Left.Right, input.Right.Value, cancellationToken))
            .Where(static input => input is not null)
            .Select(static (input, _) => input!)
            .WithTrackingName(StepNames.SnapshotFiles);

        var parsed = snapshots
            .Select((input, cancellationToken) => Parse(input, probe, cancellationToken))
            .WithTrackingName(StepNames.ParsedSnapshots);

        var directory = parsed
            .Where(static result => result.List is not null)
            .Select(static (result, _) => ToReference(result))
            .Collect()
            .Select((references, cancellationToken) => ListNamer.Resolve(references, cancellationToken, probe))
            .WithTrackingName(StepNames.ListDirectory);

        // The models see the settled names only, not where the collision diagnostics point: moving text
        // around in one snapshot re-emits no list.
        var names = directory
            .Select(static (result, _) => result.Lists)
            .WithTrackingName(StepNames.ListNames);

        var models = parsed
            .Where(static result => result.List is not null)
            .Combine(names)
            .Select((input, _) => BuildModel(input.Left.List!, input.Right, probe))
            .WithTrackingName(StepNames.RecordModels);

        InitializeEnvironments(context, snapshots, names);

        var anySnapshot = snapshots
            .Collect()
            .Select(static (inputs, _) => inputs.Length > 0);

        context.RegisterSourceOutput(defaultNamespace.Combine(anySnapshot), static (context, input) =>
        {
            if (input.Right && input.Left is { Rejected: { } rejected, Problem: { } problem })
            {
                Report(context, new DiagnosticInfo(DiagnosticDescriptors.InvalidNameOverride.Id, string.Empty, 0, 0, 0, 0, 0, 0,
                    new[] { rejected, "$(WorkiomNamespace)", problem, input.Left.Value }.ToEquatableArray()));
            }
        });

        context.RegisterSourceOutput(parsed, static (context, result) =>
        {
            foreach (var diagnostic in result.Diagnostics)
            {
                Report(context, diagnostic);
            }
        });

        context.RegisterSourceOutput(directory.Select(static (result, _) => result.Diagnostics), static (context, diagnostics) =>
        {
            foreach (var diagnostic in diagnostics)
            {
                Report(context, diagnostic);
            }
        });

        context.RegisterSourceOutput(models, (context, result) =>
        {
            if (result.Failure is { } failure)
            {
                Report(context, failure);
                return;
            }

            if (result.Model is not { } model)
            {
                return;
            }

            try
            {
                probe?.Invoke(GeneratorFailures.Emitting, model.List.Path);
                string source = RecordEmitter.Emit(model);
                context.AddSource(model.HintName, SourceText.From(source, System.Text.Encoding.UTF8));
            }
            catch (System.Exception exception) when (exception is not System.OperationCanceledException)
            {
                Report(context, GeneratorFailures.Describe(model.List.Path, GeneratorFailures.Emitting, exception));
            }
        });
    }

    private static DefaultNamespace ReadDefaultNamespace(AnalyzerConfigOptions options)
    {
        string fallback = "WorkiomLists";
        if (options.TryGetValue("build_property.RootNamespace", out string? root) && !string.IsNullOrWhiteSpace(root)
            && IdentifierNames.IsValidNamespace(root.Trim() + ".Lists"))
        {
            fallback = root.Trim() + ".Lists";
        }

        if (options.TryGetValue("build_property.WorkiomNamespace", out string? configured) && !string.IsNullOrWhiteSpace(configured))
        {
            string requested = configured.Trim();
            return IdentifierNames.NamespaceProblem(requested) is { } problem
                ? new DefaultNamespace(fallback, requested, problem)
                : new DefaultNamespace(requested, null, null);
        }

        return new DefaultNamespace(fallback, null, null);
    }

    private static SnapshotInput? ReadSnapshot(AdditionalText file, AnalyzerConfigOptionsProvider optionsProvider, string defaultNamespace, System.Threading.CancellationToken cancellationToken)
    {
        var options = optionsProvider.GetOptions(file);
        if (!options.TryGetValue("build_metadata.AdditionalFiles.WorkiomSchema", out string? marker)
            || !string.Equals(marker, "true", System.StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        // An environment's snapshots and mapping files are matched to these, not generated (WorkiomGenerator.Environments.cs).
        if (!IsPrimarySnapshot(options, file.Path))
        {
            return null;
        }

        options.TryGetValue("build_metadata.AdditionalFiles.WorkiomNamespace", out string? @namespace);
        options.TryGetValue("build_metadata.AdditionalFiles.WorkiomTypeName", out string? typeName);
        string text = GeneratorFailures.ReadText(file, cancellationToken, out DiagnosticInfo? failure);

        return new SnapshotInput(
            file.Path,
            text,
            string.IsNullOrWhiteSpace(@namespace) ? null : @namespace,
            string.IsNullOrWhiteSpace(typeName) ? null : typeName,
            defaultNamespace,
            failure);
    }

    private static ParseResult Parse(SnapshotInput input, System.Action<string, string>? probe, System.Threading.CancellationToken cancellationToken)
    {
        if (input.ReadFailure is { } readFailure)
        {
            return new ParseResult(input.Path, null, new[] { readFailure }.ToEquatableArray());
        }

        try
        {
            probe?.Invoke(GeneratorFailures.Parsing, input.Path);
            return SnapshotParser.Parse(input, cancellationToken);
        }
        catch (System.Exception exception) when (exception is not System.OperationCanceledException)
        {
            return new ParseResult(input.Path, null, new[] { GeneratorFailures.Describe(input.Path, GeneratorFailures.Parsing, exception) }.ToEquatableArray());
        }
    }

    private static ListReference ToReference(ParseResult result)
    {
        var list = result.List!;
        var members = new List<string>(list.Fields.Count);
        foreach (var field in list.Fields)
        {
            members.Add(field.PropertyName);
            if (field.OptionTypeName is not null)
            {
                members.Add(field.OptionTypeName);
            }
        }

        if (list.ViewsTypeName is not null)
        {
            members.Add(list.ViewsTypeName);
        }

        return new ListReference(list.Path, list.ListId, list.ListName, list.Namespace, list.TypeName, list.EntryPointName, members.ToEquatableArray(), result.NameSpan);
    }

    private static ModelResult BuildModel(ListSpec list, EquatableArray<ResolvedList> names, System.Action<string, string>? probe)
    {
        try
        {
            probe?.Invoke(GeneratorFailures.Modelling, list.Path);
            ResolvedList? own = null;
            foreach (var entry in names)
            {
                if (entry.Path == list.Path && entry.ListId == list.ListId)
                {
                    own = entry;
                    break;
                }
            }

            if (own is null)
            {
                throw new System.InvalidOperationException("The list " + list.ListId + " is missing from the lists of the build.");
            }

            if (own.HintName is null)
            {
                // Another snapshot of the same list is generated; the directory reported this one.
                return new ModelResult(list.Path, null, null);
            }

            var targets = list.Fields
                .Where(f => f.DataType == DataType.LinkList && f.LinkedListId is not null)
                .Select(f => f.LinkedListId!)
                .Distinct(System.StringComparer.Ordinal)
                .Select(id => names.FirstOrDefault(r => r.ListId == id && r.HintName is not null) is { } target ? new LinkTarget(id, target.FullTypeName) : null)
                .Where(t => t is not null)
                .Select(t => t!)
                .OrderBy(t => t.ListId, System.StringComparer.Ordinal)
                .ToEquatableArray();
            var named = list.TypeName == own.TypeName && list.EntryPointName == own.EntryPointName
                ? list
                : list with { TypeName = own.TypeName, EntryPointName = own.EntryPointName };
            return new ModelResult(list.Path, new RecordModel(named, targets, own.HintName), null);
        }
        catch (System.Exception exception) when (exception is not System.OperationCanceledException)
        {
            return new ModelResult(list.Path, null, GeneratorFailures.Describe(list.Path, GeneratorFailures.Modelling, exception));
        }
    }

    /// <summary>Reports one diagnostic; a diagnostic that cannot be made is reported as a generator failure instead.</summary>
    private static void Report(SourceProductionContext context, DiagnosticInfo info)
    {
        Diagnostic diagnostic;
        try
        {
            diagnostic = ToDiagnostic(info);
        }
        catch (System.Exception exception) when (exception is not System.OperationCanceledException)
        {
            diagnostic = Diagnostic.Create(DiagnosticDescriptors.GeneratorFailure, Location.None,
                GeneratorFailures.Reporting + " '" + info.Path + "'", exception.GetType().FullName, exception.Message);
        }

        context.ReportDiagnostic(diagnostic);
    }

    private static Diagnostic ToDiagnostic(DiagnosticInfo info)
    {
        var location = info.Path.Length == 0
            ? Location.None
            : Location.Create(
                info.Path,
                new TextSpan(info.Start, info.Length),
                new LinePositionSpan(new LinePosition(info.StartLine, info.StartCharacter), new LinePosition(info.EndLine, info.EndCharacter)));
        if (DiagnosticDescriptors.TryGet(info.Id) is { } descriptor)
        {
            return Diagnostic.Create(descriptor, location, info.MessageArgs.Cast<object>().ToArray());
        }

        return Diagnostic.Create(DiagnosticDescriptors.GeneratorFailure, location,
            GeneratorFailures.Reporting, "unknown diagnostic id '" + info.Id + "'", string.Join(", ", info.MessageArgs));
    }
}
