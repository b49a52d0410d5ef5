using Workiom.Client.Tests.TestRecords;
using Workiom.Emulator;

namespace Workiom.Client.Tests;

/// <summary>
/// End to end on loopback: the emulator serves the staging tenant (only the staging snapshot, so every id the
/// client sends must be a staging id), and the Deal type generated from the primary snapshot runs against it.
/// </summary>
public class EnvironmentEmulatorTests
{
    private static string StagingSnapshot => Path.Combine(AppContext.BaseDirectory, "Environments", "staging-deals.json");

    [Fact]
    public async Task The_primary_types_create_query_update_and_read_back_in_the_staging_tenant()
    {
        var ct = Fakes.Guard.Token;
        await using var emulator = await WorkiomEmulator.StartAsync(new WorkiomEmulatorOptions { SchemaPaths = { StagingSnapshot } }, ct);
        using var client = emulator.CreateClient(options => options.Environment = "staging");
        var deals = client.Deals();

        var deal = new Deal { DealName = "Globex", Amount = 5000m, Stage = Deal.StageOption.Qualified };
        deal.Tags.Add(Deal.TagsOption.Enterprise);
        var created = await deals.CreateAsync(deal, ct);

        var found = await deals.Where(d => d.Stage == Deal.StageOption.Qualified && d.DealName == "Globex").ToListAsync(ct);
        var read = Assert.Single(found);
        Assert.Equal(created.Id, read.Id);
        Assert.True(read.Stage == Deal.StageOption.Qualified);
        Assert.Equal([Deal.TagsOption.Enterprise], read.Tags);

        read.Stage = Deal.StageOption.Won;
        await deals.UpdateAsync(read, ct);
        var again = await deals.GetAsync(created.Id!, ct);
        Assert.True(again.Stage == Deal.StageOption.Won);
        Assert.Equal("Globex", again.DealName);
        Assert.Empty(again.UnknownFields);
    }

    [Fact]
    public async Task A_webhook_subscription_in_the_staging_tenant_names_the_lists_staging_app_and_list()
    {
        var ct = Fakes.Guard.Token;
        await using var emulator = await WorkiomEmulator.StartAsync(new WorkiomEmulatorOptions { SchemaPaths = { StagingSnapshot } }, ct);
        using var client = emulator.CreateClient(options => options.Environment = "staging");
        var deals = client.Deals();
        var staging = Assert.Single(Deal.WorkiomEnvironments);

        // The emulator refuses an app id that is not the list's: the primary one would be refused here.
        var subscription = await deals.Webhooks.SubscribeAsync(new Uri("http://127.0.0.1:9/hooks/deals"), Workiom.Webhooks.WorkiomWebhookEvent.Updated, cancellationToken: ct);

        var registered = Assert.Single(emulator.Webhooks.Subscriptions);
        Assert.Equal(staging.ListId, subscription.ListId);
        Assert.Equal(staging.ListId, registered.ListId);
        Assert.NotNull(staging.AppId);
        Assert.Equal(staging.AppId, registered.AppId);
        Assert.NotEqual(Deal.WorkiomSchema.AppId, registered.AppId);
        await deals.Webhooks.UnsubscribeAsync(subscription.Id, ct);
        Assert.Empty(emulator.Webhooks.Subscriptions);
    }
}
