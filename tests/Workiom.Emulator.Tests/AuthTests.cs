using System.Net;
using System.Net.Http.Headers;
using System.Text.Json.Nodes;

namespace Workiom.Emulator.Tests;

public sealed class AuthTests
{
    private static async Task<Reply> CallAsync(TestEmulator host, Action<HttpRequestHeaders> credentials, string path = "api/services/app/Session/GetCurrentLoginInformations")
    {
        using var client = TestEmulator.NewClient(host.Emulator);
        credentials(client.DefaultRequestHeaders);
        using var response = await client.GetAsync(path);
        return await TestEmulator.ReadAsync(response);
    }

    private static async Task<string> LoginAsync(TestEmulator host, string user = "admin", string password = "admin")
    {
        var reply = await host.PostAsync("api/TokenAuth/Authenticate", new JsonObject { ["tenantName"] = "default", ["userNameOrEmailAddress"] = user, ["password"] = password });
        Assert.True(reply.Success, reply.ErrorMessage);
        return reply.Result!["accessToken"]!.GetValue<string>();
    }

    private static void AssertRefused(Reply reply)
    {
        HttpStatus.Is(HttpStatusCode.Unauthorized, reply);
        Assert.False(reply.Success);
        Assert.True(reply.Envelope["unAuthorizedRequest"]!.GetValue<bool>());
        Assert.True(reply.Envelope["__abp"]!.GetValue<bool>());
        Assert.NotEmpty(reply.ErrorMessage);
    }

    [Fact]
    public async Task No_credentials_are_refused_on_every_endpoint()
    {
        await using var host = await TestEmulator.StartAsync();
        string[] paths =
        [
            "api/services/app/Session/GetCurrentLoginInformations",
            "api/services/app/Apps/GetAll",
            $"api/services/app/Lists/GetAll?appId={Ids.App}",
            $"api/services/app/Lists/Get?id={Ids.Deals}",
            $"api/services/app/Data/Get?listId={Ids.Deals}&id=000000000000000000000000",
            "File/DownloadFile?id=000000000000000000000000",
        ];

        foreach (var path in paths)
        {
            AssertRefused(await CallAsync(host, _ => { }, path));
        }

        using var client = TestEmulator.NewClient(host.Emulator);
        using var create = await client.PostAsync($"api/services/app/Data/Create?listId={Ids.Deals}", new StringContent("""{"2014502":"sneaky"}"""));
        AssertRefused(await TestEmulator.ReadAsync(create));
        Assert.Equal(0, await host.Emulator.CountRecordsAsync(Ids.Deals));
    }

    [Fact]
    public async Task A_wrong_api_key_is_refused_and_the_right_one_accepted()
    {
        await using var host = await TestEmulator.StartAsync(new WorkiomEmulatorOptions { SchemaPaths = TestEmulator.Snapshots, ApiKey = "team-key" });

        var wrong = await CallAsync(host, h => h.Add("X-Api-Key", WorkiomEmulatorOptions.DefaultApiKey));
        var right = await CallAsync(host, h => h.Add("X-Api-Key", "team-key"));

        AssertRefused(wrong);
        Assert.Contains("API key", wrong.ErrorMessage);
        Assert.True(right.Success);
        Assert.Equal("team-key", host.Emulator.ApiKey);
    }

    [Fact]
    public async Task TokenAuth_issues_a_bearer_token_for_the_user()
    {
        await using var host = await TestEmulator.StartAsync();
        var login = await host.PostAsync("api/TokenAuth/Authenticate", new JsonObject { ["tenantName"] = "default", ["userNameOrEmailAddress"] = "admin", ["password"] = "admin" });
        var token = login.Result!["accessToken"]!.GetValue<string>();

        var session = await CallAsync(host, h => h.Authorization = new AuthenticationHeaderValue("Bearer", token));

        Assert.Equal(109725, login.Result!["userId"]!.GetValue<long>());
        Assert.Equal(86400, login.Result!["expireInSeconds"]!.GetValue<long>());
        Assert.True(session.Success);
        Assert.Equal("admin", session.Result!["user"]!["userName"]!.GetValue<string>());
    }

    [Theory]
    [InlineData("default", "admin", "wrong")]
    [InlineData("default", "nobody", "admin")]
    [InlineData("other-tenant", "admin", "admin")]
    [InlineData("default", "ADMIN", "ADMIN")]
    public async Task TokenAuth_refuses_bad_credentials(string tenant, string user, string password)
    {
        await using var host = await TestEmulator.StartAsync();
        var reply = await host.PostAsync("api/TokenAuth/Authenticate", new JsonObject { ["tenantName"] = tenant, ["userNameOrEmailAddress"] = user, ["password"] = password });

        AssertRefused(reply);
        Assert.Null(reply.Result);
    }

    [Fact]
    public async Task TokenAuth_accepts_the_email_address_as_login()
    {
        await using var host = await TestEmulator.StartAsync();
        Assert.NotEmpty(await LoginAsync(host, "fadi@example.com"));
    }

    [Fact]
    public async Task Unknown_and_malformed_tokens_are_refused()
    {
        await using var host = await TestEmulator.StartAsync();

        AssertRefused(await CallAsync(host, h => h.Authorization = new AuthenticationHeaderValue("Bearer", "made-up-token")));
        AssertRefused(await CallAsync(host, h => h.Authorization = new AuthenticationHeaderValue("Basic", "YWRtaW46YWRtaW4=")));
    }

