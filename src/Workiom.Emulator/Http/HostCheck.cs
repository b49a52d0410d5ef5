using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Primitives;

namespace Workiom.Emulator.Http;

/// <summary>
/// Decides which Host headers the emulator answers to: <c>localhost</c>, any 127.0.0.0/8 address,
/// <c>[::1]</c>, and the names of <see cref="WorkiomEmulatorOptions.AllowedHosts"/>. A page served from
/// another name that resolves to 127.0.0.1 (DNS rebinding) sends its own name and is refused.
/// </summary>
/// <remarks>
/// ASP.NET Core's host filtering middleware cannot say "any 127.0.0.0/8 address", and it answers with an
/// HTML page rather than Workiom's error envelope, so the check lives here; the configured names are
/// matched the way that middleware matches them (<see cref="HostString.MatchesAny"/>).
/// </remarks>
internal sealed class HostCheck
{
    private readonly StringSegment[] _allowed;

    public HostCheck(IEnumerable<string> allowedHosts)
    {
        _allowed = allowedHosts.Select(h => new StringSegment(h)).ToArray();
    }

    /// <summary>Why a configured name cannot be used, or null when it can.</summary>
    public static string? Problem(string? allowedHost) =>
        HostNames.PatternProblem(allowedHost, "AllowedHosts", "it would answer any web page (DNS rebinding)");

    public bool Accepts(HostString host)
    {
        if (!host.HasValue)
        {
            return false;
        }

        var name = host.Host;
        if (HostNames.IsLoopback(name))
        {
            return true;
        }

        return _allowed.Length > 0 && HostString.MatchesAny(new StringSegment(name), _allowed);
    }
}
