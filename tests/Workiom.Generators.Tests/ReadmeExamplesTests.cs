using System.Collections.Immutable;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Workiom.Generators.Tests.Crm;
using Workiom.Generators.Tests.Infrastructure;
using Xunit;

namespace Workiom.Generators.Tests;

/// <summary>
/// Every C# example in README.md compiles against the real Workiom.Client and the types generated from
/// schemas/deals.json and schemas/companies.json (this assembly's <see cref="Deal"/> and <see cref="Company"/>),
/// with nullable enabled and warnings as errors, so README cannot rot.
/// </summary>
/// <remarks>
/// The convention (also in docs/public-api.md): every <c>```csharp</c> (or <c>```cs</c>, <c>```c#</c>) block is
/// compiled, as top-level statements (type declarations may follow them; <c>using</c> directives at its top are
/// allowed). A block that is not meant to compile (a fragment, an error shown on purpose) has the line
/// <c>&lt;!-- not compiled --&gt;</c> right before its fence. A snippet may use, without declaring them, the names
/// of <see cref="ReadmePrelude"/>: <c>workiom</c>, <c>deals</c>, <c>key</c>, <c>stream</c>, <c>acme</c>,
/// <c>writer</c>, <c>services</c>, <c>configuration</c> and <c>cancellationToken</c>; add one there when an example
/// needs it. Failures are reported as <c>README.md(line,column)</c>.
/// </remarks>
public sealed class ReadmeExamplesTests
{
    public const string NotCompiledMarker = "<!-- not compiled -->";

    private static readonly Regex Fence = new(@"^\s*```\s*(?<lang>[^\s`]*)", RegexOptions.CultureInvariant);
    private static readonly Regex UsingDirective = new(@"^\s*using\s+(static\s+)?[A-Za-z_][\w.]*(\s*=\s*[\w.<>, ]+)?\s*;\s*(//.*)?$", RegexOptions.CultureInvariant);

    private static readonly CSharpParseOptions ParseOptions = new(LanguageVersion.Latest);

    // Global, so an example may repeat any of them without a duplicate-using warning.
    private const string PreludeUsings = """
        global using System;
        global using System.Collections.Generic;
        global using System.IO;
        global using System.Linq;
        global using System.Text.Json;
        global using System.Threading;
        global using System.Threading.Tasks;
        global using Microsoft.Extensions.DependencyInjection;
        global using Workiom;
        global using Workiom.Http;
        global using Workiom.Queries;
        global using Workiom.Serialization;
        global using Workiom.Generators.Tests.Crm;
        global using static Workiom.Generators.Tests.ReadmePrelude;
        """;

