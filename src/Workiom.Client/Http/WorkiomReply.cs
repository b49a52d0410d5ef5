using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;

namespace Workiom.Http;

/// <summary>
/// A Workiom reply whose ABP envelope said success: the body bytes and where its <c>result</c>
/// value lies, so the result is read in place without copying or a reflection serializer.
/// </summary>
internal sealed class WorkiomReply
{
    private const int ExcerptLength = 200;

    private readonly byte[] _body;
    private readonly int _resultStart;
    private readonly int _resultLength;
    private readonly CredentialScrubber _scrubber;

    private WorkiomReply(byte[] body, int resultStart, int resultLength, CredentialScrubber scrubber)
    {
        _body = body;
        _resultStart = resultStart;
        _resultLength = resultLength;
        _scrubber = scrubber;
    }

    /// <summary>
    /// <paramref name="exception"/>, thrown while reading this reply's result, with the credentials
    /// cut out of its message: a payload error quotes the value it could not read, which is server text.
    /// </summary>
    public WorkiomPayloadException Scrubbed(WorkiomPayloadException exception)
    {
        string message = _scrubber.Scrub(exception.Message)!;
        var inner = exception.InnerException is { } cause ? _scrubber.Scrub(cause) : null;
        return string.Equals(message, exception.Message, StringComparison.Ordinal) && ReferenceEquals(inner, exception.InnerException)
            ? exception
            : new WorkiomPayloadException(message, inner);
    }

    /// <summary>True when <c>result</c> is absent or <c>null</c>.</summary>
    public bool ResultIsNull => _resultLength == 0 || ResultReader().TokenType == JsonTokenType.Null;

    /// <summary>A reader positioned on the first token of <c>result</c>.</summary>
    public Utf8JsonReader ResultReader()
    {
        if (_resultLength == 0)
        {
            var empty = new Utf8JsonReader("null"u8);
            empty.Read();
            return empty;
        }

        var reader = new Utf8JsonReader(new ReadOnlySpan<byte>(_body, _resultStart, _resultLength));
        reader.Read();
        return reader;
    }

    /// <summary>A reader positioned on the first token of the whole body (the envelope object).</summary>
    public Utf8JsonReader BodyReader()
    {
        var reader = new Utf8JsonReader(_body);
        reader.Read();
        return reader;
    }

    /// <summary>The start of the body, with every credential cut out, for an exception about this reply.</summary>
    public string Excerpt() => Excerpt(_body, _scrubber);

    /// <summary>
    /// <paramref name="value"/> as read from this reply, or null when it holds a configured credential:
    /// a value that an exception carries on must not hand a secret to whoever logs it.
    /// </summary>
    public string? WithoutCredential(string? value) =>
        value is null || !string.Equals(_scrubber.Scrub(value), value, StringComparison.Ordinal) ? null : value;

    /// <summary>Checks the envelope of a 2xx reply and locates its result.</summary>
    public static WorkiomReply Unwrap(byte[] body, HttpStatusCode statusCode, string call, CredentialScrubber scrubber)
    {
        var envelope = Envelope.Parse(body, scrubber);
        if (envelope is null)
        {
            throw new WorkiomInvalidReplyException(
                $"Workiom's reply to {call} (HTTP {(int)statusCode}) is not an ABP envelope {{result, success, error}}.",
                Excerpt(body, scrubber),
                statusCode);
        }

        if (envelope.UnauthorizedRequest || !envelope.Success)
        {
            throw FromEnvelope(envelope, statusCode, call, retryAfter: null);
        }

        return new WorkiomReply(body, envelope.ResultStart, envelope.ResultLength, scrubber);
    }

