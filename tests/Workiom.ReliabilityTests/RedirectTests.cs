using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Workiom.Emulator.Faults;
using Workiom.Http;
using Workiom.ReliabilityTests.Lists;
using Workiom.ReliabilityTests.Support;

namespace Workiom.ReliabilityTests;

/// <summary>
/// Over real HTTP: the emulator answers with a redirect to a second listener on another port of
/// 127.0.0.1, which records whatever reaches it. The key must never arrive there, however the client
/// was built.
/// </summary>
public sealed class RedirectTests
{
    private static CancellationToken None => CancellationToken.None;

    public static TheoryData<int> Statuses => new() { 301, 302, 303, 307, 308 };

    [Theory(Timeout = 60_000)]
    [MemberData(nameof(Statuses))]
    public async Task A_redirect_to_another_port_is_refused_and_nothing_reaches_it(int status)
    {
        await using var elsewhere = await RecordingServer.StartAsync();
        await using var session = await EmulatorSession.StartAsync();
        var deals = session.Client.Deals();
        session.Emulator.Faults.Enqueue(EmulatorFault.Redirect("Data/Create", new Uri(elsewhere.BaseAddress, "api/services/app/Data/Create"), status));
        session.Emulator.Faults.Enqueue(EmulatorFault.Redirect("Data/Get", new Uri(elsewhere.BaseAddress, "collect?from=workiom"), status));

        var create = await Assert.ThrowsAsync<WorkiomRedirectException>(() => deals.CreateAsync(new Deal { DealName = "Redirected" }, None));
        var get = await Assert.ThrowsAsync<WorkiomRedirectException>(() => deals.GetAsync("any-record", None));

        Assert.Empty(elsewhere.Calls);
        Assert.Equal((HttpStatusCode)status, create.StatusCode);
        Assert.Equal((HttpStatusCode)status, get.StatusCode);
        Assert.Equal(elsewhere.Origin, create.TargetOrigin);
        Assert.Equal(elsewhere.Origin, get.TargetOrigin);
        Assert.Contains("Workiom:BaseUrl", create.Message);
        Assert.DoesNotContain(session.Emulator.ApiKey, create + "\n" + get + "\n" + session.Logs.AllText);
        Assert.Equal(2, session.Emulator.Faults.Fired);
    }

    public static TheoryData<string> Registrations => new() { "factory default", "app's SocketsHttpHandler", "app's HttpClientHandler" };

    [Theory(Timeout = 60_000)]
    [MemberData(nameof(Registrations))]
    public async Task AddWorkiom_never_follows_a_redirect_whatever_primary_handler_the_app_configures(string registration)
    {
        await using var elsewhere = await RecordingServer.StartAsync();
        await using var session = await EmulatorSession.StartAsync();
        var services = new ServiceCollection();
        var builder = services.AddWorkiom(o => CopyTo(EmulatorSession.ClientOptionsFor(session.Emulator), o));
        switch (registration)
        {
            case "app's SocketsHttpHandler":
                builder.ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler());
                break;
            case "app's HttpClientHandler":
                builder.ConfigurePrimaryHttpMessageHandler(() => new HttpClientHandler());
                break;
        }

        await using var provider = services.BuildServiceProvider();
        var deals = provider.GetRequiredService<WorkiomClient>().Deals();
        session.Emulator.Faults.Enqueue(EmulatorFault.Redirect("Data/Create", new Uri(elsewhere.BaseAddress, "api/services/app/Data/Create"), 307));

        var error = await Assert.ThrowsAsync<WorkiomRedirectException>(() => deals.CreateAsync(new Deal { DealName = "Redirected" }, None));

        Assert.Empty(elsewhere.Calls);
        Assert.Equal(HttpStatusCode.TemporaryRedirect, error.StatusCode);
        Assert.Equal(elsewhere.Origin, error.TargetOrigin);
    }

    [Fact(Timeout = 60_000)]
    public async Task A_reply_that_a_callers_redirect_following_HttpClient_fetched_elsewhere_is_refused()
    {
        await using var elsewhere = await RecordingServer.StartAsync();
        await using var session = await EmulatorSession.StartAsync();
        using var http = new HttpClient();
        using var client = new WorkiomClient(http, EmulatorSession.ClientOptionsFor(session.Emulator));
        session.Emulator.Faults.Enqueue(EmulatorFault.Redirect("Data/Get", new Uri(elsewhere.BaseAddress, "collect"), 302));

        var error = await Assert.ThrowsAsync<WorkiomRedirectException>(() => client.Deals().GetAsync("any-record", None));

        Assert.Equal(elsewhere.Origin, error.TargetOrigin);
        Assert.Contains("AllowAutoRedirect = false", error.Message);
        Assert.DoesNotContain(session.Emulator.ApiKey, error.ToString());
        // The caller's handler did follow it, key and all; that is why the client's own handlers never do.
        Assert.Equal(session.Emulator.ApiKey, Assert.Single(elsewhere.Calls).ApiKey);
    }

    [Fact(Timeout = 60_000)]
    public async Task The_emulator_queues_a_redirect_through_its_admin_api_too()
    {
        await using var session = await EmulatorSession.StartAsync();
        using var http = new HttpClient(new SocketsHttpHandler { AllowAutoRedirect = false }) { BaseAddress = session.Emulator.BaseAddress };
        http.DefaultRequestHeaders.Add("X-Api-Key", session.Emulator.ApiKey);

        using var queued = await http.PostAsync("_emulator/faults", Json("""{"path":"Data/Get","kind":"Redirect","redirectTo":"http://127.0.0.1:9/collect"}"""));
        using var missingTarget = await http.PostAsync("_emulator/faults", Json("""{"path":"Data/Get","kind":"Redirect"}"""));
        using var redirected = await http.GetAsync("api/services/app/Data/Get?listId=1&id=2");

        Assert.Equal(HttpStatusCode.OK, queued.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, missingTarget.StatusCode);
        Assert.Equal(HttpStatusCode.Found, redirected.StatusCode);
        Assert.Equal(new Uri("http://127.0.0.1:9/collect"), redirected.Headers.Location);
        Assert.Equal(1, session.Emulator.Faults.Fired);
    }

    private static StringContent Json(string json) => new(json, System.Text.Encoding.UTF8, "application/json");

    internal static void CopyTo(WorkiomClientOptions from, WorkiomClientOptions to)
    {
        to.BaseUrl = from.BaseUrl;
        to.ApiKey = from.ApiKey;
        to.Timeout = from.Timeout;
        to.MaxAttempts = from.MaxAttempts;
        to.RetryBaseDelay = from.RetryBaseDelay;
        to.MaxRetryDelay = from.MaxRetryDelay;
        to.PageSize = from.PageSize;
    }
}
