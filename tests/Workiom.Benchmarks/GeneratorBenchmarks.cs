using System.Collections.Immutable;
using System.Text.Json;
using System.Text.Json.Nodes;
using BenchmarkDotNet.Attributes;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Text;
using Workiom.Generators;

namespace Workiom.Benchmarks;

/// <summary>
/// The generator driven in-process the way the compiler drives it, over synthetic lists of 60
/// fields (the rows of docs/benchmarks.md section 3). The floor is only parsing the same snapshot
/// JSON; a cold run must stay within 10× of it. The two re-runs start from a warmed driver: one after
/// an unrelated C# edit (everything must be cached, checked in <see cref="GeneratorBenchmarkBase.Setup"/>),
/// one after one snapshot changed.
/// </summary>
[MemoryDiagnoser]
[ShortRunJob]
public class GeneratorBenchmarks : GeneratorBenchmarkBase
{
    public const int FieldsPerList = 60;

    [Params(1, 50, 500)]
    public int Lists { get; set; }

    protected override int ListCount => Lists;

    protected override int FieldCount => FieldsPerList;
}

/// <summary>
/// The same benchmarks at the scale of the build-cost benchmark: lists of 300 fields, one list and
/// ten (the consumer <c>--build-cost</c> builds).
/// </summary>
[MemoryDiagnoser]
[ShortRunJob]
public class WideListGeneratorBenchmarks : GeneratorBenchmarkBase
{
    [Params(1, 10)]
    public int Lists { get; set; }

    [Params(300)]
    public int Fields { get; set; }

    protected override int ListCount => Lists;

    protected override int FieldCount => Fields;
}

/// <summary>The generator benchmarks, for lists of <see cref="FieldCount"/> fields.</summary>
public abstract class GeneratorBenchmarkBase
{
    private static readonly CSharpParseOptions ParseOptions = new(LanguageVersion.CSharp12);
    private static readonly string[] TrackedSteps = ["SnapshotFiles", "ParsedSnapshots", "ListDirectory", "RecordModels"];

    private ImmutableArray<AdditionalText> _texts;
    private string[] _json = [];
    private CSharpCompilation _compilation = null!;
    private CSharpCompilation _edited = null!;
    private GeneratorDriver _warm = null!;
    private AdditionalText _changedText = null!;
    private OptionsProvider _options = null!;
    private string[] _generated = [];

    protected abstract int ListCount { get; }

    protected abstract int FieldCount { get; }

    [GlobalSetup]
    public void Setup()
    {
        _json = SyntheticSnapshots(ListCount, FieldCount);
        _texts = InMemorySnapshots(_json);
        _options = new OptionsProvider(_texts.Select(t => t.Path));
        _compilation = ConsumerCompilation();
        _edited = _compilation.AddSyntaxTrees(CSharpSyntaxTree.ParseText("namespace Unrelated { internal static class Edit { } }", ParseOptions));

        _warm = NewDriver(_texts, _options).RunGenerators(_compilation);
        var cold = _warm.GetRunResult();
        if (cold.Diagnostics.Any(d => d.Severity == DiagnosticSeverity.Error) || cold.Results.Single().GeneratedSources.Length < ListCount)
        {
            throw new InvalidOperationException("The synthetic snapshots did not generate one record type each: " +
                string.Join("; ", cold.Diagnostics.Take(3)));
        }

        _generated = cold.Results.Single().GeneratedSources.Select(s => s.SourceText.ToString()).ToArray();
        AssertAllCached(_warm.RunGenerators(_edited).GetRunResult());
        var list = JsonNode.Parse(_json[0])!;
        list["fields"]![0]!["name"] = "Renamed Field";
        _changedText = new InMemoryText(_texts[0].Path, list.ToJsonString());
    }

    [Benchmark(Baseline = true, Description = "Floor: parse the snapshot JSON only")]
    public int ReadJsonOnly()
    {
        int fields = 0;
        foreach (var text in _texts)
        {
            using var document = JsonDocument.Parse(text.GetText()!.ToString());
            fields += document.RootElement.GetProperty("fields").GetArrayLength();
        }

        return fields;
    }

    [Benchmark(Description = "Cold run")]
    public int ColdRun() => NewDriver(_texts, _options).RunGenerators(_compilation).GetRunResult().Results[0].GeneratedSources.Length;

    /// <summary>
    /// Not part of the cold run (the driver hands out generated trees that parse lazily) but what the
    /// compiler spends afterwards parsing the generated C# in a real build: the scale the generator's
    /// own cost should be judged against.
    /// </summary>
    [Benchmark(Description = "Context: compiler parses the generated C#")]
    public int ParseGeneratedSourcesOnly()
    {
        int nodes = 0;
        foreach (var source in _generated)
        {
            nodes += CSharpSyntaxTree.ParseText(SourceText.From(source), ParseOptions).GetRoot().FullSpan.Length;
        }

        return nodes;
    }

    [Benchmark(Description = "Re-run after an unrelated C# edit")]
    public int RerunAfterUnrelatedEdit() => _warm.RunGenerators(_edited).GetRunResult().Results[0].GeneratedSources.Length;

    [Benchmark(Description = "Re-run after editing one snapshot")]
    public int RerunAfterEditingOneSnapshot() =>
        _warm.ReplaceAdditionalText(_texts[0], _changedText).RunGenerators(_compilation).GetRunResult().Results[0].GeneratedSources.Length;

