using System.Collections.Immutable;
using System.Reflection;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Text;
using Xunit;

namespace Workiom.Generators.Tests.Infrastructure;

/// <summary>
/// A snapshot file handed to the generator, with its optional item metadata. An <paramref name="Unreadable"/>
/// file throws when the generator asks for its text.
/// </summary>
public sealed record SnapshotFile(string Path, string Text, string? Namespace = null, string? TypeName = null, bool IsWorkiomSchema = true, bool Unreadable = false, string? Environment = null);

/// <summary>The outcome of one generator run.</summary>
public sealed record GeneratorRun(
    GeneratorDriver Driver,
    CSharpCompilation InputCompilation,
    Compilation OutputCompilation,
    ImmutableArray<Diagnostic> Diagnostics,
    ImmutableDictionary<string, string> Sources,
    ImmutableArray<AdditionalText> Texts)
{
    public AdditionalText Text(string path) => Texts.Single(t => t.Path == path);

    public string Source(string hintNameSuffix) =>
        Sources.Single(pair => pair.Key.EndsWith(hintNameSuffix, StringComparison.Ordinal)).Value;

    /// <summary>
    /// The compiler's diagnostics for the generated code, under nullable, every warning wave, XML doc checks
    /// and warnings-as-errors, up to and including emitting the assembly (where, for example, a name too
    /// long for metadata is reported).
    /// </summary>
    public ImmutableArray<Diagnostic> CompilationDiagnostics() => GeneratorHarness.EmitDiagnostics(OutputCompilation);

    public INamedTypeSymbol Type(string metadataName) =>
        OutputCompilation.GetTypeByMetadataName(metadataName) ?? throw new InvalidOperationException("No type " + metadataName);
}

/// <summary>
/// Runs the generator the way the compiler does, and on every run applies the caching guard:
/// a second run after an unrelated C# edit must find every tracked step cached or unchanged, and
/// no step may hold a Compilation, symbol or syntax node.
/// </summary>
public static class GeneratorHarness
{
    public const string DefaultNamespace = "Contoso.Crm";

    private static readonly string[] TrackedSteps =
    {
        "SnapshotFiles", "ParsedSnapshots", "ListDirectory", "ListNames", "RecordModels",
        "SnapshotOutlines", "EnvironmentFiles", "EnvironmentSnapshots", "EnvironmentMatches", "EnvironmentTables",
    };

