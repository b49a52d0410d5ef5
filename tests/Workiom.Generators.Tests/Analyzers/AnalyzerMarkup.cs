using System.Collections.Immutable;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Text;
using Workiom.Generators.Analyzers;
using Workiom.Generators.Tests.Infrastructure;
using Xunit;

namespace Workiom.Generators.Tests.Analyzers;

/// <summary>A file for <see cref="AnalyzerMarkup"/>: C# source, a snapshot, or a drift report, with span markup.</summary>
public sealed record MarkedFile(string Path, string Markup, string Kind = MarkedFile.CSharp, string? Environment = null)
{
    public const string CSharp = "cs";
    public const string Snapshot = "snapshot";
    public const string DriftReport = "report";
}

/// <summary>
/// Span-markup checks for the Workiom diagnostics: <c>[|text|]</c> expects the test's default id on
/// <c>text</c>, <c>{|WKM2006:text|}</c> a given id. Markup may sit in C# and in JSON files alike. The
/// generator and the analyzers run on the compilation the way the compiler runs them, and every WKM
/// diagnostic reported (by the generator, the analyzers, or the compiler for members marked obsolete
/// with a WKM id) must match a marked span exactly, and every marked span must be reported.
/// </summary>
public static class AnalyzerMarkup
{
    private static readonly Regex Marker = new(@"\[\||\{\|(?<id>WKM\d{4}):|\|\]|\|\}", RegexOptions.Compiled);

    public static async Task VerifyAsync(string defaultId, IEnumerable<MarkedFile> files, IDictionary<string, string>? globalOptions = null, string? editorConfig = null)
    {
        var expected = new List<(string Id, string Path, TextSpan Span)>();
        var plain = new List<(MarkedFile File, string Text)>();
        foreach (var file in files)
        {
            plain.Add((file, Strip(file, defaultId, expected)));
        }

        var actual = await RunAsync(plain, globalOptions, editorConfig);
        var found = actual
            .Where(d => d.Id.StartsWith("WKM", StringComparison.Ordinal))
            .Select(d => (d.Id, d.Location.GetLineSpan().Path, d.Location.SourceSpan))
            .OrderBy(d => d.Path, StringComparer.Ordinal).ThenBy(d => d.SourceSpan.Start).ThenBy(d => d.Id, StringComparer.Ordinal)
            .Select(d => Describe(d.Id, d.Path, d.SourceSpan, plain))
            .ToList();
        var wanted = expected
            .OrderBy(d => d.Path, StringComparer.Ordinal).ThenBy(d => d.Span.Start).ThenBy(d => d.Id, StringComparer.Ordinal)
            .Select(d => Describe(d.Id, d.Path, d.Span, plain))
            .ToList();
        Assert.Equal(wanted, found);
    }

    /// <summary>Every diagnostic of a run without markup checks, for tests that look at messages.</summary>
    public static Task<ImmutableArray<Diagnostic>> RunAsync(IEnumerable<MarkedFile> files, IDictionary<string, string>? globalOptions = null) =>
        RunAsync(files.Select(f => (f, f.Markup)).ToList(), globalOptions, null);

    private static string Describe(string id, string path, TextSpan span, List<(MarkedFile File, string Text)> files)
    {
        string text = files.FirstOrDefault(f => f.File.Path == path).Text ?? string.Empty;
        string covered = span.End <= text.Length ? text.Substring(span.Start, span.Length) : "?";
        return id + " " + path + " " + span + " '" + covered + "'";
    }

    private static string Strip(MarkedFile file, string defaultId, List<(string Id, string Path, TextSpan Span)> expected)
    {
        var output = new StringBuilder();
        var open = new Stack<(string Id, int Start)>();
        int last = 0;
        foreach (Match match in Marker.Matches(file.Markup))
        {
            output.Append(file.Markup, last, match.Index - last);
            last = match.Index + match.Length;
            if (match.Value is "|]" or "|}")
            {
                var (id, start) = open.Pop();
                expected.Add((id, file.Path, TextSpan.FromBounds(start, output.Length)));
            }
            else
            {
                open.Push((match.Groups["id"].Success ? match.Groups["id"].Value : defaultId, output.Length));
            }
        }

        Assert.Empty(open);
        output.Append(file.Markup, last, file.Markup.Length - last);
        return output.ToString();
    }

