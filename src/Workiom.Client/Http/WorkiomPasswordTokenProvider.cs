using System.Text.Json;

namespace Workiom.Http;

/// <summary>
/// Logs in with <c>POST /api/TokenAuth/Authenticate</c> and caches the token until shortly before
/// <c>expireInSeconds</c> runs out. However many calls need a token at once, one login runs and
/// they all share its outcome; a caller that gives up waiting does not cancel it for the others.
/// A failed login is not remembered: the next call after it logs in afresh.
/// </summary>
public sealed class WorkiomPasswordTokenProvider : IWorkiomTokenProvider, IDisposable
{
    // Refresh this long before expiry, or at a tenth of the lifetime for short-lived tokens, so a
    // token never expires between being handed out and reaching Workiom.
    private static readonly TimeSpan RefreshMargin = TimeSpan.FromSeconds(60);

    // The range a token's lifetime is kept in, whatever expireInSeconds says: a lifetime too short
    // to use would mean a login per call, and a longer one than a day gains nothing (a token revoked
    // earlier is renewed on 401 anyway).
    private static readonly TimeSpan MinLifetime = TimeSpan.FromMinutes(1);
    private static readonly TimeSpan MaxLifetime = TimeSpan.FromDays(1);

    private readonly WorkiomTransport _transport;
    private readonly WorkiomClientOptions _options;
    private readonly TimeProvider _timeProvider;

    // Ends a login still running when the provider is disposed; no caller's token cancels a shared login.
    private readonly CancellationTokenSource _disposed = new();
    private readonly object _gate = new();

    // The token and when to renew it, replaced as one so no reader pairs a token with another's expiry.
    private volatile CachedToken? _cached;

    // The login in progress, shared by every caller that needs a token meanwhile; null when none runs.
    private Task<CachedToken>? _login;

    /// <summary>Creates the provider over an <see cref="HttpClient"/> that reaches the Workiom host.</summary>
    public WorkiomPasswordTokenProvider(HttpClient httpClient, WorkiomClientOptions options, TimeProvider? timeProvider = null)
        : this(new WorkiomTransport(httpClient, options, tokenProvider: null, logger: null), options, timeProvider)
    {
    }

    /// <summary>
    /// Creates the provider over a factory client, taken afresh for every login so a singleton
    /// provider still follows the factory's handler rotation.
    /// </summary>
    public WorkiomPasswordTokenProvider(IHttpClientFactory httpClientFactory, string httpClientName, WorkiomClientOptions options, TimeProvider? timeProvider = null)
        : this(new WorkiomTransport(FactorySource(httpClientFactory, httpClientName), options, tokenProvider: null, logger: null), options, timeProvider)
    {
    }

    internal WorkiomPasswordTokenProvider(WorkiomTransport transport, WorkiomClientOptions options, TimeProvider? timeProvider)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (string.IsNullOrEmpty(options.TenantName) || string.IsNullOrEmpty(options.UserNameOrEmailAddress)
            || string.IsNullOrEmpty(options.Password))
        {
            throw new WorkiomConfigurationException(
                "The password login needs Workiom:TenantName, Workiom:UserNameOrEmailAddress and Workiom:Password.");
        }

