using Microsoft.Extensions.DependencyInjection;
using Workiom.Emulator.Faults;
using Workiom.Http;
using Workiom.ReliabilityTests.Lists;
using Workiom.ReliabilityTests.Support;

namespace Workiom.ReliabilityTests;

/// <summary>
/// An application that wraps all its HttpClients in the standard resilience handler (which retries
/// POST after a timeout) must not get duplicate records through AddWorkiom. Requests are counted at
/// the emulator: every Data/Create that arrives takes one firing of the queued slow-reply fault.
/// </summary>
public sealed class ResilienceDefaultsTests
{
    [Theory(Timeout = 60_000)]
    [InlineData(true)]
    [InlineData(false)]
    public async Task A_create_that_timed_out_reaches_Workiom_once_under_app_wide_standard_resilience(bool defaultsFirst)
    {
        await using var session = await EmulatorSession.StartAsync();
        var services = new ServiceCollection();
        if (defaultsFirst)
        {
            services.ConfigureHttpClientDefaults(b => b.AddStandardResilienceHandler());
        }

        services.AddWorkiom(o =>
        {
            RedirectTests.CopyTo(EmulatorSession.ClientOptionsFor(session.Emulator), o);
            o.Timeout = TimeSpan.FromSeconds(1);
        });
        if (!defaultsFirst)
        {
            services.ConfigureHttpClientDefaults(b => b.AddStandardResilienceHandler());
        }

        await using var provider = services.BuildServiceProvider();
        var deals = provider.GetRequiredService<WorkiomClient>().Deals();
        session.Emulator.Faults.Enqueue(new EmulatorFault("Data/Create", FaultKind.SlowReply, delay: TimeSpan.FromSeconds(30), times: 10));
        int arrivedBefore = session.Emulator.Faults.Fired;

        var error = await Assert.ThrowsAsync<WorkiomTimeoutException>(() => deals.CreateAsync(new Deal { DealName = "Once" }, CancellationToken.None));

        Assert.Equal(1, session.Emulator.Faults.Fired - arrivedBefore);
        Assert.Contains("may have reached Workiom", error.Message);
    }
}