    /// <summary>
    /// Runs the generator once over <paramref name="snapshots"/> as a consumer's build would (namespace
    /// <c>Consumer.Lists</c>) and returns what it made; used by <c>--code-size</c>.
    /// </summary>
    public static GeneratorDriverRunResult GenerateOnce(string[] snapshots)
    {
        var texts = InMemorySnapshots(snapshots);
        return NewDriver(texts, new OptionsProvider(texts.Select(t => t.Path))).RunGenerators(ConsumerCompilation()).GetRunResult();
    }

    private static ImmutableArray<AdditionalText> InMemorySnapshots(string[] json) =>
        json.Select((text, i) => (AdditionalText)new InMemoryText($"/schemas/list{i}.json", text)).ToImmutableArray();

    private static CSharpCompilation ConsumerCompilation()
    {
        var references = ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!).Split(Path.PathSeparator)
            .Where(p => Path.GetFileName(p) is var name && (name.StartsWith("System.", StringComparison.Ordinal) || name is "netstandard.dll" or "mscorlib.dll"))
            .Append(typeof(WorkiomRecord).Assembly.Location)
            .Select(p => (MetadataReference)MetadataReference.CreateFromFile(p));
        return CSharpCompilation.Create("Consumer", [CSharpSyntaxTree.ParseText("namespace Consumer { internal static class Program { } }", ParseOptions)],
            references, new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable));
    }

    private static GeneratorDriver NewDriver(ImmutableArray<AdditionalText> texts, OptionsProvider options) => CSharpGeneratorDriver.Create(
        [new WorkiomGenerator().AsSourceGenerator()], texts, ParseOptions, options,
        new GeneratorDriverOptions(IncrementalGeneratorOutputKind.None, trackIncrementalGeneratorSteps: true));

    private static void AssertAllCached(GeneratorDriverRunResult rerun)
    {
        var result = rerun.Results.Single();
        foreach (var step in TrackedSteps)
        {
            if (result.TrackedSteps.TryGetValue(step, out var runs)
                && runs.SelectMany(r => r.Outputs).Any(o => o.Reason is not (IncrementalStepRunReason.Cached or IncrementalStepRunReason.Unchanged)))
            {
                throw new InvalidOperationException($"Step {step} reran after an unrelated C# edit.");
            }
        }

        if (result.TrackedOutputSteps.SelectMany(s => s.Value).SelectMany(s => s.Outputs).Any(o => o.Reason != IncrementalStepRunReason.Cached))
        {
            throw new InvalidOperationException("A generated source was produced again after an unrelated C# edit.");
        }
    }

    /// <summary>
    /// Lists of <paramref name="fieldCount"/> fields each, cycling through the Deals snapshot's
    /// field kinds that need no other list (links, counts and rollups would point at lists not given).
    /// </summary>
    public static string[] SyntheticSnapshots(int listCount, int fieldCount)
    {
        var deals = JsonNode.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "schemas", "deals.json")))!;
        var template = (deals["result"] ?? deals).AsObject();
        var kinds = template["fields"]!.AsArray()
            .Where(f => f!["dataType"]!.GetValue<int>() is not (5 or 10 or 12) && f["isPrimary"]?.GetValue<bool>() != true)
            .Select(f => f!)
            .ToList();
        var primary = template["fields"]!.AsArray().First(f => f!["isPrimary"]?.GetValue<bool>() == true)!;
        var snapshots = new string[listCount];
        for (int l = 0; l < listCount; l++)
        {
            var list = template.DeepClone().AsObject();
            string listId = new Guid(l + 1, 0, 0, new byte[8]).ToString();
            list["id"] = listId;
            list["name"] = "Synthetic " + l;
            list["views"] = new JsonArray();
            list["filters"] = new JsonArray();
            var fields = new JsonArray();
            for (int f = 0; f < fieldCount; f++)
            {
                var field = (f == 0 ? primary : kinds[(f - 1) % kinds.Count]).DeepClone().AsObject();
                field["id"] = 5_000_000 + l * 1000 + f;
                field["name"] = f == 0 ? "Name" : $"{field["name"]!.GetValue<string>()} {f}";
                field["listId"] = listId;
                fields.Add(field);
            }

            list["fields"] = fields;
            snapshots[l] = list.ToJsonString();
        }

        return snapshots;
    }

    private sealed class InMemoryText(string path, string text) : AdditionalText
    {
        private readonly SourceText _text = SourceText.From(text);

        public override string Path { get; } = path;

        public override SourceText GetText(CancellationToken cancellationToken = default) => _text;
    }

    private sealed class OptionsProvider(IEnumerable<string> schemaPaths) : AnalyzerConfigOptionsProvider
    {
        private static readonly Options Empty = new(new Dictionary<string, string>());
        private static readonly Options Schema = new(new Dictionary<string, string> { ["build_metadata.AdditionalFiles.WorkiomSchema"] = "true" });
        private readonly HashSet<string> _schemaPaths = new(schemaPaths, StringComparer.Ordinal);

        public override AnalyzerConfigOptions GlobalOptions { get; } = new Options(new Dictionary<string, string>
        {
            ["build_property.RootNamespace"] = "Consumer",
            ["build_property.WorkiomNamespace"] = "Consumer.Lists",
        });

        public override AnalyzerConfigOptions GetOptions(SyntaxTree tree) => Empty;

        public override AnalyzerConfigOptions GetOptions(AdditionalText textFile) => _schemaPaths.Contains(textFile.Path) ? Schema : Empty;
    }

    private sealed class Options(Dictionary<string, string> values) : AnalyzerConfigOptions
    {
        public override bool TryGetValue(string key, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out string? value) =>
            values.TryGetValue(key, out value);
    }
}