        _transport = transport;
        _options = options;
        _timeProvider = timeProvider ?? TimeProvider.System;
    }

    /// <summary>
    /// The cached token while it is fresh; otherwise the outcome of the one login that is running,
    /// started by this call if none is. <paramref name="cancellationToken"/> ends only this caller's
    /// wait: the login itself goes on for the others and its token is cached.
    /// </summary>
    public async ValueTask<string> GetAccessTokenAsync(CancellationToken cancellationToken = default)
    {
        var cached = _cached;
        if (cached is not null && _timeProvider.GetUtcNow() < cached.RefreshAt)
        {
            return cached.Token;
        }

        var fresh = await JoinLogin().WaitAsync(cancellationToken).ConfigureAwait(false);
        return fresh.Token;
    }

    public void Invalidate() => _cached = null;

    /// <summary>Forgets <paramref name="refusedToken"/> if it is still the cached token; a newer one is kept.</summary>
    public void Invalidate(string refusedToken)
    {
        var cached = _cached;
        if (cached is not null && string.Equals(cached.Token, refusedToken, StringComparison.Ordinal))
        {
            Interlocked.CompareExchange(ref _cached, null, cached);
        }
    }

    /// <summary>The fresh cached token, the running login, or a login started now.</summary>
    private Task<CachedToken> JoinLogin()
    {
        lock (_gate)
        {
            // Checked again under the lock: a login that ended meanwhile cached its token here.
            var cached = _cached;
            if (cached is not null && _timeProvider.GetUtcNow() < cached.RefreshAt)
            {
                return Task.FromResult(cached);
            }

            if (_login is { } running)
            {
                return running;
            }

            ObjectDisposedException.ThrowIf(_disposed.IsCancellationRequested, this);
            var outcome = new TaskCompletionSource<CachedToken>(TaskCreationOptions.RunContinuationsAsynchronously);
            _login = outcome.Task;

            // On the thread pool, so the gate is held only to register the login, never while it runs.
            _ = Task.Run(() => LogInAsync(outcome), CancellationToken.None);
            return outcome.Task;
        }
    }

    private async Task LogInAsync(TaskCompletionSource<CachedToken> outcome)
    {
        try
        {
            var fresh = await AuthenticateAsync(_disposed.Token).ConfigureAwait(false);
            var margin = fresh.Lifetime / 10 < RefreshMargin ? fresh.Lifetime / 10 : RefreshMargin;
            var cached = new CachedToken(fresh.AccessToken, _timeProvider.GetUtcNow() + fresh.Lifetime - margin);
            lock (_gate)
            {
                _cached = cached;
                _login = null;
            }

            outcome.SetResult(cached);
        }
        catch (Exception exception)
        {
            // Not remembered: the callers of this login see the failure, the next call logs in again.
            lock (_gate)
            {
                _login = null;
            }

            if (exception is OperationCanceledException canceled)
            {
                outcome.SetCanceled(canceled.CancellationToken);
            }
            else
            {
                outcome.SetException(exception);
            }
        }
    }

    /// <summary>Logs in once, bypassing the cache.</summary>
    public async Task<WorkiomAccessToken> AuthenticateAsync(CancellationToken cancellationToken = default)
    {
        var body = WorkiomTransport.JsonBody(writer =>
        {
            writer.WriteStartObject();
            writer.WriteString("tenantName", _options.TenantName);
            writer.WriteString("userNameOrEmailAddress", _options.UserNameOrEmailAddress);
            writer.WriteString("password", _options.Password);
            writer.WriteEndObject();
        });

        // A login creates nothing, so repeating it is harmless.
        var reply = await _transport.SendAsync(
            HttpMethod.Post, "api/TokenAuth/Authenticate", body, idempotent: true, authenticate: false, cancellationToken)
            .ConfigureAwait(false);
        var reader = reply.ResultReader();
        string? accessToken = null;
        double? expireInSeconds = null;
        if (reader.TokenType == JsonTokenType.StartObject)
        {
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                var name = reader.GetString();
                reader.Read();
                if (string.Equals(name, "accessToken", StringComparison.OrdinalIgnoreCase) && reader.TokenType == JsonTokenType.String)
                {
                    accessToken = reader.GetString();
                }
                else if (string.Equals(name, "expireInSeconds", StringComparison.OrdinalIgnoreCase) && reader.TokenType == JsonTokenType.Number)
                {
                    // Read leniently (beyond double's range it is infinity): a lifetime never fails the login.
                    expireInSeconds = reader.TryGetDouble(out double seconds) ? seconds : null;
                }
                else
                {
                    reader.Skip();
                }
            }
        }

        if (string.IsNullOrEmpty(accessToken))
        {
            throw new WorkiomInvalidReplyException(
                "TokenAuth/Authenticate succeeded but its result has no accessToken.", excerpt: string.Empty);
        }

        _transport.Scrubber.Remember(accessToken);
        return new WorkiomAccessToken(accessToken, LifetimeOf(expireInSeconds));
    }

    /// <summary>
    /// <c>expireInSeconds</c> as a lifetime within one minute and one day: an absurd value (huge,
    /// fractional, beyond any TimeSpan) is cut to that range instead of overflowing. Without a
    /// positive value the token is used for a minute and then renewed, rather than trusted forever.
    /// </summary>
    internal static TimeSpan LifetimeOf(double? expireInSeconds)
    {
        if (expireInSeconds is not { } seconds || double.IsNaN(seconds) || seconds <= 0)
        {
            return MinLifetime;
        }

        return seconds >= MaxLifetime.TotalSeconds ? MaxLifetime
            : seconds <= MinLifetime.TotalSeconds ? MinLifetime
            : TimeSpan.FromSeconds(seconds);
    }

    public void Dispose()
    {
        lock (_gate)
        {
            if (_disposed.IsCancellationRequested)
            {
                return;
            }

            _disposed.Cancel();
        }

        _disposed.Dispose();
    }

    /// <summary>A token and the moment to renew it.</summary>
    private sealed record CachedToken(string Token, DateTimeOffset RefreshAt);

    private static Func<HttpClient> FactorySource(IHttpClientFactory httpClientFactory, string httpClientName)
    {
        ArgumentNullException.ThrowIfNull(httpClientFactory);
        ArgumentException.ThrowIfNullOrEmpty(httpClientName);
        return () => httpClientFactory.CreateClient(httpClientName);
    }
}
