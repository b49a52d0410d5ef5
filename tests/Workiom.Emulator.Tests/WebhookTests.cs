using System.Net;
using System.Net.Sockets;
using System.Text.Json.Nodes;
using Workiom.Emulator.Records;
using Workiom.Emulator.Schema;
using Workiom.Emulator.Webhooks;

namespace Workiom.Emulator.Tests;

public sealed class WebhookTests
{
    private const string Add = "api/services/app/WebhookSubscription/AddSubscription";
    private const string Delete = "api/services/app/WebhookSubscription/DeleteSubscription";

    private static Task<TestEmulator> StartAsync(int attempts = 3, TimeSpan? timeout = null, IList<string>? hosts = null) =>
        TestEmulator.StartAsync(new WorkiomEmulatorOptions
        {
            SchemaPaths = TestEmulator.Snapshots,
            WebhookAttempts = attempts,
            WebhookRetryDelay = TimeSpan.FromMilliseconds(10),
            WebhookTimeout = timeout ?? TimeSpan.FromSeconds(30),
            WebhookHosts = hosts ?? new List<string>(),
        });

    private static JsonObject Subscription(Uri url, int eventType, bool isActive = true, string listId = Ids.Deals) => new()
    {
        ["appId"] = Ids.App,
        ["listId"] = listId,
        ["name"] = "deals hook",
        ["isActive"] = isActive,
        ["webHook"] = url.ToString(),
        ["eventType"] = eventType,
    };

    private static async Task<string> SubscribeAsync(TestEmulator host, Uri url, int eventType, bool isActive = true)
    {
        var reply = await host.PostAsync(Add, Subscription(url, eventType, isActive));
        Assert.True(reply.Success, reply.ErrorMessage);
        return reply.Result!["id"]!.GetValue<string>();
    }

    private static Task<Reply> UpdatePartialAsync(TestEmulator host, string id, JsonObject body) =>
        host.PutAsync($"api/services/app/Data/UpdatePartial?listId={Ids.Deals}&id={id}", body);

    [Fact]
    public async Task A_created_record_is_posted_keyed_by_field_names_with_the_values_Data_Get_returns()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        await using var host = await StartAsync();
        var subscriptionId = await SubscribeAsync(host, receiver.Url("created"), eventType: 0);
        var companyId = await host.CreateCompanyAsync("Initech", employees: 120);
        var body = TestEmulator.Fixture("data-create.request.deals.json");
        body[Ids.Company] = new JsonArray(companyId);
        var created = await host.CreateDealAsync(body);
        var id = created["_id"]!.GetValue<string>();

        var delivery = await host.Emulator.Webhooks.WaitForDeliveryAsync(d => d.RecordId == id);

        Assert.Equal(WebhookDeliveryOutcome.Delivered, delivery.Outcome);
        Assert.Equal(subscriptionId, delivery.SubscriptionId);
        Assert.Equal(WebhookEvent.Created, delivery.Event);
        Assert.Equal(200, delivery.StatusCode);
        var hook = Assert.Single(receiver.At("created"));
        Assert.Equal("POST", hook.Method);
        Assert.StartsWith("application/json", hook.ContentType, StringComparison.Ordinal);
        Assert.Equal(delivery.Body, hook.Body);

        var payload = hook.Json;
        var read = (await host.GetRecordAsync(Ids.Deals, id)).Record;
        var fixture = TestEmulator.Fixture("webhook.payload.updated-record.json");
        foreach (var systemKey in new[] { "_id", "_creator", "_creationDate", "_lastUpdater", "_lastModifyDate", "_lastActivityDate" })
        {
            Assert.True(fixture.ContainsKey(systemKey));
            Assert.True(payload.ContainsKey(systemKey), systemKey);
        }

        Assert.Equal(id, payload["_id"]!.GetValue<string>());
        Assert.Equal(fixture["_creator"]!.AsObject().Select(p => p.Key), payload["_creator"]!.AsObject().Select(p => p.Key));
        Assert.True(JsonNode.DeepEquals(read[Ids.Creator], payload["_creator"]));
        Assert.True(JsonNode.DeepEquals(read[Ids.CreationDate], payload["_creationDate"]));
        Assert.True(JsonNode.DeepEquals(read[Ids.LastUpdater], payload["_lastUpdater"]));
        Assert.True(JsonNode.DeepEquals(read[Ids.LastModifyDate], payload["_lastModifyDate"]));
        Assert.True(JsonNode.DeepEquals(read[Ids.LastActivityDate], payload["_lastActivityDate"]));

