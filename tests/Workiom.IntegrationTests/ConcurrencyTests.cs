using System.Collections.Concurrent;
using System.Diagnostics;
using Workiom.Emulator;
using Workiom.IntegrationTests.Lists;
using Xunit.Abstractions;

namespace Workiom.IntegrationTests;

/// <summary>Many clients writing at once lose nothing: every create is stored once and every partial update lands.</summary>
public sealed class ConcurrencyTests(ITestOutputHelper output)
{
    private const int Writers = 32;
    private const int WritesPerWriter = 200;

    [Fact]
    public async Task Thirty_two_writers_creating_and_updating_at_once_lose_nothing()
    {
        await using var emulator = await WorkiomEmulator.StartAsync(new WorkiomEmulatorOptions { SchemaPaths = { EmulatorFixture.SchemaDirectory } });
        using var client = Clients.For(emulator);
        var deals = client.Deals();
        var created = new ConcurrentBag<string>();
        var stopwatch = Stopwatch.StartNew();

        await Task.WhenAll(Enumerable.Range(0, Writers).Select(writer => Task.Run(async () =>
        {
            // Half the writes are creates, half partial updates of the record just created.
            for (int i = 0; i < WritesPerWriter / 2; i++)
            {
                var deal = await deals.CreateAsync(new Deal { DealName = $"w{writer}-{i}", Amount = i }, default);
                created.Add(deal.Id!);
                deal.Probability = writer;
                deal.Stage = i % 2 == 0 ? Deal.StageOption.Won : Deal.StageOption.Lost;
                await deals.UpdateAsync(deal, default);
            }
        })));
        output.WriteLine($"{Writers * WritesPerWriter} writes by {Writers} writers in {stopwatch.Elapsed.TotalSeconds:F1} s");

        Assert.Equal(Writers * WritesPerWriter / 2, created.Distinct().Count());
        Assert.Equal(Writers * WritesPerWriter / 2, await emulator.CountRecordsAsync(Deal.WorkiomListId));
        var all = await deals.Query().ToListAsync();
        Assert.Equal(Writers * WritesPerWriter / 2, all.Count);
        foreach (var deal in all)
        {
            var parts = deal.DealName!.TrimStart('w').Split('-');
            int writer = int.Parse(parts[0], System.Globalization.CultureInfo.InvariantCulture);
            int index = int.Parse(parts[1], System.Globalization.CultureInfo.InvariantCulture);
            Assert.Equal(index, deal.Amount);
            Assert.Equal(writer, deal.Probability);
            Assert.Equal(index % 2 == 0 ? Deal.StageOption.Won : Deal.StageOption.Lost, deal.Stage);
        }

        Assert.Equal(Writers * WritesPerWriter / 2, all.Select(d => d.DealName).Distinct().Count());
        // AutoNumbers handed out under contention are still unique.
        Assert.Equal(all.Count, all.Select(d => d.DealNo).Distinct().Count());
    }
}
