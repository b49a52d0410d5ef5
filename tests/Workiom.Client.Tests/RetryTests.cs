using System.Net;
using System.Net.Http.Headers;
using Workiom.Client.Tests.Fakes;
using Workiom.Client.Tests.TestRecords;

namespace Workiom.Client.Tests;

public class RetryTests
{
    private static CancellationToken Ct => Guard.Token;

    private const string Created = """{"_id":"6650aa00bb11cc22dd33ee44","2014502":"Initech expansion"}""";

    public static TheoryData<string> FailuresAfterSending => new() { "503", "502", "504", "timeout", "dropped" };

    private static void Fail(TestClient test, string failure)
    {
        switch (failure)
        {
            case "timeout":
                test.Hang();
                break;
            case "dropped":
                test.Server.Throw(new HttpRequestException(HttpRequestError.ResponseEnded, "The response ended prematurely."));
                break;
            default:
                test.Server.Reply((HttpStatusCode)int.Parse(failure), "");
                break;
        }
    }

    [Theory]
    [MemberData(nameof(FailuresAfterSending))]
    public async Task Create_is_never_repeated_once_the_request_may_have_reached_Workiom(string failure)
    {
        using var test = new TestClient();
        Fail(test, failure);
        test.Server.ReplyEnvelope(Created);

        var error = await Assert.ThrowsAnyAsync<WorkiomException>(() => test.Deals.CreateAsync(new Deal { DealName = "Initech expansion" }, Ct));

        Assert.Single(test.Server.Requests);
        Assert.IsType(failure switch
        {
            "timeout" => typeof(WorkiomTimeoutException),
            "dropped" => typeof(WorkiomConnectionException),
            _ => typeof(WorkiomApiException),
        }, error);
    }

    [Theory]
    [MemberData(nameof(FailuresAfterSending))]
    public async Task Reads_are_repeated_after_the_same_failures(string failure)
    {
        using var test = new TestClient();
        Fail(test, failure);
        test.Server.Reply(HttpStatusCode.OK, TestClient.FixtureDealEnvelope());

        var deal = await test.Deals.GetAsync("64432f26b032d10001e89d88", Ct);

        Assert.Equal("Acme renewal 2025", deal.DealName);
        Assert.Equal(2, test.Server.Requests.Count);
    }

    [Fact]
    public async Task Create_is_repeated_after_429_and_waits_as_long_as_Retry_After_says()
    {
        using var test = new TestClient();
        test.Server.Reply(HttpStatusCode.TooManyRequests, "", r => r.Headers.RetryAfter = new RetryConditionHeaderValue(TimeSpan.FromSeconds(7)));
        test.Server.ReplyEnvelope(Created);

        var created = await test.Deals.CreateAsync(new Deal { DealName = "Initech expansion" }, Ct);

        Assert.Equal("6650aa00bb11cc22dd33ee44", created.Id);
        Assert.Equal(2, test.Server.Requests.Count);
        Assert.Equal(test.Server.Requests[0].Body, test.Server.Requests[1].Body);
        Assert.Contains(TimeSpan.FromSeconds(7), test.Clock.ShortWaits);
    }

    [Fact]
    public async Task A_Retry_After_longer_than_MaxRetryDelay_is_not_waited_for()
    {
        using var test = new TestClient(options => options.MaxRetryDelay = TimeSpan.FromSeconds(5));
        test.Server.Reply(HttpStatusCode.TooManyRequests, "", r => r.Headers.RetryAfter = new RetryConditionHeaderValue(TimeSpan.FromSeconds(30)));
        test.Server.ReplyEnvelope("null");

        var error = await Assert.ThrowsAsync<WorkiomRateLimitedException>(() => test.Deals.DeleteAsync("rec1", Ct));

        Assert.Equal(TimeSpan.FromSeconds(30), error.RetryAfter);
        Assert.Single(test.Server.Requests);
        Assert.Empty(test.Clock.ShortWaits);
    }

    [Fact]
    public async Task Backoff_waits_stay_within_MaxRetryDelay()
    {
        using var test = new TestClient(options =>
        {
            options.MaxAttempts = 5;
            options.RetryBaseDelay = TimeSpan.FromSeconds(2);
            options.MaxRetryDelay = TimeSpan.FromSeconds(6);
        });
        for (int i = 0; i < 4; i++)
        {
            test.Server.Reply(HttpStatusCode.BadGateway, "");
        }

        test.Server.ReplyEnvelope("null");

        await test.Deals.DeleteAsync("rec1", Ct);

        Assert.Equal(5, test.Server.Requests.Count);
        var waits = test.Clock.ShortWaits.ToList();
        Assert.Equal(4, waits.Count);
        Assert.All(waits, wait => Assert.InRange(wait, TimeSpan.FromTicks(1), TimeSpan.FromSeconds(6)));
    }

