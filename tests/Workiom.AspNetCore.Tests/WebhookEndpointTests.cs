using System.Net;
using System.Text;
using System.Text.Json;
using System.Threading.Channels;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Workiom.AspNetCore.Tests.Lists;
using Workiom.Emulator;
using Workiom.Emulator.Webhooks;
using Workiom.Webhooks;

namespace Workiom.AspNetCore.Tests;

/// <summary>The emulator delivers webhooks to a real Kestrel endpoint on 127.0.0.1; the client subscribes.</summary>
public sealed class WebhookEndpointTests : IAsyncLifetime
{
    private const string SecretHeader = "X-Webhook-Secret";
    private const string Secret = "correct horse battery staple";

    private readonly Channel<WorkiomWebhook<Deal>> _deals = Channel.CreateUnbounded<WorkiomWebhook<Deal>>();
    private readonly Channel<WorkiomWebhook<Lead>> _leads = Channel.CreateUnbounded<WorkiomWebhook<Lead>>();
    private readonly LogSink _log = new();
    private WorkiomEmulator _emulator = null!;
    private WebApplication _receiver = null!;
    private Uri _receiverBase = null!;

    public async Task InitializeAsync()
    {
        string Fixture(string name) => Path.Combine(AppContext.BaseDirectory, "fixtures", name);
        _emulator = await WorkiomEmulator.StartAsync(new WorkiomEmulatorOptions
        {
            SchemaPaths = [Fixture("lists-get.deals.json"), Path.Combine(AppContext.BaseDirectory, "Snapshots", "lists-get.leads.json")],
            WebhookAttempts = 1,
        });

        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
        builder.Logging.ClearProviders();
        builder.Logging.AddProvider(_log);
        _receiver = builder.Build();
        _receiver.MapWorkiomWebhook<Deal>("/hooks/deals", async (WorkiomWebhook<Deal> hook, CancellationToken ct) =>
            await _deals.Writer.WriteAsync(hook, ct));
        _receiver.MapWorkiomWebhook<Deal>("/hooks/secret", (WorkiomWebhook<Deal> hook, CancellationToken ct) =>
            _deals.Writer.WriteAsync(hook, ct).AsTask(), options =>
        {
            options.SecretHeaderName = SecretHeader;
            options.Secret = Secret;
        });
        _receiver.MapWorkiomWebhook<Deal>("/hooks/small", (WorkiomWebhook<Deal> hook, CancellationToken ct) => Task.CompletedTask, options => options.MaxBodyBytes = 64);
        _receiver.MapWorkiomWebhook<Deal>("/hooks/signed", (WorkiomWebhook<Deal> hook, CancellationToken ct) => Task.CompletedTask, options =>
            options.Verify = (context, body) => context.Request.Headers["X-Signature"] == Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(body.Span)));
        _receiver.MapWorkiomWebhook<Lead>("/hooks/leads", async (WorkiomWebhook<Lead> hook, Microsoft.AspNetCore.Http.HttpContext context) =>
        {
            Assert.NotNull(context.RequestServices.GetService<ILoggerFactory>());
            await _leads.Writer.WriteAsync(hook, context.RequestAborted);
        });
        await _receiver.StartAsync();
        var address = _receiver.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        _receiverBase = new Uri(address + "/");
    }

    public async Task DisposeAsync()
    {
        await _receiver.DisposeAsync();
        await _emulator.DisposeAsync();
    }

    private Uri Hook(string path) => new(_receiverBase, path);

    private static async Task<T> NextAsync<T>(Channel<T> channel)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        return await channel.Reader.ReadAsync(timeout.Token);
    }

    [Fact]
    public async Task An_update_through_the_client_arrives_typed_with_the_values_Data_All_reads()
    {
        using var client = _emulator.CreateClient();
        var subscription = await client.Deals().Webhooks.SubscribeAsync(Hook("hooks/deals?token=abc"), WorkiomWebhookEvent.Updated);
        var deal = await client.Deals().CreateAsync(new Deal { DealName = "Acme renewal", Amount = 1200.5m, Stage = Deal.StageOption.Qualified, IsStrategic = true });
        deal.Probability = 0.75m;
        deal.Tags.Add(Deal.TagsOption.Known[0]);
        await client.Deals().UpdateAsync(deal);

        var hook = await NextAsync(_deals);

        Assert.Equal(WorkiomWebhookEvent.Updated, hook.Event);
        Assert.True(hook.AllKeysMatched, string.Join(", ", hook.UnmatchedKeys.Concat(hook.AmbiguousKeys)));
        var read = Assert.Single(await client.Deals().Query().ToListAsync());
        Assert.Equal(read.Id, hook.RecordId);
        Assert.Equal(Replace(read), Replace(hook.Record));
        Assert.Equal(read.Creator, hook.Record.Creator);
        Assert.Equal(read.CreationDate, hook.Record.CreationDate);
        Assert.Equal(read.LastUpdater, hook.Record.LastUpdater);
        Assert.Equal(read.LastModifyDate, hook.Record.LastModifyDate);
        Assert.Equal(read.LastActivityDate, hook.Record.LastActivityDate);
        Assert.Equal(0.75m, hook.Record.Probability);
        Assert.Equal(subscription.Url, Assert.Single(_emulator.Webhooks.Subscriptions).Url);
        Assert.Equal("token=***&workiom-event=***", subscription.ToString().Split('?')[1].Split(',')[0]);
    }

    [Fact]
    public async Task A_create_arrives_as_created_and_unsubscribe_stops_deliveries()
    {
        using var client = _emulator.CreateClient();
        var subscription = await client.Deals().Webhooks.SubscribeAsync(Hook("hooks/deals"), WorkiomWebhookEvent.Created, "new deals");
        Assert.Equal(client.Deals().ListId, subscription.ListId);
        Assert.Equal(WorkiomWebhookEvent.Created, subscription.Event);
        Assert.EndsWith("/hooks/deals?workiom-event=created", subscription.Url.AbsoluteUri, StringComparison.Ordinal);

        var created = await client.Deals().CreateAsync(new Deal { DealName = "First" });
        var hook = await NextAsync(_deals);
        Assert.Equal(WorkiomWebhookEvent.Created, hook.Event);
        Assert.Equal(created.Id, hook.RecordId);
        Assert.Equal("First", hook.Record.DealName);

        await client.Deals().Webhooks.UnsubscribeAsync(subscription.Id);
        Assert.Empty(_emulator.Webhooks.Subscriptions);
        await Assert.ThrowsAsync<WorkiomNotFoundException>(() => client.Deals().Webhooks.UnsubscribeAsync(subscription.Id));
    }

    [Fact]
    public async Task A_subscription_sends_the_lists_app_id_and_keeps_a_workiom_event_the_url_already_has()
    {
        using var client = _emulator.CreateClient();
        var subscription = await client.Deals().Webhooks.SubscribeAsync(Hook("hooks/deals?workiom-event=created"), WorkiomWebhookEvent.Updated);

        var registered = Assert.Single(_emulator.Webhooks.Subscriptions);
        Assert.Equal(Deal.WorkiomSchema.AppId, registered.AppId);
        Assert.Equal(WebhookEvent.Updated, registered.Event);
        Assert.Equal("?workiom-event=created", registered.Url.Query);
        Assert.Equal(registered.Id, subscription.Id);
    }

    [Fact]
    public async Task A_subscription_Workiom_refuses_is_a_typed_exception()
    {
        using var client = _emulator.CreateClient();

        // The emulator posts only to loopback and its WebhookHosts: AddSubscription refuses with a validation error.
        var exception = await Assert.ThrowsAsync<WorkiomApiException>(() =>
            client.Deals().Webhooks.SubscribeAsync(new Uri("https://receiver.example.test/hooks?key=secret-value"), WorkiomWebhookEvent.Updated));
        Assert.DoesNotContain("secret-value", exception.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("ftp://127.0.0.1/hooks")]
    [InlineData("http://receiver.example.test/hooks")]
    [InlineData("https://user:pw@receiver.example.test/hooks")]
    public async Task A_url_Workiom_must_not_post_records_to_is_refused_before_sending(string url)
    {
        using var client = _emulator.CreateClient();

        await Assert.ThrowsAsync<ArgumentException>(() => client.Deals().Webhooks.SubscribeAsync(new Uri(url), WorkiomWebhookEvent.Updated));
        Assert.Empty(_emulator.Webhooks.Subscriptions);
    }

    [Fact]
    public async Task The_shared_secret_header_lets_deliveries_in_and_keeps_others_out()
    {
        using var client = _emulator.CreateClient();
        _emulator.Webhooks.Subscribe(Deal.WorkiomListId, Hook("hooks/secret"), WebhookEvent.Created, new Dictionary<string, string> { [SecretHeader] = Secret });
        var wrong = _emulator.Webhooks.Subscribe(Deal.WorkiomListId, Hook("hooks/secret?x=1"), WebhookEvent.Created, new Dictionary<string, string> { [SecretHeader] = "not-the-secret-value" });
        var none = _emulator.Webhooks.Subscribe(Deal.WorkiomListId, Hook("hooks/secret?x=2"), WebhookEvent.Created);

        var created = await client.Deals().CreateAsync(new Deal { DealName = "Secret" });

        var hook = await NextAsync(_deals);
        Assert.Equal(created.Id, hook.RecordId);
        Assert.Null(hook.Event);
        var refused = await _emulator.Webhooks.WaitForDeliveryAsync(d => d.SubscriptionId == wrong.Id);
        Assert.Equal(401, refused.StatusCode);
        Assert.Equal(401, (await _emulator.Webhooks.WaitForDeliveryAsync(d => d.SubscriptionId == none.Id)).StatusCode);
        Assert.DoesNotContain(_log.Lines, line => line.Contains(Secret, StringComparison.Ordinal) || line.Contains("not-the-secret-value", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Names_with_spaces_emoji_and_Arabic_arrive_from_the_emulator_and_collisions_are_reported()
    {
        using var client = _emulator.CreateClient();
        await client.Leads().Webhooks.SubscribeAsync(Hook("hooks/leads"), WorkiomWebhookEvent.Created);
        var created = await client.Leads().CreateAsync(new Lead
        {
            FullName = "Ann", HotLead = true, الاسمالكامل = "آن", Notes = "one", Notes_3001010 = "two", Budget_3001012 = 7m,
            InterestedPropertyTypes = Lead.InterestedPropertyTypesOption.Commercial,
        });

        var hook = await NextAsync(_leads);

        Assert.Equal(created.Id, hook.RecordId);
        Assert.Equal("Ann", hook.Record.FullName);
        Assert.True(hook.Record.HotLead);
        Assert.Equal("آن", hook.Record.الاسمالكامل);
        Assert.Equal(Lead.InterestedPropertyTypesOption.Commercial, hook.Record.InterestedPropertyTypes);
        Assert.Equal("two", hook.Record.Notes_3001010);
        Assert.Equal(7m, hook.Record.Budget_3001012);
        Assert.NotNull(hook.Record.Creator);
        Assert.Equal(["Notes", "Budget", "DealSize"], hook.AmbiguousKeys);
        Assert.Equal("one", hook.Record.UnknownFields["Notes"].GetString());
        var warning = Assert.Single(_log.Lines, line => line.Contains("match more than one", StringComparison.Ordinal));
        Assert.Contains("\"Notes\", \"Budget\", \"DealSize\"", warning, StringComparison.Ordinal);
        Assert.DoesNotContain("one", warning.Replace("more than one", "", StringComparison.Ordinal), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("hooks/deals", "{\"DealName\": }", "application/json", HttpStatusCode.BadRequest)]
    [InlineData("hooks/deals", "[{\"DealName\":\"x\"}]", "application/json", HttpStatusCode.BadRequest)]
    [InlineData("hooks/deals", "{\"DealName\":\"x\"}", "text/plain", HttpStatusCode.UnsupportedMediaType)]
    [InlineData("hooks/deals", "{\"DealName\":\"x\"}", null, HttpStatusCode.UnsupportedMediaType)]
    [InlineData("hooks/deals", "{\"DealName\":\"x\"}", "application/json; charset=utf-16", HttpStatusCode.UnsupportedMediaType)]
    [InlineData("hooks/deals", "{\"DealName\":\"x\"}", "application/vnd.workiom+json", HttpStatusCode.OK)]
    [InlineData("hooks/small", "{\"DealName\":\"a name long enough to pass the sixty-four byte limit\"}", "application/json", HttpStatusCode.RequestEntityTooLarge)]
    [InlineData("hooks/small", "{\"DealName\":\"short\"}", "application/json", HttpStatusCode.OK)]
    [InlineData("hooks/secret", "{\"DealName\":\"x\"}", "application/json", HttpStatusCode.Unauthorized)]
    [InlineData("hooks/signed", "{\"DealName\":\"x\"}", "application/json", HttpStatusCode.Unauthorized)]
    public async Task The_endpoint_answers_bad_deliveries_with_clear_statuses(string path, string body, string? contentType, HttpStatusCode expected)
    {
        using var http = new HttpClient();
        var content = new ByteArrayContent(Encoding.UTF8.GetBytes(body));
        if (contentType is not null)
        {
            content.Headers.TryAddWithoutValidation("Content-Type", contentType);
        }

        using var response = await http.PostAsync(Hook(path), content);

        Assert.Equal(expected, response.StatusCode);
        if (expected == HttpStatusCode.BadRequest)
        {
            Assert.Contains("webhook body", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task A_malformed_body_is_answered_with_its_line_and_position()
    {
        using var http = new HttpClient();

        using var response = await http.PostAsync(Hook("hooks/deals"), new StringContent("{\n\"DealName\": tru }", Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("line 2", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_body_over_the_limit_without_a_content_length_is_refused_while_read()
    {
        using var http = new HttpClient();
        var content = new StreamContent(new MemoryStream(Encoding.UTF8.GetBytes("{\"DealName\":\"" + new string('x', 200) + "\"}")));
        content.Headers.ContentType = new("application/json");
        using var request = new HttpRequestMessage(HttpMethod.Post, Hook("hooks/small")) { Content = content };
        request.Headers.TransferEncodingChunked = true;

        using var response = await http.SendAsync(request);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
    }

    [Fact]
    public async Task A_verified_signature_lets_the_delivery_in()
    {
        using var http = new HttpClient();
        var body = Encoding.UTF8.GetBytes("{\"DealName\":\"signed\"}");
        var content = new ByteArrayContent(body);
        content.Headers.ContentType = new("application/json");
        using var request = new HttpRequestMessage(HttpMethod.Post, Hook("hooks/signed")) { Content = content };
        request.Headers.Add("X-Signature", Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(body)));

        using var response = await http.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public void Options_that_cannot_work_are_refused_when_the_endpoint_is_mapped()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => _receiver.MapWorkiomWebhook<Deal>("/x", (WorkiomWebhook<Deal> _, CancellationToken _) => Task.CompletedTask, o => o.MaxBodyBytes = 0));
        Assert.Throws<ArgumentException>(() => _receiver.MapWorkiomWebhook<Deal>("/y", (WorkiomWebhook<Deal> _, CancellationToken _) => Task.CompletedTask, o => o.Secret = "s"));
    }

    private static string Replace(WorkiomRecord record)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            record.WriteTo(writer, WorkiomWriteKind.Replace);
        }

        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    internal sealed class LogSink : ILoggerProvider
    {
        private readonly List<string> _lines = new();

        public IReadOnlyList<string> Lines
        {
            get
            {
                lock (_lines)
                {
                    return _lines.ToList();
                }
            }
        }

        public ILogger CreateLogger(string categoryName) => new Logger(this);

        public void Dispose()
        {
        }

        private sealed class Logger(LogSink sink) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

            public bool IsEnabled(LogLevel logLevel) => true;

            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
            {
                lock (sink._lines)
                {
                    sink._lines.Add(formatter(state, exception));
                }
            }
        }
    }
}
