using System.Collections.Concurrent;
using System.Net;
using System.Text;

namespace Workiom.Client.Tests.Fakes;

/// <summary>One request as the fake server saw it.</summary>
public sealed record RecordedRequest(
    HttpMethod Method,
    Uri Uri,
    string? Body,
    string? ContentType,
    string? ApiKey,
    string? Authorization)
{
    public string PathAndQuery => Uri.PathAndQuery;

    public string Query(string name) =>
        System.Web.HttpUtility.ParseQueryString(Uri.Query)[name] ?? throw new KeyNotFoundException(name);
}

/// <summary>
/// A stand-in for Workiom behind an <see cref="HttpMessageHandler"/>: records every request and
/// answers from a queue of scripted replies, or from a responder when the queue is empty. An
/// unexpected request fails the test instead of reaching any network.
/// </summary>
public sealed class FakeWorkiom : HttpMessageHandler
{
    private readonly ConcurrentQueue<Func<RecordedRequest, CancellationToken, Task<HttpResponseMessage>>> _replies = new();

    public List<RecordedRequest> Requests { get; } = new();

    /// <summary>Answers requests once the queue is empty.</summary>
    public Func<RecordedRequest, HttpResponseMessage>? Responder { get; set; }

    public FakeWorkiom Reply(HttpStatusCode status, string body, Action<HttpResponseMessage>? configure = null)
    {
        _replies.Enqueue((_, _) =>
        {
            var response = Json(status, body);
            configure?.Invoke(response);
            return Task.FromResult(response);
        });
        return this;
    }

    public FakeWorkiom ReplyEnvelope(string resultJson) => Reply(HttpStatusCode.OK, Envelope(resultJson));

    public FakeWorkiom ReplyFixture(string fixtureName, HttpStatusCode status = HttpStatusCode.OK) =>
        Reply(status, Fixtures.Read(fixtureName));

    public FakeWorkiom Throw(Exception exception)
    {
        _replies.Enqueue((_, _) => Task.FromException<HttpResponseMessage>(exception));
        return this;
    }

    /// <summary>
    /// Never answers: once the request arrived, <paramref name="elapseTimeout"/> lets the attempt's
    /// timeout elapse, and the attempt ends only because that timeout cancels it.
    /// </summary>
    public FakeWorkiom Hang(Action elapseTimeout)
    {
        _replies.Enqueue(async (_, cancellationToken) =>
        {
            elapseTimeout();
            await Task.Delay(Timeout.InfiniteTimeSpan, cancellationToken);
            throw new InvalidOperationException("unreachable");
        });
        return this;
    }

    public FakeWorkiom ReplyBytes(HttpStatusCode status, byte[] bytes, string contentType)
    {
        _replies.Enqueue((_, _) =>
        {
            var response = new HttpResponseMessage(status) { Content = new ByteArrayContent(bytes) };
            response.Content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue(contentType);
            return Task.FromResult(response);
        });
        return this;
    }

    public FakeWorkiom ReplyContent(HttpStatusCode status, HttpContent content)
    {
        _replies.Enqueue((_, _) => Task.FromResult(new HttpResponseMessage(status) { Content = content }));
        return this;
    }

    public static string Envelope(string resultJson) =>
        "{\"result\":" + resultJson + ",\"targetUrl\":null,\"success\":true,\"error\":null,\"unAuthorizedRequest\":false,\"__abp\":true}";

    public static HttpResponseMessage Json(HttpStatusCode status, string body) =>
        new(status) { Content = new StringContent(body, Encoding.UTF8, "application/json") };

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        if (!request.RequestUri!.IsLoopback)
        {
            throw new InvalidOperationException("Tests must only address loopback hosts; got " + request.RequestUri.Host);
        }

        string? body = request.Content is null ? null : await request.Content.ReadAsStringAsync(cancellationToken);
        var recorded = new RecordedRequest(
            request.Method,
            request.RequestUri,
            body,
            request.Content?.Headers.ContentType?.MediaType,
            request.Headers.TryGetValues("X-Api-Key", out var keys) ? string.Join(",", keys) : null,
            request.Headers.Authorization?.ToString());
        lock (Requests)
        {
            Requests.Add(recorded);
        }

        if (_replies.TryDequeue(out var reply))
        {
            return await reply(recorded, cancellationToken);
        }

        if (Responder is not null)
        {
            return Responder(recorded);
        }

        throw new InvalidOperationException($"Unexpected request {request.Method} {request.RequestUri.PathAndQuery}");
    }
}

public static class Fixtures
{
    public static string Read(string name) => File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "fixtures", name));
}
