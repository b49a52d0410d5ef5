using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;
using Workiom.Generators.Model;
using Workiom.Generators.Parsing;
using Workiom.Generators.Tests.Infrastructure;
using Xunit;

namespace Workiom.Generators.Tests;

public class IncrementalTests
{
    [Fact]
    public void An_unrelated_csharp_edit_reruns_nothing()
    {
        // The harness asserts this on every run; here it is the whole point of the test.
        var run = GeneratorHarness.Run(Fixtures.Deals(), Fixtures.Companies());
        GeneratorHarness.AssertCachedAfterUnrelatedEdit(run);
    }

    [Fact]
    public void Editing_one_snapshot_reemits_only_that_list()
    {
        var companies = Fixtures.Companies();
        var run = GeneratorHarness.Run(Fixtures.Deals(), companies);
        Assert.Equal(2, run.Sources.Count);

        var edited = companies.Text.Replace("\"name\": \"Employees\"", "\"name\": \"Headcount\"", StringComparison.Ordinal);
        Assert.NotEqual(companies.Text, edited);
        var driver = run.Driver.ReplaceAdditionalText(run.Text(companies.Path), new TestText(companies.Path, edited));
        var result = driver.RunGenerators(run.InputCompilation).GetRunResult().Results.Single();

        var models = result.TrackedSteps["RecordModels"].SelectMany(s => s.Outputs).ToList();
        var dealModel = models.Single(o => ((ModelResult)o.Value).Model!.List.TypeName == "Deal");
        var companyModel = models.Single(o => ((ModelResult)o.Value).Model!.List.TypeName == "Company");
        Assert.True(dealModel.Reason is IncrementalStepRunReason.Cached or IncrementalStepRunReason.Unchanged, dealModel.Reason.ToString());
        Assert.Equal(IncrementalStepRunReason.Modified, companyModel.Reason);

        var outputs = result.TrackedOutputSteps.SelectMany(s => s.Value).SelectMany(s => s.Outputs).ToList();
        Assert.Contains(outputs, o => o.Reason == IncrementalStepRunReason.Modified);
        Assert.Contains("Headcount", result.GeneratedSources.Single(s => s.HintName.EndsWith("Company.g.cs", StringComparison.Ordinal)).SourceText.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Equal_snapshots_parse_to_equal_models_and_different_ones_do_not()
    {
        var input = new SnapshotInput("/s/deals.json", Fixtures.Read("lists-get.deals.json"), null, null, "Contoso.Crm");
        var first = SnapshotParser.Parse(input, CancellationToken.None);
        var second = SnapshotParser.Parse(input with { Text = new string(input.Text.ToCharArray()) }, CancellationToken.None);
        var changed = SnapshotParser.Parse(input with { Text = input.Text.Replace("Sales pipeline", "Pipeline", StringComparison.Ordinal) }, CancellationToken.None);

        Assert.NotSame(first, second);
        Assert.Equal(first, second);
        Assert.Equal(first.GetHashCode(), second.GetHashCode());
        Assert.NotEqual(first, changed);
        Assert.Equal(26, first.List!.Fields.Count);
    }

    [Fact]
    public void Models_with_equal_diagnostics_are_equal()
    {
        var input = new SnapshotInput("/s/bad.json", "{ \"id\": 1, \"fields\": [ { \"id\": 1, \"name\": \"x\", \"dataType\": 77 } ] }", null, null, "N");
        var first = SnapshotParser.Parse(input, CancellationToken.None);
        var second = SnapshotParser.Parse(input, CancellationToken.None);

        Assert.Contains(first.Diagnostics, d => d.Id == "WKM0006");
        Assert.Equal(first, second);
    }

    private sealed class TestText(string path, string text) : AdditionalText
    {
        public override string Path { get; } = path;

        public override SourceText GetText(CancellationToken cancellationToken = default) => SourceText.From(text);
    }
}