        // Every other field under its name without spaces, with the read shape's value (null when empty).
        var named = new Dictionary<string, string>
        {
            ["DealName"] = Ids.DealName, ["Amount"] = Ids.Amount, ["Stage"] = Ids.Stage, ["Tags"] = Ids.Tags,
            ["Company"] = Ids.Company, ["Owner"] = Ids.Owner, ["Watchers"] = Ids.Watchers, ["ExpectedClose"] = Ids.ExpectedClose,
            ["NextMeeting"] = Ids.NextMeeting, ["IsStrategic"] = Ids.IsStrategic, ["ContactEmail"] = Ids.ContactEmail,
            ["DealNo."] = Ids.DealNo, ["NextSteps"] = Ids.NextSteps, ["CompanyEmployees"] = Ids.CompanyEmployees,
            ["WeightedAmount"] = Ids.WeightedAmount,
        };
        foreach (var (name, fieldId) in named)
        {
            Assert.True(payload.ContainsKey(name), name);
            Assert.True(JsonNode.DeepEquals(read[fieldId], payload[name]), $"{name}: {payload[name]?.ToJsonString()} vs {read[fieldId]?.ToJsonString()}");
        }

        Assert.Equal("Initech expansion", payload["DealName"]!.GetValue<string>());
        Assert.Equal("Initech", payload["Company"]![0]!["label"]!.GetValue<string>());
        Assert.Null(payload["NextMeeting"]);
        Assert.True(payload.ContainsKey("NextMeeting"));
        Assert.DoesNotContain(payload, p => long.TryParse(p.Key, out _));
        Assert.Equal(27, payload.Count);
    }

    [Fact]
    public async Task Updates_go_to_updated_subscriptions_and_creations_to_created_ones()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        await using var host = await StartAsync();
        await SubscribeAsync(host, receiver.Url("created"), eventType: 0);
        await SubscribeAsync(host, receiver.Url("updated"), eventType: 1);
        var id = (await host.CreateDealAsync(new JsonObject { [Ids.DealName] = "First" }))["_id"]!.GetValue<string>();
        var partial = await UpdatePartialAsync(host, id, new JsonObject { [Ids.DealName] = "Second" });
        Assert.True(partial.Success, partial.ErrorMessage);
        var full = await host.PutAsync($"api/services/app/Data/Update?listId={Ids.Deals}&id={id}", new JsonObject { [Ids.DealName] = "Third" });
        Assert.True(full.Success, full.ErrorMessage);
        Assert.True((await host.SendAsync(HttpMethod.Delete, $"api/services/app/Data/Delete?listId={Ids.Deals}&id={id}", null)).Success);

        await host.Emulator.Webhooks.WhenIdleAsync();

        Assert.Equal(["First"], receiver.At("created").Select(h => h.Json["DealName"]!.GetValue<string>()));
        Assert.Equal(["Second", "Third"], receiver.At("updated").Select(h => h.Json["DealName"]!.GetValue<string>()));
        Assert.All(host.Emulator.Webhooks.Deliveries, d => Assert.Equal(d.Url.AbsolutePath == "/created" ? WebhookEvent.Created : WebhookEvent.Updated, d.Event));
    }

    [Fact]
    public async Task A_failed_attempt_is_retried_until_the_target_answers_2xx()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        await using var host = await StartAsync(attempts: 5);
        receiver.AnswerNext(500, 503);
        var subscriptionId = await SubscribeAsync(host, receiver.Url("hook"), eventType: 0);
        await host.CreateDealAsync(new JsonObject { [Ids.DealName] = "Retried" });

        var delivery = await host.Emulator.Webhooks.WaitForDeliveryAsync();

        Assert.Equal(WebhookDeliveryOutcome.Delivered, delivery.Outcome);
        Assert.Equal(3, delivery.Attempt);
        var attempts = host.Emulator.Webhooks.Deliveries.Where(d => d.SubscriptionId == subscriptionId).ToList();
        Assert.Equal([500, 503, 200], attempts.Select(d => d.StatusCode ?? 0));
        Assert.Equal([1, 2, 3], attempts.Select(d => d.Attempt));
        Assert.Equal([WebhookDeliveryOutcome.Retrying, WebhookDeliveryOutcome.Retrying, WebhookDeliveryOutcome.Delivered], attempts.Select(d => d.Outcome));
        Assert.Equal(3, receiver.Received.Count);
        Assert.Single(receiver.Received.Select(r => r.Body).Distinct());
    }

    [Fact]
    public async Task A_delivery_fails_for_good_after_the_configured_attempts()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        await using var host = await StartAsync(attempts: 3);
        receiver.AnswerNext(500, 500, 500, 500);
        await SubscribeAsync(host, receiver.Url("hook"), eventType: 0);
        await host.CreateDealAsync(new JsonObject { [Ids.DealName] = "Refused" });

        var delivery = await host.Emulator.Webhooks.WaitForDeliveryAsync();
        await host.Emulator.Webhooks.WhenIdleAsync();

        Assert.Equal(WebhookDeliveryOutcome.Failed, delivery.Outcome);
        Assert.Equal(3, delivery.Attempt);
        Assert.Equal(500, delivery.StatusCode);
        Assert.Equal(3, receiver.Received.Count);
        Assert.Equal(3, host.Emulator.Webhooks.Deliveries.Count);
    }

    [Fact]
    public async Task A_connection_error_or_a_timeout_is_retried_and_logged_as_an_error()
    {
        var closedPort = FreePort();
        await using var receiver = await WebhookReceiver.StartAsync();
        await using var host = await StartAsync(attempts: 2, timeout: TimeSpan.FromMilliseconds(500));
        receiver.HangNext(1);
        var slow = await SubscribeAsync(host, receiver.Url("slow"), eventType: 0);
        var gone = await SubscribeAsync(host, new Uri($"http://127.0.0.1:{closedPort}/hook"), eventType: 0);
        await host.CreateDealAsync(new JsonObject { [Ids.DealName] = "Unlucky" });

        var slowDelivery = await host.Emulator.Webhooks.WaitForDeliveryAsync(d => d.SubscriptionId == slow);
        var goneDelivery = await host.Emulator.Webhooks.WaitForDeliveryAsync(d => d.SubscriptionId == gone);

        Assert.Equal(WebhookDeliveryOutcome.Delivered, slowDelivery.Outcome);
        Assert.Equal(2, slowDelivery.Attempt);
        var timedOut = host.Emulator.Webhooks.Deliveries.Single(d => d.SubscriptionId == slow && d.Attempt == 1);
        Assert.Null(timedOut.StatusCode);
        Assert.Contains("No reply within", timedOut.Error, StringComparison.Ordinal);

        Assert.Equal(WebhookDeliveryOutcome.Failed, goneDelivery.Outcome);
        Assert.Equal(2, goneDelivery.Attempt);
        Assert.Null(goneDelivery.StatusCode);
        Assert.False(string.IsNullOrEmpty(goneDelivery.Error));
    }

    [Fact]
    public async Task Deliveries_to_one_subscription_keep_the_order_of_the_writes_across_retries()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        await using var host = await StartAsync(attempts: 5);
        receiver.AnswerNext(500, 502);
        await SubscribeAsync(host, receiver.Url("hook"), eventType: 0);
        var ids = new List<string>();
        for (var i = 0; i < 6; i++)
        {
            ids.Add((await host.CreateDealAsync(new JsonObject { [Ids.DealName] = "Deal " + i }))["_id"]!.GetValue<string>());
        }

        await host.Emulator.Webhooks.WhenIdleAsync();

        Assert.Equal([ids[0], ids[0], ids[0], .. ids.Skip(1)], receiver.Received.Select(r => r.Json["_id"]!.GetValue<string>()));
    }

    [Fact]
    public async Task A_deleted_subscription_gets_nothing_more_and_an_unknown_id_is_404()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        await using var host = await StartAsync();
        var doomed = await SubscribeAsync(host, receiver.Url("doomed"), eventType: 0);
        await SubscribeAsync(host, receiver.Url("kept"), eventType: 0);
        await host.CreateDealAsync(new JsonObject { [Ids.DealName] = "Before" });
        await host.Emulator.Webhooks.WhenIdleAsync();

        var deleted = await host.SendAsync(HttpMethod.Delete, $"{Delete}?subscriptionId={doomed}", null);
        var again = await host.SendAsync(HttpMethod.Delete, $"{Delete}?subscriptionId={doomed}", null);
        await host.CreateDealAsync(new JsonObject { [Ids.DealName] = "After" });
        await host.Emulator.Webhooks.WhenIdleAsync();

        Assert.True(deleted.Success, deleted.ErrorMessage);
        Assert.Null(deleted.Result);
        HttpStatus.Is(HttpStatusCode.NotFound, again);
        Assert.Contains(doomed, again.ErrorMessage, StringComparison.Ordinal);
        Assert.DoesNotContain(host.Emulator.Webhooks.Subscriptions, s => s.Id == doomed);
        Assert.Equal(["Before"], receiver.At("doomed").Select(h => h.Json["DealName"]!.GetValue<string>()));
        Assert.Equal(["Before", "After"], receiver.At("kept").Select(h => h.Json["DealName"]!.GetValue<string>()));
    }

    [Fact]
    public async Task An_inactive_subscription_is_kept_but_gets_nothing()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        await using var host = await StartAsync();
        var inactive = await SubscribeAsync(host, receiver.Url("inactive"), eventType: 0, isActive: false);
        await SubscribeAsync(host, receiver.Url("active"), eventType: 0);
        await host.CreateDealAsync(new JsonObject { [Ids.DealName] = "Quiet" });

        await host.Emulator.Webhooks.WhenIdleAsync();

        Assert.False(host.Emulator.Webhooks.Subscriptions.Single(s => s.Id == inactive).IsActive);
        Assert.Empty(receiver.At("inactive"));
        Assert.Single(receiver.At("active"));
    }

    [Theory]
    [InlineData("http://example.com/hook", "WebhookHosts")]
    [InlineData("http://10.0.0.1/hook", "WebhookHosts")]
    [InlineData("http://localhost.attacker.example/hook", "WebhookHosts")]
    [InlineData("ftp://127.0.0.1/hook", "http")]
    [InlineData("http://user:secret@127.0.0.1/hook", "header")]
    [InlineData("not a url", "http")]
    public async Task A_target_that_is_not_loopback_or_allowed_is_refused(string url, string mentioned)
    {
        await using var host = await StartAsync();
        var body = Subscription(new Uri("http://127.0.0.1/"), eventType: 0);
        body["webHook"] = url;

        var reply = await host.PostAsync(Add, body);

        HttpStatus.Is(HttpStatusCode.BadRequest, reply);
        Assert.Contains(mentioned, reply.ErrorMessage, StringComparison.Ordinal);
        Assert.Empty(host.Emulator.Webhooks.Subscriptions);
        if (Uri.TryCreate(url, UriKind.Absolute, out var uri))
        {
            Assert.Throws<ArgumentException>(() => host.Emulator.Webhooks.Subscribe(Ids.Deals, uri, WebhookEvent.Created));
        }
    }

    [Fact]
    public async Task Names_in_WebhookHosts_are_accepted_and_headers_to_them_need_https()
    {
        await using var host = await StartAsync(hosts: ["hooks.example.test", "*.receivers.test"]);
        var headers = new Dictionary<string, string> { ["X-Hook-Secret"] = "s3cr3t" };

        var named = await host.PostAsync(Add, Subscription(new Uri("http://hooks.example.test/in"), eventType: 0));
        var wildcard = host.Emulator.Webhooks.Subscribe(Ids.Deals, new Uri("https://a.receivers.test/in"), WebhookEvent.Updated, headers);
        var plain = Assert.Throws<ArgumentException>(() => host.Emulator.Webhooks.Subscribe(Ids.Deals, new Uri("http://hooks.example.test/in"), WebhookEvent.Created, headers));
        var other = await host.PostAsync(Add, Subscription(new Uri("http://receivers.test/in"), eventType: 0));

        Assert.True(named.Success, named.ErrorMessage);
        Assert.Equal("https://a.receivers.test/in", wildcard.Url.ToString());
        Assert.Contains("https", plain.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("s3cr3t", plain.Message, StringComparison.Ordinal);
        HttpStatus.Is(HttpStatusCode.BadRequest, other);
        await Assert.ThrowsAsync<ArgumentException>(() => TestEmulator.StartAsync(new WorkiomEmulatorOptions { SchemaPaths = TestEmulator.Snapshots, WebhookHosts = ["*"] }));
    }

    [Fact]
    public async Task AddSubscription_checks_its_body_and_the_caller()
    {
        await using var host = await StartAsync();
        var url = new Uri("http://127.0.0.1:9/hook");

        var unknownList = await host.PostAsync(Add, Subscription(url, 0, listId: "no-such-list"));
        var noUrl = Subscription(url, 0);
        noUrl.Remove("webHook");
        var missingUrl = await host.PostAsync(Add, noUrl);
        var badEvent = await host.PostAsync(Add, Subscription(url, 2));
        var noEvent = Subscription(url, 0);
        noEvent.Remove("eventType");
        var missingEvent = await host.PostAsync(Add, noEvent);
        var otherApp = Subscription(url, 0);
        otherApp["appId"] = "another-app";
        var wrongApp = await host.PostAsync(Add, otherApp);
        using var anonymous = TestEmulator.NewClient(host.Emulator);
        using var anonymousReply = await anonymous.PostAsync(Add, new StringContent(Subscription(url, 0).ToJsonString(), System.Text.Encoding.UTF8, "application/json"));
        var unauthorized = await TestEmulator.ReadAsync(anonymousReply);
        var noId = await host.SendAsync(HttpMethod.Delete, Delete, null);

        HttpStatus.Is(HttpStatusCode.NotFound, unknownList);
        Assert.Contains("no-such-list", unknownList.ErrorMessage, StringComparison.Ordinal);
        HttpStatus.Is(HttpStatusCode.BadRequest, missingUrl);
        Assert.Contains("webHook", missingUrl.ErrorMessage, StringComparison.Ordinal);
        HttpStatus.Is(HttpStatusCode.BadRequest, badEvent);
        Assert.Contains("eventType", badEvent.ErrorMessage, StringComparison.Ordinal);
        HttpStatus.Is(HttpStatusCode.BadRequest, missingEvent);
        Assert.Contains("eventType", missingEvent.ErrorMessage, StringComparison.Ordinal);
        HttpStatus.Is(HttpStatusCode.BadRequest, wrongApp);
        HttpStatus.Is(HttpStatusCode.Unauthorized, unauthorized);
        HttpStatus.Is(HttpStatusCode.BadRequest, noId);
        Assert.Empty(host.Emulator.Webhooks.Subscriptions);
    }

    [Fact]
    public async Task Headers_of_a_subscription_are_sent_and_never_shown()
    {
        const string Secret = "s3cr3t-hook-value";
        await using var receiver = await WebhookReceiver.StartAsync();
        await using var host = await StartAsync(attempts: 3);
        receiver.AnswerNext(500);
        var subscription = host.Emulator.Webhooks.Subscribe(Ids.Deals, receiver.Url("hook"), WebhookEvent.Created, new Dictionary<string, string> { ["X-Hook-Secret"] = Secret });
        var closed = host.Emulator.Webhooks.Subscribe(Ids.Deals, new Uri($"http://127.0.0.1:{FreePort()}/hook"), WebhookEvent.Created, new Dictionary<string, string> { ["Authorization"] = "Bearer " + Secret });
        await host.CreateDealAsync(new JsonObject { [Ids.DealName] = "Secretive" });

        await host.Emulator.Webhooks.WaitForDeliveryAsync(d => d.SubscriptionId == subscription.Id);
        await host.Emulator.Webhooks.WaitForDeliveryAsync(d => d.SubscriptionId == closed.Id);

        Assert.All(receiver.Received, r => Assert.Equal(Secret, r.Headers["X-Hook-Secret"]));
        Assert.Equal(["X-Hook-Secret"], subscription.HeaderNames);
        var shown = string.Join("\n", host.Emulator.Webhooks.Subscriptions.Select(s => s + " " + string.Join(",", s.HeaderNames))
            .Concat(host.Emulator.Webhooks.Deliveries.Select(d => $"{d} {d.Body} {d.Error} {d.Url}")));
        Assert.DoesNotContain(Secret, shown, StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => host.Emulator.Webhooks.Subscribe(Ids.Deals, receiver.Url("x"), WebhookEvent.Created, new Dictionary<string, string> { ["X-Bad"] = "a\r\nInjected: 1" }));
        Assert.Throws<ArgumentException>(() => host.Emulator.Webhooks.Subscribe(Ids.Deals, receiver.Url("x"), WebhookEvent.Created, new Dictionary<string, string> { ["Content-Type"] = "text/plain" }));
    }

    [Fact]
    public async Task Query_values_of_the_webhook_url_are_masked_when_printed_and_sent_as_given()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        await using var host = await StartAsync();
        var url = new Uri(receiver.Url("hook") + "?token=s3cr3t-token&flag&empty=");
        var subscription = host.Emulator.Webhooks.Subscribe(Ids.Deals, url, WebhookEvent.Created);
        await host.CreateDealAsync(new JsonObject { [Ids.DealName] = "x" });
        var delivery = await host.Emulator.Webhooks.WaitForDeliveryAsync();

        Assert.Equal(WebhookDeliveryOutcome.Delivered, delivery.Outcome);
        Assert.Equal(url, subscription.Url);
        Assert.Equal(url, delivery.Url);
        foreach (var printed in new[] { subscription.ToString(), delivery.ToString() })
        {
            Assert.DoesNotContain("s3cr3t-token", printed, StringComparison.Ordinal);
            Assert.DoesNotContain("flag", printed, StringComparison.Ordinal);
            Assert.Contains("/hook?token=***&***&empty=***", printed, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task A_delivery_beyond_the_queue_limit_is_logged_as_failed_not_lost()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        await using var host = await StartAsync(attempts: 1);
        host.Emulator.Webhooks.QueueLimit = 2;
        receiver.HangNext(100);
        var subscription = await SubscribeAsync(host, receiver.Url("hook"), eventType: 0);
        await host.CreateDealAsync(new JsonObject { [Ids.DealName] = "Under way" });
        await receiver.FirstRequest.WaitAsync(TimeSpan.FromSeconds(30));
        await host.CreateDealAsync(new JsonObject { [Ids.DealName] = "Waiting 1" });
        await host.CreateDealAsync(new JsonObject { [Ids.DealName] = "Waiting 2" });
        var dropped = (await host.CreateDealAsync(new JsonObject { [Ids.DealName] = "Dropped" }))["_id"]!.GetValue<string>();

        var delivery = await host.Emulator.Webhooks.WaitForDeliveryAsync(d => d.RecordId == dropped);

        Assert.Equal(WebhookDeliveryOutcome.Failed, delivery.Outcome);
        Assert.Equal(subscription, delivery.SubscriptionId);
        Assert.Equal(0, delivery.Attempt);
        Assert.Null(delivery.StatusCode);
        Assert.Contains("2 deliveries were already waiting", delivery.Error, StringComparison.Ordinal);
        Assert.Contains("\"Dropped\"", delivery.Body, StringComparison.Ordinal);
        Assert.Single(host.Emulator.Webhooks.Deliveries);
    }

    [Fact]
    public async Task A_wait_started_before_a_clear_is_cancelled_not_satisfied_by_a_later_delivery()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        await using var host = await StartAsync();
        var webhooks = host.Emulator.Webhooks;
        await SubscribeAsync(host, receiver.Url("before"), eventType: 0);
        await host.CreateDealAsync(new JsonObject { [Ids.DealName] = "Before" });
        await webhooks.WaitForDeliveryAsync();
        var before = webhooks.WaitForDeliveryAsync(d => d.Body.Contains("After", StringComparison.Ordinal));

        await webhooks.ClearAsync();
        var subscription = await SubscribeAsync(host, receiver.Url("after"), eventType: 0);
        await host.CreateDealAsync(new JsonObject { [Ids.DealName] = "After" });
        var after = await webhooks.WaitForDeliveryAsync(d => d.Body.Contains("After", StringComparison.Ordinal));

        await Assert.ThrowsAsync<OperationCanceledException>(() => before);
        Assert.Equal(subscription, after.SubscriptionId);
        Assert.Equal([after], webhooks.Deliveries);
    }

    [Fact]
    public async Task The_match_predicate_runs_outside_the_webhooks_lock()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        await using var host = await StartAsync();
        var webhooks = host.Emulator.Webhooks;
        await SubscribeAsync(host, receiver.Url("hook"), eventType: 0);
        await host.CreateDealAsync(new JsonObject { [Ids.DealName] = "Logged" });
        await webhooks.WaitForDeliveryAsync();

        // The predicate reads the log from another thread; under the lock that thread would wait for it.
        bool ReadsTheLog(WebhookDelivery delivery) => Task.Run(() => webhooks.Deliveries.Count).Wait(TimeSpan.FromSeconds(10));
        var logged = await webhooks.WaitForDeliveryAsync(ReadsTheLog, TimeSpan.FromSeconds(1));
        var next = webhooks.WaitForDeliveryAsync(d => d.Body.Contains("Next", StringComparison.Ordinal) && ReadsTheLog(d));
        await host.CreateDealAsync(new JsonObject { [Ids.DealName] = "Next" });

        Assert.Contains("Logged", logged.Body, StringComparison.Ordinal);
        Assert.Contains("Next", (await next).Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_subscription_added_while_a_clear_runs_is_kept_with_its_deliveries()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        await using var host = await StartAsync();
        var webhooks = host.Emulator.Webhooks;
        var old = await SubscribeAsync(host, receiver.Url("old"), eventType: 0);
        var entered = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using var release = new ManualResetEventSlim();

        // The old subscription's worker is held inside a waiter's predicate, so the clear waits for it.
        var held = webhooks.WaitForDeliveryAsync(d =>
        {
            if (d.SubscriptionId == old)
            {
                entered.TrySetResult();
                release.Wait(TimeSpan.FromSeconds(30));
            }

            return false;
        });
        await host.CreateDealAsync(new JsonObject { [Ids.DealName] = "Old" });
        await entered.Task.WaitAsync(TimeSpan.FromSeconds(30));
        var clearing = Task.Run(webhooks.ClearAsync);
        await Task.Run(async () =>
        {
            while (webhooks.Subscriptions.Count != 0)
            {
                await Task.Delay(10);
            }
        }).WaitAsync(TimeSpan.FromSeconds(30));

        var added = await Task.Run(() => SubscribeAsync(host, receiver.Url("new"), eventType: 0)).WaitAsync(TimeSpan.FromSeconds(30));
        await host.CreateDealAsync(new JsonObject { [Ids.DealName] = "New" });
        var delivered = await webhooks.WaitForDeliveryAsync(d => d.SubscriptionId == added);
        Assert.False(clearing.IsCompleted);
        release.Set();
        await clearing.WaitAsync(TimeSpan.FromSeconds(30));

        await Assert.ThrowsAsync<OperationCanceledException>(() => held);
        Assert.Equal([added], webhooks.Subscriptions.Select(s => s.Id));
        Assert.Equal([delivered], webhooks.Deliveries);
    }

    [Fact]
    public async Task A_redirect_is_not_followed()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        await using var host = await StartAsync(attempts: 2);
        receiver.AnswerNext(307, 302);
        await SubscribeAsync(host, receiver.Url("hook"), eventType: 0);
        await host.CreateDealAsync(new JsonObject { [Ids.DealName] = "Redirected" });

        var delivery = await host.Emulator.Webhooks.WaitForDeliveryAsync();

        Assert.Equal(WebhookDeliveryOutcome.Failed, delivery.Outcome);
        Assert.Equal(302, delivery.StatusCode);
        Assert.Empty(receiver.At("elsewhere"));
        Assert.Equal(2, receiver.Received.Count);
    }

    [Fact]
    public async Task Disposing_the_emulator_stops_a_delivery_under_way_and_drops_pending_ones()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        var host = await StartAsync(attempts: 3);
        receiver.HangNext(100);
        await SubscribeAsync(host, receiver.Url("hook"), eventType: 0);
        await host.CreateDealAsync(new JsonObject { [Ids.DealName] = "One" });
        await host.CreateDealAsync(new JsonObject { [Ids.DealName] = "Two" });
        await receiver.FirstRequest.WaitAsync(TimeSpan.FromSeconds(30));
        var waiting = host.Emulator.Webhooks.WaitForDeliveryAsync();

        await host.DisposeAsync().AsTask().WaitAsync(TimeSpan.FromSeconds(30));

        await Assert.ThrowsAsync<ObjectDisposedException>(() => waiting);
        Assert.Empty(host.Emulator.Webhooks.Deliveries);
        Assert.Single(receiver.Received);
        Assert.Throws<ObjectDisposedException>(() => host.Emulator.Webhooks.Subscribe(Ids.Deals, receiver.Url("late"), WebhookEvent.Created));
    }

    [Fact]
    public void Field_names_lose_their_white_space_and_colliding_keys_get_the_field_id()
    {
        var catalog = new SnapshotCatalog();
        var list = catalog.Put("""
            {"id":"l1","appId":"a1","name":"People","fields":[
              {"id":1,"name":"Full Name","dataType":0,"isPrimary":true},
              {"id":2,"name":"FullName","dataType":0},
              {"id":3,"name":"full\tname","dataType":0},
              {"id":4,"name":" \u00a0 ","dataType":0},
              {"id":5,"name":"_id","dataType":0},
              {"id":6,"name":"Created by","dataType":6,"systemFieldType":1},
              {"id":7,"name":"Deleted","dataType":0,"isDeleted":true}]}
            """);
        var read = (JsonObject)JsonNode.Parse("""{"_id":"r1","1":"a","2":"b","3":"c","4":"d","5":"e","6":{"id":"9"},"99":"later"}""")!;

        var payload = WebhookPayload.Build(list, read);

        Assert.Equal(
            ["_id", "FullName", "FullName_2", "fullname_3", "4", "_id_5", "_creator", "_creationDate", "_lastUpdater", "_lastModifyDate", "_lastActivityDate", "99"],
            payload.Select(p => p.Key));
        Assert.Equal(["r1", "a", "b", "c", "d", "e"], payload.Take(6).Select(p => p.Value!.GetValue<string>()));
        Assert.Equal("9", payload["_creator"]!["id"]!.GetValue<string>());
        Assert.Null(payload["_creationDate"]);
        Assert.Equal("later", payload["99"]!.GetValue<string>());
    }

    [Theory]
    [InlineData(-1.0, 10_000.0)]
    [InlineData(300_001.0, 10_000.0)]
    [InlineData(60.0 * 24 * 3600 * 1000, 10_000.0)]
    [InlineData(10.0, 0.0)]
    [InlineData(10.0, -1.0)]
    [InlineData(10.0, int.MaxValue + 1.0)]
    public async Task A_retry_delay_or_timeout_out_of_range_is_refused_at_start(double retryDelayMs, double timeoutMs)
    {
        var error = await Record.ExceptionAsync(async () => await (await WorkiomEmulator.StartAsync(new WorkiomEmulatorOptions
        {
            SchemaPaths = TestEmulator.Snapshots,
            WebhookRetryDelay = TimeSpan.FromMilliseconds(retryDelayMs),
            WebhookTimeout = TimeSpan.FromMilliseconds(timeoutMs),
        })).DisposeAsync());

        Assert.IsType<ArgumentOutOfRangeException>(error);
    }

    [Fact]
    public async Task The_longest_retry_delay_and_timeout_are_accepted()
    {
        await using var emulator = await WorkiomEmulator.StartAsync(new WorkiomEmulatorOptions
        {
            SchemaPaths = TestEmulator.Snapshots,
            WebhookRetryDelay = TimeSpan.FromMinutes(5),
            WebhookTimeout = TimeSpan.FromMilliseconds(int.MaxValue),
        });

        Assert.Empty(emulator.Webhooks.Deliveries);
    }

    [Fact]
    public async Task An_unexpected_error_in_a_delivery_is_logged_as_failed_and_the_subscription_goes_on()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        await using var host = await TestEmulator.StartAsync(new WorkiomEmulatorOptions
        {
            SchemaPaths = TestEmulator.Snapshots,
            WebhookAttempts = 2,
            WebhookRetryDelay = TimeSpan.FromMilliseconds(10),
            TimeProvider = new NoTimersTimeProvider(),
        });
        receiver.AnswerNext(500);
        await SubscribeAsync(host, receiver.Url("hook"), eventType: 0);
        var first = (await host.CreateDealAsync(new JsonObject { [Ids.DealName] = "Broken wait" }))["_id"]!.GetValue<string>();

        var failed = await host.Emulator.Webhooks.WaitForDeliveryAsync(d => d.RecordId == first);
        var second = (await host.CreateDealAsync(new JsonObject { [Ids.DealName] = "Next" }))["_id"]!.GetValue<string>();
        var delivered = await host.Emulator.Webhooks.WaitForDeliveryAsync(d => d.RecordId == second);

        Assert.Equal(WebhookDeliveryOutcome.Failed, failed.Outcome);
        Assert.Equal(1, failed.Attempt);
        Assert.Contains("unexpected error: NotSupportedException", failed.Error, StringComparison.Ordinal);
        Assert.Equal(WebhookDeliveryOutcome.Delivered, delivered.Outcome);
    }

    /// <summary>A clock whose timers cannot be made: the retry wait throws.</summary>
    private sealed class NoTimersTimeProvider : TimeProvider
    {
        public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period) =>
            throw new NotSupportedException("No timers here.");
    }

    private static int FreePort()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }

    // The subscription endpoints need a caller, take faults, and refuse bodies over the JSON limit.
    [Fact]
    public async Task AddSubscription_needs_a_caller_takes_faults_and_limits_its_body()
    {
        await using var host = await TestEmulator.StartAsync(new WorkiomEmulatorOptions { SchemaPaths = TestEmulator.Snapshots, MaxJsonBodyBytes = 1024 });
        const string add = "api/services/app/WebhookSubscription/AddSubscription";
        using var anonymous = TestEmulator.NewClient(host.Emulator);
        using var refused = await anonymous.PostAsync(add, new StringContent("{}", System.Text.Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);

        await host.PostAsync("_emulator/faults", new JsonObject { ["path"] = "WebhookSubscription/AddSubscription", ["kind"] = "ServerError" });
        var faulted = await host.PostAsync(add, new JsonObject());
        Assert.Equal("An internal error occurred (injected fault).", faulted.ErrorMessage);

        var big = await host.PostAsync(add, new JsonObject { ["name"] = new string('x', 4096) });
        Assert.Contains("too large", big.ErrorMessage, StringComparison.Ordinal);
    }

    // Webhook payload keys from hostile field names: valid JSON, one key per field, no case-insensitive collision.
    [Fact]
    public async Task Hostile_field_names_give_a_valid_payload_with_one_distinct_key_per_field()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        await using var host = await TestEmulator.StartAsync();
        var snapshot = TestEmulator.Fixture("lists-get.deals.json");
        var fields = (JsonArray)(snapshot["result"] ?? snapshot)["fields"]!;
        string[] names = ["_id", "", "   ", "__proto__", "\u2028", "_Creator", "TAGS", "Amount", "AMOUNT", "Amount_2014503", new string('x', 5000)];
        for (var i = 0; i < names.Length; i++)
        {
            fields[i]!["name"] = names[i];
        }

        host.Emulator.ReplaceListSnapshot(snapshot.ToJsonString());
        host.Emulator.Webhooks.Subscribe(Ids.Deals, receiver.Url("hook"), WebhookEvent.Created);
        await host.CreateDealAsync(new JsonObject { [Ids.DealName] = "x" });
        var delivery = await host.Emulator.Webhooks.WaitForDeliveryAsync();

        var payload = JsonNode.Parse(delivery.Body)!.AsObject();
        Assert.Equal(fields.Count + 1, payload.Count);
        Assert.Equal(payload.Count, payload.Select(p => p.Key).Distinct(StringComparer.OrdinalIgnoreCase).Count());
    }

    // Webhook targets: loopback in any spelling Uri canonicalises is accepted; everything else is refused.
    [Theory]
    [InlineData("http://127.1/h", true)]
    [InlineData("http://2130706433/h", true)]
    [InlineData("http://0x7f.0.0.1/h", true)]
    [InlineData("http://LOCALHOST/h", true)]
    [InlineData("http://[::ffff:127.0.0.1]/h", true)]
    [InlineData("http://[0:0:0:0:0:0:0:1]/h", true)]
    [InlineData("http://0.0.0.0/h", false)]
    [InlineData("http://[::]/h", false)]
    [InlineData("http://localhost./h", false)]
    [InlineData("http://127.0.0.1.nip.io/h", false)]
    [InlineData("http://localhost.example.test/h", false)]
    [InlineData("http://[::ffff:10.0.0.1]/h", false)]
    [InlineData("http://[::127.0.0.1]/h", false)]
    [InlineData("http://user:pw@localhost/h", false)]
    [InlineData("http://xn--lcalhost-9za/h", false)]
    [InlineData("http://l\u00f6calhost/h", false)]
    [InlineData("ftp://localhost/h", false)]
    [InlineData("file:///etc/passwd", false)]
    public void Webhook_targets_accept_only_loopback(string url, bool accepted)
    {
        var targets = new WebhookTargets([]);
        var refusal = targets.Refusal(new Uri(System.Text.RegularExpressions.Regex.Unescape(url)), withHeaders: false);
        Assert.True(accepted == refusal is null, refusal ?? "accepted");
        if (refusal is not null)
        {
            Assert.DoesNotContain("pw", refusal, StringComparison.Ordinal);
        }
    }
}