    [Fact]
    public async Task An_expired_token_is_refused()
    {
        var clock = new ManualClock(new DateTimeOffset(2025, 1, 1, 0, 0, 0, TimeSpan.Zero));
        await using var host = await TestEmulator.StartAsync(new WorkiomEmulatorOptions
        {
            SchemaPaths = TestEmulator.Snapshots,
            TimeProvider = clock,
            TokenLifetime = TimeSpan.FromMinutes(30),
        });
        var token = await LoginAsync(host);

        clock.Advance(TimeSpan.FromMinutes(29));
        var fresh = await CallAsync(host, h => h.Authorization = new AuthenticationHeaderValue("Bearer", token));
        clock.Advance(TimeSpan.FromMinutes(1));
        var expired = await CallAsync(host, h => h.Authorization = new AuthenticationHeaderValue("Bearer", token));

        Assert.True(fresh.Success);
        AssertRefused(expired);
        Assert.Contains("expired", expired.ErrorMessage);
    }

    [Fact]
    public async Task An_expired_token_is_refused_and_removed_when_presented()
    {
        var clock = new ManualClock(new DateTimeOffset(2025, 1, 1, 0, 0, 0, TimeSpan.Zero));
        await using var host = await TestEmulator.StartAsync(new WorkiomEmulatorOptions
        {
            SchemaPaths = TestEmulator.Snapshots,
            TimeProvider = clock,
            TokenLifetime = TimeSpan.FromMinutes(30),
        });
        var token = await LoginAsync(host);
        var heldAfterLogin = host.Emulator.TokenCount;

        clock.Advance(TimeSpan.FromMinutes(30));
        var expired = await CallAsync(host, h => h.Authorization = new AuthenticationHeaderValue("Bearer", token));

        Assert.Equal(1, heldAfterLogin);
        AssertRefused(expired);
        Assert.Contains("expired", expired.ErrorMessage);
        Assert.Equal(0, host.Emulator.TokenCount);
    }

    [Fact]
    public async Task Expired_tokens_that_are_never_presented_again_are_pruned_by_later_logins_and_calls()
    {
        var clock = new ManualClock(new DateTimeOffset(2025, 1, 1, 0, 0, 0, TimeSpan.Zero));
        await using var host = await TestEmulator.StartAsync(new WorkiomEmulatorOptions
        {
            SchemaPaths = TestEmulator.Snapshots,
            TimeProvider = clock,
            TokenLifetime = TimeSpan.FromMinutes(30),
        });
        var abandoned = new List<string>();
        for (var i = 0; i < 5; i++)
        {
            abandoned.Add(await LoginAsync(host));
        }

        clock.Advance(TimeSpan.FromMinutes(20));
        var later = await LoginAsync(host);
        var heldBeforeExpiry = host.Emulator.TokenCount;
        clock.Advance(TimeSpan.FromMinutes(10));
        // The five have expired; the later one has not. A login prunes the five.
        var latest = await LoginAsync(host);
        var heldAfterLogin = host.Emulator.TokenCount;
        clock.Advance(TimeSpan.FromMinutes(20));
        // Now "later" has expired too: a call with another, live token prunes it.
        var call = await CallAsync(host, h => h.Authorization = new AuthenticationHeaderValue("Bearer", latest));
        var heldAfterCall = host.Emulator.TokenCount;

        Assert.Equal(6, heldBeforeExpiry);
        Assert.Equal(2, heldAfterLogin);
        Assert.True(call.Success, call.ErrorMessage);
        Assert.Equal(1, heldAfterCall);
        foreach (var token in abandoned.Append(later))
        {
            AssertRefused(await CallAsync(host, h => h.Authorization = new AuthenticationHeaderValue("Bearer", token)));
        }

        Assert.Equal(1, host.Emulator.TokenCount);
    }

    [Fact]
    public async Task A_token_lifetime_past_the_calendar_signs_in_and_a_non_positive_one_is_refused_on_start()
    {
        await using var host = await TestEmulator.StartAsync(new WorkiomEmulatorOptions { SchemaPaths = TestEmulator.Snapshots, TokenLifetime = TimeSpan.MaxValue });
        var token = await LoginAsync(host);

        Assert.True((await CallAsync(host, h => h.Authorization = new AuthenticationHeaderValue("Bearer", token))).Success);
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => WorkiomEmulator.StartAsync(new WorkiomEmulatorOptions { SchemaPaths = TestEmulator.Snapshots, TokenLifetime = TimeSpan.Zero }));
    }

    [Fact]
    public async Task A_bearer_token_does_not_open_the_admin_endpoint()
    {
        await using var host = await TestEmulator.StartAsync();
        var token = await LoginAsync(host);

        var reply = await CallAsync(host, h => h.Authorization = new AuthenticationHeaderValue("Bearer", token), "_emulator/faults");

        AssertRefused(reply);
    }
}

public sealed class TenantDiscoveryTests
{
    [Theory]
    [InlineData("default", true)]
    [InlineData("DEFAULT", true)]
    [InlineData("acme", false)]
    public async Task IsTenantAvailable_points_known_tenants_at_the_emulator(string tenancyName, bool known)
    {
        await using var host = await TestEmulator.StartAsync();
        using var anonymous = TestEmulator.NewClient(host.Emulator);

        using var response = await anonymous.PostAsync(
            "api/services/app/Account/IsTenantAvailable",
            new StringContent($$"""{"tenancyName":"{{tenancyName}}"}""", System.Text.Encoding.UTF8, "application/json"));
        var reply = await TestEmulator.ReadAsync(response);

        Assert.True(reply.Success, reply.ErrorMessage);
        Assert.Equal(known ? 1 : 3, reply.Result!["state"]!.GetValue<int>());
        Assert.Equal(known ? host.Emulator.BaseAddress.ToString() : null, reply.Result!["serverRootAddress"]?.GetValue<string>());
    }
}
