using System.Text.Json;

namespace Workiom.Http;

/// <summary>
/// Logs in with <c>POST /api/TokenAuth/Authenticate</c> and caches the token until shortly before
/// <c>expireInSeconds</c> runs out. One login runs at a time, however many calls need a token.
/// </summary>
public sealed class WorkiomPasswordTokenProvider : IWorkiomTokenProvider, IDisposable
{
    // Refresh this long before expiry, or at a tenth of the lifetime for short-lived tokens, so a
    // token never expires between being handed out and reaching Workiom.
    private static readonly TimeSpan RefreshMargin = TimeSpan.FromSeconds(60);

    private readonly WorkiomTransport _transport;
    private readonly WorkiomClientOptions _options;
    private readonly TimeProvider _timeProvider;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private string? _token;
    private DateTimeOffset _refreshAt;

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

    public async ValueTask<string> GetAccessTokenAsync(CancellationToken cancellationToken)
    {
        var token = _token;
        if (token is not null && _timeProvider.GetUtcNow() < _refreshAt)
        {
            return token;
        }

        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (_token is not null && _timeProvider.GetUtcNow() < _refreshAt)
            {
                return _token;
            }

            var fresh = await AuthenticateAsync(cancellationToken).ConfigureAwait(false);
            var margin = fresh.Lifetime / 10 < RefreshMargin ? fresh.Lifetime / 10 : RefreshMargin;
            _refreshAt = _timeProvider.GetUtcNow() + fresh.Lifetime - margin;
            _token = fresh.AccessToken;
            return _token;
        }
        finally
        {
            _gate.Release();
        }
    }

    public void Invalidate() => _token = null;

    /// <summary>Logs in once, bypassing the cache.</summary>
    public async Task<WorkiomAccessToken> AuthenticateAsync(CancellationToken cancellationToken)
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
                    expireInSeconds = reader.GetDouble();
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

        // Without a lifetime the token is used for a minute and then renewed, rather than trusted forever.
        var lifetime = expireInSeconds is > 0 ? TimeSpan.FromSeconds(expireInSeconds.Value) : TimeSpan.FromMinutes(1);
        return new WorkiomAccessToken(accessToken, lifetime);
    }

    public void Dispose() => _gate.Dispose();

    private static Func<HttpClient> FactorySource(IHttpClientFactory httpClientFactory, string httpClientName)
    {
        ArgumentNullException.ThrowIfNull(httpClientFactory);
        ArgumentException.ThrowIfNullOrEmpty(httpClientName);
        return () => httpClientFactory.CreateClient(httpClientName);
    }
}