    /// <summary>The exception for a reply with an error status.</summary>
    public static WorkiomException ErrorFor(HttpResponseMessage response, byte[] body, string call, CredentialScrubber scrubber)
    {
        var statusCode = response.StatusCode;
        var envelope = Envelope.Parse(body, scrubber);
        if (statusCode == HttpStatusCode.TooManyRequests)
        {
            var retryAfter = RetryAfterOf(response.Headers.RetryAfter);
            return new WorkiomRateLimitedException(
                envelope?.Message ?? $"Workiom refused {call} with HTTP 429 (too many requests) on every attempt allowed"
                    + (retryAfter is null ? "." : $"; it asked to wait {retryAfter.Value.TotalSeconds.ToString(CultureInfo.InvariantCulture)} s."),
                retryAfter);
        }

        if (envelope is not null)
        {
            return FromEnvelope(envelope, statusCode, call, null);
        }

        // The reason phrase is the server's text as well.
        string status = $"HTTP {(int)statusCode} {scrubber.Scrub(response.ReasonPhrase)}".TrimEnd();
        return statusCode switch
        {
            HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden => new WorkiomAuthenticationException(
                $"Workiom refused the credentials for {call} ({status}). Check the API key or the password login.", statusCode),
            HttpStatusCode.NotFound => new WorkiomNotFoundException(
                $"Workiom answered {status} for {call}. {ShardHint}"),
            _ => new WorkiomApiException(
                $"Workiom answered {status} for {call} without an error envelope.",
                statusCode,
                details: Excerpt(body, scrubber)),
        };
    }

    private const string ShardHint =
        "If the list and record exist, the tenant may live on its own shard: set Workiom:BaseUrl to the apiUrl " +
        "that Account/IsTenantAvailable returns for it.";

    private static WorkiomException FromEnvelope(Envelope envelope, HttpStatusCode statusCode, string call, TimeSpan? retryAfter)
    {
        if (envelope.UnauthorizedRequest || statusCode is HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden)
        {
            return new WorkiomAuthenticationException(
                envelope.Message ?? $"Workiom refused the credentials for {call}. Check the API key or the password login.",
                statusCode);
        }

        if (statusCode == HttpStatusCode.NotFound)
        {
            return new WorkiomNotFoundException(
                (envelope.Message ?? $"Workiom answered 404 for {call}.") + " " + ShardHint,
                statusCode,
                envelope.Details);
        }

        return new WorkiomApiException(
            envelope.Message ?? $"Workiom reported an error for {call} (HTTP {(int)statusCode}) without a message.",
            statusCode,
            envelope.Code,
            envelope.Details,
            envelope.ValidationErrors);
    }

    private static TimeSpan? RetryAfterOf(RetryConditionHeaderValue? header)
    {
        if (header?.Delta is { } delta)
        {
            return delta;
        }

        if (header?.Date is { } date)
        {
            var wait = date - DateTimeOffset.UtcNow;
            return wait > TimeSpan.Zero ? wait : TimeSpan.Zero;
        }

        return null;
    }

    /// <summary>The start of a body as text, with every credential cut out, for error messages.</summary>
    internal static string Excerpt(byte[] body, CredentialScrubber scrubber)
    {
        // Decode the whole (bounded) head before cutting so a secret split by the cut is still found.
        // A sign-in reply carries a token the client does not know yet (it is in that very reply);
        // the scrubber cuts credential-named values by name as well.
        int take = Math.Min(body.Length, ExcerptLength * 4);
        var text = scrubber.Scrub(Encoding.UTF8.GetString(body, 0, take))!;

        var builder = new StringBuilder(Math.Min(text.Length, ExcerptLength) + 1);
        foreach (char c in text.AsSpan(0, Math.Min(text.Length, ExcerptLength)))
        {
            builder.Append(char.IsControl(c) ? ' ' : c);
        }

        if (body.Length > ExcerptLength)
        {
            builder.Append('…');
        }

        return builder.ToString();
    }

    /// <summary>
    /// What the ABP envelope said, read with a forward-only reader. Every string it keeps (message,
    /// details, validation messages and member names) has been through the scrubber, so no branch
    /// that builds an exception from it can repeat a credential.
    /// </summary>
    private sealed class Envelope
    {
        public bool Success { get; private set; }

        public bool UnauthorizedRequest { get; private set; }

        public int ResultStart { get; private set; }

        public int ResultLength { get; private set; }

        public string? Message { get; private set; }

        public string? Details { get; private set; }

        public int? Code { get; private set; }

        public IReadOnlyList<WorkiomValidationError>? ValidationErrors { get; private set; }

