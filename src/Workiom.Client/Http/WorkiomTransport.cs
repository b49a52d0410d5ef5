using System.Buffers;
using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Polly.Timeout;

namespace Workiom.Http;

/// <summary>
/// Sends one Workiom call: adds the credentials, marks whether it may be repeated, logs it, maps
/// transport failures to typed exceptions and unwraps the ABP envelope.
/// </summary>
internal sealed class WorkiomTransport
{
    // A source rather than one HttpClient, so that a long-lived client built over IHttpClientFactory
    // takes a fresh factory client per call and so follows the factory's handler rotation.
    private readonly Func<HttpClient> _httpClient;
    private readonly IWorkiomTokenProvider? _tokenProvider;
    private readonly ILogger _logger;
    private readonly string? _apiKey;
    private readonly long _maxReplyBytes;
    private readonly TimeSpan _timeout;
    private readonly TimeProvider _timeProvider;

    public WorkiomTransport(
        HttpClient httpClient, WorkiomClientOptions options, IWorkiomTokenProvider? tokenProvider, ILogger? logger, TimeProvider? timeProvider = null)
        : this(() => httpClient, options, tokenProvider, logger, timeProvider)
    {
        ArgumentNullException.ThrowIfNull(httpClient);
    }

    public WorkiomTransport(
        Func<HttpClient> httpClient, WorkiomClientOptions options, IWorkiomTokenProvider? tokenProvider, ILogger? logger, TimeProvider? timeProvider = null)
    {
        ArgumentNullException.ThrowIfNull(httpClient);
        ArgumentNullException.ThrowIfNull(options);
        BaseUri = options.Validate();
        _httpClient = httpClient;
        _tokenProvider = tokenProvider;
        _logger = logger ?? NullLogger.Instance;
        Scrubber = new CredentialScrubber(options.Secrets());
        _apiKey = string.IsNullOrEmpty(options.ApiKey) ? null : options.ApiKey;
        _maxReplyBytes = options.MaxReplyBytes;
        _timeout = options.Timeout;
        _timeProvider = timeProvider ?? TimeProvider.System;
    }

    /// <summary>The clock that times reply bodies.</summary>
    public TimeProvider TimeProvider => _timeProvider;

    public Uri BaseUri { get; }

    /// <summary>Cuts the configured credentials, and every token this transport sent, out of server text.</summary>
    public CredentialScrubber Scrubber { get; }

    /// <summary>
    /// The options of the writers request bodies are written with: the default encoder, and the writer's
    /// checks of the JSON's structure kept. Records can be written by hand (<see cref="WorkiomRecord"/> is
    /// open), and a body that is not JSON must fail before it is sent, not at Workiom; the checks cost
    /// nanoseconds per property against a request's milliseconds.
    /// </summary>
    internal static readonly JsonWriterOptions BodyWriterOptions = new();

