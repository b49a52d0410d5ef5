using Workiom.IntegrationTests.Lists;

namespace Workiom.IntegrationTests;

/// <summary>Saved views and summaries from the generated types over real HTTP to the emulator.</summary>
public sealed class ViewAndSummaryTests(EmulatorFixture fixture) : IClassFixture<EmulatorFixture>, IAsyncLifetime
{
    public async Task InitializeAsync()
    {
        using var client = fixture.CreateClient();
        if (await client.Deals().Query().CountAsync() > 0)
        {
            // xUnit runs this before each test; the emulator is this class's own, seeded by the first.
            return;
        }

        foreach (var (name, amount, stage) in new[]
        {
            ("won", 100m, Deal.StageOption.Won),
            ("qualified", 200m, Deal.StageOption.Qualified),
            ("lead", 300m, Deal.StageOption.Lead),
        })
        {
            await client.Deals().CreateAsync(new Deal { DealName = "view-" + name, Amount = amount, Stage = stage }, default);
        }

        await client.Companies().CreateAsync(new Company { CompanyName = "Small Co", Employees = 20 }, default);
        await client.Companies().CreateAsync(new Company { CompanyName = "Big Co", Employees = 2000 }, default);
    }

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task A_generated_view_runs_with_its_stored_filters_and_can_be_narrowed()
    {
        using var client = fixture.CreateClient();
        var deals = client.Deals();

        var open = await deals.View(Deal.Views.OpenPipelineBoard).OrderBy(d => d.Amount).ToListAsync();
        var bigOpen = await deals.View(Deal.Views.OpenPipelineBoard).Where(d => d.Amount > 250m).ToListAsync();
        var all = await deals.View(Deal.Views.AllDeals).CountAsync();

        Assert.Equal(["view-qualified", "view-lead"], open.Select(d => d.DealName));
        Assert.Equal(["view-lead"], bigOpen.Select(d => d.DealName));
        Assert.Equal(3, all);
        var large = await client.Companies().View(Company.Views.LargeCompanies).ToListAsync();
        Assert.Equal(["Big Co"], large.Select(c => c.CompanyName));
    }

    [Fact]
    public async Task The_summary_totals_every_match_of_the_query_not_only_the_page()
    {
        using var client = fixture.CreateClient();
        var deals = client.Deals();

        var everything = await deals.Query().Take(1).SummaryAsync();
        var inView = await deals.View(Deal.Views.OpenPipelineBoard).SummaryAsync();
        var page = await deals.View(Deal.Views.OpenPipelineBoard).Where(d => d.Amount > 250m).ToPageAsync();

        Assert.Equal(600m, everything.Get(Deal.Fields.Amount));
        Assert.Equal(500m, inView.Get(Deal.Fields.Amount));
        Assert.Equal(300m, page.Summary.Get(Deal.Fields.Amount));
        Assert.Equal(1, page.TotalCount);
        Assert.Equal("view-lead", Assert.Single(page.Records).DealName);
        Assert.Null(page.Summary.Get(Deal.Fields.Probability));
    }

    [Fact]
    public async Task A_view_id_the_list_does_not_have_is_a_not_found_error_with_workioms_message()
    {
        using var client = fixture.CreateClient();

        var error = await Assert.ThrowsAsync<WorkiomNotFoundException>(() => client.Deals().View(987654).ToListAsync());

        Assert.Contains("987654", error.Message, StringComparison.Ordinal);
    }
}
