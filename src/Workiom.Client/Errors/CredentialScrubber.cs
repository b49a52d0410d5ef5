using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace Workiom;

/// <summary>
/// Cuts credentials out of text a server sent before that text goes into an exception or a log:
/// the configured API key and password, and every token this client sent or was issued, each in
/// its plain, JSON-escaped and URL-escaped spelling; and, by name, any value that looks like a
/// credential (<c>"accessToken":"…"</c>, <c>Bearer …</c>, <c>apiKey=…</c>), which covers a token
/// the client has not learnt yet. Every server string on its way into a message goes through
/// <see cref="Scrub(string)"/>, and an exception of the HTTP stack through <see cref="Scrub(Exception)"/>. Thread-safe.
/// </summary>
internal sealed partial class CredentialScrubber
{
    public const string Redacted = "(redacted)";

    // Tokens are renewed for as long as the process runs; the newest few are the ones a reply can echo.
    private const int RememberedTokens = 8;

    private readonly string[] _configured;

    // The tokens learnt so far and the spellings of every secret, swapped as one so a reader never
    // sees a token list without its spellings.
    private State _state;

    public CredentialScrubber(IEnumerable<string?> secrets)
    {
        _configured = secrets.OfType<string>().Where(s => s.Length > 0).Distinct(StringComparer.Ordinal).ToArray();
        _state = new State([], FormsOf(_configured));
    }

    /// <summary>Adds a secret learnt at run time (an access token), so later replies that echo it are scrubbed.</summary>
    public void Remember(string? secret)
    {
        if (string.IsNullOrEmpty(secret) || Array.IndexOf(_configured, secret) >= 0)
        {
            return;
        }

        while (true)
        {
            var state = Volatile.Read(ref _state);
            if (Array.IndexOf(state.Issued, secret) >= 0)
            {
                return;
            }

            string[] issued = [.. state.Issued.Skip(Math.Max(0, state.Issued.Length - (RememberedTokens - 1))), secret];
            var next = new State(issued, FormsOf([.. _configured, .. issued]));
            if (ReferenceEquals(Interlocked.CompareExchange(ref _state, next, state), state))
            {
                return;
            }
        }
    }

    /// <summary>The text with every known and every credential-looking value replaced by <see cref="Redacted"/>.</summary>
    public string? Scrub(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return text;
        }

        // Ignoring case: a host name or a percent-escape can come back in another case than it was sent.
        foreach (var form in Volatile.Read(ref _state).Forms)
        {
            text = text.Replace(form, Redacted, StringComparison.OrdinalIgnoreCase);
        }

        text = JsonCredential().Replace(text, "$1\"" + Redacted + "\"");
        text = BearerCredential().Replace(text, "$1" + Redacted);
        return NamedCredential().Replace(text, "$1" + Redacted);
    }

    /// <summary>
    /// The exception to attach as the inner exception of a library exception: <paramref name="exception"/>
    /// itself when no message in its chain holds a credential, else a stand-in chain with the same
    /// kinds of failure and scrubbed messages. .NET quotes server text in some messages (a malformed
    /// header or status line), so a server can put a credential there too.
    /// </summary>
    public Exception Scrub(Exception exception)
    {
        for (var link = exception; link is not null; link = link.InnerException)
        {
            if (!string.Equals(Scrub(link.Message), link.Message, StringComparison.Ordinal))
            {
                return StandIn(exception);
            }
        }

        return exception;
    }

    private Exception StandIn(Exception exception)
    {
        var inner = exception.InnerException is { } cause ? StandIn(cause) : null;
        string message = Scrub(exception.Message)!;
        return exception is HttpRequestException http
            ? new HttpRequestException(http.HttpRequestError, message, inner, http.StatusCode)
            : new ScrubbedException(exception.GetType().FullName + ": " + message, inner);
    }

    /// <summary>Stands for an exception whose message held a credential; the message names the original type.</summary>
    private sealed class ScrubbedException(string message, Exception? innerException) : Exception(message, innerException);

    /// <summary>
    /// Every spelling under which a secret can come back: as sent, JSON-escaped (strictly, as
    /// System.Text.Json writes by default, or relaxed), URL-escaped, and as the dash-separated hex
    /// bytes .NET quotes a malformed chunk line with. Longest first, so a secret that contains
    /// another is cut whole.
    /// </summary>
    private static string[] FormsOf(IEnumerable<string> secrets) =>
        secrets
            .SelectMany(secret => new[]
            {
                secret,
                JsonEncodedText.Encode(secret).Value,
                JsonEncodedText.Encode(secret, JavaScriptEncoder.UnsafeRelaxedJsonEscaping).Value,
                Uri.EscapeDataString(secret),
                BitConverter.ToString(Encoding.UTF8.GetBytes(secret)),
            })
            .Where(form => form.Length > 0)
            .Distinct(StringComparer.Ordinal)
            .OrderByDescending(form => form.Length)
            .ToArray();

    private sealed record State(string[] Issued, string[] Forms);

    // A JSON property named like a credential; a cut reply may end inside the value.
    [GeneratedRegex("(\"(?:accessToken|encryptedAccessToken|refreshToken|token|password|apiKey|api_key|x-api-key)\"\\s*:\\s*)\"(?:[^\"\\\\]|\\\\.)*(?:\"|$)", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex JsonCredential();

    // An Authorization header value as a proxy or server might repeat it.
    [GeneratedRegex("(\\bBearer\\s+)[A-Za-z0-9\\-._~+/]+=*", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex BearerCredential();

    // A query-string or header spelling: apiKey=…, access_token=…, password=…, X-Api-Key: ….
    [GeneratedRegex("(\\b(?:api[-_]?key|access[-_]?token|refresh[-_]?token|password)\\s*=\\s*|\\bX-Api-Key\\s*[:=]\\s*)[^\\s&\"',;<>]+", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex NamedCredential();
}
