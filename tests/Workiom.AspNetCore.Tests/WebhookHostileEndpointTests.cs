using System.Net;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Workiom.AspNetCore.Tests.Lists;
using Workiom.Webhooks;

namespace Workiom.AspNetCore.Tests;

/// <summary>Deliveries a hostile sender may post to a real Kestrel endpoint on 127.0.0.1.</summary>
public sealed class WebhookHostileEndpointTests : IAsyncLifetime
{
    private const string Secret = "s3cr3t-value-never-shown";
    private readonly WebhookEndpointTests.LogSink _log = new();
    private WebApplication _app = null!;
    private Uri _base = null!;

    public async Task InitializeAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
        builder.Logging.ClearProviders();
        builder.Logging.AddProvider(_log);
        _app = builder.Build();
        _app.MapWorkiomWebhook<Lead>("/leads", (WorkiomWebhook<Lead> hook, CancellationToken ct) => Task.CompletedTask);
        _app.MapWorkiomWebhook<Lead>("/throws", (WorkiomWebhook<Lead> hook, CancellationToken ct) =>
            throw new InvalidOperationException("handler detail " + hook.Record.FullName));
        _app.MapWorkiomWebhook<Lead>("/secret", (WorkiomWebhook<Lead> hook, CancellationToken ct) => Task.CompletedTask, options =>
        {
            options.SecretHeaderName = "X-Secret";
            options.Secret = Secret;
        });
        await _app.StartAsync();
        _base = new Uri(_app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single() + "/");
    }

    public async Task DisposeAsync() => await _app.DisposeAsync();

    private async Task<(HttpStatusCode Status, string Body)> PostAsync(string path, byte[] body, string? secret = null)
    {
        using var http = new HttpClient();
        var content = new ByteArrayContent(body);
        content.Headers.TryAddWithoutValidation("Content-Type", "application/json");
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(_base, path)) { Content = content };
        if (secret is not null)
        {
            request.Headers.TryAddWithoutValidation("X-Secret", secret);
        }

        using var response = await http.SendAsync(request);
        return (response.StatusCode, await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task A_handler_that_throws_answers_500_without_its_details()
    {
        var (status, body) = await PostAsync("throws", "{\"FullName\":\"Ann\"}"u8.ToArray());

        Assert.Equal(HttpStatusCode.InternalServerError, status);
        Assert.DoesNotContain("handler detail", body, StringComparison.Ordinal);
        Assert.DoesNotContain("Ann", body, StringComparison.Ordinal);
        Assert.DoesNotContain("InvalidOperationException", body, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(new byte[0])]
    [InlineData(new byte[] { 0x7B, 0x22, 0x46, 0xC3, 0x28, 0x22, 0x3A, 0x31, 0x7D })]
    [InlineData(new byte[] { 0x7B, 0x22, 0x46, 0x75, 0x6C, 0x6C, 0x4E, 0x61, 0x6D, 0x65, 0x22, 0x3A, 0x22, 0xFF, 0x22, 0x7D })]
    [InlineData(new byte[] { 0xEF, 0xBB, 0xBF, 0x7B, 0x7D, 0x00 })]
    public async Task Empty_and_invalid_utf8_bodies_are_answered_400(byte[] body)
    {
        var (status, text) = await PostAsync("leads", body);

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Contains("webhook body", text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""{"_id":"a","_id":"b"}""")]
    [InlineData("""{"_creationDate":{"$date":1}}""")]
    [InlineData("""{"FullName":"\ud800"}""")]
    [InlineData("""{"\udc00":1}""")]
    public async Task Duplicate_keys_junk_in_system_keys_and_broken_escapes_are_answered_400(string json)
    {
        var (status, text) = await PostAsync("leads", Encoding.UTF8.GetBytes(json));

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Contains("webhook body", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Keys_that_match_nothing_cannot_forge_log_lines_or_flood_the_log()
    {
        var keys = Enumerable.Range(0, 50).Select(i => "\"k" + i + "\":1");
        string json = "{\"evil\\nWorkiom webhook accepted\\r\\u2028x\":1,\"" + new string('L', 5000) + "\":2," + string.Join(",", keys) + "}";

        var (status, _) = await PostAsync("leads", Encoding.UTF8.GetBytes(json));

        Assert.Equal(HttpStatusCode.OK, status);
        string line = Assert.Single(_log.Lines, l => l.Contains("match no field", StringComparison.Ordinal));
        Assert.DoesNotContain('\n', line);
        Assert.DoesNotContain('\r', line);
        Assert.DoesNotContain('\u2028', line);
        Assert.DoesNotContain(new string('L', 65), line, StringComparison.Ordinal);
        Assert.Contains("and 32 more", line, StringComparison.Ordinal);
        Assert.True(line.Length < 4000, "The log line is " + line.Length + " characters long.");
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("s3cr3t-value-never-show")]
    [InlineData("S3CR3T-VALUE-NEVER-SHOWN")]
    public async Task A_wrong_secret_is_refused_and_neither_secret_is_shown(string? secret)
    {
        var (status, body) = await PostAsync("secret", "{}"u8.ToArray(), secret);

        Assert.Equal(HttpStatusCode.Unauthorized, status);
        Assert.DoesNotContain("s3cr3t", body, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain(_log.Lines, l => l.Contains("s3cr3t", StringComparison.OrdinalIgnoreCase) || l.Contains(Secret, StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_right_secret_lets_the_delivery_in()
    {
        var (status, _) = await PostAsync("secret", "{}"u8.ToArray(), Secret);

        Assert.Equal(HttpStatusCode.OK, status);
    }
}
