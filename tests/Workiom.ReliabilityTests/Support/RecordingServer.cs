using System.Collections.Concurrent;
using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Workiom.ReliabilityTests.Support;

/// <summary>One request as the recording server saw it.</summary>
public sealed record RecordedCall(string Method, string Path, string? ApiKey, string? Authorization, string Body);

/// <summary>
/// A second listener on 127.0.0.1, on its own port: the "other host" a redirect points to. It records
/// every request with the credentials it carried and answers each with a successful ABP envelope, so
/// a client that followed the redirect would go on as if nothing happened.
/// </summary>
public sealed class RecordingServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentQueue<RecordedCall> _calls = new();

    private RecordingServer(WebApplication app)
    {
        _app = app;
    }

    public Uri BaseAddress { get; private set; } = new("http://127.0.0.1/");

    /// <summary>Scheme, host and port, as <see cref="WorkiomRedirectException.TargetOrigin"/> names them.</summary>
    public string Origin => $"{BaseAddress.Scheme}://{BaseAddress.Host}:{BaseAddress.Port}";

    public IReadOnlyCollection<RecordedCall> Calls => _calls;

    public static async Task<RecordingServer> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { Args = [] });
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
        var app = builder.Build();
        var server = new RecordingServer(app);
        app.Run(server.RecordAsync);
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        server.BaseAddress = new Uri(address.TrimEnd('/') + "/");
        return server;
    }

    private async Task RecordAsync(HttpContext context)
    {
        using var reader = new StreamReader(context.Request.Body);
        string body = await reader.ReadToEndAsync(context.RequestAborted);
        var headers = context.Request.Headers;
        _calls.Enqueue(new RecordedCall(
            context.Request.Method,
            context.Request.Path.Value ?? "/",
            headers.TryGetValue("X-Api-Key", out var key) ? key.ToString() : null,
            headers.TryGetValue("Authorization", out var authorization) ? authorization.ToString() : null,
            body));
        context.Response.ContentType = "application/json; charset=utf-8";
        await context.Response.WriteAsync(
            """{"result":{"_id":"collected","totalCount":0,"items":[]},"targetUrl":null,"success":true,"error":null,"unAuthorizedRequest":false,"__abp":true}""",
            context.RequestAborted);
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
