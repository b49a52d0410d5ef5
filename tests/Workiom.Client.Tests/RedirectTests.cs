using System.Net;
using Workiom.Client.Tests.Fakes;
using Workiom.Client.Tests.TestRecords;
using Workiom.Http;

namespace Workiom.Client.Tests;

/// <summary>
/// A redirect is never followed: .NET drops Authorization on a redirect but keeps X-Api-Key, and a
/// 307/308 repeats the body. Each 3xx is a <see cref="WorkiomRedirectException"/> naming the status
/// and only the origin it pointed to. (Over real HTTP: Workiom.ReliabilityTests.RedirectTests.)
/// </summary>
public class RedirectTests
{
    private static CancellationToken Ct => Guard.Token;

    public static TheoryData<int> RedirectStatuses => new() { 301, 302, 303, 307, 308 };

    [Theory]
    [MemberData(nameof(RedirectStatuses))]
    public async Task A_redirect_is_refused_with_its_status_and_only_the_target_origin(int status)
    {
        using var test = new TestClient();
        test.Server.Reply((HttpStatusCode)status, "", r => r.Headers.Location = new Uri("https://collector.example:8443/steal?sig=abc123#frag"));

        var error = await Assert.ThrowsAsync<WorkiomRedirectException>(() => test.Deals.CreateAsync(new Deal { DealName = "Initech expansion" }, Ct));

        Assert.Equal((HttpStatusCode)status, error.StatusCode);
        Assert.Equal("https://collector.example:8443", error.TargetOrigin);
        Assert.Contains($"HTTP {status}", error.Message);
        Assert.Contains("POST", error.Message);
        Assert.Contains("https://collector.example:8443", error.Message);
        Assert.DoesNotContain("steal", error.Message);
        Assert.DoesNotContain("abc123", error.Message);
        Assert.DoesNotContain(TestClient.ApiKey, error.ToString());
        // Not followed, and not retried.
        Assert.Single(test.Server.Requests);
    }

    [Fact]
    public async Task A_relative_redirect_names_the_configured_origin_and_is_not_followed_either()
    {
        using var test = new TestClient();
        test.Server.Reply(HttpStatusCode.Found, "", r => r.Headers.Location = new Uri("/login?returnUrl=%2Fapi", UriKind.Relative));

        var error = await Assert.ThrowsAsync<WorkiomRedirectException>(() => test.Deals.GetAsync("rec1", Ct));

        Assert.Equal("http://127.0.0.1:5099", error.TargetOrigin);
        Assert.Contains("another address on http://127.0.0.1:5099", error.Message);
        Assert.Single(test.Server.Requests);
    }

    [Fact]
    public async Task A_redirect_target_never_repeats_user_info_or_a_credential_in_its_host()
    {
        using var test = new TestClient();
        test.Server.Reply(HttpStatusCode.TemporaryRedirect, "",
            r => r.Headers.Location = new Uri($"https://ops:hunter2@{TestClient.ApiKey.ToLowerInvariant()}.collector.example/"));

        var error = await Assert.ThrowsAsync<WorkiomRedirectException>(() => test.Deals.GetAsync("rec1", Ct));

        Assert.Equal("https://(redacted).collector.example:443", error.TargetOrigin);
        Assert.DoesNotContain("hunter2", error.ToString());
        Assert.DoesNotContain(TestClient.ApiKey, error.ToString(), StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task A_redirect_without_a_location_is_refused_too()
    {
        using var test = new TestClient();
        test.Server.Reply(HttpStatusCode.MultipleChoices, "");

        var error = await Assert.ThrowsAsync<WorkiomRedirectException>(() => test.Deals.GetAsync("rec1", Ct));

        Assert.Null(error.TargetOrigin);
        Assert.Contains("without a usable Location", error.Message);
    }

    [Fact]
    public async Task A_download_redirect_is_refused_too()
    {
        using var test = new TestClient();
        test.Server.Reply(HttpStatusCode.Found, "", r => r.Headers.Location = new Uri("https://blobs.example/file?sig=secret"));

        var error = await Assert.ThrowsAsync<WorkiomRedirectException>(() => test.Client.DownloadFileAsync("file1", Ct));

        Assert.Equal("https://blobs.example:443", error.TargetOrigin);
        Assert.DoesNotContain("sig=secret", error.Message);
    }

    [Fact]
    public void A_primary_handler_given_to_the_client_stops_following_redirects()
    {
        var options = new WorkiomClientOptions { BaseUrl = TestClient.BaseUrl, ApiKey = TestClient.ApiKey };
        var sockets = new SocketsHttpHandler();
        var classic = new HttpClientHandler();
        var wrapped = new SocketsHttpHandler();

        using (new WorkiomClient(options, sockets))
        using (new WorkiomClient(options, classic))
        using (new WorkiomClient(options, new PassThrough { InnerHandler = wrapped }))
        {
            Assert.False(sockets.AllowAutoRedirect);
            Assert.False(classic.AllowAutoRedirect);
            Assert.False(wrapped.AllowAutoRedirect);
        }
    }

    private sealed class PassThrough : DelegatingHandler;
}
