using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using Workiom.Generators.Analyzers;
using Workiom.Queries.Tests.TestRecords;

namespace Workiom.Queries.Tests.Support;

/// <summary>
/// Compiles a snippet of user code against the runtime library and the test records, the way a
/// project using the library would, to check which queries compile and what the analyzer says.
/// </summary>
internal static class TestCompiler
{
    private static readonly Lazy<MetadataReference[]> References = new(LoadReferences);

    /// <summary>Compiles a whole source file (no wrapping).</summary>
    public static CSharpCompilation CompileSource(string source)
    {
        var tree = CSharpSyntaxTree.ParseText(source, new CSharpParseOptions(LanguageVersion.Latest), path: "Snippet.cs");
        return CSharpCompilation.Create(
            "Snippet",
            [tree],
            References.Value,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable));
    }

    /// <summary>Wraps <paramref name="statements"/> in a method that has a Deals query and a few values at hand.</summary>
    public static CSharpCompilation Compile(string statements)
    {
        var source = $$"""
            using System;
            using System.Linq;
            using Workiom;
            using Workiom.Queries;
            using Workiom.Queries.Tests.TestRecords;

            public static class Snippet
            {
                public static object Run(WorkiomQuery<Deal, Deal.QueryFields> query, Company acme, Company.QueryFields companyFields)
                {
            {{statements}}
                }
            }
            """;
        return CompileSource(source);
    }

    /// <summary>The ids of the compiler errors.</summary>
    public static string[] ErrorIds(string statements) =>
        Compile(statements).GetDiagnostics()
            .Where(static d => d.Severity == DiagnosticSeverity.Error)
            .Select(static d => d.Id)
            .Distinct()
            .ToArray();

    /// <summary>Compiler errors, with their messages, for assertion messages.</summary>
    public static string Describe(string statements) =>
        string.Join(Environment.NewLine, Compile(statements).GetDiagnostics().Where(static d => d.Severity == DiagnosticSeverity.Error));

    /// <summary>What the WKM1001 analyzer reports on a snippet (which must compile).</summary>
    public static Task<ImmutableArray<Diagnostic>> AnalyzeAsync(string statements) => AnalyzeAsync(Compile(statements));

    /// <summary>What the WKM1001 analyzer reports on a whole source file (which must compile).</summary>
    public static Task<ImmutableArray<Diagnostic>> AnalyzeSourceAsync(string source) => AnalyzeAsync(CompileSource(source));

    private static async Task<ImmutableArray<Diagnostic>> AnalyzeAsync(CSharpCompilation compilation)
    {
        var errors = compilation.GetDiagnostics().Where(static d => d.Severity == DiagnosticSeverity.Error).ToArray();
        Assert.True(errors.Length == 0, "The snippet should compile: " + string.Join(Environment.NewLine, errors.Select(static e => e.ToString())));
        var withAnalyzers = compilation.WithAnalyzers([new MixedFilterOperatorsAnalyzer()]);
        return await withAnalyzers.GetAnalyzerDiagnosticsAsync();
    }

    private static MetadataReference[] LoadReferences()
    {
        var platform = ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!)
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries);
        return platform
            .Append(typeof(WorkiomRecord).Assembly.Location)
            .Append(typeof(Deal).Assembly.Location)
            .Distinct(StringComparer.Ordinal)
            .Select(static path => (MetadataReference)MetadataReference.CreateFromFile(path))
            .ToArray();
    }
}
