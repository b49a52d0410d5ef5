using System.Net;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Workiom.Emulator.Tests;

/// <summary>One request a <see cref="WebhookReceiver"/> got.</summary>
internal sealed record ReceivedHook(string Method, string Path, string? ContentType, IReadOnlyDictionary<string, string> Headers, string Body)
{
    public JsonObject Json => (JsonObject)JsonNode.Parse(Body)!;
}

/// <summary>A webhook receiver on loopback (Kestrel, any free port) that records what it gets and answers as scripted.</summary>
internal sealed class WebhookReceiver : IAsyncDisposable
{
    private readonly object _gate = new();
    private readonly List<ReceivedHook> _received = new();
    private readonly Queue<int> _answers = new();
    private readonly TaskCompletionSource _firstRequest = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private WebApplication? _app;
    private int _hang;

    public Uri BaseAddress { get; private set; } = null!;

    /// <summary>Answers 200 unless <see cref="AnswerNext"/> queued other statuses; 3xx answers point at /elsewhere.</summary>
    public static async Task<WebhookReceiver> StartAsync()
    {
        var receiver = new WebhookReceiver();
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.Services.Configure<HostOptions>(o => o.ShutdownTimeout = TimeSpan.FromSeconds(2));
        builder.WebHost.UseKestrel(k => k.Listen(IPAddress.Loopback, 0));
        var app = builder.Build();
        app.Run(receiver.HandleAsync);
        await app.StartAsync();
        receiver._app = app;
        receiver.BaseAddress = new Uri(app.Urls.First().TrimEnd('/') + "/");
        return receiver;
    }

    public Uri Url(string path) => new(BaseAddress, path);

    public IReadOnlyList<ReceivedHook> Received
    {
        get
        {
            lock (_gate)
            {
                return _received.ToList();
            }
        }
    }

    public IReadOnlyList<ReceivedHook> At(string path) => Received.Where(r => r.Path == "/" + path).ToList();

    /// <summary>Completes when the first request has arrived.</summary>
    public Task FirstRequest => _firstRequest.Task;

    /// <summary>The next requests are answered with these statuses, in order.</summary>
    public void AnswerNext(params int[] statuses)
    {
        lock (_gate)
        {
            foreach (var status in statuses)
            {
                _answers.Enqueue(status);
            }
        }
    }

    /// <summary>The next <paramref name="count"/> requests get no answer until the caller gives up.</summary>
    public void HangNext(int count) => Interlocked.Exchange(ref _hang, count);

    private async Task HandleAsync(HttpContext context)
    {
        using var reader = new StreamReader(context.Request.Body);
        var body = await reader.ReadToEndAsync();
        var headers = context.Request.Headers.ToDictionary(h => h.Key, h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase);
        int? status;
        lock (_gate)
        {
            _received.Add(new ReceivedHook(context.Request.Method, context.Request.Path.Value ?? "", context.Request.ContentType, headers, body));
            status = _answers.Count > 0 ? _answers.Dequeue() : null;
        }

        _firstRequest.TrySetResult();
        if (Interlocked.Decrement(ref _hang) >= 0)
        {
            try
            {
                await Task.Delay(Timeout.Infinite, context.RequestAborted);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }

        context.Response.StatusCode = status ?? 200;
        if (status is >= 300 and < 400)
        {
            context.Response.Headers.Location = new Uri(BaseAddress, "elsewhere").ToString();
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
        }
    }
}
