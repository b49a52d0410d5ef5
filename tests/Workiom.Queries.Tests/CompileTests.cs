using Workiom.Queries.Tests.Support;

namespace Workiom.Queries.Tests;

/// <summary>A query Workiom cannot run must not compile; one it can run must.</summary>
public class CompileTests
{
    [Theory]
    [InlineData("return query.Where(d => d.Amount > 1000m && d.Stage == Deal.StageOption.Won).OrderByDescending(d => d.ExpectedClose).Skip(10).Take(5);")]
    [InlineData("return from d in query where d.Amount > 1000m orderby d.ExpectedClose descending select d;")]
    [InlineData("return from d in query select d;")]
    [InlineData("return from d in query select new IWorkiomField[] { d.DealName, d.Amount };")]
    [InlineData("return query.Where(d => d.IsStrategic == true || d.Tags.Contains(\"SMB\") || d.Owner.In(109725, 109731));")]
    [InlineData("return query.Where(d => d.Company.Is(acme) & d.Contract.IsNotEmpty() & d.NextSteps.IsEmpty());")]
    [InlineData("return query.Where(d => d.NextMeeting >= DateTimeOffset.UtcNow && d.ExpectedClose < new DateOnly(2026, 1, 1));")]
    [InlineData("return query.Where(d => d.Amount.Between(1, 2)).OrderBy(d => d.Stage).Search(\"acme\").WithIds(\"a\").WithLinkedItemsLimit(3);")]
    [InlineData("return query.Select(d => new IWorkiomField[] { d.Tags, d.Watchers });")]
    [InlineData("return Enumerate(query); static async System.Threading.Tasks.Task Enumerate(WorkiomQuery<Deal, Deal.QueryFields> q) { await foreach (var deal in q) { _ = deal.DealName; } }")]
    public void A_query_workiom_can_run_compiles(string statements) =>
        Assert.True(TestCompiler.ErrorIds(statements).Length == 0, TestCompiler.Describe(statements));

    [Theory]
    // An operator the data type does not offer
    [InlineData("return query.Where(d => d.IsStrategic > true);", "CS0019")]
    [InlineData("return query.Where(d => d.DealName > \"a\");", "CS0019")]
    [InlineData("return query.Where(d => d.Contract.Contains(\"msa\"));", "CS1061|CS1929")]
    [InlineData("return query.Where(d => d.Tags.Is(Deal.TagsOption.Smb));", "CS1061")]
    [InlineData("return query.Where(d => d.Company.In(acme));", "CS1061")]
    [InlineData("return query.Where(d => d.Owner.Contains(109725));", "CS1061|CS1929")]
    [InlineData("return query.Where(d => d.IsStrategic.IsEmpty());", "CS1061")]
    [InlineData("return query.Where(d => d.Stage > Deal.StageOption.Lead);", "CS0019")]
    [InlineData("return query.Where(d => d.IsStrategic != true);", "CS0619")]
    // A value of the wrong type
    [InlineData("return query.Where(d => d.Amount == \"x\");", "CS0019")]
    [InlineData("return query.Where(d => d.Stage.Is(Deal.SourceOption.Website));", "CS1503")]
    [InlineData("return query.Where(d => d.Stage == Deal.SourceOption.Website);", "CS0019")]
    [InlineData("return query.Where(d => d.Owner.Is(\"109725\"));", "CS1503")]
    [InlineData("return query.Where(d => d.NextMeeting > new DateOnly(2025, 1, 1));", "CS0019")]
    [InlineData("return query.Where(d => d.Company.Is(new Deal()));", "CS1503")]
    // No negation, no second sort field, no conditions of another list, no sort by a multi-valued field
    [InlineData("return query.Where(d => !(d.Amount > 1));", "CS0023")]
    // Record-level lambdas must not fall back to in-memory LINQ over IAsyncEnumerable
    [InlineData("return query.Where(d => d.Amount.HasValue);", "CS1061")]
    [InlineData("return query.Where(d => d.Id == \"x\");", "CS1061")]
    [InlineData("return query.OrderBy(d => d.Amount).ThenBy(d => d.DealName);", "CS1061")]
    [InlineData("return from d in query orderby d.Amount, d.DealName select d;", "CS1936")]
    [InlineData("return query.Where(d => companyFields.CompanyName == \"Acme\");", "CS1662")]
    [InlineData("return query.Where(d => d.Amount > 1 && companyFields.CompanyName == \"Acme\");", "CS0019")]
    [InlineData("return query.OrderBy(d => d.Tags);", "CS1662")]
    public void A_query_workiom_cannot_run_does_not_compile(string statements, string expectedError)
    {
        // "A|B": a missing member is CS1061, or CS1929 when `using System;` brings the Span
        // Contains extension into view; both say the descriptor has no such operator.
        var expected = expectedError.Split('|');

        var errors = TestCompiler.ErrorIds(statements);

        Assert.True(errors.Intersect(expected).Any(), $"Expected {expectedError}; got:{Environment.NewLine}{TestCompiler.Describe(statements)}");
    }

