using System.Net;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Workiom.Client.Tests.Fakes;
using Workiom.Client.Tests.TestRecords;
using Workiom.Http;

namespace Workiom.Client.Tests;

public class DependencyInjectionTests
{
    private static CancellationToken Ct => Guard.Token;

    [Fact]
    public async Task AddWorkiom_binds_the_Workiom_section_and_sends_through_the_factory_client()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Workiom:BaseUrl"] = TestClient.BaseUrl,
            ["Workiom:ApiKey"] = TestClient.ApiKey,
            ["Workiom:PageSize"] = "250",
            ["Workiom:Timeout"] = "00:00:45",
            ["Workiom:MaxAttempts"] = "2",
            ["Workiom:RetryBaseDelay"] = "00:00:00.001",
        }).Build();
        var server = new FakeWorkiom();
        server.Reply(HttpStatusCode.ServiceUnavailable, "");
        server.Reply(HttpStatusCode.OK, TestClient.Page(1, [1]));
        var services = new ServiceCollection();
        services.AddWorkiom(configuration).ConfigurePrimaryHttpMessageHandler(() => server);
        using var provider = services.BuildServiceProvider();

        var client = provider.GetRequiredService<WorkiomClient>();
        var deals = await client.Repository<Deal, Deal.QueryFields>().ToListAsync(new FixedQuery(), Ct);

        Assert.Equal(250, client.Options.PageSize);
        Assert.Equal(TimeSpan.FromSeconds(45), client.Options.Timeout);
        Assert.Equal(2, client.Options.MaxAttempts);
        Assert.Equal("rec1", Assert.Single(deals).Id);
        // The 503 was retried by the resilience handler registered with the factory client.
        Assert.Equal(2, server.Requests.Count);
        Assert.All(server.Requests, r => Assert.Equal(TestClient.ApiKey, r.ApiKey));
        Assert.Equal(250, TestClient.BodyOf(server.Requests[0]).GetProperty("maxResultCount").GetInt32());
    }

    [Fact]
    public async Task AddWorkiom_with_a_callback_uses_a_registered_token_provider()
    {
        var server = new FakeWorkiom();
        server.ReplyEnvelope("null");
        var services = new ServiceCollection();
        services.AddSingleton<IWorkiomTokenProvider>(new FixedTokenProvider("external-token"));
        services.AddWorkiom(options => options.BaseUrl = TestClient.BaseUrl).ConfigurePrimaryHttpMessageHandler(() => server);
        using var provider = services.BuildServiceProvider();

        await provider.GetRequiredService<WorkiomClient>().Repository<Deal, Deal.QueryFields>().DeleteAsync("rec1", Ct);

        Assert.Equal("Bearer external-token", Assert.Single(server.Requests).Authorization);
    }

    [Fact]
    public void AddWorkiom_refuses_plain_http_to_a_remote_host_when_the_client_is_resolved()
    {
        var services = new ServiceCollection();
        services.AddWorkiom(options => options.BaseUrl = "http://api.workiom.com");
        using var provider = services.BuildServiceProvider();

        var error = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<WorkiomClient>());
        Assert.Contains("plain http://", error.Message);
    }

    [Theory]
    [InlineData("Workiom:BaseUrl", "https://ops:Start-Secret-4711@api.workiom.com")]
    [InlineData("Workiom:BaseUrl", "https://api.workiom.com/?api_key=Start-Secret-4711")]
    [InlineData("Workiom:PageSize", "0")]
    public void AddWorkiom_validates_the_options_when_the_host_starts_without_repeating_a_secret(string key, string value)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Workiom:ApiKey"] = TestClient.ApiKey,
            [key] = value,
        }).Build();
        var services = new ServiceCollection();
        services.AddWorkiom(configuration);
        using var provider = services.BuildServiceProvider();

        // What a host runs at start, before anything resolves the client.
        var error = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IStartupValidator>().Validate());

        Assert.Contains("Workiom:", error.Message);
        Assert.DoesNotContain("Start-Secret-4711", error.ToString());
        Assert.DoesNotContain(TestClient.ApiKey, error.ToString());
    }

    [Fact]
    public async Task The_client_is_one_instance_and_the_password_login_is_shared_across_calls()
    {
        var server = new FakeWorkiom();
        server.ReplyEnvelope("""{"accessToken":"di-token","expireInSeconds":86400}""");
        server.ReplyEnvelope("null");
        server.ReplyEnvelope("null");
        var services = new ServiceCollection();
        services.AddWorkiom(options =>
        {
            options.BaseUrl = TestClient.BaseUrl;
            options.TenantName = "acme";
            options.UserNameOrEmailAddress = "ops@acme.example";
            options.Password = "di-password";
        }).ConfigurePrimaryHttpMessageHandler(() => server);
        using var provider = services.BuildServiceProvider();

        var first = provider.GetRequiredService<WorkiomClient>();
        var second = provider.GetRequiredService<WorkiomClient>();
        await first.Repository<Deal, Deal.QueryFields>().DeleteAsync("rec1", Ct);
        await second.Repository<Deal, Deal.QueryFields>().DeleteAsync("rec2", Ct);

        Assert.Same(first, second);
        Assert.Equal(["/api/TokenAuth/Authenticate", "/api/services/app/Data/Delete", "/api/services/app/Data/Delete"],
            server.Requests.Select(r => r.Uri.AbsolutePath));
        Assert.All(server.Requests.Skip(1), r => Assert.Equal("Bearer di-token", r.Authorization));
    }

    [Fact]
    public async Task A_client_over_a_callers_HttpClient_sends_through_it_without_added_retries()
    {
        var server = new FakeWorkiom();
        server.Reply(HttpStatusCode.ServiceUnavailable, "");
        using var httpClient = new HttpClient(server);
        using var client = new WorkiomClient(httpClient, new WorkiomClientOptions { BaseUrl = TestClient.BaseUrl, ApiKey = TestClient.ApiKey });

        var error = await Assert.ThrowsAsync<WorkiomApiException>(() => client.Repository<Deal, Deal.QueryFields>().GetAsync("rec1", Ct));

        Assert.Equal(HttpStatusCode.ServiceUnavailable, error.StatusCode);
        Assert.Equal(TestClient.ApiKey, Assert.Single(server.Requests).ApiKey);
    }

    private sealed class FixedTokenProvider(string token) : IWorkiomTokenProvider
    {
        public ValueTask<string> GetAccessTokenAsync(CancellationToken cancellationToken) => ValueTask.FromResult(token);

        public void Invalidate()
        {
        }
    }
}
