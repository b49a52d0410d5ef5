using System.Security.Cryptography;

namespace Workiom.Emulator.Http;

/// <summary>
/// The access tokens handed out by TokenAuth/Authenticate. Expired tokens are removed when presented and,
/// whether presented again or not, by the next login or bearer check after the earliest one expired, so the
/// store holds at most the tokens issued within one token lifetime.
/// </summary>
internal sealed class TokenStore(TimeProvider clock)
{
    private readonly object _gate = new();
    private readonly Dictionary<string, (EmulatorUser User, DateTimeOffset Expires)> _tokens = new(StringComparer.Ordinal);
    private DateTimeOffset _earliestExpiry = DateTimeOffset.MaxValue;

    public enum Outcome
    {
        Valid,
        Expired,
        Unknown,
    }

    /// <summary>How many tokens are held, including expired ones not pruned yet.</summary>
    public int Count
    {
        get
        {
            lock (_gate)
            {
                return _tokens.Count;
            }
        }
    }

    public string Issue(EmulatorUser user, TimeSpan lifetime)
    {
        var token = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        var now = clock.GetUtcNow();
        var expires = lifetime >= DateTimeOffset.MaxValue - now ? DateTimeOffset.MaxValue : now + lifetime;
        lock (_gate)
        {
            Prune(now);
            _tokens[token] = (user, expires);
            if (expires < _earliestExpiry)
            {
                _earliestExpiry = expires;
            }
        }

        return token;
    }

    /// <summary>Checks a presented token; an expired one is removed and reported as such.</summary>
    public Outcome Check(string token, out EmulatorUser? user)
    {
        var now = clock.GetUtcNow();
        lock (_gate)
        {
            var outcome = Outcome.Unknown;
            user = null;
            if (_tokens.TryGetValue(token, out var issued))
            {
                if (now < issued.Expires)
                {
                    user = issued.User;
                    outcome = Outcome.Valid;
                }
                else
                {
                    _tokens.Remove(token);
                    outcome = Outcome.Expired;
                }
            }

            Prune(now);
            return outcome;
        }
    }

    /// <summary>Removes every expired token once the earliest expiry has passed; cheap otherwise.</summary>
    private void Prune(DateTimeOffset now)
    {
        if (now < _earliestExpiry)
        {
            return;
        }

        var earliest = DateTimeOffset.MaxValue;
        foreach (var (token, issued) in _tokens.ToList())
        {
            if (now >= issued.Expires)
            {
                _tokens.Remove(token);
            }
            else if (issued.Expires < earliest)
            {
                earliest = issued.Expires;
            }
        }

        _earliestExpiry = earliest;
    }
}
