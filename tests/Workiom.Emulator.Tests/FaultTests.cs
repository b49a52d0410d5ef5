using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using Workiom.Emulator.Faults;

namespace Workiom.Emulator.Tests;

public sealed class FaultTests
{
    private static readonly string CreatePath = $"api/services/app/Data/Create?listId={Ids.Deals}";

    private static Task<HttpResponseMessage> PostCreateAsync(TestEmulator host, string name) =>
        host.Client.PostAsync(CreatePath, new StringContent($$"""{"{{Ids.DealName}}":"{{name}}"}""", System.Text.Encoding.UTF8, "application/json"));

    [Fact]
    public async Task No_faults_are_queued_by_default()
    {
        await using var host = await TestEmulator.StartAsync();
        Assert.Equal(0, host.Emulator.Faults.Pending);
        Assert.True((await host.CreateAsync(Ids.Deals, new JsonObject { [Ids.DealName] = "fine" })).Success);
    }

    [Fact]
    public async Task TooManyRequests_answers_429_with_Retry_After_once_and_processes_nothing()
    {
        await using var host = await TestEmulator.StartAsync();
        host.Emulator.Faults.Enqueue(new EmulatorFault(path: "Data/Create", kind: FaultKind.TooManyRequests, retryAfter: TimeSpan.FromSeconds(3)));

        using var limited = await PostCreateAsync(host, "first");
        var countAfterLimited = await host.Emulator.CountRecordsAsync(Ids.Deals);
        using var retried = await PostCreateAsync(host, "retry");

        Assert.Equal(HttpStatusCode.TooManyRequests, limited.StatusCode);
        Assert.Equal(TimeSpan.FromSeconds(3), limited.Headers.RetryAfter!.Delta);
        Assert.False((await TestEmulator.ReadAsync(limited)).Success);
        Assert.Equal(0, countAfterLimited);
        Assert.Equal(HttpStatusCode.OK, retried.StatusCode);
        Assert.Equal(1, await host.Emulator.CountRecordsAsync(Ids.Deals));
        Assert.Equal(0, host.Emulator.Faults.Pending);
    }

    [Theory]
    [InlineData(500)]
    [InlineData(502)]
    [InlineData(503)]
    [InlineData(504)]
    public async Task ServerError_answers_the_chosen_5xx_without_processing(int status)
    {
        await using var host = await TestEmulator.StartAsync();
        host.Emulator.Faults.Enqueue(new EmulatorFault("Data/Create", FaultKind.ServerError, statusCode: status));

        using var response = await PostCreateAsync(host, "x");

        Assert.Equal(status, (int)response.StatusCode);
        Assert.False((await TestEmulator.ReadAsync(response)).Success);
        Assert.Equal(0, await host.Emulator.CountRecordsAsync(Ids.Deals));
    }

    [Fact]
    public async Task A_fault_fires_the_number_of_times_asked_then_calls_succeed()
    {
        await using var host = await TestEmulator.StartAsync();
        host.Emulator.Faults.Enqueue(new EmulatorFault("Data/Create", FaultKind.ServerError, times: 2));

        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 3; i++)
        {
            using var response = await PostCreateAsync(host, "try " + i);
            statuses.Add(response.StatusCode);
        }

