using EmulatorConsumer.Lists;
using Workiom.Emulator;
using Workiom.Emulator.Faults;
using Workiom.Emulator.Xunit;
using Xunit;

namespace EmulatorConsumer;

/// <summary>A user's test against the packed emulator, through the packed fixture: what README shows.</summary>
public sealed class RoundTripTests(WorkiomEmulatorFixture workiom) : IClassFixture<WorkiomEmulatorFixture>, IAsyncLifetime
{
    public Task InitializeAsync() => workiom.ResetAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task Creates_queries_and_reads_typed_records()
    {
        var acme = await workiom.Client.Companies().CreateAsync(new Company { CompanyName = "Acme Corp", Employees = 850 });
        var deal = new Deal { DealName = "Acme renewal", Amount = 120_000m, Stage = Deal.StageOption.Qualified };
        deal.Company.Add(acme);
        await workiom.Client.Deals().CreateAsync(deal);
        await workiom.Client.Deals().CreateAsync(new Deal { DealName = "Small one", Amount = 5_000m });

        workiom.Faults.Enqueue(new EmulatorFault("Data/All", FaultKind.ServerError));
        var large = await workiom.Client.Deals().Where(d => d.Amount > 100_000m).ToListAsync();

        Assert.Equal("Acme renewal", Assert.Single(large).DealName);
        Assert.Equal(0, workiom.Faults.Pending);   // the 503 was answered, and the client retried
        var stored = await workiom.GetRecordsAsync<Deal>();
        Assert.Equal(["Acme renewal", "Small one"], stored.Select(d => d.DealName));
        Assert.Equal(Deal.StageOption.Qualified, stored[0].Stage);
        Assert.Equal("Acme Corp", Assert.Single(stored[0].Company).Label);
    }

    [Fact]
    public async Task The_same_types_write_and_query_a_second_tenant_whose_ids_differ()
    {
        await using var staging = await WorkiomEmulator.StartAsync(
            new WorkiomEmulatorOptions { SchemaPaths = { Path.Combine(AppContext.BaseDirectory, "schemas", "staging") } });
        using var client = staging.CreateClient(options => options.Environment = "staging");

        await client.Deals().CreateAsync(new Deal { DealName = "Staging deal", Amount = 200_000m, Stage = Deal.StageOption.Won });
        var read = Assert.Single(await client.Deals().Where(d => d.Amount > 100_000m).ToListAsync());

        Assert.Equal("Staging deal", read.DealName);
        Assert.Equal(Deal.StageOption.Won, read.Stage);
        Assert.NotEqual(Deal.WorkiomListId, client.Deals().ListId);
        Assert.Equal(client.Deals().ListId, Assert.Single(Deal.WorkiomEnvironments).ListId);
    }

    [Fact]
    public async Task Each_test_starts_with_an_empty_store()
    {
        Assert.Empty(await workiom.GetRecordsAsync<Deal>());
        Assert.Empty(await workiom.GetRecordsAsync<Company>());

        await workiom.Client.Companies().CreateAsync(new Company { CompanyName = "Left behind" });
    }
}
