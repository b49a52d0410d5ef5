namespace Workiom.Http;

/// <summary>
/// Supplies the Bearer token for calls to Workiom. Implement it to plug in tokens obtained
/// elsewhere; the client uses the built-in password login when options carry a password instead.
/// </summary>
public interface IWorkiomTokenProvider
{
    /// <summary>A token valid for at least the next call.</summary>
    ValueTask<string> GetAccessTokenAsync(CancellationToken cancellationToken);

    /// <summary>Forgets a cached token that Workiom refused, so the next call logs in again.</summary>
    void Invalidate();
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

    /// <summary><c>expireInSeconds</c> as Workiom sent it.</summary>
    public TimeSpan Lifetime { get; }

    public override string ToString() => $"WorkiomAccessToken {{ AccessToken = (redacted), Lifetime = {Lifetime} }}";
}
