using System.Runtime.CompilerServices;
using Workiom.Queries.Tests.Support;
using Workiom.Queries.Tests.TestRecords;
using static Workiom.Queries.Tests.Support.Bodies;

namespace Workiom.Queries.Tests;

/// <summary>Running a query hands the query itself to the executor it was built with.</summary>
public class ExecutorTests
{
    [Fact]
    public async Task To_list_hands_the_query_and_token_to_the_executor()
    {
        var executor = new RecordingExecutor([new Deal("64432f26b032d10001e89d88") { DealName = "Acme renewal 2025" }]);
        var query = new WorkiomQuery<Deal, Deal.QueryFields>(executor).Where(d => d.Amount > 1000).Take(5);
        using var cancellation = new CancellationTokenSource();

        var deals = await query.ToListAsync(cancellation.Token);

        Assert.Equal("Acme renewal 2025", Assert.Single(deals).DealName);
        Assert.Equal("ToList", Assert.Single(executor.Calls).Method);
        Assert.Same(query, executor.Calls[0].Query);
        Assert.Equal(cancellation.Token, executor.Calls[0].Token);
    }

    [Fact]
    public async Task Count_and_first_or_default_delegate()
    {
        var executor = new RecordingExecutor([new Deal("a"), new Deal("b")]);
        var query = new WorkiomQuery<Deal, Deal.QueryFields>(executor).Search("acme");

        Assert.Equal(2, await query.CountAsync());
        Assert.Equal("a", (await query.FirstOrDefaultAsync())!.Id);
        Assert.Equal(["Count", "FirstOrDefault"], executor.Calls.Select(static c => c.Method));
        Assert.All(executor.Calls, c => Assert.Same(query, c.Query));
    }

    [Fact]
    public async Task Streaming_works_through_as_async_enumerable_and_await_foreach()
    {
        var executor = new RecordingExecutor([new Deal("a"), new Deal("b"), new Deal("c")]);
        var query = new WorkiomQuery<Deal, Deal.QueryFields>(executor);

        var streamed = new List<string?>();
        await foreach (var deal in query.AsAsyncEnumerable())
        {
            streamed.Add(deal.Id);
        }

        await foreach (var deal in query)
        {
            streamed.Add(deal.Id);
        }

        Assert.Equal(["a", "b", "c", "a", "b", "c"], streamed);
        Assert.Equal(["Stream", "Stream"], executor.Calls.Select(static c => c.Method));
    }

    [Fact]
    public async Task The_executor_reads_paging_and_projection_and_writes_pages()
    {
        var executor = new RecordingExecutor([]);
        var query = new WorkiomQuery<Deal, Deal.QueryFields>(executor)
            .Where(d => d.Stage == Deal.StageOption.Won)
            .Select(d => new IWorkiomField[] { d.DealName, d.Amount })
            .Skip(10)
            .Take(15000);

        await query.ToListAsync();

        var seen = executor.Calls[0].Query;
        Assert.Equal(DealsListId, seen.ListId);
        Assert.Equal(10, seen.Skip);
        Assert.Equal(15000, seen.Take);
        Assert.Equal([2014502, 2014503], seen.ProjectedFieldIds!);
        JsonAssert.Equal(
            Body(
                DealsListId,
                Item(2014505, 3, """[{ "id": "c1818389-a77d-468f-92e5-7f47fff6f3b8", "label": "Won" }]"""),
                projectedFields: "[2014502, 2014503]",
                maxResultCount: 5000,
                skipCount: 10010),
            executor.PageBodies[0]);
    }

    [Fact]
    public void A_null_executor_is_refused() =>
        Assert.Throws<ArgumentNullException>(() => new WorkiomQuery<Deal, Deal.QueryFields>(null!));

    /// <summary>Records every call; answers from a fixed list of deals, the way a repository answers from Workiom.</summary>
    private sealed class RecordingExecutor(List<Deal> deals) : IWorkiomQueryExecutor<Deal>
    {
        public List<(string Method, IWorkiomQuery Query, CancellationToken Token)> Calls { get; } = [];

        public List<string> PageBodies { get; } = [];

        public Task<List<Deal>> ToListAsync(IWorkiomQuery query, CancellationToken cancellationToken)
        {
            Calls.Add(("ToList", query, cancellationToken));

            // Like a repository: the second page of 10 000 holds what is left of Take after the first.
            int secondPage = Math.Min(WorkiomQuery<Deal, Deal.QueryFields>.MaxResultCountLimit, (query.Take ?? 0) - 10_000);
            if (secondPage > 0)
            {
                PageBodies.Add(Body(query, query.Skip + 10_000, secondPage));
            }

            return Task.FromResult(deals.ToList());
        }

        public Task<int> CountAsync(IWorkiomQuery query, CancellationToken cancellationToken)
        {
            Calls.Add(("Count", query, cancellationToken));
            return Task.FromResult(deals.Count);
        }

        public Task<WorkiomPage<Deal>> PageAsync(IWorkiomQuery query, CancellationToken cancellationToken)
        {
            Calls.Add(("Page", query, cancellationToken));
            return Task.FromResult(new WorkiomPage<Deal>(deals, deals.Count, new WorkiomSummary<Deal>(new Dictionary<int, decimal> { [2014503] = 7m })));
        }

        public Task<Deal?> FirstOrDefaultAsync(IWorkiomQuery query, CancellationToken cancellationToken)
        {
            Calls.Add(("FirstOrDefault", query, cancellationToken));
            return Task.FromResult(deals.FirstOrDefault());
        }

        public async IAsyncEnumerable<Deal> StreamAsync(IWorkiomQuery query, [EnumeratorCancellation] CancellationToken cancellationToken)
        {
            Calls.Add(("Stream", query, cancellationToken));
            foreach (var deal in deals)
            {
                await Task.Yield();
                yield return deal;
            }
        }

        private static string Body(IWorkiomQuery query, int skipCount, int maxResultCount)
        {
            var buffer = new System.Buffers.ArrayBufferWriter<byte>();
            using (var writer = new System.Text.Json.Utf8JsonWriter(buffer))
            {
                query.WriteDataAllBody(writer, skipCount, maxResultCount);
            }

            return System.Text.Encoding.UTF8.GetString(buffer.WrittenSpan);
        }
    }
}
