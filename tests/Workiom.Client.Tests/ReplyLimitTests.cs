using System.Net;
using System.Text;
using Workiom.Client.Tests.Fakes;
using Workiom.Client.Tests.TestRecords;
using Workiom.Http;

namespace Workiom.Client.Tests;

/// <summary>
/// No reply is read past its limit, whatever the server announces or sends, and no reply body can
/// hold a call open forever.
/// </summary>
public class ReplyLimitTests
{
    private static CancellationToken Ct => Guard.Token;

    private const long Limit = 64 * 1024;

    private const string Created = """{"_id":"6650aa00bb11cc22dd33ee44","2014502":"Initech expansion"}""";

    private static byte[] DealEnvelope => Encoding.UTF8.GetBytes(TestClient.FixtureDealEnvelope());

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task A_reply_over_MaxReplyBytes_is_refused_without_reading_past_the_limit(bool announcesLength)
    {
        using var test = new TestClient(o => o.MaxReplyBytes = Limit);
        var body = new ScriptedContent(DealEnvelope, total: 16 * 1024 * 1024, announcesLength);
        test.Server.ReplyContent(HttpStatusCode.OK, body);

        var error = await Assert.ThrowsAsync<WorkiomReplyTooLargeException>(() => test.Deals.GetAsync("rec1", Ct));

        Assert.Equal(Limit, error.Limit);
        Assert.Equal(HttpStatusCode.OK, error.StatusCode);
        Assert.Contains("Workiom:MaxReplyBytes", error.Message);
        Assert.Contains("GET", error.Message);
        // An announced length over the limit is refused unread; a body without one is cut one byte past it.
        Assert.InRange(body.Pulled, 0, announcesLength ? 0 : Limit + 1);
        Assert.Single(test.Server.Requests);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task An_error_body_over_MaxReplyBytes_is_refused_with_its_status(bool announcesLength)
    {
        using var test = new TestClient(o => o.MaxReplyBytes = Limit);
        var body = new ScriptedContent("<html>"u8.ToArray(), total: 8 * 1024 * 1024, announcesLength);
        test.Server.ReplyContent(HttpStatusCode.InternalServerError, body);

        var error = await Assert.ThrowsAsync<WorkiomReplyTooLargeException>(() => test.Deals.GetAsync("rec1", Ct));

        Assert.Equal(HttpStatusCode.InternalServerError, error.StatusCode);
        Assert.Contains("HTTP 500", error.Message);
        Assert.InRange(body.Pulled, 0, Limit + 1);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task A_reply_of_exactly_MaxReplyBytes_is_read_whole_across_many_small_chunks(bool announcesLength)
    {
        // The envelope, then whitespace up to the limit: valid JSON of exactly the limit's size.
        using var test = new TestClient(o => o.MaxReplyBytes = Limit);
        var body = new ScriptedContent(DealEnvelope, total: Limit, announcesLength, chunkSize: 1000);
        test.Server.ReplyContent(HttpStatusCode.OK, body);

        var deal = await test.Deals.GetAsync("64432f26b032d10001e89d88", Ct);

        Assert.Equal("Acme renewal 2025", deal.DealName);
        Assert.Equal(Limit, body.Pulled);
    }

    [Fact]
    public async Task One_byte_over_MaxReplyBytes_without_a_length_is_refused()
    {
        using var test = new TestClient(o => o.MaxReplyBytes = Limit);
        test.Server.ReplyContent(HttpStatusCode.OK, new ScriptedContent(DealEnvelope, total: Limit + 1, announceLength: false, chunkSize: 1000));

        await Assert.ThrowsAsync<WorkiomReplyTooLargeException>(() => test.Deals.GetAsync("64432f26b032d10001e89d88", Ct));
    }

    [Fact]
    public async Task A_reply_body_that_stalls_times_out_and_the_create_is_not_repeated()
    {
        using var test = new TestClient();
        var envelope = Encoding.UTF8.GetBytes(FakeWorkiom.Envelope(Created));
        var body = new ScriptedContent(envelope, envelope.Length, announceLength: true, chunkSize: 8) { StallAfter = 16, OnStall = test.Clock.ElapseHeld };
        test.Server.ReplyContent(HttpStatusCode.OK, body);

        var error = await Assert.ThrowsAsync<WorkiomTimeoutException>(() => test.Deals.CreateAsync(new Deal { DealName = "Initech expansion" }, Ct));

        Assert.Contains("POST", error.Message);
        Assert.Contains("may have reached Workiom", error.Message);
        Assert.Single(test.Server.Requests);
    }

    [Fact]
    public async Task An_error_body_that_stalls_times_out_too()
    {
        using var test = new TestClient();
        var body = new ScriptedContent("{\"error\":"u8.ToArray(), total: 4096, announceLength: false) { StallAfter = 9, OnStall = test.Clock.ElapseHeld };
        test.Server.ReplyContent(HttpStatusCode.BadRequest, body);

        await Assert.ThrowsAsync<WorkiomTimeoutException>(() => test.Deals.GetAsync("rec1", Ct));
    }

    [Fact]
    public async Task A_download_announcing_more_than_MaxDownloadBytes_is_refused_before_a_byte_is_read()
    {
        using var test = new TestClient(o => o.MaxDownloadBytes = 10_000);
        var body = new ScriptedContent("%PDF"u8.ToArray(), total: 10_001, announceLength: true);
        test.Server.ReplyContent(HttpStatusCode.OK, body);

        var error = await Assert.ThrowsAsync<WorkiomReplyTooLargeException>(() => test.Client.DownloadFileAsync("file1", Ct));

        Assert.Equal(10_000, error.Limit);
        Assert.Contains("Workiom:MaxDownloadBytes", error.Message);
        Assert.Equal(0, body.Pulled);
    }

    [Fact]
    public async Task A_download_without_a_length_stops_at_MaxDownloadBytes()
    {
        using var test = new TestClient(o => o.MaxDownloadBytes = 10_000);
        var body = new ScriptedContent("%PDF"u8.ToArray(), total: 1024 * 1024, announceLength: false);
        test.Server.ReplyContent(HttpStatusCode.OK, body);

        await using var stream = await test.Client.DownloadFileAsync("file1", Ct);
        using var copy = new MemoryStream();
        await Assert.ThrowsAsync<WorkiomReplyTooLargeException>(() => stream.CopyToAsync(copy, Ct));

        Assert.InRange(copy.Length, 0, 10_000);
        Assert.InRange(body.Pulled, 10_001, 10_000 + 81_920);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task A_download_of_exactly_MaxDownloadBytes_is_delivered_whole(bool announcesLength)
    {
        using var test = new TestClient(o => o.MaxDownloadBytes = 10_000);
        test.Server.ReplyContent(HttpStatusCode.OK, new ScriptedContent("%PDF"u8.ToArray(), total: 10_000, announcesLength, chunkSize: 999));

        await using var stream = await test.Client.DownloadFileAsync("file1", Ct);
        using var copy = new MemoryStream();
        await stream.CopyToAsync(copy, Ct);

        Assert.Equal(10_000, copy.Length);
        Assert.Equal("%PDF"u8.ToArray(), copy.ToArray()[..4]);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(5000)]
    public async Task A_download_whose_body_stalls_times_out_after_DownloadTimeout(int stallAfter)
    {
        // DownloadTimeout equals the attempt timeout here, so the test clock holds it until the stall.
        using var test = new TestClient(o => o.DownloadTimeout = o.Timeout);
        var body = new ScriptedContent("%PDF"u8.ToArray(), total: 20_000, announceLength: true, chunkSize: 1000)
        {
            StallAfter = stallAfter,
            OnStall = test.Clock.ElapseHeld,
        };
        test.Server.ReplyContent(HttpStatusCode.OK, body);

        await using var stream = await test.Client.DownloadFileAsync("file1", Ct);
        using var copy = new MemoryStream();
        var error = await Assert.ThrowsAsync<WorkiomTimeoutException>(() => stream.CopyToAsync(copy, Ct));

        Assert.Contains("Workiom:DownloadTimeout", error.Message);
        Assert.Equal(stallAfter, copy.Length);
        // The budget is spent: a further read does not wait again.
        await Assert.ThrowsAsync<WorkiomTimeoutException>(async () => await stream.ReadExactlyAsync(new byte[16], Ct));
    }

    [Fact]
    public async Task A_synchronous_read_of_a_stalled_download_times_out_too()
    {
        using var test = new TestClient(o => o.DownloadTimeout = o.Timeout);
        var body = new ScriptedContent("%PDF"u8.ToArray(), total: 20_000, announceLength: true) { StallAfter = 0, OnStall = test.Clock.ElapseHeld };
        test.Server.ReplyContent(HttpStatusCode.OK, body);

        await using var stream = await test.Client.DownloadFileAsync("file1", Ct);

        await Assert.ThrowsAsync<WorkiomTimeoutException>(() => Task.Run(() => stream.ReadExactly(new byte[64], 0, 64), Ct));
    }

    [Fact]
    public void The_limits_have_sane_defaults()
    {
        var options = new WorkiomClientOptions();

        Assert.Equal(64L * 1024 * 1024, options.MaxReplyBytes);
        Assert.Equal(1024L * 1024 * 1024, options.MaxDownloadBytes);
        Assert.Equal(TimeSpan.FromMinutes(10), options.DownloadTimeout);
        options.Validate();
    }

    public static TheoryData<string, string> BadLimits => new()
    {
        { "MaxReplyBytes", "0" },
        { "MaxReplyBytes", "1023" },
        { "MaxReplyBytes", "1073741825" },
        { "MaxDownloadBytes", "0" },
        { "MaxDownloadBytes", "-1" },
        { "DownloadTimeout", "00:00:00" },
        { "DownloadTimeout", "2.00:00:00" },
    };

    [Theory]
    [MemberData(nameof(BadLimits))]
    public void An_unusable_limit_is_refused_when_the_client_starts(string option, string value)
    {
        var options = new WorkiomClientOptions { BaseUrl = TestClient.BaseUrl, ApiKey = TestClient.ApiKey };
        switch (option)
        {
            case "MaxReplyBytes":
                options.MaxReplyBytes = long.Parse(value);
                break;
            case "MaxDownloadBytes":
                options.MaxDownloadBytes = long.Parse(value);
                break;
            default:
                options.DownloadTimeout = TimeSpan.Parse(value);
                break;
        }

        var error = Assert.Throws<WorkiomConfigurationException>(() => new WorkiomClient(options));

        Assert.Contains("Workiom:" + option, error.Message);
    }
}
