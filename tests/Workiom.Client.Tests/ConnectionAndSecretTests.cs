using System.Net;
using Workiom.Client.Tests.Fakes;
using Workiom.Http;

namespace Workiom.Client.Tests;

public class ConnectionAndSecretTests
{
    private static CancellationToken Ct => Guard.Token;

    private const string Password = "p@ss-W0rd-TOPSECRET";
    private const string AccessToken = "eyJhbGciOi.TOKEN-SECRET-VALUE.sig";

    private static void UsePasswordLogin(WorkiomClientOptions options)
    {
        options.ApiKey = null;
        options.TenantName = "acme";
        options.UserNameOrEmailAddress = "ops@acme.example";
        options.Password = Password;
    }

    private static string TokenReply(int expireInSeconds) =>
        FakeWorkiom.Envelope($$"""{"accessToken":"{{AccessToken}}","encryptedAccessToken":"x","expireInSeconds":{{expireInSeconds}},"userId":7}""");

    [Theory]
    [InlineData("http://api.workiom.com")]
    [InlineData("http://10.1.2.3:8080")]
    [InlineData("http://workiom.internal.example")]
    public void Plain_http_to_a_remote_host_is_refused(string baseUrl)
    {
        var options = new WorkiomClientOptions { BaseUrl = baseUrl, ApiKey = TestClient.ApiKey };

        var error = Assert.Throws<WorkiomConfigurationException>(() => new WorkiomClient(options, new FakeWorkiom()));

        Assert.Contains("http://", error.Message);
        Assert.Contains("loopback", error.Message);
        Assert.DoesNotContain(TestClient.ApiKey, error.Message);
    }

    [Theory]
    [InlineData("http://127.0.0.1:5099")]
    [InlineData("http://127.10.20.30")]
    [InlineData("http://[::1]:5099")]
    [InlineData("http://localhost:5099")]
    [InlineData("https://api.workiom.com")]
    [InlineData("https://acme-shard.workiom.example/base/")]
    public void Https_and_loopback_http_are_accepted(string baseUrl)
    {
        var options = new WorkiomClientOptions { BaseUrl = baseUrl, ApiKey = TestClient.ApiKey };

        var uri = options.Validate();

        Assert.EndsWith("/", uri.AbsoluteUri);
        using var client = new WorkiomClient(options, new FakeWorkiom());
        Assert.Equal(baseUrl, client.Options.BaseUrl);
    }

    public static TheoryData<string, string> BaseUrlsWithCredentials() => new()
    {
        { "https://ops:Pw-Secret-4711@api.workiom.com", "Pw-Secret-4711" },
        { "https://:Pw-Secret-4711@api.workiom.com/", "Pw-Secret-4711" },
        { "https://User-Only-4711@api.workiom.com/", "User-Only-4711" },
        // Plain http off loopback: the refusal names the host, and must not name it with its user info.
        { "http://ops:Pw-Secret-4711@api.workiom.com/", "Pw-Secret-4711" },
        { "http://ops:Pw-Secret-4711@127.0.0.1:5099/", "Pw-Secret-4711" },
        // An unescaped '/' in the password moves the '@' into what a URI parser takes for the path.
        { "https://ops:Pw/Secret-4711@api.workiom.com", "Secret-4711" },
        // Not a URL at all, so the refusal would quote it.
        { "https://ops:Pw Secret-4711@api.workiom.com", "Secret-4711" },
        { "ops:Pw-Secret-4711@api.workiom.com", "Pw-Secret-4711" },
        { "https://ops:Pw%40Secret-4711@api.workiom.com", "Secret-4711" },
    };

    [Theory]
    [MemberData(nameof(BaseUrlsWithCredentials))]
    public void A_base_url_with_credentials_is_refused_and_never_repeated(string baseUrl, string secret)
    {
        var options = new WorkiomClientOptions { BaseUrl = baseUrl, ApiKey = TestClient.ApiKey };

        var validation = Assert.Throws<WorkiomConfigurationException>(() => options.Validate());
        var construction = Assert.Throws<WorkiomConfigurationException>(() => new WorkiomClient(options, new FakeWorkiom()));

        Assert.Contains("must not carry credentials", validation.Message);
        foreach (var text in new[] { validation.ToString(), construction.ToString(), options.ToString() })
        {
            Assert.DoesNotContain(secret, text);
            Assert.DoesNotContain(TestClient.ApiKey, text);
        }
    }

    [Theory]
    [InlineData("https://api.workiom.com/?api_key=Query-Secret-4711")]
    [InlineData("https://acme-shard.workiom.example/base?token=Query-Secret-4711#top")]
    [InlineData("http://127.0.0.1:5099/#Query-Secret-4711")]
    public void A_base_url_with_a_query_or_fragment_is_refused_and_never_repeated(string baseUrl)
    {
        const string Secret = "Query-Secret-4711";
        var options = new WorkiomClientOptions { BaseUrl = baseUrl, ApiKey = TestClient.ApiKey };

        var error = Assert.Throws<WorkiomConfigurationException>(() => new WorkiomClient(options, new FakeWorkiom()));

        Assert.Contains("query", error.Message);
        Assert.DoesNotContain(Secret, error.ToString());
        Assert.DoesNotContain(Secret, options.ToString());
        Assert.Contains("?(redacted)", options.ToString());
    }