        Assert.Equal([HttpStatusCode.ServiceUnavailable, HttpStatusCode.ServiceUnavailable, HttpStatusCode.OK], statuses);
        Assert.Equal(2, host.Emulator.Faults.Fired);
    }

    [Fact]
    public async Task A_fault_only_hits_calls_to_its_path()
    {
        await using var host = await TestEmulator.StartAsync();
        host.Emulator.Faults.Enqueue(new EmulatorFault("Data/Delete", FaultKind.ServerError));

        var query = await host.DataAllAsync(new JsonObject());
        var create = await host.CreateAsync(Ids.Deals, new JsonObject { [Ids.DealName] = "unaffected" });

        Assert.True(query.Success);
        Assert.True(create.Success);
        Assert.Equal(1, host.Emulator.Faults.Pending);
    }

    [Fact]
    public async Task SlowReply_answers_normally_after_its_delay()
    {
        await using var host = await TestEmulator.StartAsync();
        host.Emulator.Faults.Enqueue(new EmulatorFault("Data/Create", FaultKind.SlowReply, delay: TimeSpan.FromMilliseconds(200)));

        var reply = await host.CreateAsync(Ids.Deals, new JsonObject { [Ids.DealName] = "slow" });

        Assert.True(reply.Success);
        Assert.Equal(1, host.Emulator.Faults.Fired);
        Assert.Equal(1, await host.Emulator.CountRecordsAsync(Ids.Deals));
    }

    [Fact]
    public async Task SlowReplyAfterProcessing_stores_the_write_then_holds_the_reply_until_the_client_gives_up()
    {
        await using var host = await TestEmulator.StartAsync();
        host.Emulator.Faults.Enqueue(new EmulatorFault("Data/Create", FaultKind.SlowReplyAfterProcessing, delay: TimeSpan.FromMinutes(5)));
        using var cancel = new CancellationTokenSource();

        var slow = host.Client.PostAsync(CreatePath, new StringContent($$"""{"{{Ids.DealName}}":"stored, reply held"}"""), cancel.Token);
        // Without a clock: wait until the record is stored, while the reply has not come.
        while (await host.Emulator.CountRecordsAsync(Ids.Deals) == 0)
        {
            Assert.False(slow.IsCompleted, "The call ended before its record was stored.");
            await Task.Delay(10);
        }

        var replyWasHeld = !slow.IsCompleted;
        var other = await host.DataAllAsync(new JsonObject());
        await cancel.CancelAsync();

        Assert.True(replyWasHeld);
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => slow);
        Assert.True(other.Success, other.ErrorMessage);
        Assert.Equal(1, other.Result!["totalCount"]!.GetValue<int>());
        var ids = await host.Emulator.GetRecordIdsAsync(Ids.Deals);
        Assert.Equal("stored, reply held", JsonNode.Parse((await host.Emulator.GetStoredRecordJsonAsync(Ids.Deals, Assert.Single(ids)))!)![Ids.DealName]!.GetValue<string>());
    }

    [Fact]
    public async Task SlowReply_holds_the_call_while_other_calls_are_answered()
    {
        await using var host = await TestEmulator.StartAsync();
        host.Emulator.Faults.Enqueue(new EmulatorFault("Data/Create", FaultKind.SlowReply, delay: TimeSpan.FromMinutes(5)));
        using var cancel = new CancellationTokenSource();

        var slow = host.Client.PostAsync(CreatePath, new StringContent($$"""{"{{Ids.DealName}}":"slow"}"""), cancel.Token);
        for (var i = 0; i < 400 && host.Emulator.Faults.Fired == 0; i++)
        {
            await Task.Delay(25);
        }

        var other = await host.DataAllAsync(new JsonObject());
        var slowWasPending = !slow.IsCompleted;
        await cancel.CancelAsync();

        Assert.Equal(1, host.Emulator.Faults.Fired);
        Assert.True(other.Success);
        Assert.True(slowWasPending);
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => slow);
        Assert.Equal(0, await host.Emulator.CountRecordsAsync(Ids.Deals));
    }

    [Fact]
    public async Task DropConnection_aborts_before_processing()
    {
        await using var host = await TestEmulator.StartAsync();
        host.Emulator.Faults.Enqueue(new EmulatorFault("Data/Create", FaultKind.DropConnection));

        await Assert.ThrowsAsync<HttpRequestException>(() => PostCreateAsync(host, "dropped"));

        Assert.Equal(0, await host.Emulator.CountRecordsAsync(Ids.Deals));
    }

    [Fact]
    public async Task DropConnectionAfterProcessing_stores_the_record_then_aborts()
    {
        await using var host = await TestEmulator.StartAsync();
        host.Emulator.Faults.Enqueue(new EmulatorFault("Data/Create", FaultKind.DropConnectionAfterProcessing));

        await Assert.ThrowsAsync<HttpRequestException>(() => PostCreateAsync(host, "stored anyway"));

        var query = await host.DataAllAsync(new JsonObject());
        Assert.Equal(1, await host.Emulator.CountRecordsAsync(Ids.Deals));
        Assert.Equal("stored anyway", query.Result!["items"]![0]![Ids.DealName]!.GetValue<string>());
    }

    [Fact]
    public async Task ServerErrorAfterProcessing_stores_the_record_then_answers_5xx()
    {
        await using var host = await TestEmulator.StartAsync();
        host.Emulator.Faults.Enqueue(new EmulatorFault("Data/Create", FaultKind.ServerErrorAfterProcessing, statusCode: 500));

        using var response = await PostCreateAsync(host, "stored anyway");

        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        Assert.False((await TestEmulator.ReadAsync(response)).Success);
        Assert.Equal(1, await host.Emulator.CountRecordsAsync(Ids.Deals));
    }

    [Fact]
    public async Task UnsuccessfulReply_is_HTTP_200_with_success_false()
    {
        await using var host = await TestEmulator.StartAsync();
        host.Emulator.Faults.Enqueue(new EmulatorFault("Data/Create", FaultKind.UnsuccessfulReply));

        using var response = await PostCreateAsync(host, "x");
        var reply = await TestEmulator.ReadAsync(response);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.False(reply.Success);
        Assert.NotEmpty(reply.ErrorMessage);
        Assert.Equal(0, await host.Emulator.CountRecordsAsync(Ids.Deals));
    }

    [Fact]
    public async Task TruncatedBody_sends_a_valid_start_of_the_reply_cut_short()
    {
        await using var host = await TestEmulator.StartAsync();
        var deal = await host.CreateDealAsync(new JsonObject { [Ids.DealName] = "Cut", [Ids.Amount] = 5 });
        var path = $"api/services/app/Data/Get?listId={Ids.Deals}&id={deal["_id"]}";
        var whole = await host.Client.GetStringAsync(path);
        host.Emulator.Faults.Enqueue(new EmulatorFault("Data/Get", FaultKind.TruncatedBody));

        using var response = await host.Client.GetAsync(path);
        var cut = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.True(cut.Length < whole.Length);
        Assert.StartsWith(cut, whole, StringComparison.Ordinal);
        Assert.ThrowsAny<JsonException>(() => JsonDocument.Parse(cut));
    }

    [Fact]
    public void Fault_arguments_are_checked()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new EmulatorFault("Data/Create", FaultKind.ServerError, statusCode: 404));
        Assert.Throws<ArgumentOutOfRangeException>(() => new EmulatorFault("Data/Create", FaultKind.TooManyRequests, times: 0));
    }

    [Fact]
    public async Task The_admin_endpoint_queues_lists_and_clears_faults()
    {
        await using var host = await TestEmulator.StartAsync();

        var queued = await host.PostAsync("_emulator/faults", new JsonObject { ["path"] = "Data/Get", ["kind"] = "ServerError", ["statusCode"] = 504, ["times"] = 2 });
        var status = await host.GetAsync("_emulator/faults");
        using var faulted = await host.Client.GetAsync($"api/services/app/Data/Get?listId={Ids.Deals}&id=000000000000000000000000");
        var cleared = await host.SendAsync(HttpMethod.Delete, "_emulator/faults", null);
        using var normal = await host.Client.GetAsync($"api/services/app/Data/Get?listId={Ids.Deals}&id=000000000000000000000000");
        var badKind = await host.PostAsync("_emulator/faults", new JsonObject { ["kind"] = "Meteor" });
        var badStatus = await host.PostAsync("_emulator/faults", new JsonObject { ["kind"] = "ServerError", ["statusCode"] = 200 });

        Assert.True(queued.Success, queued.ErrorMessage);
        Assert.Equal(2, status.Result!["pending"]!.GetValue<int>());
        Assert.Equal(HttpStatusCode.GatewayTimeout, faulted.StatusCode);
        Assert.Equal(0, cleared.Result!["pending"]!.GetValue<int>());
        Assert.Equal(HttpStatusCode.NotFound, normal.StatusCode);
        HttpStatus.Is(HttpStatusCode.BadRequest, badKind);
        Assert.Contains("Meteor", badKind.ErrorMessage);
        HttpStatus.Is(HttpStatusCode.BadRequest, badStatus);
    }

    [Fact]
    public async Task The_admin_endpoint_refuses_calls_without_the_key()
    {
        await using var host = await TestEmulator.StartAsync();
        using var anonymous = TestEmulator.NewClient(host.Emulator);

        using var response = await anonymous.PostAsync("_emulator/faults", new StringContent("""{"kind":"DropConnection"}"""));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal(0, host.Emulator.Faults.Pending);
    }
}
