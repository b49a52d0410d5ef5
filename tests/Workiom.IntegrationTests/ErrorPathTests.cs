using System.Net;
using Workiom.Emulator;
using Workiom.Emulator.Faults;
using Workiom.IntegrationTests.Lists;

namespace Workiom.IntegrationTests;

/// <summary>
/// Every way a call can fail, made to happen by the emulator, and what the client turns it into:
/// the typed exception, a retry that succeeds, and never a create stored twice.
/// </summary>
public sealed class ErrorPathTests : IClassFixture<EmulatorFixture>
{
    private readonly EmulatorFixture _fixture;

    public ErrorPathTests(EmulatorFixture fixture)
    {
        _fixture = fixture;
        // Tests of one class run one after another; a fault a failed test left behind must not hit the next.
        fixture.Emulator.Faults.Clear();
    }

    private WorkiomEmulator Emulator => _fixture.Emulator;

    [Fact]
    public async Task A_refused_write_throws_the_emulators_validation_message_and_stores_nothing()
    {
        using var client = _fixture.CreateClient();
        int before = await Emulator.CountRecordsAsync(Deal.WorkiomListId);

        var refused = await Assert.ThrowsAsync<WorkiomApiException>(
            () => client.Deals().CreateAsync(new Deal { Amount = 10m }, default));

        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Contains("is required", refused.Message, StringComparison.Ordinal);
        Assert.Contains(refused.ValidationErrors, error => error.Members.Contains("2014502"));
        Assert.Equal(before, await Emulator.CountRecordsAsync(Deal.WorkiomListId));
    }

    [Fact]
    public async Task A_list_the_service_does_not_have_is_not_found()
    {
        // This emulator serves only the Companies list, so the Deals list is unknown to it.
        await using var emulator = await WorkiomEmulator.StartAsync(new WorkiomEmulatorOptions
        {
            SchemaPaths = { Path.Combine(EmulatorFixture.SchemaDirectory, "companies.json") },
        });
        using var client = Clients.For(emulator);

        await Assert.ThrowsAsync<WorkiomNotFoundException>(() => client.Deals().CreateAsync(new Deal { DealName = "orphan" }, default));
        await Assert.ThrowsAsync<WorkiomNotFoundException>(() => client.Deals().Query().ToListAsync());
        Assert.NotNull(await client.Companies().CreateAsync(new Company { CompanyName = "still served" }, default));
    }

    [Fact]
    public async Task A_wrong_api_key_is_an_authentication_failure()
    {
        using var client = _fixture.CreateClient(options => options.ApiKey = "not-the-key");

        await Assert.ThrowsAsync<WorkiomAuthenticationException>(() => client.Deals().Query().ToListAsync());
        await Assert.ThrowsAsync<WorkiomAuthenticationException>(() => client.Deals().CreateAsync(new Deal { DealName = "never" }, default));
    }

    [Fact]
    public async Task Password_sign_in_works_and_a_wrong_password_fails()
    {
        using var signedIn = _fixture.CreateClient(options =>
        {
            options.ApiKey = null;
            options.TenantName = EmulatorUser.Default.TenantName;
            options.UserNameOrEmailAddress = EmulatorUser.Default.UserName;
            options.Password = EmulatorUser.Default.Password;
        });
        using var wrong = _fixture.CreateClient(options =>
        {
            options.ApiKey = null;
            options.TenantName = EmulatorUser.Default.TenantName;
            options.UserNameOrEmailAddress = EmulatorUser.Default.UserName;
            options.Password = "not-the-password";
        });

        var created = await signedIn.Deals().CreateAsync(new Deal { DealName = "signed in" }, default);
        var read = await signedIn.Deals().GetAsync(created.Id!, default);

        Assert.Equal(EmulatorUser.Default.Id, read.Creator?.Id);
        await Assert.ThrowsAsync<WorkiomAuthenticationException>(() => wrong.Deals().Query().ToListAsync());
    }

