using System.Text.Json.Nodes;
using Crm.Lists;
using Workiom;
using Workiom.Emulator;
using Workiom.Emulator.Xunit;
using Workiom.Http;

namespace Crm.Tests;

/// <summary>
/// The sample's one method against two tenants: the fixture's emulator serves the primary snapshots
/// (schemas/), a second emulator the staging tenant's (schemas/staging/: every id different, "Deal Name"
/// renamed "Deal Title"), reached by a client with Environment = "staging".
/// </summary>
public sealed class EnvironmentTourTests(WorkiomEmulatorFixture workiom) : IClassFixture<WorkiomEmulatorFixture>, IAsyncLifetime
{
    private const string StagingDeals = "e61f0b9c-84d2-4a37-26c1-19f702ab5d96";
    private const string StagingCompanies = "4a8d2f60-c5e1-4b9a-b814-82a0e37c6d21";
    private const string StagingDealTitle = "3014502";
    private const string StagingWon = "d3a0b9d3-3e98-562a-9bdb-15527b2aa8fd";

    private readonly StringWriter _output = new();
    private WorkiomEmulator? _staging;

    private WorkiomEmulator Staging => _staging!;

    public async Task InitializeAsync()
    {
        await workiom.ResetAsync();
        _staging = await WorkiomEmulator.StartAsync(new WorkiomEmulatorOptions
        {
            SchemaPaths = { Path.Combine(AppContext.BaseDirectory, "schemas", "staging") },
        });
    }

    public async Task DisposeAsync()
    {
        if (_staging is not null)
        {
            await _staging.DisposeAsync();
        }
    }

    [Fact]
    public async Task The_same_method_writes_each_tenant_s_own_ids_and_reads_back_the_same_records()
    {
        using var staging = StagingClient("staging");

        var runs = await new EnvironmentTour(TestConsole.Create(_output)).RunAsync(
            [("Primary tenant", workiom.Client, workiom.Emulator.GetStoredRecordJsonAsync), ("Staging tenant", staging, Staging.GetStoredRecordJsonAsync)],
            CancellationToken.None);

        var (primary, other) = (runs[0], runs[1]);
        Assert.Equal(Deal.WorkiomListId, primary.ListId);
        Assert.Equal(StagingDeals, other.ListId);

        // Each store holds its own tenant's ids: the staging record is keyed by the staging field ids and its
        // stage holds the staging option id, and its link points at the staging company.
        var stored = JsonNode.Parse((await Staging.GetStoredRecordJsonAsync(StagingDeals, other.Deal.Id!))!)!.AsObject();
        Assert.Equal("Umbrella rollout", stored[StagingDealTitle]!.GetValue<string>());
        Assert.False(stored.ContainsKey(Deal.Fields.DealName.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        Assert.Equal([other.Company.Id!], await Staging.GetRecordIdsAsync(StagingCompanies));
        Assert.Equal([primary.Deal.Id!], await workiom.Emulator.GetRecordIdsAsync(Deal.WorkiomListId));

        // In memory both speak the primary ids: the same typed values, whichever tenant they came from.
        foreach (var run in runs)
        {
            Assert.Equal(Deal.StageOption.Won, run.Deal.Stage);
            Assert.Equal([Deal.TagsOption.Enterprise], run.Deal.Tags);
            var won = Assert.Single(run.Won);
            Assert.Equal(("Umbrella rollout", 75_000m, "Umbrella Corp"), (won.DealName, won.Amount, Assert.Single(won.Company).Label));
        }

        string output = _output.ToString();
        Assert.Contains(Deal.WorkiomListId, output);
        Assert.Contains(StagingDeals, output);
        Assert.Contains(StagingDealTitle, output);
        Assert.Contains(StagingWon, output);
        Assert.Contains(Deal.StageOption.Won.Id, output);
    }

    [Fact]
    public async Task Without_its_environment_the_code_cannot_reach_the_staging_tenant_s_lists()
    {
        using var primaryIds = StagingClient(null);

        await Assert.ThrowsAnyAsync<WorkiomException>(() => EnvironmentTour.CloseADealAsync(primaryIds, CancellationToken.None));

        Assert.Empty(await Staging.GetRecordIdsAsync(StagingCompanies));
    }

    [Fact]
    public async Task An_environment_the_build_has_no_snapshots_of_throws_before_anything_is_sent()
    {
        using var production = StagingClient("production");

        var failure = await Assert.ThrowsAsync<WorkiomEnvironmentException>(() => EnvironmentTour.CloseADealAsync(production, CancellationToken.None));

        Assert.Contains("production", failure.Message);
        Assert.Contains("staging", failure.Message);
        Assert.Empty(await Staging.GetRecordIdsAsync(StagingCompanies));
    }

    private WorkiomClient StagingClient(string? environment) => new(new WorkiomClientOptions
    {
        BaseUrl = Staging.BaseAddress.ToString(),
        ApiKey = Staging.ApiKey,
        Environment = environment,
        MaxAttempts = 1,
    });
}