    [Fact]
    public async Task Mixing_and_with_or_in_one_where_is_WKM1001()
    {
        var diagnostics = await TestCompiler.AnalyzeAsync(
            "return query.Where(d => d.Amount > 1000 && d.IsStrategic == true || d.Stage == Deal.StageOption.Won);");

        var diagnostic = Assert.Single(diagnostics);
        Assert.Equal("WKM1001", diagnostic.Id);
        Assert.Equal(Microsoft.CodeAnalysis.DiagnosticSeverity.Error, diagnostic.Severity);
        Assert.Equal(
            "d.Amount > 1000 && d.IsStrategic == true || d.Stage == Deal.StageOption.Won",
            diagnostic.Location.SourceTree!.GetText().ToString(diagnostic.Location.SourceSpan));
    }

    [Theory]
    [InlineData("return query.Where(d => (d.Amount > 1 | d.Amount < 0) & d.IsStrategic == true);")]
    [InlineData("return query.Where(d => d.Amount > 1 || (d.Stage == \"Won\" && d.Owner.Is(109725)));")]
    [InlineData("var fields = new Deal.QueryFields(); var c = (fields.Amount > 1 || fields.DealName == \"x\") & fields.IsStrategic == true; return c;")]
    [InlineData("return from d in query where d.Amount > 1 && (d.Tags.Contains(\"SMB\") | d.Tags.IsEmpty()) select d;")]
    public async Task Every_spelling_of_a_mix_is_WKM1001(string statements)
    {
        var diagnostics = await TestCompiler.AnalyzeAsync(statements);

        Assert.Equal("WKM1001", Assert.Single(diagnostics).Id);
    }

    [Theory]
    [InlineData("return query.Where(d => d.Amount > 1000 && d.IsStrategic == true & d.Stage == Deal.StageOption.Won);")]
    [InlineData("return query.Where(d => d.Amount > 1000 || d.IsStrategic == true | d.Stage == Deal.StageOption.Won);")]
    [InlineData("return query.Where(d => d.Amount > 1000).Where(d => d.Stage == \"Won\" || d.Stage == \"Lost\");")]
    [InlineData("bool a = true, b = false, c = true; return a && b || c;")]
    [InlineData("return query.Where(d => d.Amount > 1000);")]
    public async Task Pure_and_or_pure_or_is_not_WKM1001(string statements)
    {
        var diagnostics = await TestCompiler.AnalyzeAsync(statements);

        Assert.Empty(diagnostics);
    }

    [Fact]
    public async Task Two_mixed_filters_are_two_diagnostics()
    {
        var diagnostics = await TestCompiler.AnalyzeAsync(
            "var q = query.Where(d => d.Amount > 1 && d.Amount < 5 || d.IsStrategic == true); " +
            "return q.Select(d => new IWorkiomField[] { d.DealName }).Where(d => d.DealName == \"a\" | d.DealName == \"b\" & d.Website.IsEmpty());");

        Assert.Equal(2, diagnostics.Length);
        Assert.All(diagnostics, static d => Assert.Equal("WKM1001", d.Id));
    }

    [Fact]
    public async Task A_look_alike_type_outside_workiom_queries_is_not_judged()
    {
        var diagnostics = await TestCompiler.AnalyzeSourceAsync("""
            namespace Elsewhere
            {
                public sealed class FilterCondition<T>
                {
                    public static FilterCondition<T> operator &(FilterCondition<T> a, FilterCondition<T> b) => a;
                    public static FilterCondition<T> operator |(FilterCondition<T> a, FilterCondition<T> b) => b;
                    public static bool operator true(FilterCondition<T> c) => false;
                    public static bool operator false(FilterCondition<T> c) => false;
                }

                public static class Use
                {
                    public static FilterCondition<int> Mix(FilterCondition<int> a, FilterCondition<int> b, FilterCondition<int> c) => a && b || c;
                }
            }
            """);

        Assert.Empty(diagnostics);
    }
}