    [Fact]
    public async Task Success_false_on_http_200_is_an_api_error()
    {
        using var client = _fixture.CreateClient();
        Emulator.Faults.Enqueue(new EmulatorFault("Data/All", FaultKind.UnsuccessfulReply));

        var failed = await Assert.ThrowsAsync<WorkiomApiException>(() => client.Deals().Query().ToListAsync());

        Assert.Contains("The request failed (injected fault).", failed.Message, StringComparison.Ordinal);
        Assert.Equal(0, Emulator.Faults.Pending);
    }

    [Fact]
    public async Task Too_many_requests_waits_for_retry_after_then_succeeds_without_a_duplicate()
    {
        using var client = _fixture.CreateClient(options => options.MaxRetryDelay = TimeSpan.FromSeconds(5));
        int before = await Emulator.CountRecordsAsync(Deal.WorkiomListId);
        int fired = Emulator.Faults.Fired;
        Emulator.Faults.Enqueue(new EmulatorFault("Data/Create", FaultKind.TooManyRequests, retryAfter: TimeSpan.FromSeconds(1)));

        var created = await client.Deals().CreateAsync(new Deal { DealName = "rate limited once" }, default);

        Assert.Equal(fired + 1, Emulator.Faults.Fired);
        Assert.Equal(0, Emulator.Faults.Pending);
        Assert.Equal(before + 1, await Emulator.CountRecordsAsync(Deal.WorkiomListId));
        Assert.Equal("rate limited once", (await client.Deals().GetAsync(created.Id!, default)).DealName);
    }

    [Fact]
    public async Task A_retry_after_beyond_the_longest_allowed_wait_is_reported_not_waited_for()
    {
        using var client = _fixture.CreateClient();
        Emulator.Faults.Enqueue(new EmulatorFault("Data/All", FaultKind.TooManyRequests, retryAfter: TimeSpan.FromSeconds(120)));

        var limited = await Assert.ThrowsAsync<WorkiomRateLimitedException>(() => client.Deals().Query().ToListAsync());

        Assert.Equal(TimeSpan.FromSeconds(120), limited.RetryAfter);
    }

    [Fact]
    public async Task Server_errors_are_retried_for_reads()
    {
        using var client = _fixture.CreateClient();
        var deal = await client.Deals().CreateAsync(new Deal { DealName = "read through 503s" }, default);
        Emulator.Faults.Enqueue(new EmulatorFault("Data/Get", FaultKind.ServerError, statusCode: 503, times: 2));
        Emulator.Faults.Enqueue(new EmulatorFault("Data/All", FaultKind.ServerError, statusCode: 502, times: 1));

        var read = await client.Deals().GetAsync(deal.Id!, default);
        var listed = await client.Deals().Where(d => d.DealName == "read through 503s").ToListAsync();

        Assert.Equal("read through 503s", read.DealName);
        Assert.Equal(deal.Id, Assert.Single(listed).Id);
        Assert.Equal(0, Emulator.Faults.Pending);
    }

    [Fact]
    public async Task A_dropped_connection_is_retried_for_reads()
    {
        using var client = _fixture.CreateClient();
        var deal = await client.Deals().CreateAsync(new Deal { DealName = "read through a dropped connection" }, default);
        Emulator.Faults.Enqueue(new EmulatorFault("Data/Get", FaultKind.DropConnection, times: 2));

        var read = await client.Deals().GetAsync(deal.Id!, default);

        Assert.Equal("read through a dropped connection", read.DealName);
        Assert.Equal(0, Emulator.Faults.Pending);
    }

    [Fact]
    public async Task A_dropped_connection_after_a_create_was_stored_is_not_repeated()
    {
        using var client = _fixture.CreateClient();
        int before = await Emulator.CountRecordsAsync(Deal.WorkiomListId);
        Emulator.Faults.Enqueue(new EmulatorFault("Data/Create", FaultKind.DropConnectionAfterProcessing, times: 3));

        await Assert.ThrowsAsync<WorkiomConnectionException>(
            () => client.Deals().CreateAsync(new Deal { DealName = "dropped after storing" }, default));

        Emulator.Faults.Clear();
        Assert.Equal(before + 1, await Emulator.CountRecordsAsync(Deal.WorkiomListId));
        Assert.Single(await client.Deals().Where(d => d.DealName == "dropped after storing").ToListAsync());
    }