    [Theory]
    [InlineData(HttpRequestError.ConnectionError)]
    [InlineData(HttpRequestError.NameResolutionError)]
    public async Task Create_is_repeated_when_the_connection_could_not_be_opened(HttpRequestError error)
    {
        using var test = new TestClient();
        test.Server.Throw(new HttpRequestException(error, "Connection refused (127.0.0.1:5099)"));
        test.Server.ReplyEnvelope(Created);

        var created = await test.Deals.CreateAsync(new Deal { DealName = "Initech expansion" }, Ct);

        Assert.Equal("6650aa00bb11cc22dd33ee44", created.Id);
        Assert.Equal(2, test.Server.Requests.Count);
    }

    [Fact]
    public async Task Persistent_429_ends_in_WorkiomRateLimitedException_after_the_configured_attempts()
    {
        using var test = new TestClient(options => options.MaxAttempts = 4);
        for (int i = 0; i < 4; i++)
        {
            test.Server.Reply(HttpStatusCode.TooManyRequests, "", r => r.Headers.RetryAfter = new RetryConditionHeaderValue(TimeSpan.FromSeconds(3)));
        }

        var error = await Assert.ThrowsAsync<WorkiomRateLimitedException>(() => test.Deals.GetAsync("rec1", Ct));

        Assert.Equal(TimeSpan.FromSeconds(3), error.RetryAfter);
        Assert.Equal(HttpStatusCode.TooManyRequests, error.StatusCode);
        Assert.Equal(4, test.Server.Requests.Count);
    }

    [Fact]
    public async Task Reads_that_keep_timing_out_end_in_WorkiomTimeoutException()
    {
        using var test = new TestClient();
        for (int i = 0; i < 3; i++)
        {
            test.Hang();
        }

        await Assert.ThrowsAsync<WorkiomTimeoutException>(() => test.Deals.ToListAsync(new FixedQuery(), Ct));

        Assert.Equal(3, test.Server.Requests.Count);
    }

    [Fact]
    public async Task Unreachable_Workiom_ends_in_WorkiomConnectionException()
    {
        using var test = new TestClient();
        for (int i = 0; i < 3; i++)
        {
            test.Server.Throw(new HttpRequestException(HttpRequestError.ConnectionError, "Connection refused"));
        }

        var error = await Assert.ThrowsAsync<WorkiomConnectionException>(() => test.Deals.DeleteAsync("rec1", Ct));

        Assert.IsType<HttpRequestException>(error.InnerException);
        Assert.Equal(3, test.Server.Requests.Count);
    }

    [Theory]
    [InlineData("update")]
    [InlineData("replace")]
    [InlineData("delete")]
    [InlineData("all")]
    public async Task Idempotent_writes_and_Data_All_are_repeated_on_503(string call)
    {
        using var test = new TestClient();
        test.Server.Reply(HttpStatusCode.OK, TestClient.FixtureDealEnvelope());
        var deal = await test.Deals.GetAsync("64432f26b032d10001e89d88", Ct);
        test.Server.Requests.Clear();
        test.Server.Reply(HttpStatusCode.ServiceUnavailable, "");
        test.Server.Reply(HttpStatusCode.OK, call == "all" ? TestClient.Page(0, []) : FakeWorkiom.Envelope("null"));
        deal.Amount = 1m;

        Task work = call switch
        {
            "update" => test.Deals.UpdateAsync(deal, Ct),
            "replace" => test.Deals.ReplaceAsync(deal, Ct),
            "delete" => test.Deals.DeleteAsync(deal.Id!, Ct),
            _ => test.Deals.ToListAsync(new FixedQuery(), Ct),
        };
        await work;

        Assert.Equal(2, test.Server.Requests.Count);
        Assert.Equal(test.Server.Requests[0].Body, test.Server.Requests[1].Body);
    }

    [Fact]
    public async Task Other_error_statuses_are_not_repeated()
    {
        using var test = new TestClient();
        test.Server.ReplyFixture("error.envelope.json", HttpStatusCode.InternalServerError);
        test.Server.Reply(HttpStatusCode.OK, TestClient.FixtureDealEnvelope());

        await Assert.ThrowsAsync<WorkiomApiException>(() => test.Deals.GetAsync("rec1", Ct));
        Assert.Single(test.Server.Requests);
    }

    [Fact]
    public async Task MaxAttempts_of_one_disables_retries()
    {
        using var test = new TestClient(options => options.MaxAttempts = 1);
        test.Server.Reply(HttpStatusCode.ServiceUnavailable, "");

        await Assert.ThrowsAsync<WorkiomApiException>(() => test.Deals.GetAsync("rec1", Ct));
        Assert.Single(test.Server.Requests);
    }

    [Fact]
    public async Task Cancellation_by_the_caller_is_not_turned_into_a_timeout()
    {
        using var test = new TestClient();
        test.Server.Hang(elapseTimeout: () => { });
        using var cancellation = new CancellationTokenSource();

        var call = test.Deals.GetAsync("rec1", cancellation.Token);
        cancellation.Cancel();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => call);
    }
}
