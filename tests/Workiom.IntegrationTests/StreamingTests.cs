using System.Diagnostics;
using Workiom.Emulator;
using Workiom.Http;
using Workiom.IntegrationTests.Lists;
using Xunit.Abstractions;

namespace Workiom.IntegrationTests;

/// <summary>Tens of thousands of records streamed page by page through one query.</summary>
public sealed class StreamingTests(ITestOutputHelper output)
{
    private const int RecordCount = 25_000;
    private const int PageSize = 5_000;

    [Fact]
    public async Task Twenty_five_thousand_records_stream_in_pages_and_in_order()
    {
        await using var emulator = await WorkiomEmulator.StartAsync(new WorkiomEmulatorOptions { SchemaPaths = { EmulatorFixture.SchemaDirectory } });
        var counter = new DataAllCounter { InnerHandler = new SocketsHttpHandler() };
        using var client = new WorkiomClient(
            new WorkiomClientOptions
            {
                BaseUrl = emulator.BaseAddress.ToString(),
                ApiKey = emulator.ApiKey,
                PageSize = PageSize,
                RetryBaseDelay = TimeSpan.FromMilliseconds(10),
            },
            counter);
        var deals = client.Deals();

        var stopwatch = Stopwatch.StartNew();
        // The emulator's public API only: concurrent creates, a few at a time so two cores stay busy without thrashing.
        await Parallel.ForEachAsync(
            Enumerable.Range(0, RecordCount),
            new ParallelOptions { MaxDegreeOfParallelism = 8 },
            async (i, cancellationToken) => await deals.CreateAsync(new Deal { DealName = $"deal {i:D5}", Amount = i }, cancellationToken));
        output.WriteLine($"Seeded {RecordCount} deals in {stopwatch.Elapsed.TotalSeconds:F1} s");
        Assert.Equal(RecordCount, await emulator.CountRecordsAsync(Deal.WorkiomListId));

        stopwatch.Restart();
        int expected = 0;
        var ids = new HashSet<string>(StringComparer.Ordinal);
        await foreach (var deal in deals.OrderBy(d => d.Amount).AsAsyncEnumerable())
        {
            Assert.Equal(expected, deal.Amount);
            Assert.Equal($"deal {expected:D5}", deal.DealName);
            Assert.True(ids.Add(deal.Id!), $"Deal {deal.Id} came twice.");
            expected++;
        }

        output.WriteLine($"Streamed {expected} deals in {stopwatch.Elapsed.TotalSeconds:F1} s with {counter.Calls} Data/All calls");
        Assert.Equal(RecordCount, expected);
        // One call per full page, and no extra call for an empty page once Workiom's total is reached.
        Assert.Equal(RecordCount / PageSize, counter.Calls);

        // A filtered stream with Skip and Take crosses a page boundary and stops at Take.
        counter.Calls = 0;
        var window = new List<Deal>();
        await foreach (var deal in deals.StreamAsync(
            deals.Where(d => d.Amount >= 10_000m).OrderBy(d => d.Amount).Skip(3).Take(7_000), default))
        {
            window.Add(deal);
        }

        Assert.Equal(Enumerable.Range(10_003, 7_000).Select(i => (decimal?)i), window.Select(d => d.Amount));
        Assert.Equal(2, counter.Calls);
    }

    /// <summary>Counts the Data/All calls that reach the wire.</summary>
    private sealed class DataAllCounter : DelegatingHandler
    {
        private int _calls;

        public int Calls
        {
            get => Volatile.Read(ref _calls);
            set => Volatile.Write(ref _calls, value);
        }

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            if (request.RequestUri?.AbsolutePath.EndsWith("/Data/All", StringComparison.Ordinal) == true)
            {
                Interlocked.Increment(ref _calls);
            }

            return base.SendAsync(request, cancellationToken);
        }
    }
}
