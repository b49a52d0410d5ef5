using Crm.Lists;
using Workiom;
using Workiom.Emulator.Faults;
using Workiom.Emulator.Xunit;

namespace Crm.Tests;

/// <summary>
/// The CRM sample's tour against the emulator: arrange with the typed client, act with the sample's own code,
/// assert on the typed records the emulator stored and on the faults it served. The pattern to copy for a
/// product's own tests.
/// </summary>
public sealed class CrmTourTests(WorkiomEmulatorFixture workiom) : IClassFixture<WorkiomEmulatorFixture>, IAsyncLifetime
{
    private readonly StringWriter _output = new();

    /// <summary>Every test starts with an empty store and no queued faults.</summary>
    public Task InitializeAsync() => workiom.ResetAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task The_write_tour_stores_linked_companies_and_deals_attaches_the_contract_and_deletes_one_deal()
    {
        var existing = await workiom.Client.Deals().CreateAsync(new Deal { DealName = "Already there", Amount = 1m });

        await Tour().WriteAsync(CancellationToken.None);

        var companies = await workiom.GetRecordsAsync<Company>();
        Assert.Equal(["Acme Corp", "Globex", "Initech"], companies.Select(c => c.CompanyName));
        var deals = (await workiom.GetRecordsAsync<Deal>()).ToDictionary(d => d.DealName!);
        Assert.Equal(["Already there", "Acme renewal 2025", "Globex pilot", "Initech expansion", "Globex warehouse rollout"], deals.Keys);
        Assert.Equal(existing.Id, deals["Already there"].Id);
        Assert.Equal(Deal.StageOption.Won, deals["Globex pilot"].Stage);
        Assert.Equal(100m, deals["Globex pilot"].Completion);
        Assert.Equal("acme-msa.pdf", Assert.Single(deals["Acme renewal 2025"].Contract).FileName);
        Assert.Equal("Acme Corp", Assert.Single(deals["Acme renewal 2025"].Company).Label);
        Assert.True(deals["Globex warehouse rollout"].IsStrategic);
        Assert.Equal([Deal.TagsOption.SMB], deals["Initech expansion"].Tags);
    }

    [Fact]
    public async Task A_503_on_the_partial_update_is_retried_and_the_tour_completes_without_duplicates()
    {
        workiom.Faults.Enqueue(new EmulatorFault("Data/UpdatePartial", FaultKind.ServerError, times: 2));

        await Tour().WriteAsync(CancellationToken.None);

        Assert.Equal(0, workiom.Faults.Pending);
        var deals = await workiom.GetRecordsAsync<Deal>();
        Assert.Equal(4, deals.Count);
        Assert.Equal(Deal.StageOption.Won, Assert.Single(deals, d => d.DealName == "Globex pilot").Stage);
        Assert.Single(Assert.Single(deals, d => d.DealName == "Acme renewal 2025").Contract);
    }

    [Fact]
    public async Task A_503_on_a_create_is_not_retried_and_stops_the_tour_with_Workiom_s_error()
    {
        workiom.Faults.Enqueue(new EmulatorFault("Data/Create", FaultKind.ServerError));

        var failure = await Assert.ThrowsAnyAsync<WorkiomException>(() => Tour().WriteAsync(CancellationToken.None));

        // A create that may have reached Workiom is never sent twice: the emulator refused it, so nothing is stored.
        Assert.Equal(0, workiom.Faults.Pending);
        Assert.Empty(await workiom.GetRecordsAsync<Company>());
        Assert.NotNull(failure.Message);
    }

    [Fact]
    public async Task The_read_tour_reports_the_stored_pipeline_and_rides_out_a_503_on_a_query()
    {
        var acme = await workiom.Client.Companies().CreateAsync(new Company { CompanyName = "Acme Corp", Employees = 850 });
        foreach (var (name, amount, stage) in new[]
        {
            ("Big open", 90_000m, Deal.StageOption.Qualified),
            ("Big won", 75_000m, Deal.StageOption.Won),
            ("Small open", 5_000m, Deal.StageOption.Lead),
        })
        {
            var deal = new Deal { DealName = name, Amount = amount, Stage = stage, IsStrategic = amount > 80_000m };
            deal.Company.Add(acme);
            await workiom.Client.Deals().CreateAsync(deal);
        }

        workiom.Faults.Enqueue(new EmulatorFault("Data/All", FaultKind.ServerError));

        await Tour().ReadAsync(CancellationToken.None);

        Assert.Equal(0, workiom.Faults.Pending);
        string output = _output.ToString();
        Assert.Contains("Big open", output);
        Assert.Contains("3 deals in the list", output);
        Assert.Contains("Acme Corp (850)", output);
        Assert.Equal(3, (await workiom.GetRecordsAsync<Deal>()).Count);
    }

    /// <summary>The sample's tour on the fixture's client, writing its tables to a console the test reads.</summary>
    private CrmTour Tour() => new(workiom.Client, TestConsole.Create(_output));
}
