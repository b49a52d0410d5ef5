using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;
using Workiom.Generators.Environments;
using Workiom.Generators.Model;
using Workiom.Generators.Tests.Infrastructure;
using Xunit;

namespace Workiom.Generators.Tests;

/// <summary>Environments keep the generator's caching: an environment's edit re-emits only the tables it changes.</summary>
public class EnvironmentIncrementalTests
{
    private static GeneratorRun Run() => GeneratorHarness.Run(
        new[] { Fixtures.Deals(), Fixtures.Companies(), EnvironmentFixtures.Deals(), EnvironmentFixtures.Companies() }, Array.Empty<string>());

    private static GeneratorRunResult Rerun(GeneratorRun run, string path, string text) =>
        run.Driver.ReplaceAdditionalText(run.Text(path), new TestText(path, text)).RunGenerators(run.InputCompilation).GetRunResult().Results.Single();

    private static IncrementalStepRunReason TableReason(GeneratorRunResult result, string typeName) =>
        result.TrackedSteps["EnvironmentTables"].SelectMany(s => s.Outputs).Single(o => ((EnvironmentTableModel)o.Value).TypeName == typeName).Reason;

    private static bool IsReused(IncrementalStepRunReason reason) => reason is IncrementalStepRunReason.Cached or IncrementalStepRunReason.Unchanged;

    [Fact]
    public void Editing_an_environment_snapshot_reemits_only_that_lists_table_and_no_record()
    {
        var run = Run();
        var staging = EnvironmentFixtures.Deals(edit: list => EnvironmentFixtures.Field(list, "Amount")["name"] = "Deal Value");

        var result = Rerun(run, staging.Path, staging.Text);

        Assert.Equal(IncrementalStepRunReason.Modified, TableReason(result, "Deal"));
        Assert.True(IsReused(TableReason(result, "Company")), TableReason(result, "Company").ToString());
        Assert.All(result.TrackedSteps["RecordModels"].SelectMany(s => s.Outputs), o => Assert.True(IsReused(o.Reason), o.Reason.ToString()));
        Assert.All(result.TrackedSteps["ParsedSnapshots"].SelectMany(s => s.Outputs), o => Assert.True(IsReused(o.Reason), o.Reason.ToString()));
        Assert.DoesNotContain("(2014503,", result.GeneratedSources.Single(s => s.HintName == "Contoso.Crm.Deal-Environments.g.cs").SourceText.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Moving_text_in_a_primary_snapshot_reemits_no_environment_table()
    {
        var run = Run();
        var deals = Fixtures.Deals();
        string moved = "\n\n" + deals.Text;

        var result = Rerun(run, deals.Path, moved);

        Assert.Equal(IncrementalStepRunReason.Modified, result.TrackedSteps["SnapshotOutlines"].SelectMany(s => s.Outputs).Single(o => o.Reason != IncrementalStepRunReason.Cached).Reason);
        Assert.True(IsReused(TableReason(result, "Deal")), TableReason(result, "Deal").ToString());
        Assert.True(IsReused(TableReason(result, "Company")), TableReason(result, "Company").ToString());
    }

    [Fact]
    public void Equal_environment_files_read_to_equal_values()
    {
        var staging = EnvironmentFixtures.Deals();
        var first = SnapshotOutline.Read(staging.Path, staging.Text);
        var second = SnapshotOutline.Read(staging.Path, new string(staging.Text.ToCharArray()));
        string map = """{ "lists": { "a": { "listId": "b", "fields": { "1": 2, "3": null }, "options": { "1": { "x": "y" } }, "views": { "7": 8 } } } }""";

        Assert.Equal(first, second);
        Assert.Equal(first.GetHashCode(), second.GetHashCode());
        Assert.Equal(EnvironmentMap.Read("/m", map), EnvironmentMap.Read("/m", new string(map.ToCharArray())));
        Assert.NotEqual(first, SnapshotOutline.Read(staging.Path, staging.Text.Replace("\"Amount\"", "\"Value\"", StringComparison.Ordinal)));
    }

    private sealed class TestText(string path, string text) : AdditionalText
    {
        public override string Path { get; } = path;

        public override SourceText GetText(CancellationToken cancellationToken = default) => SourceText.From(text);
    }
}
