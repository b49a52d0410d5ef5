namespace Workiom.Http;

/// <summary>
/// The innermost handler of every Workiom client: a call that may not be repeated (a create, an
/// upload) reaches the network once per attempt that Workiom's own retry pipeline allowed, and never
/// again. A retry handler stacked around or inside that pipeline (an app-wide standard resilience
/// handler, a Polly policy) cannot send it twice: the repeat is refused before it leaves the process.
/// </summary>
internal sealed class WorkiomSendGuard : DelegatingHandler
{
    public WorkiomSendGuard()
    {
    }

    public WorkiomSendGuard(HttpMessageHandler innerHandler) : base(innerHandler)
    {
    }

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        Admit(request);
        return base.SendAsync(request, cancellationToken);
    }

    protected override HttpResponseMessage Send(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        Admit(request);
        return base.Send(request, cancellationToken);
    }

    private static void Admit(HttpRequestMessage request)
    {
        if (!request.Options.TryGetValue(WorkiomResilience.SendsOption, out var sends) || WorkiomResilience.IsIdempotent(request))
        {
            return;
        }

        if (Interlocked.Increment(ref sends.Sent) > Volatile.Read(ref sends.Allowed))
        {
            throw new WorkiomConfigurationException(
                $"A handler outside Workiom's retry pipeline tried to send {request.Method.Method} {request.RequestUri?.AbsolutePath} again. " +
                "It was not sent: the first attempt may have reached Workiom (check before creating again). Remove retry handlers " +
                "(an app-wide AddStandardResilienceHandler, a Polly policy) from the Workiom HttpClient; the client already " +
                "repeats what is safe to repeat.");
        }
    }
}

/// <summary>
/// Sits right on the primary handler of every Workiom client: a failure whose message quotes the
/// server's bytes (.NET repeats a malformed status or header line) leaves it with the credentials cut
/// out, so that no handler above it, the HTTP client factory's request logging and the retry
/// pipeline's telemetry included, logs a credential the server echoed.
/// </summary>
internal sealed class WorkiomScrubbingHandler(HttpMessageHandler innerHandler) : DelegatingHandler(innerHandler)
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        try
        {
            return await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
        }
        catch (HttpRequestException exception) when (Scrubbed(request, exception) is { } scrubbed)
        {
            throw scrubbed;
        }
    }

    protected override HttpResponseMessage Send(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        try
        {
            return base.Send(request, cancellationToken);
        }
        catch (HttpRequestException exception) when (Scrubbed(request, exception) is { } scrubbed)
        {
            throw scrubbed;
        }
    }

    /// <summary>The stand-in for <paramref name="exception"/> when it holds a credential; null when it holds none.</summary>
    private static Exception? Scrubbed(HttpRequestMessage request, HttpRequestException exception)
    {
        if (!request.Options.TryGetValue(WorkiomResilience.ScrubberOption, out var scrubber))
        {
            return null;
        }

        var scrubbed = scrubber.Scrub(exception);
        return ReferenceEquals(scrubbed, exception) ? null : scrubbed;
    }
}

/// <summary>How often one request went to the network, and how often Workiom's retry pipeline allowed it to.</summary>
internal sealed class WorkiomSends
{
    public int Sent;
    public int Allowed = 1;
}

/// <summary>Turns off automatic redirects on the handlers that offer them.</summary>
internal static class WorkiomRedirects
{
    /// <summary>
    /// Sets <c>AllowAutoRedirect = false</c> on <paramref name="handler"/>, or on the primary handler at
    /// the end of its chain: .NET drops <c>Authorization</c> when it follows a redirect, but not
    /// <c>X-Api-Key</c>, and a 307/308 repeats the body too. Returns the handler.
    /// </summary>
    public static HttpMessageHandler Refuse(HttpMessageHandler handler)
    {
        var primary = handler;
        while (primary is DelegatingHandler { InnerHandler: { } inner })
        {
            primary = inner;
        }

        try
        {
            switch (primary)
            {
                case SocketsHttpHandler { AllowAutoRedirect: true } sockets:
                    sockets.AllowAutoRedirect = false;
                    break;
                case HttpClientHandler { AllowAutoRedirect: true } classic:
                    classic.AllowAutoRedirect = false;
                    break;
            }
        }
        catch (InvalidOperationException exception)
        {
            throw new WorkiomConfigurationException(
                "The HTTP handler for Workiom follows redirects and has already sent requests, so the client cannot turn that off. " +
                "Give it a handler with AllowAutoRedirect = false: a followed redirect would carry X-Api-Key to another host. " +
                exception.Message);
        }

        return handler;
    }

    /// <summary>True when both addresses have the same scheme, host and port.</summary>
    public static bool SameOrigin(Uri a, Uri b) =>
        Uri.Compare(a, b, UriComponents.Scheme | UriComponents.Host | UriComponents.StrongPort, UriFormat.SafeUnescaped, StringComparison.OrdinalIgnoreCase) == 0;

    /// <summary>Scheme, host and port of <paramref name="uri"/>: no user info, path or query.</summary>
    public static string OriginOf(Uri uri) => uri.Scheme + "://" + uri.GetComponents(UriComponents.Host | UriComponents.StrongPort, UriFormat.SafeUnescaped);
}