    private static readonly Lazy<ImmutableArray<MetadataReference>> References = new(() =>
        ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!)
            .Split(Path.PathSeparator)
            .Append(typeof(WorkiomRecord).Assembly.Location)
            .Append(typeof(Deal).Assembly.Location)
            // The generator itself is not a reference of a consumer.
            .Where(path => !string.Equals(Path.GetFileNameWithoutExtension(path), "Workiom.Generators", StringComparison.Ordinal))
            .Distinct(StringComparer.Ordinal)
            .Select(path => (MetadataReference)MetadataReference.CreateFromFile(path))
            .ToImmutableArray());

    [Fact]
    public void Every_csharp_block_of_README_compiles()
    {
        var readme = File.ReadAllText(Path.Combine(RepositoryPaths.Root, "README.md"));
        var blocks = ExtractBlocks(readme);

        // README has its quick start and the repository walkthrough at least: finding none means the extraction broke.
        Assert.True(blocks.Count(b => b.Compiled) >= 2, $"expected C# examples in README.md, found {blocks.Count(b => b.Compiled)}");

        var failures = blocks.Where(b => b.Compiled).SelectMany(Compile).ToList();
        Assert.True(failures.Count == 0, "README.md examples do not compile:\n" + string.Join("\n", failures));
    }

    [Fact]
    public void A_broken_block_is_reported_at_its_README_line_and_a_marked_block_is_skipped()
    {
        var readme = string.Join("\n",
            "# Title",                                        // 1
            "```csharp",                                      // 2
            "var count = await deals.Query().CountAsync();",  // 3
            "```",                                            // 4
            "<!-- not compiled -->",                          // 5
            "```csharp",                                      // 6
            "this is not C#",                                 // 7
            "```",                                            // 8
            "```csharp",                                      // 9
            "using System.Text;",                             // 10
            "var sb = new StringBuilder();",                  // 11
            "await deals.CreateAsync(new Deal(), ct);",       // 12
            "```");                                           // 13

        var blocks = ExtractBlocks(readme);

        Assert.Equal(new[] { (3, true), (7, false), (10, true) }, blocks.Select(b => (b.FirstLine, b.Compiled)));
        Assert.Empty(Compile(blocks[0]));
        var failure = Assert.Single(Compile(blocks[2]));
        Assert.StartsWith("README.md(12,", failure, StringComparison.Ordinal);
        Assert.Contains("CS0103", failure, StringComparison.Ordinal);  // 'ct' does not exist
    }

    internal sealed record Block(int FirstLine, IReadOnlyList<string> Lines, bool Compiled);

    /// <summary>The fenced C# blocks of <paramref name="markdown"/>, with the 1-based line of each block's first code line.</summary>
    internal static List<Block> ExtractBlocks(string markdown)
    {
        var lines = markdown.Replace("\r\n", "\n").Split('\n');
        var blocks = new List<Block>();
        for (var i = 0; i < lines.Length; i++)
        {
            var open = Fence.Match(lines[i]);
            if (!open.Success)
            {
                continue;
            }

            var start = i + 1;
            var end = start;
            while (end < lines.Length && !Fence.IsMatch(lines[end]))
            {
                end++;
            }

            if (open.Groups["lang"].Value.ToLowerInvariant() is "csharp" or "cs" or "c#")
            {
                var previous = i - 1;
                while (previous >= 0 && lines[previous].Trim().Length == 0)
                {
                    previous--;
                }

                var compiled = previous < 0 || lines[previous].Trim() != NotCompiledMarker;
                blocks.Add(new Block(start + 1, lines[start..Math.Min(end, lines.Length)], compiled));
            }

            i = end;  // the closing fence
        }

        return blocks;
    }

    /// <summary>Compiles one block as top-level statements; each error or warning as <c>README.md(line,column): ...</c>.</summary>
    internal static IEnumerable<string> Compile(Block block)
    {
        var source = new StringBuilder();
        // using directives must come before statements: hoisted, each still mapped to its own README line.
        var body = new List<(int Line, string Text)>();
        for (var i = 0; i < block.Lines.Count; i++)
        {
            var line = block.FirstLine + i;
            if (body.Count == 0 && UsingDirective.IsMatch(block.Lines[i]))
            {
                source.AppendLine($"#line {line} \"README.md\"").AppendLine(block.Lines[i]);
            }
            else if (body.Count > 0 || block.Lines[i].Trim().Length > 0)
            {
                body.Add((line, block.Lines[i]));
            }
        }

        if (body.Count > 0)
        {
            source.AppendLine($"#line {body[0].Line} \"README.md\"");
            foreach (var (_, text) in body)
            {
                source.AppendLine(text);
            }
        }

        var compilation = CSharpCompilation.Create(
            $"ReadmeExample{block.FirstLine}",
            new[]
            {
                CSharpSyntaxTree.ParseText(PreludeUsings, ParseOptions, path: "ReadmePrelude.cs"),
                CSharpSyntaxTree.ParseText(source.ToString(), ParseOptions, path: "ReadmeExample.cs"),
            },
            References.Value,
            new CSharpCompilationOptions(
                OutputKind.ConsoleApplication,
                nullableContextOptions: NullableContextOptions.Enable,
                generalDiagnosticOption: ReportDiagnostic.Error));

        return compilation.GetDiagnostics()
            .Where(d => d.Severity >= DiagnosticSeverity.Warning)
            .Select(d =>
            {
                var span = d.Location.GetMappedLineSpan();
                return $"{span.Path}({span.StartLinePosition.Line + 1},{span.StartLinePosition.Character + 1}): {d.Id}: {d.GetMessage(System.Globalization.CultureInfo.InvariantCulture)}";
            })
            .ToList();
    }
}

/// <summary>
/// What README's examples use without declaring it: the variables an app around them would have. Never run,
/// only compiled against.
/// </summary>
public static class ReadmePrelude
{
#pragma warning disable IDE1006 // lower-case, as the examples name them
    public static Workiom.Http.WorkiomClient workiom => throw new NotSupportedException();

    public static Workiom.Repositories.WorkiomRepository<Deal, Deal.QueryFields> deals => throw new NotSupportedException();

    public static string key => throw new NotSupportedException();

    public static Stream stream => throw new NotSupportedException();

    public static Company acme => throw new NotSupportedException();

    public static System.Text.Json.Utf8JsonWriter writer => throw new NotSupportedException();

    public static Microsoft.Extensions.DependencyInjection.IServiceCollection services => throw new NotSupportedException();

    public static Microsoft.Extensions.Configuration.IConfiguration configuration => throw new NotSupportedException();

    public static CancellationToken cancellationToken => default;
#pragma warning restore IDE1006
}
