using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Workiom.Client.Tests.Fakes;
using Workiom.Http;

namespace Workiom.Client.Tests;

/// <summary>
/// A server that repeats the credentials it received, in every text of an ABP error, never gets them
/// into an exception (message, ToString, any property) or a log: each is cut out where it entered.
/// </summary>
public class CredentialEchoTests
{
    private static CancellationToken Ct => Guard.Token;

    // Characters that JSON and URLs escape, so every spelling of the secret is exercised.
    private const string Password = "p@ss\"W0rd+<TOP&SECRET>";
    private const string AccessToken = "eyJhbGciOi.ECHOED-TOKEN-VALUE.sig";

    /// <summary>An error envelope whose message, details and validation errors (message and members) all carry <paramref name="secret"/>.</summary>
    private static string EchoEnvelope(string secret, bool unauthorizedRequest = false) => JsonSerializer.Serialize(new
    {
        result = (object?)null,
        success = false,
        error = new
        {
            code = 0,
            message = "Refused the request that carried " + secret,
            details = "X-Api-Key: " + secret + "; Authorization: Bearer " + secret,
            validationErrors = new[] { new { message = "The credential " + secret + " is not valid", members = new[] { secret, "apiKey" } } },
        },
        unAuthorizedRequest = unauthorizedRequest,
        __abp = true,
    });

    private static void UsePasswordLogin(WorkiomClientOptions options)
    {
        options.ApiKey = null;
        options.TenantName = "acme";
        options.UserNameOrEmailAddress = "ops@acme.example";
        options.Password = Password;
    }

    private static string TokenReply() =>
        FakeWorkiom.Envelope($$"""{"accessToken":"{{AccessToken}}","expireInSeconds":3600}""");

    /// <summary>The echo reached the exception and was cut out there, rather than dropped or never sent.</summary>
    private static void AssertScrubbedEcho(WorkiomException error)
    {
        Assert.Contains("(redacted)", error.Message, StringComparison.Ordinal);
        if (error is WorkiomApiException { Details: { } details })
        {
            Assert.Contains("(redacted)", details, StringComparison.Ordinal);
        }

        if (error is WorkiomApiException { ValidationErrors: [var validation] })
        {
            Assert.Contains("(redacted)", validation.Message, StringComparison.Ordinal);
            Assert.Equal(["(redacted)", "apiKey"], validation.Members);
        }
    }

    public static TheoryData<HttpStatusCode> ErrorStatuses() => new()
    {
        HttpStatusCode.OK,
        HttpStatusCode.BadRequest,
        HttpStatusCode.Unauthorized,
        HttpStatusCode.Forbidden,
        HttpStatusCode.NotFound,
        HttpStatusCode.Conflict,
        HttpStatusCode.TooManyRequests,
        HttpStatusCode.InternalServerError,
        HttpStatusCode.ServiceUnavailable,
    };

