using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using Workiom.Client.Tests.Fakes;
using Workiom.Http;

namespace Workiom.Client.Tests;

/// <summary>
/// The password login under concurrency: one login however many callers need a token, no token
/// paired with another's expiry, a failure not remembered, a cancelled waiter not cancelling the
/// login for the others, and any <c>expireInSeconds</c> accepted without overflow.
/// </summary>
public class TokenProviderTests
{
    private static CancellationToken Ct => Guard.Token;

    private static WorkiomClientOptions PasswordOptions() => new()
    {
        BaseUrl = TestClient.BaseUrl,
        TenantName = "acme",
        UserNameOrEmailAddress = "ops@acme.example",
        Password = "p@ss-W0rd-TOPSECRET",
        MaxAttempts = 1,
    };

    private static HttpResponseMessage LoginReply(string token, string expireInSeconds = "3600") =>
        FakeWorkiom.Json(HttpStatusCode.OK, FakeWorkiom.Envelope($$"""{"accessToken":"{{token}}","expireInSeconds":{{expireInSeconds}}}"""));

    private static HttpResponseMessage RefusedLogin() =>
        FakeWorkiom.Json(HttpStatusCode.InternalServerError,
            """{"result":null,"success":false,"error":{"message":"Invalid user name or password"},"unAuthorizedRequest":true}""");

    private static bool IsLogin(HttpRequestMessage request) => request.RequestUri!.AbsolutePath == "/api/TokenAuth/Authenticate";

    [Fact]
    public async Task A_token_is_never_paired_with_the_expiry_of_the_token_that_replaced_it()
    {
        int logins = 0;
        var server = new ScriptedServer((request, _) => Task.FromResult(LoginReply("T" + Interlocked.Increment(ref logins))));
        var clock = new HookedClock();
        using var http = new HttpClient(server);
        using var provider = new WorkiomPasswordTokenProvider(http, PasswordOptions(), clock);
        Assert.Equal("T1", await provider.GetAccessTokenAsync(Ct));
        clock.Advance(TimeSpan.FromHours(2));

        // Between this caller's look at the cached token and its look at the clock, another caller
        // renews the expired token: the first must not hand out T1 on the strength of T2's expiry.
        clock.OnNextRead(() => Task.Run(() => provider.GetAccessTokenAsync(Ct).AsTask()).GetAwaiter().GetResult());
        string token = await provider.GetAccessTokenAsync(Ct);

        Assert.Equal("T2", token);
        Assert.Equal(2, logins);
    }

    [Fact]
    public async Task Many_callers_with_an_expired_token_share_exactly_one_login()
    {
        const int Callers = 32;
        int logins = 0, asked = 0;
        TaskCompletionSource? everyoneAsked = null;
        var server = new ScriptedServer(async (request, _) =>
        {
            int login = Interlocked.Increment(ref logins);
            if (Volatile.Read(ref everyoneAsked) is { } gate)
            {
                await gate.Task;
            }

            return LoginReply("T" + login);
        });
        var clock = new ManualTimeProvider();
        using var http = new HttpClient(server);
        using var provider = new WorkiomPasswordTokenProvider(http, PasswordOptions(), clock);
        Assert.Equal("T1", await provider.GetAccessTokenAsync(Ct));
        clock.Advance(TimeSpan.FromDays(2));
        Volatile.Write(ref everyoneAsked, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));

        // Every caller asks for a token on its own thread; the login answers only once all have asked.
        var tokens = await Task.WhenAll(Enumerable.Range(0, Callers).Select(_ => Task.Run(() =>
        {
            var token = provider.GetAccessTokenAsync(Ct).AsTask();
            if (Interlocked.Increment(ref asked) == Callers)
            {
                everyoneAsked!.SetResult();
            }

            return token;
        })));