    [Fact]
    public void The_client_ToString_names_the_base_url_and_how_it_authenticates_but_no_secret()
    {
        using var keyed = new WorkiomClient(
            new WorkiomClientOptions { BaseUrl = "https://acme-shard.workiom.example/base", ApiKey = TestClient.ApiKey }, new FakeWorkiom());
        var passwordOptions = new WorkiomClientOptions { BaseUrl = TestClient.BaseUrl };
        UsePasswordLogin(passwordOptions);
        using var password = new WorkiomClient(passwordOptions, new FakeWorkiom());
        using var external = new WorkiomClient(
            new WorkiomClientOptions { BaseUrl = TestClient.BaseUrl }, new FakeWorkiom(), tokenProvider: new FixedTokenProvider(AccessToken));
        using var anonymous = new WorkiomClient(new WorkiomClientOptions { BaseUrl = TestClient.BaseUrl }, new FakeWorkiom());

        Assert.Equal("WorkiomClient { BaseUrl = https://acme-shard.workiom.example/base/, Authentication = ApiKey }", keyed.ToString());
        Assert.Equal("WorkiomClient { BaseUrl = http://127.0.0.1:5099/, Authentication = PasswordLogin }", password.ToString());
        Assert.Equal("WorkiomClient { BaseUrl = http://127.0.0.1:5099/, Authentication = TokenProvider }", external.ToString());
        Assert.Equal("WorkiomClient { BaseUrl = http://127.0.0.1:5099/, Authentication = None }", anonymous.ToString());
    }

    [Fact]
    public async Task Messages_and_logs_name_the_path_of_a_call_but_never_its_query()
    {
        using var test = new TestClient();
        test.Server.Reply(HttpStatusCode.InternalServerError, "upstream failed");
        for (int i = 0; i < 3; i++)
        {
            test.Server.Throw(new HttpRequestException(HttpRequestError.ConnectionError, "refused"));
        }

        var failed = await Assert.ThrowsAsync<WorkiomApiException>(() => test.Deals.GetAsync("rec-4711", Ct));
        var unreachable = await Assert.ThrowsAsync<WorkiomConnectionException>(() => test.Client.DownloadFileAsync("file-4711", Ct));

        Assert.Equal("id=rec-4711", test.Server.Requests[0].Uri.Query.Split('&').Last());
        Assert.Contains("Data/Get", failed.Message);
        Assert.Contains("/File/DownloadFile", unreachable.Message);
        foreach (var text in new[] { failed.ToString(), unreachable.ToString(), test.Logs.AllText })
        {
            Assert.DoesNotContain("4711", text);
            Assert.DoesNotContain("listId=", text);
        }
    }

    private sealed class FixedTokenProvider(string token) : IWorkiomTokenProvider
    {
        public ValueTask<string> GetAccessTokenAsync(CancellationToken cancellationToken) => ValueTask.FromResult(token);

        public void Invalidate()
        {
        }
    }

    [Theory]
    [InlineData(0)]
    [InlineData(10_001)]
    public void A_page_size_outside_one_to_ten_thousand_is_refused(int pageSize)
    {
        var options = new WorkiomClientOptions { ApiKey = TestClient.ApiKey, PageSize = pageSize };

        Assert.Throws<WorkiomConfigurationException>(() => options.Validate());
    }

    [Fact]
    public void Options_ToString_redacts_the_key_and_the_password()
    {
        var options = new WorkiomClientOptions { ApiKey = TestClient.ApiKey };
        UsePasswordLogin(options);
        options.ApiKey = TestClient.ApiKey;

        var text = options.ToString();

        Assert.DoesNotContain(TestClient.ApiKey, text);
        Assert.DoesNotContain(Password, text);
        Assert.Contains("(redacted)", text);
        Assert.Contains("acme", text);
        Assert.DoesNotContain(AccessToken, new WorkiomAccessToken(AccessToken, TimeSpan.FromHours(1)).ToString());
    }

