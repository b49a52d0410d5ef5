using System.Net;

namespace Workiom.Emulator;

/// <summary>
/// Host names as the emulator's options name them: the loopback names every check accepts, and the patterns of
/// <see cref="WorkiomEmulatorOptions.AllowedHosts"/> and <see cref="WorkiomEmulatorOptions.WebhookHosts"/>
/// (<c>*.example.test</c> allows the subdomains; a lone <c>*</c> is refused).
/// </summary>
internal static class HostNames
{
    /// <summary><c>localhost</c>, any 127.0.0.0/8 address (also IPv4-mapped) or <c>[::1]</c>.</summary>
    public static bool IsLoopback(string host)
    {
        if (string.Equals(host, "localhost", StringComparison.OrdinalIgnoreCase))
        {
            return true;
        }

        var address = host.Length > 1 && host[0] == '[' && host[^1] == ']' ? host[1..^1] : host;
        return IPAddress.TryParse(address, out var ip) && IPAddress.IsLoopback(ip.IsIPv4MappedToIPv6 ? ip.MapToIPv4() : ip);
    }

    /// <summary>Why a configured name cannot be used, or null when it can.</summary>
    /// <param name="pattern">A host name, or <c>*.</c> and a host name for its subdomains.</param>
    /// <param name="option">The option that holds it, for the message.</param>
    /// <param name="whyNotAny">What a lone <c>*</c> would do, for the message.</param>
    public static string? PatternProblem(string? pattern, string option, string whyNotAny)
    {
        if (string.IsNullOrWhiteSpace(pattern))
        {
            return $"{option} holds an empty name.";
        }

        if (pattern == "*")
        {
            return $"{option} may not hold '*': {whyNotAny}. Name each host.";
        }

        var name = pattern.StartsWith("*.", StringComparison.Ordinal) ? pattern[2..] : pattern;
        return Uri.CheckHostName(name) == UriHostNameType.Unknown
            ? $"{option} holds '{pattern}', which is not a host name (no scheme, port or path; '*.' may start it)."
            : null;
    }
}