    private static async Task<ImmutableArray<Diagnostic>> RunAsync(List<(MarkedFile File, string Text)> files, IDictionary<string, string>? globalOptions, string? editorConfig)
    {
        var trees = files.Where(f => f.File.Kind == MarkedFile.CSharp)
            .Select(f => CSharpSyntaxTree.ParseText(f.Text, GeneratorHarness.ParseOptions, f.File.Path))
            .ToList();
        var compilation = GeneratorHarness.CreateCompilation(Array.Empty<string>()).AddSyntaxTrees(trees);
        if (editorConfig is not null)
        {
            var set = AnalyzerConfigSet.Create(new[] { AnalyzerConfig.Parse(editorConfig, "/src/.editorconfig") });
            compilation = compilation.WithOptions(compilation.Options.WithSyntaxTreeOptionsProvider(new EditorConfigProvider(set)));
        }

        var texts = files.Where(f => f.File.Kind != MarkedFile.CSharp)
            .Select(f => (AdditionalText)new Text(f.File.Path, f.Text))
            .ToImmutableArray();
        var global = new Dictionary<string, string> { ["build_property.RootNamespace"] = "Contoso", ["build_property.WorkiomNamespace"] = GeneratorHarness.DefaultNamespace };
        foreach (var (key, value) in globalOptions ?? new Dictionary<string, string>())
        {
            global[key] = value;
        }

        var perFile = files.Where(f => f.File.Kind != MarkedFile.CSharp).ToDictionary(
            f => f.File.Path,
            f =>
            {
                var values = new Dictionary<string, string>
                {
                    [f.File.Kind == MarkedFile.Snapshot ? "build_metadata.AdditionalFiles.WorkiomSchema" : "build_metadata.AdditionalFiles.WorkiomDriftReport"] = "true",
                };
                if (f.File.Environment is not null)
                {
                    values["build_metadata.AdditionalFiles.WorkiomEnvironment"] = f.File.Environment;
                }

                return values;
            });
        var options = new OptionsProvider(global, perFile);

        var driver = CSharpGeneratorDriver.Create(new[] { new WorkiomGenerator().AsSourceGenerator() }, texts, GeneratorHarness.ParseOptions, options);
        driver.RunGeneratorsAndUpdateCompilation(compilation, out var output, out var generatorDiagnostics);
        var withAnalyzers = output.WithAnalyzers(
            ImmutableArray.Create<DiagnosticAnalyzer>(new StaleSchemaAnalyzer(), new MixedFilterOperatorsAnalyzer(), new EnvironmentUseAnalyzer()),
            new AnalyzerOptions(texts, options));
        var all = await withAnalyzers.GetAllDiagnosticsAsync();

        // Generator diagnostics go through the same severity settings as the compiler's own.
        var filteredGenerator = CompilationWithAnalyzers.GetEffectiveDiagnostics(generatorDiagnostics, output);
        var unexpected = all.Where(d => d.Severity == DiagnosticSeverity.Error && !d.Id.StartsWith("WKM", StringComparison.Ordinal)).ToList();
        Assert.True(unexpected.Count == 0, string.Join("\n", unexpected));
        return all.AddRange(filteredGenerator);
    }

    private sealed class Text(string path, string text) : AdditionalText
    {
        private readonly SourceText _text = SourceText.From(text);

        public override string Path { get; } = path;

        public override SourceText GetText(CancellationToken cancellationToken = default) => _text;
    }

    private sealed class OptionsProvider(Dictionary<string, string> global, Dictionary<string, Dictionary<string, string>> marks) : AnalyzerConfigOptionsProvider
    {
        public override AnalyzerConfigOptions GlobalOptions { get; } = new Options(global);

        public override AnalyzerConfigOptions GetOptions(SyntaxTree tree) => new Options(new Dictionary<string, string>());

        public override AnalyzerConfigOptions GetOptions(AdditionalText textFile) =>
            new Options(marks.TryGetValue(textFile.Path, out var values) ? values : new Dictionary<string, string>());
    }

    private sealed class Options(Dictionary<string, string> values) : AnalyzerConfigOptions
    {
        public override bool TryGetValue(string key, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out string? value) => values.TryGetValue(key, out value);
    }

    /// <summary>Severities from a real .editorconfig, as the compiler applies them to each file.</summary>
    private sealed class EditorConfigProvider(AnalyzerConfigSet set) : SyntaxTreeOptionsProvider
    {
        public override GeneratedKind IsGenerated(SyntaxTree tree, CancellationToken cancellationToken) => GeneratedKind.Unknown;

        public override bool TryGetDiagnosticValue(SyntaxTree tree, string diagnosticId, CancellationToken cancellationToken, out ReportDiagnostic severity) =>
            set.GetOptionsForSourcePath(tree.FilePath).TreeOptions.TryGetValue(diagnosticId, out severity);

        public override bool TryGetGlobalDiagnosticValue(string diagnosticId, CancellationToken cancellationToken, out ReportDiagnostic severity) =>
            set.GlobalConfigOptions.TreeOptions.TryGetValue(diagnosticId, out severity);
    }
}
