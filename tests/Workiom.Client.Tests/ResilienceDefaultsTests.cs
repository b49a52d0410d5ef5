using System.Net;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Workiom.Client.Tests.Fakes;
using Workiom.Client.Tests.TestRecords;
using Workiom.Http;

namespace Workiom.Client.Tests;

/// <summary>
/// What an application configures for all its HttpClients must not change what the Workiom client
/// promises: a create is sent once unless Workiom's own pipeline judged a repeat safe. (With a real
/// timeout over real HTTP: Workiom.ReliabilityTests.ResilienceDefaultsTests.)
/// </summary>
public class ResilienceDefaultsTests
{
    private static CancellationToken Ct => Guard.Token;

    private const string Created = """{"_id":"6650aa00bb11cc22dd33ee44","2014502":"Initech expansion"}""";

    private static void Workiom(WorkiomClientOptions options)
    {
        options.BaseUrl = TestClient.BaseUrl;
        options.ApiKey = TestClient.ApiKey;
        options.RetryBaseDelay = TimeSpan.FromMilliseconds(1);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task An_app_wide_standard_resilience_handler_is_removed_so_a_create_is_not_repeated(bool defaultsFirst)
    {
        var server = new FakeWorkiom();
        server.Reply(HttpStatusCode.ServiceUnavailable, "");
        server.ReplyEnvelope(Created);
        var services = new ServiceCollection();
        if (defaultsFirst)
        {
            services.ConfigureHttpClientDefaults(b => b.AddStandardResilienceHandler());
        }

        services.AddWorkiom(Workiom).ConfigurePrimaryHttpMessageHandler(() => server);
        if (!defaultsFirst)
        {
            services.ConfigureHttpClientDefaults(b => b.AddStandardResilienceHandler());
        }

        using var provider = services.BuildServiceProvider();
        var deals = provider.GetRequiredService<WorkiomClient>().Repository<Deal, Deal.QueryFields>();

        // Workiom's own pipeline answers: a 503 after a create may have been processed, so it is not repeated.
        var error = await Assert.ThrowsAsync<WorkiomApiException>(() => deals.CreateAsync(new Deal { DealName = "Initech expansion" }, Ct));

        Assert.Equal(HttpStatusCode.ServiceUnavailable, error.StatusCode);
        Assert.Single(server.Requests);
    }

    [Fact]
    public async Task Reads_are_still_retried_by_the_Workiom_pipeline_under_app_wide_defaults()
    {
        var server = new FakeWorkiom();
        server.Reply(HttpStatusCode.ServiceUnavailable, "");
        server.Reply(HttpStatusCode.OK, TestClient.FixtureDealEnvelope());
        var services = new ServiceCollection();
        services.ConfigureHttpClientDefaults(b => b.AddStandardResilienceHandler());
        services.AddWorkiom(Workiom).ConfigurePrimaryHttpMessageHandler(() => server);
        using var provider = services.BuildServiceProvider();

        var deal = await provider.GetRequiredService<WorkiomClient>().Repository<Deal, Deal.QueryFields>()
            .GetAsync("64432f26b032d10001e89d88", Ct);

        Assert.Equal("Acme renewal 2025", deal.DealName);
        Assert.Equal(2, server.Requests.Count);
    }

    public static TheoryData<string> ForeignRetries => new() { "app-wide custom handler", "standard handler added to the Workiom client" };

    [Theory]
    [MemberData(nameof(ForeignRetries))]
    public async Task Any_other_retry_handler_is_refused_a_second_send_of_a_create(string where)
    {
        var server = new FakeWorkiom();
        server.Reply(HttpStatusCode.ServiceUnavailable, "");
        server.ReplyEnvelope(Created);
        var services = new ServiceCollection();
        if (where == "app-wide custom handler")
        {
            // Not a resilience handler, so nothing removes it; the guard under every handler stops the repeat.
            services.ConfigureHttpClientDefaults(b => b.AddHttpMessageHandler(() => new RepeatOnFailure()));
            services.AddWorkiom(Workiom).ConfigurePrimaryHttpMessageHandler(() => server);
        }
        else
        {
            services.AddWorkiom(Workiom).ConfigurePrimaryHttpMessageHandler(() => server).AddStandardResilienceHandler();
        }

        using var provider = services.BuildServiceProvider();
        var deals = provider.GetRequiredService<WorkiomClient>().Repository<Deal, Deal.QueryFields>();

        var error = await Assert.ThrowsAsync<WorkiomConfigurationException>(() => deals.CreateAsync(new Deal { DealName = "Initech expansion" }, Ct));

        Assert.Contains("POST /api/services/app/Data/Create", error.Message);
        Assert.Contains("may have reached Workiom", error.Message);
        Assert.Single(server.Requests);
    }

    [Fact]
    public async Task The_Workiom_pipeline_may_still_repeat_a_create_after_429_under_the_guard()
    {
        var server = new FakeWorkiom();
        server.Reply(HttpStatusCode.TooManyRequests, "", r => r.Headers.RetryAfter = new System.Net.Http.Headers.RetryConditionHeaderValue(TimeSpan.Zero));
        server.ReplyEnvelope(Created);
        var services = new ServiceCollection();
        services.AddWorkiom(Workiom).ConfigurePrimaryHttpMessageHandler(() => server);
        using var provider = services.BuildServiceProvider();

        var created = await provider.GetRequiredService<WorkiomClient>().Repository<Deal, Deal.QueryFields>()
            .CreateAsync(new Deal { DealName = "Initech expansion" }, Ct);

        Assert.Equal("6650aa00bb11cc22dd33ee44", created.Id);
        Assert.Equal(2, server.Requests.Count);
    }

    [Fact]
    public void The_limits_bind_from_configuration()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Workiom:BaseUrl"] = TestClient.BaseUrl,
            ["Workiom:ApiKey"] = TestClient.ApiKey,
            ["Workiom:MaxReplyBytes"] = "2097152",
            ["Workiom:MaxDownloadBytes"] = "5368709120",
            ["Workiom:DownloadTimeout"] = "00:30:00",
        }).Build();
        var services = new ServiceCollection();
        services.AddWorkiom(configuration);
        using var provider = services.BuildServiceProvider();

        var options = provider.GetRequiredService<WorkiomClient>().Options;

        Assert.Equal(2 * 1024 * 1024, options.MaxReplyBytes);
        Assert.Equal(5L * 1024 * 1024 * 1024, options.MaxDownloadBytes);
        Assert.Equal(TimeSpan.FromMinutes(30), options.DownloadTimeout);
    }

    /// <summary>A naive retry handler: sends once more whenever the first answer is not a success.</summary>
    private sealed class RepeatOnFailure : DelegatingHandler
    {
        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var response = await base.SendAsync(request, cancellationToken);
            if (response.IsSuccessStatusCode)
            {
                return response;
            }

            response.Dispose();
            return await base.SendAsync(request, cancellationToken);
        }
    }
}