        /// <summary>The envelope, or null when the body is not JSON or not an envelope.</summary>
        public static Envelope? Parse(byte[] body, CredentialScrubber scrubber)
        {
            try
            {
                return ParseCore(body, scrubber);
            }
            catch (JsonException)
            {
                return null;
            }
        }

        private static Envelope? ParseCore(byte[] body, CredentialScrubber scrubber)
        {
            var reader = new Utf8JsonReader(body, new JsonReaderOptions { CommentHandling = JsonCommentHandling.Skip });
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                return null;
            }

            var envelope = new Envelope();
            bool sawSuccess = false, sawResult = false;
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                string name = reader.GetString()!;
                reader.Read();
                if (Is(name, "result"))
                {
                    sawResult = true;
                    envelope.ResultStart = (int)reader.TokenStartIndex;
                    reader.Skip();
                    envelope.ResultLength = (int)reader.BytesConsumed - envelope.ResultStart;
                }
                else if (Is(name, "success"))
                {
                    sawSuccess = true;
                    envelope.Success = reader.TokenType == JsonTokenType.True;
                }
                else if (Is(name, "unAuthorizedRequest"))
                {
                    envelope.UnauthorizedRequest = reader.TokenType == JsonTokenType.True;
                }
                else if (Is(name, "error") && reader.TokenType == JsonTokenType.StartObject)
                {
                    envelope.ReadError(ref reader, scrubber);
                }
                else
                {
                    reader.Skip();
                }
            }

            if (reader.TokenType != JsonTokenType.EndObject || reader.Read())
            {
                return null;
            }

            // An envelope without "success" but with a result is still an ABP reply (older tenants
            // omit the flag on success); one without both is some other document.
            if (!sawSuccess)
            {
                if (!sawResult)
                {
                    return null;
                }

                envelope.Success = envelope.Message is null;
            }

            return envelope;
        }

        private void ReadError(ref Utf8JsonReader reader, CredentialScrubber scrubber)
        {
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                string name = reader.GetString()!;
                reader.Read();
                if (Is(name, "message") && reader.TokenType == JsonTokenType.String)
                {
                    Message = scrubber.Scrub(reader.GetString());
                }
                else if (Is(name, "details") && reader.TokenType == JsonTokenType.String)
                {
                    Details = scrubber.Scrub(reader.GetString());
                }
                else if (Is(name, "code") && reader.TokenType == JsonTokenType.Number && reader.TryGetInt32(out int code))
                {
                    Code = code;
                }
                else if (Is(name, "validationErrors") && reader.TokenType == JsonTokenType.StartArray)
                {
                    ValidationErrors = ReadValidationErrors(ref reader, scrubber);
                }
                else
                {
                    reader.Skip();
                }
            }

            if (string.IsNullOrWhiteSpace(Message))
            {
                Message = null;
            }
        }

        private static List<WorkiomValidationError> ReadValidationErrors(ref Utf8JsonReader reader, CredentialScrubber scrubber)
        {
            var errors = new List<WorkiomValidationError>();
            while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
            {
                if (reader.TokenType != JsonTokenType.StartObject)
                {
                    reader.Skip();
                    continue;
                }

                string message = string.Empty;
                var members = new List<string>();
                while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
                {
                    string name = reader.GetString()!;
                    reader.Read();
                    if (Is(name, "message") && reader.TokenType == JsonTokenType.String)
                    {
                        message = scrubber.Scrub(reader.GetString())!;
                    }
                    else if (Is(name, "members") && reader.TokenType == JsonTokenType.StartArray)
                    {
                        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
                        {
                            if (reader.TokenType == JsonTokenType.String)
                            {
                                members.Add(scrubber.Scrub(reader.GetString())!);
                            }
                            else
                            {
                                reader.Skip();
                            }
                        }
                    }
                    else
                    {
                        reader.Skip();
                    }
                }

                errors.Add(new WorkiomValidationError(message, members));
            }

            return errors;
        }

        private static bool Is(string name, string expected) => string.Equals(name, expected, StringComparison.OrdinalIgnoreCase);
    }
}