    [Theory]
    [MemberData(nameof(ErrorStatuses))]
    public async Task An_api_key_echoed_in_an_error_envelope_reaches_no_exception_or_log(HttpStatusCode status)
    {
        using var test = new TestClient();
        test.Server.Responder = _ => FakeWorkiom.Json(status, EchoEnvelope(TestClient.ApiKey, status == HttpStatusCode.Unauthorized));

        var error = await Assert.ThrowsAnyAsync<WorkiomException>(() => test.Deals.GetAsync("rec1", Ct));

        Assert.Equal(TestClient.ApiKey, test.Server.Requests[0].ApiKey);
        AssertScrubbedEcho(error);
        SecretAssert.NowhereIn(error, TestClient.ApiKey);
        Assert.NotEmpty(test.Logs.Lines);
        Assert.DoesNotContain(TestClient.ApiKey, test.Logs.AllText, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_validation_error_keeps_its_own_text_and_loses_only_the_credential()
    {
        using var test = new TestClient();
        test.Server.Reply(HttpStatusCode.BadRequest, EchoEnvelope(TestClient.ApiKey));

        var error = await Assert.ThrowsAsync<WorkiomApiException>(() => test.Deals.DeleteAsync("rec1", Ct));

        Assert.Equal("Refused the request that carried (redacted)", error.Message);
        Assert.Equal("X-Api-Key: (redacted); Authorization: Bearer (redacted)", error.Details);
        var validation = Assert.Single(error.ValidationErrors);
        Assert.Equal("The credential (redacted) is not valid", validation.Message);
        Assert.Equal(["(redacted)", "apiKey"], validation.Members);
    }

    [Theory]
    [InlineData(HttpStatusCode.OK)]
    [InlineData(HttpStatusCode.BadRequest)]
    [InlineData(HttpStatusCode.Unauthorized)]
    [InlineData(HttpStatusCode.InternalServerError)]
    public async Task A_password_echoed_by_a_refused_login_reaches_no_exception_or_log(HttpStatusCode status)
    {
        using var test = new TestClient(UsePasswordLogin);
        test.Server.Responder = _ => FakeWorkiom.Json(status, EchoEnvelope(Password, unauthorizedRequest: true));

        var error = await Assert.ThrowsAnyAsync<WorkiomException>(() => test.Deals.DeleteAsync("rec1", Ct));

        Assert.Equal("/api/TokenAuth/Authenticate", test.Server.Requests[0].Uri.AbsolutePath);
        AssertScrubbedEcho(error);
        SecretAssert.NowhereIn(error, Password, JsonEncodedText.Encode(Password).Value, Uri.EscapeDataString(Password));
        Assert.DoesNotContain(Password, test.Logs.AllText, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(HttpStatusCode.OK)]
    [InlineData(HttpStatusCode.BadRequest)]
    [InlineData(HttpStatusCode.NotFound)]
    [InlineData(HttpStatusCode.InternalServerError)]
    public async Task An_issued_token_echoed_in_an_error_envelope_reaches_no_exception_or_log(HttpStatusCode status)
    {
        using var test = new TestClient(UsePasswordLogin);
        test.Server.Reply(HttpStatusCode.OK, TokenReply());
        test.Server.Responder = _ => FakeWorkiom.Json(status, EchoEnvelope(AccessToken));

        var error = await Assert.ThrowsAnyAsync<WorkiomException>(() => test.Deals.GetAsync("rec1", Ct));

        Assert.Equal("Bearer " + AccessToken, test.Server.Requests[1].Authorization);
        AssertScrubbedEcho(error);
        SecretAssert.NowhereIn(error, AccessToken, Password);
        Assert.DoesNotContain(AccessToken, test.Logs.AllText, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_token_the_client_never_held_is_cut_out_by_the_name_it_goes_by()
    {
        const string Foreign = "foreign-3f9a7c21-token-value";
        using var test = new TestClient();
        test.Server.Reply(HttpStatusCode.BadRequest, JsonSerializer.Serialize(new
        {
            success = false,
            error = new
            {
                message = "Use Bearer " + Foreign + " instead",
                details = "{\"accessToken\":\"" + Foreign + "\",\"refreshToken\":\"" + Foreign + "\"} or ?access_token=" + Foreign + "&apiKey=" + Foreign,
                validationErrors = new[] { new { message = "X-Api-Key: " + Foreign, members = new[] { "password=" + Foreign } } },
            },
        }));

        var error = await Assert.ThrowsAsync<WorkiomApiException>(() => test.Deals.DeleteAsync("rec1", Ct));

        Assert.Equal("Use Bearer (redacted) instead", error.Message);
        SecretAssert.NowhereIn(error, Foreign);
        Assert.Contains("\"accessToken\":\"(redacted)\"", error.Details, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_reason_phrase_that_echoes_the_key_reaches_no_exception()
    {
        using var test = new TestClient();
        test.Server.Reply(HttpStatusCode.InternalServerError, "upstream failed", r => r.ReasonPhrase = "Key " + TestClient.ApiKey + " refused");

        var error = await Assert.ThrowsAsync<WorkiomApiException>(() => test.Deals.DeleteAsync("rec1", Ct));

        Assert.Contains("HTTP 500 Key (redacted) refused", error.Message, StringComparison.Ordinal);
        SecretAssert.NowhereIn(error, TestClient.ApiKey);
    }

    [Fact]
    public async Task A_malformed_header_line_that_echoes_the_key_reaches_no_exception()
    {
        // .NET quotes a malformed header line in its own exception message, so the server's text
        // arrives there rather than in a reply body.
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var server = ServeOnceAsync(listener, "HTTP/1.1 200 OK\r\nX-Echo " + TestClient.ApiKey + "\r\nContent-Length: 0\r\n\r\n");
        var options = new WorkiomClientOptions
        {
            BaseUrl = "http://127.0.0.1:" + ((IPEndPoint)listener.LocalEndpoint).Port,
            ApiKey = TestClient.ApiKey,
            MaxAttempts = 1,
        };
        var logs = new CapturingLoggerProvider();
        using var client = new WorkiomClient(options, logs.CreateFactory());

        var error = await Assert.ThrowsAsync<WorkiomConnectionException>(
            () => client.Repository<TestRecords.Deal, TestRecords.Deal.QueryFields>().GetAsync("rec1", Ct));

        Assert.Contains("X-Api-Key: " + TestClient.ApiKey, await server, StringComparison.Ordinal);
        var cause = Assert.IsType<HttpRequestException>(error.InnerException, exactMatch: false);
        Assert.Equal(HttpRequestError.InvalidResponse, cause.HttpRequestError);
        Assert.Contains("X-Echo (redacted)", cause.Message, StringComparison.Ordinal);
        SecretAssert.NowhereIn(error, TestClient.ApiKey);
        Assert.DoesNotContain(TestClient.ApiKey, logs.AllText, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(false, "0\r\nX-Echo {0}\r\n\r\n", "X-Echo (redacted)")]
    [InlineData(true, "0\r\nX-Echo {0}\r\n\r\n", "X-Echo (redacted)")]
    [InlineData(false, "{0}\r\n", "parsed: '(redacted)'")]
    [InlineData(true, "{0}\r\n", "parsed: '(redacted)'")]
    public async Task A_malformed_chunk_or_trailer_line_that_echoes_the_key_reaches_no_exception(bool download, string tail, string scrubbed)
    {
        // The headers are fine; .NET quotes the malformed line in its own exception while the body
        // is read, after the call itself has succeeded: a trailer line as text, a chunk size line
        // as hex bytes (77-6B-2D-…).
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var server = ServeOnceAsync(listener,
            "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n2\r\n{}\r\n"
            + tail.Replace("{0}", TestClient.ApiKey, StringComparison.Ordinal));
        var options = new WorkiomClientOptions
        {
            BaseUrl = "http://127.0.0.1:" + ((IPEndPoint)listener.LocalEndpoint).Port,
            ApiKey = TestClient.ApiKey,
            MaxAttempts = 1,
        };
        var logs = new CapturingLoggerProvider();
        using var client = new WorkiomClient(options, logs.CreateFactory());

        var error = await Assert.ThrowsAsync<WorkiomConnectionException>(async () =>
        {
            if (download)
            {
                await using var file = await client.DownloadFileAsync("file1", Ct);
                await file.CopyToAsync(Stream.Null, Ct);
            }
            else
            {
                await client.Repository<TestRecords.Deal, TestRecords.Deal.QueryFields>().GetAsync("rec1", Ct);
            }
        });

        Assert.Contains("X-Api-Key: " + TestClient.ApiKey, await server, StringComparison.Ordinal);
        Assert.Contains(scrubbed, SecretAssert.AllTextOf(error), StringComparison.Ordinal);
        SecretAssert.NowhereIn(error, TestClient.ApiKey, BitConverter.ToString(Encoding.UTF8.GetBytes(TestClient.ApiKey)));
        Assert.DoesNotContain(TestClient.ApiKey, logs.AllText, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task A_key_echoed_as_a_value_that_cannot_be_read_reaches_no_exception(bool page)
    {
        // A payload error quotes the value it could not read: here the key, where a number belongs.
        using var test = new TestClient();
        test.Server.Responder = request =>
        {
            string record = "{\"_id\":\"rec1\",\"2014503\":\"" + request.ApiKey + "\"}";
            return FakeWorkiom.Json(HttpStatusCode.OK, FakeWorkiom.Envelope(page ? "{\"totalCount\":1,\"items\":[" + record + "]}" : record));
        };

        var error = await Assert.ThrowsAsync<WorkiomPayloadException>(async () =>
        {
            if (page)
            {
                await test.Deals.ToListAsync(new FixedQuery(), Ct);
            }
            else
            {
                await test.Deals.GetAsync("rec1", Ct);
            }
        });

        Assert.Contains("Field 2014503", error.Message, StringComparison.Ordinal);
        Assert.Contains("(redacted)", error.Message, StringComparison.Ordinal);
        SecretAssert.NowhereIn(error, TestClient.ApiKey);
        Assert.DoesNotContain(TestClient.ApiKey, test.Logs.AllText, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_retried_failure_that_quotes_the_key_reaches_no_log_of_the_retry_pipeline()
    {
        // .NET quotes a malformed header line in its exception (see above); a retried attempt's
        // exception goes to the resilience pipeline's own telemetry as well as to the caller.
        int calls = 0;
        var handler = new ThrowingThenAnswering(() => Interlocked.Increment(ref calls) == 1
            ? throw new HttpRequestException(HttpRequestError.InvalidResponse, "Received an invalid header line: 'X-Echo " + TestClient.ApiKey + "'.")
            : FakeWorkiom.Json(HttpStatusCode.OK, TestClient.Page(1, [1])));
        var logs = new CapturingLoggerProvider();
        var services = new ServiceCollection();
        services.AddLogging(builder => builder.SetMinimumLevel(LogLevel.Trace).AddProvider(logs));
        services.AddWorkiom(options =>
        {
            options.BaseUrl = TestClient.BaseUrl;
            options.ApiKey = TestClient.ApiKey;
            options.MaxAttempts = 2;
            options.RetryBaseDelay = TimeSpan.FromMilliseconds(1);
        }).ConfigurePrimaryHttpMessageHandler(() => handler);
        using var provider = services.BuildServiceProvider();
        var client = provider.GetRequiredService<WorkiomClient>();

        var deals = await client.Repository<TestRecords.Deal, TestRecords.Deal.QueryFields>().ToListAsync(new FixedQuery(), Ct);

        Assert.Equal("rec1", Assert.Single(deals).Id);
        Assert.Equal(2, calls);
        Assert.Contains("InvalidResponse", logs.AllText, StringComparison.Ordinal);
        Assert.DoesNotContain(TestClient.ApiKey, logs.AllText, StringComparison.Ordinal);
    }

    private sealed class ThrowingThenAnswering(Func<HttpResponseMessage> answer) : HttpMessageHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
            Task.FromResult(answer());
    }

    [Fact]
    public async Task A_secret_is_cut_out_of_an_excerpt_in_its_json_and_url_escaped_spellings()
    {
        const string Key = "wk+live<\"&'9f8e/SECRET";
        using var test = new TestClient(options => options.ApiKey = Key);
        string escaped = JsonEncodedText.Encode(Key).Value;
        test.Server.Reply(HttpStatusCode.OK, "{\"echo\":\"" + escaped + "\",\"query\":\"key=" + Uri.EscapeDataString(Key) + "\"}");

        var error = await Assert.ThrowsAsync<WorkiomInvalidReplyException>(() => test.Deals.GetAsync("rec1", Ct));

        Assert.Equal("{\"echo\":\"(redacted)\",\"query\":\"key=(redacted)\"}", error.Excerpt);
        SecretAssert.NowhereIn(error, Key, escaped, Uri.EscapeDataString(Key));
    }

    /// <summary>
    /// Answers the first request on <paramref name="listener"/> with <paramref name="response"/>, byte for
    /// byte (malformed on purpose where a test needs it); the task's result is the request as received.
    /// </summary>
    private static Task<string> ServeOnceAsync(TcpListener listener, string response) => Task.Run(async () =>
    {
        using var connection = await listener.AcceptTcpClientAsync(Ct);
        var stream = connection.GetStream();
        var request = new StringBuilder();
        var buffer = new byte[4096];
        while (!request.ToString().Contains("\r\n\r\n", StringComparison.Ordinal))
        {
            int read = await stream.ReadAsync(buffer, Ct);
            if (read == 0)
            {
                break;
            }

            request.Append(Encoding.ASCII.GetString(buffer, 0, read));
        }

        await stream.WriteAsync(Encoding.ASCII.GetBytes(response), Ct);
        await stream.FlushAsync(Ct);
        return request.ToString();
    });
}
