using System.Runtime.CompilerServices;
using System.Text.Json;
using Workiom.Queries.Tests.TestRecords;

namespace Workiom.Queries.Tests;

/// <summary>Queries in a saved view send its <c>viewId</c>; summaries come back typed per numeric field.</summary>
public class ViewAndSummaryTests
{
    private static readonly WorkiomView<Deal> OpenPipeline = new(535376, "Open pipeline (board)");

    [Fact]
    public void A_query_in_a_view_sends_the_view_id_and_keeps_its_filter()
    {
        var query = WorkiomQuery<Deal, Deal.QueryFields>.Create().InView(OpenPipeline).Where(d => d.Amount > 1000m).OrderBy(d => d.Amount);

        using var body = JsonDocument.Parse(query.ToRequestJson(0, 10));

        Assert.Equal(535376, body.RootElement.GetProperty("viewId").GetInt32());
        Assert.Equal(1, body.RootElement.GetProperty("filter").GetArrayLength());
        Assert.Equal("2014503 ASC", body.RootElement.GetProperty("sorting").GetString());
        Assert.Same(OpenPipeline, query.View);
        Assert.Contains("in view Open pipeline (board)", query.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void A_query_outside_a_view_sends_no_view_id()
    {
        using var body = JsonDocument.Parse(WorkiomQuery<Deal, Deal.QueryFields>.Create().Where(d => d.Amount > 1000m).ToRequestJson(0, 10));

        Assert.False(body.RootElement.TryGetProperty("viewId", out _));
    }

    [Fact]
    public void One_query_runs_in_one_view()
    {
        var query = WorkiomQuery<Deal, Deal.QueryFields>.Create().InView(OpenPipeline);

        Assert.Equal(535376, query.InView(new WorkiomView<Deal>(535376)).View!.Id);
        var error = Assert.Throws<InvalidOperationException>(() => query.InView(new WorkiomView<Deal>(1, "Other")));
        Assert.Contains("Open pipeline (board)", error.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentOutOfRangeException>(() => new WorkiomView<Deal>(0));
        Assert.Throws<ArgumentNullException>(() => query.InView(null!));
    }

    [Fact]
    public async Task SummaryAsync_asks_for_one_record_and_returns_the_totals_by_descriptor()
    {
        var executor = new PageExecutor(new Dictionary<int, decimal> { [2014503] = 227500m });
        var query = new WorkiomQuery<Deal, Deal.QueryFields>(executor).InView(OpenPipeline).Skip(3).Take(50);

        var summary = await query.SummaryAsync();

        Assert.Equal(227500m, summary.Get(new NumberField<Deal>(2014503, "Amount", WorkiomDataType.Currency)));
        Assert.Null(summary.Get(new NumberField<Deal>(2014504, "Probability")));
        var seen = Assert.Single(executor.Queries);
        Assert.Equal(1, seen.Take);
        Assert.Equal(535376, ((WorkiomQuery<Deal, Deal.QueryFields>)seen).View!.Id);
    }

    [Fact]
    public async Task ToPageAsync_hands_the_query_itself_to_the_executor()
    {
        var executor = new PageExecutor(new Dictionary<int, decimal>());
        var query = new WorkiomQuery<Deal, Deal.QueryFields>(executor).Take(5);

        var page = await query.ToPageAsync();

        Assert.Same(query, Assert.Single(executor.Queries));
        Assert.Equal(2, page.TotalCount);
    }

    private sealed class PageExecutor(Dictionary<int, decimal> totals) : IWorkiomQueryExecutor<Deal>
    {
        public List<IWorkiomQuery> Queries { get; } = [];

        public Task<WorkiomPage<Deal>> PageAsync(IWorkiomQuery query, CancellationToken cancellationToken)
        {
            Queries.Add(query);
            return Task.FromResult(new WorkiomPage<Deal>([new Deal("a"), new Deal("b")], 2, new WorkiomSummary<Deal>(totals)));
        }

        public Task<List<Deal>> ToListAsync(IWorkiomQuery query, CancellationToken cancellationToken) => throw new NotSupportedException();

        public Task<int> CountAsync(IWorkiomQuery query, CancellationToken cancellationToken) => throw new NotSupportedException();

        public Task<Deal?> FirstOrDefaultAsync(IWorkiomQuery query, CancellationToken cancellationToken) => throw new NotSupportedException();

        public async IAsyncEnumerable<Deal> StreamAsync(IWorkiomQuery query, [EnumeratorCancellation] CancellationToken cancellationToken)
        {
            await Task.Yield();
            yield break;
        }
    }
}
