using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Text;
using Workiom.Generators.Diagnostics;
using Workiom.Generators.Emitting;
using Workiom.Generators.Model;
using Workiom.Generators.Parsing;

namespace Workiom.Generators;

/// <summary>
/// Turns each Workiom <c>Lists/Get</c> snapshot in the build (an <c>AdditionalFiles</c> item marked
/// <c>WorkiomSchema="true"</c>) into a typed record class with its own reader and writer.
/// </summary>
[Generator(LanguageNames.CSharp)]
public sealed partial class WorkiomGenerator : IIncrementalGenerator
{
    public void Initialize(IncrementalGeneratorInitializationContext context)
    {
        var defaultNamespace = context.AnalyzerConfigOptionsProvider
            .Select(static (options, _) => ReadDefaultNamespace(options.GlobalOptions));

        var snapshots = context.AdditionalTextsProvider
            .Combine(context.AnalyzerConfigOptionsProvider)
            .Combine(defaultNamespace)
            .Select(static (input, cancellationToken) => ReadSnapshot(input.Left.Left, input.Left.Right, input.Right, cancellationToken))
            .Where(static input => input is not null)
            .Select(static (input, _) => input!)
            .WithTrackingName(StepNames.SnapshotFiles);

        var parsed = snapshots
            .Select(static (input, cancellationToken) => SnapshotParser.Parse(input, cancellationToken))
            .WithTrackingName(StepNames.ParsedSnapshots);

        var directory = parsed
            .Where(static result => result.List is not null)
            .Select(static (result, _) => new ListReference(result.List!.ListId, result.List.FullTypeName, result.Path))
            .Collect()
            .Select(static (references, _) => references.OrderBy(r => r.Path, System.StringComparer.Ordinal).ToEquatableArray())
            .WithTrackingName(StepNames.ListDirectory);

        var models = parsed
            .Where(static result => result.List is not null)
            .Combine(directory)
            .Select(static (input, _) => BuildModel(input.Left.List!, input.Right))
            .WithTrackingName(StepNames.RecordModels);

        context.RegisterSourceOutput(parsed, static (context, result) =>
        {
            foreach (var diagnostic in result.Diagnostics)
            {
                context.ReportDiagnostic(ToDiagnostic(diagnostic));
            }
        });

        context.RegisterSourceOutput(models, static (context, model) =>
        {
            if (model.Duplicate is { } duplicate)
            {
                context.ReportDiagnostic(ToDiagnostic(duplicate));
                return;
            }

            context.AddSource(RecordEmitter.HintName(model.List), SourceText.From(RecordEmitter.Emit(model), System.Text.Encoding.UTF8));
        });
    }

    private static string ReadDefaultNamespace(AnalyzerConfigOptions options)
    {
        if (options.TryGetValue("build_property.WorkiomNamespace", out string? configured) && !string.IsNullOrWhiteSpace(configured))
        {
            return configured.Trim();
        }

        if (options.TryGetValue("build_property.RootNamespace", out string? root) && !string.IsNullOrWhiteSpace(root)
            && Naming.IdentifierNames.IsValidNamespace(root.Trim()))
        {
            return root.Trim() + ".Lists";
        }

        return "WorkiomLists";
    }

    private static SnapshotInput? ReadSnapshot(AdditionalText file, AnalyzerConfigOptionsProvider optionsProvider, string defaultNamespace, System.Threading.CancellationToken cancellationToken)
    {
        var options = optionsProvider.GetOptions(file);
        if (!options.TryGetValue("build_metadata.AdditionalFiles.WorkiomSchema", out string? marker)
            || !string.Equals(marker, "true", System.StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        options.TryGetValue("build_metadata.AdditionalFiles.WorkiomNamespace", out string? @namespace);
        options.TryGetValue("build_metadata.AdditionalFiles.WorkiomTypeName", out string? typeName);
        string text = file.GetText(cancellationToken)?.ToString() ?? string.Empty;
        return new SnapshotInput(
            file.Path,
            text,
            string.IsNullOrWhiteSpace(@namespace) ? null : @namespace,
            string.IsNullOrWhiteSpace(typeName) ? null : typeName,
            defaultNamespace);
    }

    private static RecordModel BuildModel(ListSpec list, EquatableArray<ListReference> directory)
    {
        DiagnosticInfo? duplicate = null;
        foreach (var other in directory)
        {
            if (string.CompareOrdinal(other.Path, list.Path) >= 0)
            {
                break;
            }

            if (other.FullTypeName == list.FullTypeName || other.ListId == list.ListId)
            {
                string why = other.ListId == list.ListId ? " (both are snapshots of list " + list.ListId + ")" : string.Empty;
                duplicate = new DiagnosticInfo(
                    DiagnosticDescriptors.DuplicateType.Id,
                    list.Path,
                    0,
                    0,
                    0,
                    0,
                    0,
                    0,
                    new[] { list.Namespace + "." + list.TypeName, other.Path, why }.ToEquatableArray());
                break;
            }
        }

        var targets = list.Fields
            .Where(f => f.DataType == 5 && f.LinkedListId is not null)
            .Select(f => f.LinkedListId!)
            .Distinct(System.StringComparer.Ordinal)
            .Select(id => directory.FirstOrDefault(r => r.ListId == id) is { } target ? new LinkTarget(id, target.FullTypeName) : null)
            .Where(t => t is not null)
            .Select(t => t!)
            .OrderBy(t => t.ListId, System.StringComparer.Ordinal)
            .ToEquatableArray();
        return new RecordModel(list, targets, duplicate);
    }

    private static Diagnostic ToDiagnostic(DiagnosticInfo info)
    {
        var location = Location.Create(
            info.Path,
            new TextSpan(info.Start, info.Length),
            new LinePositionSpan(new LinePosition(info.StartLine, info.StartCharacter), new LinePosition(info.EndLine, info.EndCharacter)));
        return Diagnostic.Create(DiagnosticDescriptors.ById(info.Id), location, info.MessageArgs.Cast<object>().ToArray());
    }
}
