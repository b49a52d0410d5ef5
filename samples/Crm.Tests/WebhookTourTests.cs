using Crm.Lists;
using Workiom;
using Workiom.Emulator.Faults;
using Workiom.Emulator.Xunit;
using Workiom.Webhooks;

namespace Crm.Tests;

/// <summary>
/// The sample's webhook receiver, end to end: real HTTP on loopback from the emulator's delivery to the
/// ASP.NET Core endpoint, read into the generated Deal type.
/// </summary>
public sealed class WebhookTourTests(WorkiomEmulatorFixture workiom) : IClassFixture<WorkiomEmulatorFixture>, IAsyncLifetime
{
    private readonly StringWriter _output = new();

    /// <summary>Every test starts with an empty store, no subscriptions and no queued faults.</summary>
    public Task InitializeAsync() => workiom.ResetAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task The_updated_deal_arrives_as_a_typed_record_and_the_subscription_is_removed_afterwards()
    {
        var hook = await Tour().RunAsync(WebhookTour.DefaultTimeout, CancellationToken.None);

        Assert.Equal(WorkiomWebhookEvent.Updated, hook.Event);
        Assert.Equal("Hooli webhook pilot", hook.Record.DealName);
        Assert.Equal(30_000m, hook.Record.Amount);
        Assert.Equal(Deal.StageOption.Won, hook.Record.Stage);
        Assert.Equal(100m, hook.Record.Probability);
        Assert.True(hook.AllKeysMatched, string.Join(", ", hook.UnmatchedKeys.Concat(hook.AmbiguousKeys)));
        var stored = Assert.Single(await workiom.GetRecordsAsync<Deal>());
        Assert.Equal(stored.Id, hook.Record.Id);

        // The receiver got the delivery (above) and the tour removed its subscription. The emulator's delivery log
        // is not asserted: the tour unsubscribes as soon as its handler has the record, which may end the emulator's
        // attempt before it reads the receiver's reply and logs it.
        Assert.Empty(workiom.Emulator.Webhooks.Subscriptions);
        Assert.Contains("Hooli webhook pilot", _output.ToString());
    }

    [Fact]
    public async Task A_failed_create_ends_the_tour_with_Workiom_s_error_and_still_removes_the_subscription()
    {
        workiom.Faults.Enqueue(new EmulatorFault("Data/Create", FaultKind.ServerError));

        await Assert.ThrowsAnyAsync<WorkiomException>(() => Tour().RunAsync(WebhookTour.DefaultTimeout, CancellationToken.None));

        Assert.Equal(0, workiom.Faults.Pending);
        Assert.Empty(workiom.Emulator.Webhooks.Subscriptions);
        Assert.Empty(workiom.Emulator.Webhooks.Deliveries);
    }

    private WebhookTour Tour() => new(workiom.Client, TestConsole.Create(_output));
}