    private static readonly Lazy<ImmutableArray<MetadataReference>> References = new(() =>
    {
        var trusted = ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!).Split(Path.PathSeparator);
        return trusted
            .Where(path => Path.GetFileName(path) is var name && (name.StartsWith("System.", StringComparison.Ordinal) || name is "System.dll" or "netstandard.dll" or "mscorlib.dll"))
            .Append(typeof(WorkiomRecord).Assembly.Location)
            .Select(path => (MetadataReference)MetadataReference.CreateFromFile(path))
            .ToImmutableArray();
    });

    /// <summary>
    /// C# 12 with XML doc comments checked (as <c>GenerateDocumentationFile</c> does), so a malformed
    /// comment in generated code is a warning like any other.
    /// </summary>
    public static CSharpParseOptions ParseOptions { get; } = new(LanguageVersion.CSharp12, DocumentationMode.Diagnose);

    public static GeneratorRun Run(params SnapshotFile[] files) => Run(files, Array.Empty<string>());

    public static GeneratorRun Run(IEnumerable<SnapshotFile> files, IEnumerable<string> sources, IDictionary<string, string>? globalOptions = null, bool checkCaching = true, WorkiomGenerator? generator = null)
    {
        var fileList = files.ToList();
        var compilation = CreateCompilation(sources);
        var driver = CreateDriver(fileList, globalOptions, out var texts, generator);
        driver = driver.RunGeneratorsAndUpdateCompilation(compilation, out var output, out var diagnostics);
        var run = new GeneratorRun(driver, compilation, output, diagnostics, Collect(driver), texts);
        Assert.DoesNotContain(diagnostics, d => d.Id == "CS8785");
        if (checkCaching)
        {
            AssertCachedAfterUnrelatedEdit(run);
        }

        return run;
    }

    public static CSharpCompilation CreateCompilation(IEnumerable<string> sources) =>
        CSharpCompilation.Create(
            "Consumer",
            sources.Select(source => CSharpSyntaxTree.ParseText(source, ParseOptions)),
            References.Value,
            new CSharpCompilationOptions(
                OutputKind.DynamicallyLinkedLibrary,
                nullableContextOptions: NullableContextOptions.Enable,
                generalDiagnosticOption: ReportDiagnostic.Error,
                warningLevel: 9999));

    /// <summary>The warnings and errors of compiling and emitting <paramref name="compilation"/>.</summary>
    public static ImmutableArray<Diagnostic> EmitDiagnostics(Compilation compilation) =>
        compilation.Emit(Stream.Null).Diagnostics.Where(d => d.Severity >= DiagnosticSeverity.Warning).ToImmutableArray();

    public static GeneratorDriver CreateDriver(IReadOnlyList<SnapshotFile> files, IDictionary<string, string>? globalOptions, out ImmutableArray<AdditionalText> texts, WorkiomGenerator? generator = null)
    {
        texts = files.Select(f => (AdditionalText)new InMemoryAdditionalText(f.Path, f.Text, f.Unreadable)).ToImmutableArray();
        var global = new Dictionary<string, string> { ["build_property.RootNamespace"] = "Contoso", ["build_property.WorkiomNamespace"] = DefaultNamespace };
        if (globalOptions is not null)
        {
            foreach (var (key, value) in globalOptions)
            {
                global[key] = value;
            }
        }

        var perFile = files.ToDictionary(
            f => f.Path,
            f =>
            {
                var options = new Dictionary<string, string>();
                if (f.IsWorkiomSchema)
                {
                    options["build_metadata.AdditionalFiles.WorkiomSchema"] = "true";
                }

                if (f.Namespace is not null)
                {
                    options["build_metadata.AdditionalFiles.WorkiomNamespace"] = f.Namespace;
                }

                if (f.TypeName is not null)
                {
                    options["build_metadata.AdditionalFiles.WorkiomTypeName"] = f.TypeName;
                }

                if (f.Environment is not null)
                {
                    options["build_metadata.AdditionalFiles.WorkiomEnvironment"] = f.Environment;
                }

                return options;
            });

        return CSharpGeneratorDriver.Create(
            new[] { (generator ?? new WorkiomGenerator()).AsSourceGenerator() },
            texts,
            ParseOptions,
            new TestOptionsProvider(global, perFile),
            new GeneratorDriverOptions(IncrementalGeneratorOutputKind.None, trackIncrementalGeneratorSteps: true));
    }

    public static ImmutableDictionary<string, string> Collect(GeneratorDriver driver) =>
        driver.GetRunResult().Results.Single().GeneratedSources
            .ToImmutableDictionary(s => s.HintName, s => s.SourceText.ToString());

    /// <summary>Reruns the driver after an unrelated C# edit: nothing of ours may rerun.</summary>
    public static void AssertCachedAfterUnrelatedEdit(GeneratorRun run)
    {
        var edited = run.InputCompilation.AddSyntaxTrees(CSharpSyntaxTree.ParseText("namespace Unrelated { internal static class Edit { } }", ParseOptions));
        var result = run.Driver.RunGenerators(edited).GetRunResult().Results.Single();
        foreach (var stepName in TrackedSteps)
        {
            if (!result.TrackedSteps.TryGetValue(stepName, out var steps))
            {
                continue;
            }

            foreach (var step in steps)
            {
                foreach (var (value, reason) in step.Outputs)
                {
                    Assert.True(
                        reason is IncrementalStepRunReason.Cached or IncrementalStepRunReason.Unchanged,
                        $"Step {stepName} reran ({reason}) after an unrelated C# edit.");
                    AssertNoCompilerObjects(value, stepName, new HashSet<object>(ReferenceEqualityComparer.Instance));
                }
            }
        }

        foreach (var output in result.TrackedOutputSteps.SelectMany(s => s.Value).SelectMany(s => s.Outputs))
        {
            Assert.Equal(IncrementalStepRunReason.Cached, output.Reason);
        }
    }

    private static void AssertNoCompilerObjects(object? value, string stepName, HashSet<object> seen)
    {
        if (value is null || value is string || value.GetType().IsPrimitive || value.GetType().IsEnum || !seen.Add(value))
        {
            return;
        }

        Assert.False(value is Compilation, $"Step {stepName} holds a Compilation.");
        Assert.False(value is ISymbol, $"Step {stepName} holds a symbol.");
        Assert.False(value is SyntaxNode, $"Step {stepName} holds a syntax node.");
        if (value is System.Collections.IEnumerable items)
        {
            foreach (var item in items)
            {
                AssertNoCompilerObjects(item, stepName, seen);
            }

            return;
        }

        foreach (var field in value.GetType().GetFields(BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic))
        {
            AssertNoCompilerObjects(field.GetValue(value), stepName, seen);
        }
    }

    private sealed class InMemoryAdditionalText(string path, string text, bool unreadable) : AdditionalText
    {
        private readonly SourceText _text = SourceText.From(text);

        public override string Path { get; } = path;

        public override SourceText GetText(CancellationToken cancellationToken = default) =>
            unreadable ? throw new IOException("The file " + Path + " cannot be read.") : _text;
    }

    private sealed class TestOptionsProvider(Dictionary<string, string> global, Dictionary<string, Dictionary<string, string>> perFile)
        : AnalyzerConfigOptionsProvider
    {
        public override AnalyzerConfigOptions GlobalOptions { get; } = new TestOptions(global);

        public override AnalyzerConfigOptions GetOptions(SyntaxTree tree) => new TestOptions(new Dictionary<string, string>());

        public override AnalyzerConfigOptions GetOptions(AdditionalText textFile) =>
            new TestOptions(perFile.TryGetValue(textFile.Path, out var options) ? options : new Dictionary<string, string>());
    }

    private sealed class TestOptions(Dictionary<string, string> values) : AnalyzerConfigOptions
    {
        public override bool TryGetValue(string key, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out string? value) =>
            values.TryGetValue(key, out value);
    }
}
