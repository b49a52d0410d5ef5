using System.Text.Json.Nodes;

namespace Workiom.Emulator.Tests;

public sealed class ConcurrencyTests
{
    [Fact]
    public async Task Thirty_two_writers_creating_fifty_records_each_lose_nothing()
    {
        const int writers = 32;
        const int perWriter = 50;
        await using var host = await TestEmulator.StartAsync();
        var company = await host.CreateCompanyAsync("Shared target");

        var created = await Task.WhenAll(Enumerable.Range(0, writers).Select(async writer =>
        {
            var ids = new List<(string Id, long Number)>();
            for (var i = 0; i < perWriter; i++)
            {
                var reply = await host.CreateAsync(Ids.Deals, new JsonObject
                {
                    [Ids.DealName] = $"w{writer}-{i}",
                    [Ids.Amount] = i,
                    [Ids.Company] = new JsonArray(company),
                });
                Assert.True(reply.Success, reply.ErrorMessage);
                ids.Add((reply.Id, reply.Record[Ids.DealNo]!.GetValue<long>()));
            }

            return ids;
        }));

        var all = created.SelectMany(x => x).ToList();
        Assert.Equal(writers * perWriter, await host.Emulator.CountRecordsAsync(Ids.Deals));
        Assert.Equal(writers * perWriter, all.Select(x => x.Id).Distinct().Count());
        Assert.Equal(Enumerable.Range(1, writers * perWriter).Select(n => (long)n), all.Select(x => x.Number).Order());
        var companyRecord = (await host.GetRecordAsync(Ids.Companies, company)).Record;
        Assert.Equal("Shared target", companyRecord[Ids.CompanyName]!.GetValue<string>());
        var stored = await host.Emulator.GetRecordIdsAsync(Ids.Deals);
        Assert.Equal(all.Select(x => x.Id).Order(StringComparer.Ordinal), stored.Order(StringComparer.Ordinal));
    }
}
