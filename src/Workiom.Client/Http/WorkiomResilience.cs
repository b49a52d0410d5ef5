using System.Net;
using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Polly;
using Polly.Retry;
using Polly.Timeout;

namespace Workiom.Http;

/// <summary>
/// The retry and timeout pipeline every Workiom call goes through, used by the
/// <c>IHttpClientFactory</c> registration and by a client built without DI alike.
/// </summary>
public static class WorkiomResilience
{
    /// <summary>
    /// Set on a request to say whether Workiom may receive it twice without harm. Requests without
    /// it are judged by method: POST is not idempotent, the others are.
    /// </summary>
    public static readonly HttpRequestOptionsKey<bool> IdempotentOption = new("Workiom.Idempotent");

    /// <summary>Counts the repeats of one call, so a caller can tell a first answer from one to a repeat.</summary>
    internal static readonly HttpRequestOptionsKey<WorkiomAttempts> AttemptsOption = new("Workiom.Attempts");

    /// <summary>How often a request was sent and how often this pipeline allowed it; see <see cref="WorkiomSendGuard"/>.</summary>
    internal static readonly HttpRequestOptionsKey<WorkiomSends> SendsOption = new("Workiom.Sends");

    /// <summary>The scrubber of the transport that sent a request; see <see cref="WorkiomScrubbingHandler"/>.</summary>
    internal static readonly HttpRequestOptionsKey<CredentialScrubber> ScrubberOption = new("Workiom.Scrubber");

    /// <summary>Adds the retry (outer) and per-attempt timeout (inner) strategies.</summary>
    public static ResiliencePipelineBuilder<HttpResponseMessage> Configure(
        ResiliencePipelineBuilder<HttpResponseMessage> builder, WorkiomClientOptions options, ILogger? logger = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(options);
        var log = logger ?? NullLogger.Instance;
        if (options.MaxAttempts > 1)
        {
            builder.AddRetry(new HttpRetryStrategyOptions
            {
                MaxRetryAttempts = options.MaxAttempts - 1,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = options.RetryBaseDelay,
                MaxDelay = options.MaxRetryDelay,
                ShouldRetryAfterHeader = true,
                ShouldHandle = args => ValueTask.FromResult(
                    ShouldRetry(args.Outcome, IsIdempotent(args.Context)) && !AsksForLongerThan(args.Outcome, options.MaxRetryDelay)),
                OnRetry = args =>
                {
                    var request = args.Context.GetRequestMessage();
                    if (request is not null && request.Options.TryGetValue(AttemptsOption, out var attempts))
                    {
                        attempts.Repeats++;
                    }

                    if (request is not null && request.Options.TryGetValue(SendsOption, out var sends))
                    {
                        Interlocked.Increment(ref sends.Allowed);
                    }

                    WorkiomLog.RetryScheduled(
                        log,
                        request?.Method.Method ?? "?",
                        request?.RequestUri?.AbsolutePath ?? "?",
                        args.AttemptNumber + 1,
                        Describe(args.Outcome),
                        (long)args.RetryDelay.TotalMilliseconds);
                    return default;
                },
            });
        }

        builder.AddTimeout(options.Timeout);
        return builder;
    }

    /// <summary>Builds the pipeline for a client made without DI.</summary>
    public static ResiliencePipeline<HttpResponseMessage> Build(WorkiomClientOptions options, ILogger? logger = null, TimeProvider? timeProvider = null)
    {
        var builder = new ResiliencePipelineBuilder<HttpResponseMessage>();
        if (timeProvider is not null)
        {
            builder.TimeProvider = timeProvider;
        }

        return Configure(builder, options, logger).Build();
    }

    /// <summary>
    /// Whether an attempt's outcome deserves another attempt. 429 always does: Workiom turned the
    /// request away before acting on it. Everything after which the request may have reached
    /// Workiom (5xx gateways, timeouts, dropped connections) only does for an idempotent request,
    /// because repeating a create could store the record twice. Failures before anything was sent
    /// (DNS, refused connection, TLS) are safe to repeat for any request.
    /// </summary>
    public static bool ShouldRetry(Outcome<HttpResponseMessage> outcome, bool idempotent)
    {
        if (outcome.Exception is { } exception)
        {
            return exception switch
            {
                TimeoutRejectedException => idempotent,
                HttpRequestException httpError => idempotent || FailedBeforeSending(httpError),
                _ => false,
            };
        }

        return outcome.Result?.StatusCode switch
        {
            HttpStatusCode.TooManyRequests => true,
            HttpStatusCode.BadGateway or HttpStatusCode.ServiceUnavailable or HttpStatusCode.GatewayTimeout => idempotent,
            _ => false,
        };
    }

    /// <summary>
    /// True when a 429 asks to wait longer than the client may wait between attempts: waiting less
    /// would only earn another 429, so the caller gets <see cref="WorkiomRateLimitedException"/>
    /// with the wait Workiom asked for and decides.
    /// </summary>
    public static bool AsksForLongerThan(Outcome<HttpResponseMessage> outcome, TimeSpan maxRetryDelay)
    {
        var retryAfter = outcome.Result?.Headers.RetryAfter;
        if (retryAfter?.Delta is { } delta)
        {
            return delta > maxRetryDelay;
        }

        return retryAfter?.Date is { } date && date - DateTimeOffset.UtcNow > maxRetryDelay;
    }

    /// <summary>True for the errors raised while opening the connection, before any request byte is written.</summary>
    public static bool FailedBeforeSending(HttpRequestException exception) => exception.HttpRequestError is
        HttpRequestError.NameResolutionError or HttpRequestError.ConnectionError
        or HttpRequestError.SecureConnectionError or HttpRequestError.ProxyTunnelError;

    private static bool IsIdempotent(ResilienceContext context)
    {
        var request = context.GetRequestMessage();
        return request is not null && IsIdempotent(request);
    }

    /// <summary>Whether Workiom may receive <paramref name="request"/> twice without harm.</summary>
    internal static bool IsIdempotent(HttpRequestMessage request) =>
        request.Options.TryGetValue(IdempotentOption, out var idempotent)
            ? idempotent
            : request.Method != HttpMethod.Post;

    private static string Describe(Outcome<HttpResponseMessage> outcome) => outcome.Exception switch
    {
        TimeoutRejectedException => "a timeout",
        HttpRequestException httpError => "a connection failure (" + httpError.HttpRequestError + ")",
        { } other => other.GetType().Name,
        null => "HTTP " + (int)(outcome.Result?.StatusCode ?? 0),
    };
}

/// <summary>How often one call was repeated by the retry pipeline.</summary>
internal sealed class WorkiomAttempts
{
    public int Repeats { get; set; }
}
