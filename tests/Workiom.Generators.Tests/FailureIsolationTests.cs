using Microsoft.CodeAnalysis;
using Workiom.Generators.Diagnostics;
using Workiom.Generators.Tests.Infrastructure;
using Xunit;

namespace Workiom.Generators.Tests;

/// <summary>
/// Defence in depth: an exception the generator did not expect, at any stage of one snapshot, costs that
/// snapshot only. It becomes one WKM0012 at that snapshot, and the other lists still generate.
/// </summary>
public class FailureIsolationTests
{
    [Theory]
    [InlineData(GeneratorFailures.Parsing)]
    [InlineData(GeneratorFailures.Naming)]
    [InlineData(GeneratorFailures.Modelling)]
    [InlineData(GeneratorFailures.Emitting)]
    public void An_unexpected_exception_at_one_snapshot_costs_that_snapshot_only(string stage)
    {
        var failing = Snapshots.AllDataTypes();
        var generator = new WorkiomGenerator
        {
            StageProbe = (at, path) =>
            {
                if (at == stage && path == failing.Path)
                {
                    throw new InvalidOperationException("Simulated defect\nat " + at);
                }
            },
        };

        var run = GeneratorHarness.Run(new[] { Fixtures.Deals(), failing, Fixtures.Companies() }, Array.Empty<string>(), generator: generator);

        var failure = Assert.Single(run.Diagnostics);
        Assert.Equal("WKM0012", failure.Id);
        Assert.Equal(DiagnosticSeverity.Error, failure.Severity);
        Assert.Equal(failing.Path, failure.Location.GetLineSpan().Path);
        Assert.Equal(
            "The Workiom generator failed while " + stage + " this snapshot, which is skipped; the other snapshots still generate: " +
            "System.InvalidOperationException: Simulated defect at " + stage,
            failure.GetMessage());
        Assert.Equal(new[] { "Contoso.Crm.Company.g.cs", "Contoso.Crm.Deal.g.cs" }, run.Sources.Keys.Order(StringComparer.Ordinal));
        Assert.Empty(run.CompilationDiagnostics());
    }

    [Fact]
    public void A_snapshot_that_cannot_be_read_is_reported_and_the_others_generate()
    {
        var run = GeneratorHarness.Run(Fixtures.Deals(), new SnapshotFile("/s/locked.json", string.Empty, Unreadable: true), Fixtures.Companies());

        var failure = Assert.Single(run.Diagnostics);
        Assert.Equal("WKM0012", failure.Id);
        Assert.Equal("/s/locked.json", failure.Location.GetLineSpan().Path);
        Assert.Contains("reading", failure.GetMessage(), StringComparison.Ordinal);
        Assert.Contains("System.IO.IOException", failure.GetMessage(), StringComparison.Ordinal);
        Assert.Equal(2, run.Sources.Count);
        Assert.Empty(run.CompilationDiagnostics());
    }

    [Fact]
    public void An_unknown_diagnostic_id_gives_a_descriptor_not_an_exception()
    {
        Assert.Same(DiagnosticDescriptors.GeneratorFailure, DiagnosticDescriptors.ById("WKM9999"));
        Assert.Same(DiagnosticDescriptors.GeneratorFailure, DiagnosticDescriptors.ById(string.Empty));
        Assert.Same(DiagnosticDescriptors.UnknownDataType, DiagnosticDescriptors.ById("WKM0006"));
        Assert.Null(DiagnosticDescriptors.TryGet("WKM9999"));
    }

    [Fact]
    public void Every_schema_descriptor_can_be_found_by_its_id()
    {
        var schema = typeof(DiagnosticDescriptors)
            .GetFields(System.Reflection.BindingFlags.Static | System.Reflection.BindingFlags.Public)
            .Select(f => (DiagnosticDescriptor)f.GetValue(null)!)
            .Where(d => d.Category == "Workiom.Schema")
            .ToList();

        Assert.Contains(schema, d => d.Id == "WKM0011");
        Assert.All(schema, d => Assert.Same(d, DiagnosticDescriptors.TryGet(d.Id)));
    }
}
