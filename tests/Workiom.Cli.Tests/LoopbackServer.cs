using System.Collections.Concurrent;
using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Workiom.Cli.Tests;

/// <summary>A tiny HTTP server on 127.0.0.1 that records what it receives and answers as the test says.</summary>
public sealed class LoopbackServer : IAsyncDisposable
{
    private readonly WebApplication _app;

    private LoopbackServer(WebApplication app, Uri address)
    {
        _app = app;
        Address = address;
    }

    /// <summary>The server's address, <c>http://127.0.0.1:port/</c>.</summary>
    public Uri Address { get; private set; }

    /// <summary>Every request received: its path and query, and its X-Api-Key header (null when absent).</summary>
    public ConcurrentQueue<(string PathAndQuery, string? ApiKey)> Requests { get; } = new();

    public static async Task<LoopbackServer> StartAsync(Func<HttpContext, Task> answer)
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { Args = [] });
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
        var app = builder.Build();
        var server = new LoopbackServer(app, new Uri("http://127.0.0.1/"));
        app.Run(context =>
        {
            server.Requests.Enqueue((context.Request.Path + context.Request.QueryString, context.Request.Headers.TryGetValue("X-Api-Key", out var key) ? key.ToString() : null));
            return answer(context);
        });
        await app.StartAsync();
        string address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        server.Address = new Uri(address.TrimEnd('/') + "/");
        return server;
    }

    /// <summary>Answers with an ABP envelope around this JSON result.</summary>
    public static Task Success(HttpContext context, string resultJson)
    {
        context.Response.ContentType = "application/json";
        return context.Response.WriteAsync("{\"success\":true,\"result\":" + resultJson + ",\"error\":null}");
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