    [Fact]
    public async Task A_server_error_after_a_create_was_stored_is_not_repeated()
    {
        using var client = _fixture.CreateClient();
        int before = await Emulator.CountRecordsAsync(Deal.WorkiomListId);
        Emulator.Faults.Enqueue(new EmulatorFault("Data/Create", FaultKind.ServerErrorAfterProcessing, statusCode: 503, times: 3));

        var failed = await Assert.ThrowsAsync<WorkiomApiException>(
            () => client.Deals().CreateAsync(new Deal { DealName = "503 after storing" }, default));

        Emulator.Faults.Clear();
        Assert.Equal(HttpStatusCode.ServiceUnavailable, failed.StatusCode);
        Assert.Equal(before + 1, await Emulator.CountRecordsAsync(Deal.WorkiomListId));
        Assert.Single(await client.Deals().Where(d => d.DealName == "503 after storing").ToListAsync());
    }

    [Fact]
    public async Task A_partial_update_that_fails_after_processing_is_retried_and_lands_once()
    {
        using var client = _fixture.CreateClient();
        var deal = await client.Deals().CreateAsync(new Deal { DealName = "update retried", Amount = 1m }, default);
        Emulator.Faults.Enqueue(new EmulatorFault("Data/UpdatePartial", FaultKind.ServerErrorAfterProcessing, statusCode: 503));

        deal.Amount = 2m;
        var updated = await client.Deals().UpdateAsync(deal, default);

        Assert.Equal(2m, updated.Amount);
        Assert.Equal(0, Emulator.Faults.Pending);
        Assert.Equal(2m, (await client.Deals().GetAsync(deal.Id!, default)).Amount);
    }

    [Fact]
    public async Task A_truncated_reply_is_an_invalid_reply()
    {
        using var client = _fixture.CreateClient();
        var deal = await client.Deals().CreateAsync(new Deal { DealName = "cut short" }, default);
        Emulator.Faults.Enqueue(new EmulatorFault("Data/Get", FaultKind.TruncatedBody));

        await Assert.ThrowsAsync<WorkiomInvalidReplyException>(() => client.Deals().GetAsync(deal.Id!, default));
        Assert.Equal("cut short", (await client.Deals().GetAsync(deal.Id!, default)).DealName);
    }

    [Fact]
    public async Task A_reply_slower_than_the_client_timeout_is_a_timeout()
    {
        using var client = _fixture.CreateClient(options =>
        {
            options.Timeout = TimeSpan.FromMilliseconds(300);
            options.MaxAttempts = 2;
        });
        int fired = Emulator.Faults.Fired;
        Emulator.Faults.Enqueue(new EmulatorFault("Data/All", FaultKind.SlowReply, delay: TimeSpan.FromSeconds(5), times: 2));

        await Assert.ThrowsAsync<WorkiomTimeoutException>(() => client.Deals().Query().ToListAsync());

        Assert.Equal(fired + 2, Emulator.Faults.Fired);
    }

    [Fact]
    public async Task Cancellation_stops_a_call_in_flight()
    {
        using var client = _fixture.CreateClient();
        Emulator.Faults.Enqueue(new EmulatorFault("Data/All", FaultKind.SlowReply, delay: TimeSpan.FromSeconds(10)));
        using var cancellation = new CancellationTokenSource();

        var call = client.Deals().Query().ToListAsync(cancellation.Token);
        // Cancel only once the emulator holds the call, so it is the call in flight that is stopped.
        while (Emulator.Faults.Pending > 0 && !call.IsCompleted)
        {
            await Task.Delay(10);
        }

        cancellation.Cancel();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => call);
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => client.Deals().Query().ToListAsync(cancellation.Token));
    }
}
