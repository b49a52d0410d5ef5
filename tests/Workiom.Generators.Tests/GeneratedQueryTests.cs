using System.Text.Json.Nodes;
using Microsoft.CodeAnalysis;
using Workiom.Generators.Tests.Crm;
using Workiom.Generators.Tests.Infrastructure;
using Xunit;

namespace Workiom.Generators.Tests;

/// <summary>The query surface the generator emits, used on the generated fixture records.</summary>
public class GeneratedQueryTests
{
    [Fact]
    public void A_typed_query_on_generated_records_writes_the_fixture_filter()
    {
        var acme = new WorkiomLink("67691cd5f8193dc8b9430e98", "Acme Corp");
        var query = Deal.Query()
            .Where(d => d.Stage.In(Deal.StageOption.Qualified, Deal.StageOption.ProposalSent)
                && d.Amount >= 10000m
                && d.Company.Is(acme)
                && d.ContactEmail.IsNotEmpty())
            .OrderBy(d => d.ExpectedClose)
            .Project(d => d.DealName, d => d.Amount, d => d.Stage, d => d.Company, d => d.Owner);

        var body = JsonNode.Parse(query.ToRequestJson(0, 200))!;
        var fixture = JsonNode.Parse(Fixtures.Read("data-all.request.json"))!;

        Assert.True(JsonNode.DeepEquals(fixture["filter"], body["filter"]), body["filter"]!.ToJsonString());
        Assert.Equal("2014511 ASC", (string?)body["sorting"]);
        Assert.True(JsonNode.DeepEquals(fixture["projectedFields"], body["projectedFields"]));
        Assert.Equal(Deal.WorkiomListId, (string?)body["listId"]);
    }

    [Theory]
    [InlineData("Deal.Query().Where(d => d.IsStrategic > true)")]
    [InlineData("Deal.Query().Where(d => d.Contract.Contains(\"x\"))")]
    [InlineData("Deal.Query().Where(d => d.Amount == \"a lot\")")]
    [InlineData("Deal.Query().Where(d => d.Stage.Is(Deal.SourceOption.Website))")]
    [InlineData("Deal.Query().OrderBy(d => d.Amount).ThenBy(d => d.DealName)")]
    [InlineData("Deal.Query().Where(d => d.Company.Is(new Deal()))")]
    public void A_query_Workiom_cannot_run_does_not_compile(string expression)
    {
        var run = GeneratorHarness.Run(
            new[] { Fixtures.Deals(), Fixtures.Companies() },
            new[] { "using Contoso.Crm; internal static class Use { internal static object M() => " + expression + "; }" });

        Assert.Contains(run.CompilationDiagnostics(), d => d.Severity == DiagnosticSeverity.Error && d.Id.StartsWith("CS", StringComparison.Ordinal));
    }

    [Fact]
    public void The_same_queries_written_correctly_compile()
    {
        var run = GeneratorHarness.Run(
            new[] { Fixtures.Deals(), Fixtures.Companies() },
            new[]
            {
                """
                using Contoso.Crm;
                internal static class Use
                {
                    internal static object M() => Deal.Query()
                        .Where(d => d.IsStrategic == true && d.Contract.IsNotEmpty() && d.Amount == 5m && d.Stage.Is(Deal.StageOption.Won))
                        .OrderBy(d => d.Amount);
                    internal static object Q() => from d in Deal.Query() where d.Amount > 1000m orderby d.NextMeeting descending select d;
                }
                """,
            });

        Assert.Empty(run.CompilationDiagnostics());
    }
}
