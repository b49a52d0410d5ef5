namespace Workiom.Http;

/// <summary>
/// Supplies the Bearer token for calls to Workiom. Implement it to plug in tokens obtained
/// elsewhere; the client uses the built-in password login when options carry a password instead.
/// </summary>
public interface IWorkiomTokenProvider
{
    /// <summary>A token valid for at least the next call.</summary>
    ValueTask<string> GetAccessTokenAsync(CancellationToken cancellationToken = default);

    /// <summary>Forgets a cached token that Workiom refused, so the next call logs in again.</summary>
    void Invalidate();

    /// <summary>
    /// Forgets <paramref name="refusedToken"/>, the token a call carried when Workiom refused it, if
    /// it is still the cached one. Calls refused together then share one new token instead of each
    /// discarding the one another call just obtained. By default it forgets whatever is cached.
    /// </summary>
    void Invalidate(string refusedToken) => Invalidate();
}

/// <summary>An access token from <c>TokenAuth/Authenticate</c>. Its <see cref="ToString"/> never shows the token.</summary>
public sealed class WorkiomAccessToken
{
    public WorkiomAccessToken(string accessToken, TimeSpan lifetime)
    {
        ArgumentException.ThrowIfNullOrEmpty(accessToken);
        AccessToken = accessToken;
        Lifetime = lifetime;
    }

    public string AccessToken { get; }

    /// <summary>
    /// How long the token may be used. From <see cref="WorkiomPasswordTokenProvider.AuthenticateAsync"/>:
    /// <c>expireInSeconds</c> as Workiom sent it, kept between one minute and one day (one minute when
    /// it is missing, not positive or not a number).
    /// </summary>
    public TimeSpan Lifetime { get; }

    public override string ToString() => $"WorkiomAccessToken {{ AccessToken = (redacted), Lifetime = {Lifetime} }}";
}
