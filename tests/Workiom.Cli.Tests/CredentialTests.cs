using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;

namespace Workiom.Cli.Tests;

/// <summary>The API key goes only to the base URL it was given for: not in clear text off loopback, not along a redirect, not into a message.</summary>
public sealed class CredentialTests
{
    private const string Secret = "s3cret-pass";

    [Theory]
    [InlineData("http://0.0.0.0:1")]
    [InlineData("http://0.0.0.0:1/shard/")]
    public async Task Plain_http_off_loopback_is_refused_before_any_request(string address)
    {
        await using var cli = await CliHarness.StartAsync();

        // 0.0.0.0 is not loopback by the rule, and nothing answers on port 1: without the rule the
        // tool would try to connect and report that it cannot reach Workiom.
        var (code, output) = await cli.RunAsync("apps", "--base-url", address);

        Assert.Equal(CliApp.ErrorExitCode, code);
        Assert.Contains("The base URL is refused:", output, StringComparison.Ordinal);
        Assert.Contains("plain http://", output, StringComparison.Ordinal);
        Assert.DoesNotContain("Cannot reach", output, StringComparison.Ordinal);
        Assert.Single(output.Split('\n', StringSplitOptions.RemoveEmptyEntries));
    }

    [Theory]
    [InlineData("https://api.workiom.com", "https://api.workiom.com/")]
    [InlineData("https://eu.workiom.example/shard/", "https://eu.workiom.example/shard/")]
    [InlineData("http://127.0.0.1:5000", "http://127.0.0.1:5000/")]
    [InlineData("http://localhost:5000", "http://localhost:5000/")]
    [InlineData("http://[::1]:5000", "http://[::1]:5000/")]
    [InlineData("http://api.workiom.com", null)]
    [InlineData("http://10.0.0.5:8080", null)]
    [InlineData("ftp://api.workiom.com", null)]
    [InlineData("api.workiom.com", null)]
    public void The_base_url_follows_the_clients_rule(string address, string? accepted)
    {
        if (accepted is null)
        {
            var refused = Assert.Throws<CliException>(() => WorkiomApi.CheckBaseUrl(address));
            Assert.StartsWith("The base URL is refused: ", refused.Message, StringComparison.Ordinal);
        }
        else
        {
            Assert.Equal(accepted, WorkiomApi.CheckBaseUrl(address).AbsoluteUri);
        }
    }

    [Theory]
    [InlineData("https://user:" + Secret + "@127.0.0.1:1")]
    [InlineData("http://user:" + Secret + "@0.0.0.0:1")]
    [InlineData("http://user:" + Secret + "@{emulator}")]
    [InlineData("user:" + Secret + "@127.0.0.1")]
    public async Task A_base_url_with_credentials_is_refused_without_repeating_them(string address)
    {
        await using var cli = await CliHarness.StartAsync();
        address = address.Replace("{emulator}", cli.Emulator.BaseAddress.Authority, StringComparison.Ordinal);

        var (code, output) = await cli.RunAsync("schema", "pull", "--list", CliHarness.DealsListId, "--base-url", address);

        Assert.Equal(CliApp.ErrorExitCode, code);
        Assert.Contains("must not carry a user name or password", output, StringComparison.Ordinal);
        Assert.DoesNotContain(Secret, output, StringComparison.Ordinal);
        Assert.False(Directory.Exists(Path.Combine(cli.Folder, "schemas")));
    }