        Assert.Equal(2, logins);
        Assert.All(tokens, token => Assert.Equal("T2", token));
    }

    [Fact]
    public async Task Calls_refused_with_the_same_revoked_token_share_one_new_login()
    {
        const int Callers = 8;
        int logins = 0;
        var held = new ConcurrentQueue<TaskCompletionSource>();
        var allHeld = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var server = new ScriptedServer(async (request, _) =>
        {
            if (IsLogin(request))
            {
                return LoginReply("T" + Interlocked.Increment(ref logins));
            }

            if (request.Headers.Authorization?.Parameter == "T1")
            {
                // Every call reached Workiom with T1, which was revoked meanwhile; each is refused
                // only once the previous one came back with a new token.
                var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
                held.Enqueue(release);
                if (held.Count == Callers)
                {
                    allHeld.TrySetResult();
                }

                await release.Task;
                return FakeWorkiom.Json(HttpStatusCode.Unauthorized, "");
            }

            if (held.TryDequeue(out var next))
            {
                next.SetResult();
            }

            return FakeWorkiom.Json(HttpStatusCode.OK, FakeWorkiom.Envelope("null"));
        });
        using var client = new WorkiomClient(PasswordOptions(), server);
        var deals = client.Repository<TestRecords.Deal, TestRecords.Deal.QueryFields>();

        var calls = Enumerable.Range(0, Callers).Select(i => Task.Run(() => deals.DeleteAsync("rec" + i, Ct))).ToList();
        await allHeld.Task.WaitAsync(Ct);
        held.TryDequeue(out var first);
        first!.SetResult();
        await Task.WhenAll(calls);

        // The first login (T1) and one renewal: later refusals of T1 must not discard T2.
        Assert.Equal(2, logins);
        Assert.Equal(Callers, server.Requests.Count(r => r.Headers.Authorization?.Parameter == "T2"));
    }

    [Fact]
    public async Task A_failed_login_is_shared_by_its_waiters_and_not_remembered_after()
    {
        const int Callers = 8;
        int logins = 0;
        var firstLoginArrived = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var releaseFirstLogin = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        bool refuse = true;
        var server = new ScriptedServer(async (request, _) =>
        {
            if (Interlocked.Increment(ref logins) == 1)
            {
                firstLoginArrived.SetResult();
                await releaseFirstLogin.Task;
            }

            return Volatile.Read(ref refuse) ? RefusedLogin() : LoginReply("T" + logins);
        });
        using var http = new HttpClient(server);
        using var provider = new WorkiomPasswordTokenProvider(http, PasswordOptions());

        var waiters = Enumerable.Range(0, Callers).Select(_ => provider.GetAccessTokenAsync(Ct).AsTask()).ToList();
        await firstLoginArrived.Task.WaitAsync(Ct);
        releaseFirstLogin.SetResult();
        foreach (var waiter in waiters)
        {
            var error = await Assert.ThrowsAsync<WorkiomAuthenticationException>(() => waiter);
            Assert.Equal("Invalid user name or password", error.Message);
        }

        Assert.Equal(1, logins);

        // The password was fixed in Workiom: the next call logs in again rather than repeating the failure.
        Volatile.Write(ref refuse, false);
        Assert.Equal("T2", await provider.GetAccessTokenAsync(Ct));
        Assert.Equal(2, logins);
    }

    [Fact]
    public async Task A_caller_that_stops_waiting_does_not_cancel_the_login_for_the_others()
    {
        int logins = 0;
        var loginArrived = new TaskCompletionSource<CancellationToken>(TaskCreationOptions.RunContinuationsAsynchronously);
        var releaseLogin = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var server = new ScriptedServer(async (request, cancellationToken) =>
        {
            if (Interlocked.Increment(ref logins) == 1)
            {
                loginArrived.SetResult(cancellationToken);
                await releaseLogin.Task.WaitAsync(cancellationToken);
            }

            return LoginReply("T" + logins);
        });
        using var http = new HttpClient(server);
        using var provider = new WorkiomPasswordTokenProvider(http, PasswordOptions());
        using var impatient = new CancellationTokenSource();

        var first = provider.GetAccessTokenAsync(impatient.Token).AsTask();
        var loginToken = await loginArrived.Task.WaitAsync(Ct);
        var second = provider.GetAccessTokenAsync(Ct).AsTask();
        impatient.Cancel();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => first);
        Assert.False(loginToken.IsCancellationRequested);
        releaseLogin.SetResult();

        Assert.Equal("T1", await second);
        Assert.Equal("T1", await provider.GetAccessTokenAsync(Ct));
        Assert.Equal(1, logins);
    }

    [Theory]
    [InlineData("1e308", 86_400)]
    [InlineData("1e400", 86_400)]
    [InlineData("1.7976931348623157e308", 86_400)]
    [InlineData("9223372036854775807", 86_400)]
    [InlineData("2147483647", 86_400)]
    [InlineData("86400.5", 86_400)]
    [InlineData("7200", 7_200)]
    [InlineData("90.5", 90.5)]
    [InlineData("0.25", 60)]
    [InlineData("0", 60)]
    [InlineData("-1", 60)]
    [InlineData("-1e400", 60)]
    public async Task An_absurd_expireInSeconds_is_kept_within_a_minute_and_a_day(string expireInSeconds, double expectedSeconds)
    {
        int logins = 0;
        var server = new ScriptedServer((_, _) => Task.FromResult(LoginReply("T" + Interlocked.Increment(ref logins), expireInSeconds)));
        var clock = new ManualTimeProvider();
        using var http = new HttpClient(server);
        using var provider = new WorkiomPasswordTokenProvider(http, PasswordOptions(), clock);

        var issued = await provider.AuthenticateAsync(Ct);
        Assert.Equal(TimeSpan.FromSeconds(expectedSeconds), issued.Lifetime);
        Assert.Equal("T2", await provider.GetAccessTokenAsync(Ct));
        clock.Advance(TimeSpan.FromSeconds(expectedSeconds * 0.8));
        Assert.Equal("T2", await provider.GetAccessTokenAsync(Ct));
        clock.Advance(TimeSpan.FromSeconds(expectedSeconds * 0.2));

        Assert.Equal("T3", await provider.GetAccessTokenAsync(Ct));
        Assert.Equal(3, logins);
    }

    /// <summary>Answers every request with a script; keeps the requests it saw.</summary>
    private sealed class ScriptedServer(Func<HttpRequestMessage, CancellationToken, Task<HttpResponseMessage>> answer) : HttpMessageHandler
    {
        private readonly ConcurrentQueue<HttpRequestMessage> _requests = new();

        public IReadOnlyCollection<HttpRequestMessage> Requests => _requests;

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            if (!request.RequestUri!.IsLoopback)
            {
                throw new InvalidOperationException("Tests must only address loopback hosts; got " + request.RequestUri.Host);
            }

            _requests.Enqueue(request);
            return answer(request, cancellationToken);
        }
    }

    /// <summary>A fixed clock that runs an action, once, the next time it is read.</summary>
    private sealed class HookedClock : TimeProvider
    {
        private DateTimeOffset _now = new(2025, 6, 1, 12, 0, 0, TimeSpan.Zero);
        private Action? _onNextRead;

        public void Advance(TimeSpan by) => _now += by;

        public void OnNextRead(Action action) => _onNextRead = action;

        public override DateTimeOffset GetUtcNow()
        {
            Interlocked.Exchange(ref _onNextRead, null)?.Invoke();
            return _now;
        }
    }
}