    /// <summary>Builds a JSON request body.</summary>
    public static HttpContent JsonBody(Action<Utf8JsonWriter> write)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer, BodyWriterOptions))
        {
            write(writer);
        }

        var content = new ByteArrayContent(buffer.WrittenSpan.ToArray());
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json") { CharSet = "utf-8" };
        return content;
    }

    /// <summary>
    /// Sends a call and returns its unwrapped envelope. When <c>attempts</c> is given, it counts how
    /// often the retry pipeline repeated the call.
    /// </summary>
    public async Task<WorkiomReply> SendAsync(
        HttpMethod method, string relativeUrl, HttpContent? content, bool idempotent, bool authenticate, CancellationToken cancellationToken,
        WorkiomAttempts? attempts = null)
    {
        // Headers only: the body is read here, within MaxReplyBytes and Timeout, never buffered whole by HttpClient.
        using var response = await SendRawAsync(method, relativeUrl, content, idempotent, authenticate, HttpCompletionOption.ResponseHeadersRead, cancellationToken, attempts)
            .ConfigureAwait(false);
        string call = method.Method + " " + PathOf(relativeUrl);
        byte[] body = await WorkiomReplyBody.ReadAsync(response, _maxReplyBytes, _timeout, _timeProvider, call, idempotent, Scrubber, cancellationToken)
            .ConfigureAwait(false);
        return WorkiomReply.Unwrap(body, response.StatusCode, call, Scrubber);
    }

    /// <summary>
    /// Sends a call and returns the response once its headers arrived and its status is a success;
    /// an error status is read and thrown as the matching exception.
    /// </summary>
    public async Task<HttpResponseMessage> SendRawAsync(
        HttpMethod method, string relativeUrl, HttpContent? content, bool idempotent, bool authenticate,
        HttpCompletionOption completion, CancellationToken cancellationToken, WorkiomAttempts? attempts = null)
    {
        var (response, token) = await SendOnceAsync(method, relativeUrl, content, idempotent, authenticate, completion, cancellationToken, attempts)
            .ConfigureAwait(false);

        // A cached token can be revoked before it expires; 401 means nothing was done, so log in
        // again and repeat the call once. Only the refused token is dropped: calls that were
        // refused together share one new login.
        if (response.StatusCode == HttpStatusCode.Unauthorized && token is not null && _tokenProvider is not null)
        {
            response.Dispose();
            _tokenProvider.Invalidate(token);
            (response, _) = await SendOnceAsync(method, relativeUrl, content, idempotent, authenticate, completion, cancellationToken, attempts)
                .ConfigureAwait(false);
        }

        if (response.IsSuccessStatusCode)
        {
            return response;
        }

        using (response)
        {
            string call = method.Method + " " + PathOf(relativeUrl);
            if ((int)response.StatusCode is >= 300 and <= 399)
            {
                throw Redirected(response, call);
            }

            byte[] body = await WorkiomReplyBody.ReadAsync(response, _maxReplyBytes, _timeout, _timeProvider, call, idempotent, Scrubber, cancellationToken)
                .ConfigureAwait(false);
            throw WorkiomReply.ErrorFor(response, body, call, Scrubber);
        }
    }

    /// <summary>Sends one attempt; returns the response and the bearer token it carried, if any.</summary>
    private async Task<(HttpResponseMessage Response, string? Token)> SendOnceAsync(
        HttpMethod method, string relativeUrl, HttpContent? content, bool idempotent, bool authenticate,
        HttpCompletionOption completion, CancellationToken cancellationToken, WorkiomAttempts? attempts)
    {
        var request = new HttpRequestMessage(method, new Uri(BaseUri, relativeUrl)) { Content = content };
        request.Options.Set(WorkiomResilience.IdempotentOption, idempotent);
        request.Options.Set(WorkiomResilience.SendsOption, new WorkiomSends());
        request.Options.Set(WorkiomResilience.ScrubberOption, Scrubber);
        if (attempts is not null)
        {
            request.Options.Set(WorkiomResilience.AttemptsOption, attempts);
        }

        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        string? token = null;
        if (authenticate)
        {
            if (_apiKey is not null)
            {
                request.Headers.TryAddWithoutValidation("X-Api-Key", _apiKey);
            }
            else if (_tokenProvider is not null)
            {
                token = await _tokenProvider.GetAccessTokenAsync(cancellationToken).ConfigureAwait(false);
                Scrubber.Remember(token);
                request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
            }
        }

        var target = request.RequestUri!;
        string path = target.AbsolutePath;
        long started = Stopwatch.GetTimestamp();
        try
        {
            var response = await _httpClient().SendAsync(request, completion, cancellationToken).ConfigureAwait(false);
            long elapsed = (long)Stopwatch.GetElapsedTime(started).TotalMilliseconds;
            if (response.RequestMessage?.RequestUri is { } final && !WorkiomRedirects.SameOrigin(final, target))
            {
                // A caller's handler followed a redirect to another host: the credentials may be there already; the reply is not used.
                response.Dispose();
                WorkiomLog.RequestFailed(_logger, method.Method, path, "redirected to another origin", elapsed);
                throw new WorkiomRedirectException(
                    $"The HTTP handler followed a redirect for {method.Method} {path} from {WorkiomRedirects.OriginOf(target)} to " +
                    $"{Scrubber.Scrub(WorkiomRedirects.OriginOf(final))}; the reply was refused. A followed redirect carries X-Api-Key along: " +
                    "give the client a handler with AllowAutoRedirect = false.",
                    statusCode: null,
                    Scrubber.Scrub(WorkiomRedirects.OriginOf(final)));
            }

            if (response.IsSuccessStatusCode)
            {
                WorkiomLog.RequestCompleted(_logger, method.Method, path, (int)response.StatusCode, elapsed);
            }
            else
            {
                WorkiomLog.RequestRejected(_logger, method.Method, path, (int)response.StatusCode, elapsed);
            }

            return (response, token);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
        catch (Exception exception) when (exception is TimeoutRejectedException or TaskCanceledException or TimeoutException)
        {
            // TaskCanceledException without our token cancelled is HttpClient.Timeout on a caller's client.
            long elapsed = (long)Stopwatch.GetElapsedTime(started).TotalMilliseconds;
            WorkiomLog.RequestFailed(_logger, method.Method, path, "timeout", elapsed);
            throw new WorkiomTimeoutException(
                $"Workiom did not answer {method.Method} {path} in time" +
                (idempotent ? " on any attempt." : "; the call was not repeated because it may have reached Workiom (check before creating again)."),
                exception);
        }
        catch (HttpRequestException exception)
        {
            long elapsed = (long)Stopwatch.GetElapsedTime(started).TotalMilliseconds;
            WorkiomLog.RequestFailed(_logger, method.Method, path, "connection " + exception.HttpRequestError, elapsed);
            throw new WorkiomConnectionException(
                $"Could not complete {method.Method} {path} with {BaseUri.Host} ({exception.HttpRequestError})" +
                (idempotent || WorkiomResilience.FailedBeforeSending(exception)
                    ? "."
                    : "; the call was not repeated because it may have reached Workiom (check before creating again)."),
                Scrubber.Scrub(exception));
        }
    }

    /// <summary>
    /// The exception for a 3xx reply. Redirects are never followed: .NET would carry <c>X-Api-Key</c>
    /// (and, for 307/308, the body) to wherever the reply points.
    /// </summary>
    private WorkiomRedirectException Redirected(HttpResponseMessage response, string call)
    {
        Uri? target = null;
        if (response.Headers.Location is { } location)
        {
            var from = response.RequestMessage?.RequestUri ?? BaseUri;
            target = location.IsAbsoluteUri ? location : new Uri(from, location);
        }

        string? origin = target is null ? null : Scrubber.Scrub(WorkiomRedirects.OriginOf(target));
        string where = target is null
            ? "without a usable Location header"
            : WorkiomRedirects.SameOrigin(target, BaseUri) ? $"to another address on {origin}" : $"to {origin}";
        return new WorkiomRedirectException(
            $"Workiom answered HTTP {(int)response.StatusCode} for {call}, redirecting {where}. The client does not follow redirects, " +
            $"so credentials go only to {WorkiomRedirects.OriginOf(BaseUri)}; if the API moved, set Workiom:BaseUrl to its new address.",
            response.StatusCode,
            origin);
    }

    private static string PathOf(string relativeUrl)
    {
        int query = relativeUrl.IndexOf('?', StringComparison.Ordinal);
        return query < 0 ? relativeUrl : relativeUrl[..query];
    }
}