    [Theory]
    [InlineData(301)]
    [InlineData(302)]
    [InlineData(307)]
    [InlineData(308)]
    public async Task A_redirect_is_an_error_and_the_key_does_not_follow_it(int status)
    {
        await using var cli = await CliHarness.StartAsync();
        await using var elsewhere = await LoopbackServer.StartAsync(context => LoopbackServer.Success(context, "{\"items\":[]}"));
        await using var redirecting = await LoopbackServer.StartAsync(context =>
        {
            context.Response.StatusCode = status;
            context.Response.Headers.Location = new Uri(elsewhere.Address, context.Request.Path.Value!.TrimStart('/') + context.Request.QueryString).AbsoluteUri;
            return Task.CompletedTask;
        });

        var (code, output) = await cli.RunAsync("apps", "--base-url", redirecting.Address.ToString());

        Assert.Equal(CliApp.ErrorExitCode, code);
        Assert.Contains("answered HTTP " + status + ", a redirect to " + elsewhere.Address.GetLeftPart(UriPartial.Authority), output, StringComparison.Ordinal);
        Assert.Single(output.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Equal(cli.Emulator.ApiKey, Assert.Single(redirecting.Requests).ApiKey);
        Assert.Empty(elsewhere.Requests);
    }

    [Fact]
    public async Task A_redirect_during_a_pull_writes_nothing()
    {
        await using var cli = await CliHarness.StartAsync();
        await using var redirecting = await LoopbackServer.StartAsync(context =>
        {
            context.Response.StatusCode = StatusCodes.Status302Found;
            context.Response.Headers.Location = cli.Emulator.BaseAddress + context.Request.Path.Value!.TrimStart('/') + context.Request.QueryString;
            return Task.CompletedTask;
        });

        var (code, output) = await cli.RunAsync("schema", "pull", "--list", CliHarness.DealsListId, "--base-url", redirecting.Address.ToString());

        Assert.Equal(CliApp.ErrorExitCode, code);
        Assert.Contains("does not follow redirects", output, StringComparison.Ordinal);
        Assert.False(Directory.Exists(Path.Combine(cli.Folder, "schemas")));
    }

    [Fact]
    public async Task A_server_that_echoes_the_key_in_its_error_message_does_not_put_it_on_the_console()
    {
        await using var cli = await CliHarness.StartAsync();
        await using var echoing = await LoopbackServer.StartAsync(context =>
        {
            context.Response.StatusCode = StatusCodes.Status401Unauthorized;
            context.Response.ContentType = "application/json";
            var body = new JsonObject
            {
                ["success"] = false,
                ["error"] = new JsonObject { ["message"] = "Key '" + context.Request.Headers["X-Api-Key"] + "' is not valid." },
            };
            return context.Response.WriteAsync(body.ToJsonString());
        });

        var (code, output) = await cli.RunAsync("apps", "--base-url", echoing.Address.ToString(), "--api-key", Secret);

        Assert.Equal(CliApp.ErrorExitCode, code);
        Assert.Contains("refused the API key (Key '(redacted)' is not valid.)", output, StringComparison.Ordinal);
        Assert.DoesNotContain(Secret, output, StringComparison.Ordinal);
        Assert.Equal(Secret, Assert.Single(echoing.Requests).ApiKey);
    }

    [Fact]
    public async Task A_server_that_echoes_the_key_in_a_malformed_header_does_not_put_it_on_the_console()
    {
        // .NET quotes a malformed header name in its exception message: a server that puts the key
        // there must not get it printed.
        using var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        var serving = Task.Run(async () =>
        {
            using var socket = await listener.AcceptTcpClientAsync();
            var stream = socket.GetStream();
            var buffer = new byte[8192];
            int read = 0;
            while (!System.Text.Encoding.ASCII.GetString(buffer, 0, read).Contains("\r\n\r\n", StringComparison.Ordinal))
            {
                int n = await stream.ReadAsync(buffer.AsMemory(read));
                if (n == 0)
                {
                    break;
                }

                read += n;
            }

            await stream.WriteAsync(System.Text.Encoding.ASCII.GetBytes("HTTP/1.1 200 OK\r\nContent-Length: 2\r\nX Key" + Secret + ": v\r\n\r\n{}"));
            await stream.FlushAsync();
        });
        await using var cli = await CliHarness.StartAsync();
        int port = ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;

        var (code, output) = await cli.RunAsync("apps", "--base-url", "http://127.0.0.1:" + port + "/", "--api-key", Secret);
        await serving;

        Assert.Equal(CliApp.ErrorExitCode, code);
        Assert.Contains("Cannot reach Workiom", output, StringComparison.Ordinal);
        Assert.DoesNotContain(Secret, output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_reply_over_the_size_limit_is_refused_without_being_read_whole()
    {
        await using var flooding = await LoopbackServer.StartAsync(async context =>
        {
            // No Content-Length: the size shows only while the body streams.
            context.Response.ContentType = "application/json";
            await context.Response.WriteAsync("{\"success\":true,\"result\":\"", context.RequestAborted);
            long sent = 0;
            var chunk = new byte[1024 * 1024];
            Array.Fill(chunk, (byte)'a');
            try
            {
                while (sent < 4 * WorkiomApi.MaxReplyBytes && !context.RequestAborted.IsCancellationRequested)
                {
                    await context.Response.Body.WriteAsync(chunk, context.RequestAborted);
                    sent += chunk.Length;
                }
            }
            catch (Exception) when (context.RequestAborted.IsCancellationRequested)
            {
                // The tool hung up.
            }
        });
        await using var cli = await CliHarness.StartAsync();

        var (code, output) = await cli.RunAsync("apps", "--base-url", flooding.Address.ToString());

        Assert.Equal(CliApp.ErrorExitCode, code);
        // Without the limit the whole flood is buffered and then fails as JSON; with it, reading stops at the limit.
        Assert.Contains("is larger than " + WorkiomApi.MaxReplyBytes + " bytes", output, StringComparison.Ordinal);
    }
}