    [Fact]
    public async Task The_password_login_sends_a_bearer_token_and_caches_it_until_shortly_before_expiry()
    {
        using var test = new TestClient(UsePasswordLogin);
        test.Server.Reply(HttpStatusCode.OK, TokenReply(3600));
        test.Server.ReplyEnvelope("null");
        test.Server.ReplyEnvelope("null");
        test.Server.Reply(HttpStatusCode.OK, TokenReply(3600));
        test.Server.ReplyEnvelope("null");

        await test.Deals.DeleteAsync("rec1", Ct);
        await test.Deals.DeleteAsync("rec2", Ct);
        test.Clock.Advance(TimeSpan.FromSeconds(3600 - 30));
        await test.Deals.DeleteAsync("rec3", Ct);

        var requests = test.Server.Requests;
        Assert.Equal(
            ["/api/TokenAuth/Authenticate", "/api/services/app/Data/Delete", "/api/services/app/Data/Delete", "/api/TokenAuth/Authenticate", "/api/services/app/Data/Delete"],
            requests.Select(r => r.Uri.AbsolutePath));
        var login = TestClient.BodyOf(requests[0]);
        Assert.Equal("acme", login.GetProperty("tenantName").GetString());
        Assert.Equal("ops@acme.example", login.GetProperty("userNameOrEmailAddress").GetString());
        Assert.Equal(Password, login.GetProperty("password").GetString());
        Assert.Null(requests[0].Authorization);
        Assert.All(new[] { requests[1], requests[2], requests[4] }, r => Assert.Equal("Bearer " + AccessToken, r.Authorization));
        Assert.All(requests, r => Assert.Null(r.ApiKey));
    }

    [Fact]
    public async Task A_revoked_token_is_renewed_once_on_401()
    {
        using var test = new TestClient(UsePasswordLogin);
        test.Server.Reply(HttpStatusCode.OK, TokenReply(3600));
        test.Server.Reply(HttpStatusCode.Unauthorized, "");
        test.Server.Reply(HttpStatusCode.OK, TokenReply(3600));
        test.Server.ReplyEnvelope("null");

        await test.Deals.DeleteAsync("rec1", Ct);

        Assert.Equal(4, test.Server.Requests.Count);
        Assert.Equal("/api/TokenAuth/Authenticate", test.Server.Requests[2].Uri.AbsolutePath);
    }

    [Fact]
    public async Task A_refused_login_is_an_authentication_error_without_the_password()
    {
        using var test = new TestClient(UsePasswordLogin);
        test.Server.Reply(HttpStatusCode.InternalServerError,
            """{"result":null,"success":false,"error":{"message":"Invalid user name or password"},"unAuthorizedRequest":true}""");

        var error = await Assert.ThrowsAsync<WorkiomAuthenticationException>(() => test.Deals.DeleteAsync("rec1", Ct));

        Assert.Equal("Invalid user name or password", error.Message);
        Assert.DoesNotContain(Password, error.ToString());
    }

    [Fact]
    public async Task Secrets_never_reach_logs_or_exception_messages()
    {
        using var test = new TestClient(UsePasswordLogin);
        test.Server.Reply(HttpStatusCode.OK, TokenReply(3600));
        test.Server.Reply(HttpStatusCode.ServiceUnavailable, "");
        test.Server.ReplyEnvelope("null");
        test.Server.Reply(HttpStatusCode.OK, "<html>proxy saw " + AccessToken + " and " + Password + "</html>");
        test.Server.Throw(new HttpRequestException(HttpRequestError.ConnectionError, "refused"));
        test.Server.Throw(new HttpRequestException(HttpRequestError.ConnectionError, "refused"));
        test.Server.Throw(new HttpRequestException(HttpRequestError.ConnectionError, "refused"));

        await test.Deals.DeleteAsync("rec1", Ct);
        var invalid = await Assert.ThrowsAsync<WorkiomInvalidReplyException>(() => test.Deals.GetAsync("rec2", Ct));
        var unreachable = await Assert.ThrowsAsync<WorkiomConnectionException>(() => test.Deals.GetAsync("rec3", Ct));

        var logs = test.Logs.AllText;
        Assert.Contains("/api/services/app/Data/Delete", logs);
        Assert.Contains("503", logs);
        Assert.Contains("retrying", logs);
        foreach (var text in new[] { logs, invalid.ToString(), invalid.Excerpt, unreachable.ToString(), test.Client.Options.ToString() })
        {
            Assert.DoesNotContain(Password, text);
            Assert.DoesNotContain(AccessToken, text);
        }
    }

    [Fact]
    public async Task The_api_key_never_reaches_logs_or_exception_messages()
    {
        using var test = new TestClient();
        test.Server.Reply(HttpStatusCode.Unauthorized, "key " + TestClient.ApiKey + " unknown");
        test.Server.ReplyFixture("error.envelope.json");

        var refused = await Assert.ThrowsAsync<WorkiomAuthenticationException>(() => test.Deals.GetAsync("rec1", Ct));
        var failed = await Assert.ThrowsAsync<WorkiomApiException>(() => test.Deals.GetAsync("rec1", Ct));

        Assert.Equal(TestClient.ApiKey, test.Server.Requests[0].ApiKey);
        Assert.NotEmpty(test.Logs.Lines);
        foreach (var text in new[] { test.Logs.AllText, refused.ToString(), failed.ToString(), test.Client.Options.ToString() })
        {
            Assert.DoesNotContain(TestClient.ApiKey, text);
        }
    }
}
