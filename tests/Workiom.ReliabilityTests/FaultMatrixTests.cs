using System.Net;
using Workiom.Emulator.Faults;
using Workiom.ReliabilityTests.Lists;
using Workiom.ReliabilityTests.Support;

namespace Workiom.ReliabilityTests;

/// <summary>
/// Every repository operation against every fault the emulator can inject, over real HTTP. Each
/// cell must end one of two ways: the operation took effect exactly once, or it threw the exception
/// type its documentation names — and a create is never stored twice.
/// </summary>
public sealed class FaultMatrixTests
{
    public enum Operation { Get, Find, Create, Update, Replace, Delete, ToList, Count, FirstOrDefault, Stream }

    /// <summary>The fault variants: one firing of each kind, plus ones that outlast every retry.</summary>
    public enum Fault
    {
        TooManyRequests,
        TooManyRequestsLongerThanAllowed,
        TooManyRequestsEveryAttempt,
        InternalServerError500,
        BadGateway502,
        ServiceUnavailable503,
        GatewayTimeout504,
        ServiceUnavailableEveryAttempt,
        SlowerThanTimeout,
        DropConnection,
        DropConnectionEveryAttempt,
        UnsuccessfulReply,
        TruncatedBody,
        DropConnectionAfterProcessing,
        ServerErrorAfterProcessing,
        RedirectElsewhere,
    }

    /// <summary>Where the redirect fault points: a closed port, so a client that followed it would fail to connect instead.</summary>
    private static readonly Uri Elsewhere = new("http://127.0.0.1:9/collect");

    private const int SeededDeals = 3;

    public static TheoryData<Operation, Fault> Cells()
    {
        var data = new TheoryData<Operation, Fault>();
        foreach (var operation in Enum.GetValues<Operation>())
        {
            foreach (var fault in Enum.GetValues<Fault>())
            {
                data.Add(operation, fault);
            }
        }

        return data;
    }

    [Theory(Timeout = 60_000)]
    [MemberData(nameof(Cells))]
    public async Task Operation_succeeds_once_or_throws_its_documented_exception(Operation operation, Fault fault)
    {
        await using var session = await EmulatorSession.StartAsync();
        var deals = session.Client.Deals();
        var seeded = new List<Deal>();
        for (int i = 0; i < SeededDeals; i++)
        {
            seeded.Add(await deals.CreateAsync(new Deal { DealName = $"Seed {i}", Amount = 100 + i }, CancellationToken.None));
        }

        var target = await deals.GetAsync(seeded[0].Id!, CancellationToken.None);
        session.Emulator.Faults.Enqueue(FaultFor(PathOf(operation), fault, session.Client.Options.MaxAttempts));
        int firedBefore = session.Emulator.Faults.Fired;

        var expected = Expected(operation, fault);
        Exception? thrown = null;
        object? result = null;
        try
        {
            result = await RunAsync(operation, deals, target);
        }
        catch (Exception ex)
        {
            thrown = ex;
        }

        Assert.True(session.Emulator.Faults.Fired > firedBefore, "The fault never fired, so the cell tested nothing.");
        if (expected is null)
        {
            Assert.Null(thrown);
            await AssertTookEffectOnceAsync(session, operation, seeded, target, result);
        }
        else
        {
            Assert.NotNull(thrown);
            Assert.IsType(expected, thrown);
            AssertDetails(fault, thrown);
            await AssertStoreAfterFailureAsync(session, operation, fault, seeded, target);
        }
    }

    [Fact(Timeout = 60_000)]
    public async Task A_delete_that_finds_nothing_on_its_first_attempt_still_throws_not_found()
    {
        // The counterpart of the repeated delete that succeeds: only a repeat may read 404 as "already deleted".
        await using var session = await EmulatorSession.StartAsync();
        var deals = session.Client.Deals();
        var kept = await deals.CreateAsync(new Deal { DealName = "Kept" }, CancellationToken.None);

        await Assert.ThrowsAsync<WorkiomNotFoundException>(() => deals.DeleteAsync("0123456789abcdef01234567", CancellationToken.None));

        Assert.Equal([kept.Id!], await session.Emulator.GetRecordIdsAsync(Deal.WorkiomListId));
    }

    private static async Task<object?> RunAsync(Operation operation, Workiom.Repositories.WorkiomRepository<Deal, Deal.QueryFields> deals, Deal target)
    {
        var ct = CancellationToken.None;
        switch (operation)
        {
            case Operation.Get:
                return await deals.GetAsync(target.Id!, ct);
            case Operation.Find:
                return await deals.FindAsync(target.Id!, ct);
            case Operation.Create:
                return await deals.CreateAsync(new Deal { DealName = "Created under fault", Amount = 7 }, ct);
            case Operation.Update:
                target.Amount = 555;
                return await deals.UpdateAsync(target, ct);
            case Operation.Replace:
                target.Amount = 777;
                return await deals.ReplaceAsync(target, ct);
            case Operation.Delete:
                await deals.DeleteAsync(target.Id!, ct);
                return null;
            case Operation.ToList:
                return await deals.Query().ToListAsync(ct);
            case Operation.Count:
                return await deals.Query().CountAsync(ct);
            case Operation.FirstOrDefault:
                return await deals.Query().OrderBy(d => d.Amount).FirstOrDefaultAsync(ct);
            case Operation.Stream:
                var streamed = new List<Deal>();
                await foreach (var deal in deals.Query().AsAsyncEnumerable(ct))
                {
                    streamed.Add(deal);
                }

                return streamed;
            default:
                throw new ArgumentOutOfRangeException(nameof(operation), operation, null);
        }
    }

    private static string PathOf(Operation operation) => operation switch
    {
        Operation.Get or Operation.Find => "Data/Get",
        Operation.Create => "Data/Create",
        Operation.Update => "Data/UpdatePartial",
        Operation.Replace => "Data/Update",
        Operation.Delete => "Data/Delete",
        _ => "Data/All",
    };

    private static EmulatorFault FaultFor(string path, Fault fault, int maxAttempts) => fault switch
    {
        Fault.TooManyRequests => new(path, FaultKind.TooManyRequests, retryAfter: TimeSpan.Zero),
        Fault.TooManyRequestsLongerThanAllowed => new(path, FaultKind.TooManyRequests, retryAfter: TimeSpan.FromMinutes(2)),
        Fault.TooManyRequestsEveryAttempt => new(path, FaultKind.TooManyRequests, retryAfter: TimeSpan.Zero, times: maxAttempts),
        Fault.InternalServerError500 => new(path, FaultKind.ServerError, statusCode: 500),
        Fault.BadGateway502 => new(path, FaultKind.ServerError, statusCode: 502),
        Fault.ServiceUnavailable503 => new(path, FaultKind.ServerError, statusCode: 503),
        Fault.GatewayTimeout504 => new(path, FaultKind.ServerError, statusCode: 504),
        Fault.ServiceUnavailableEveryAttempt => new(path, FaultKind.ServerError, statusCode: 503, times: maxAttempts),
        Fault.SlowerThanTimeout => new(path, FaultKind.SlowReply, delay: EmulatorSession.AttemptTimeout * 3),
        Fault.DropConnection => new(path, FaultKind.DropConnection),
        Fault.DropConnectionEveryAttempt => new(path, FaultKind.DropConnection, times: maxAttempts),
        Fault.UnsuccessfulReply => new(path, FaultKind.UnsuccessfulReply),
        Fault.TruncatedBody => new(path, FaultKind.TruncatedBody),
        Fault.DropConnectionAfterProcessing => new(path, FaultKind.DropConnectionAfterProcessing),
        Fault.ServerErrorAfterProcessing => new(path, FaultKind.ServerErrorAfterProcessing, statusCode: 503),
        Fault.RedirectElsewhere => EmulatorFault.Redirect(path, Elsewhere, statusCode: 307),
        _ => throw new ArgumentOutOfRangeException(nameof(fault), fault, null),
    };

    /// <summary>
    /// The documented outcome of a cell: null when the operation must succeed (after retries where
    /// allowed), otherwise the exception type it must throw. Reads, updates, replaces and deletes
    /// are idempotent and retried through transient faults; a create is only retried when Workiom
    /// certainly did not act on it (429).
    /// </summary>
    private static Type? Expected(Operation operation, Fault fault)
    {
        bool idempotent = operation != Operation.Create;
        return fault switch
        {
            Fault.TooManyRequests => null,
            Fault.TooManyRequestsLongerThanAllowed or Fault.TooManyRequestsEveryAttempt => typeof(WorkiomRateLimitedException),
            Fault.InternalServerError500 => typeof(WorkiomApiException),
            Fault.BadGateway502 or Fault.ServiceUnavailable503 or Fault.GatewayTimeout504 => idempotent ? null : typeof(WorkiomApiException),
            Fault.ServiceUnavailableEveryAttempt => typeof(WorkiomApiException),
            Fault.SlowerThanTimeout => idempotent ? null : typeof(WorkiomTimeoutException),
            Fault.DropConnection => idempotent ? null : typeof(WorkiomConnectionException),
            Fault.DropConnectionEveryAttempt => typeof(WorkiomConnectionException),
            Fault.UnsuccessfulReply => typeof(WorkiomApiException),
            Fault.TruncatedBody => typeof(WorkiomInvalidReplyException),
            Fault.DropConnectionAfterProcessing => idempotent ? null : typeof(WorkiomConnectionException),
            Fault.ServerErrorAfterProcessing => idempotent ? null : typeof(WorkiomApiException),
            Fault.RedirectElsewhere => typeof(WorkiomRedirectException),
            _ => throw new ArgumentOutOfRangeException(nameof(fault), fault, null),
        };
    }

    private static void AssertDetails(Fault fault, Exception thrown)
    {
        switch (fault)
        {
            case Fault.TooManyRequestsLongerThanAllowed:
                // The caller learns how long Workiom asked to wait, instead of the client sleeping for it.
                Assert.Equal(TimeSpan.FromMinutes(2), ((WorkiomRateLimitedException)thrown).RetryAfter);
                break;
            case Fault.InternalServerError500:
                Assert.Equal(HttpStatusCode.InternalServerError, ((WorkiomApiException)thrown).StatusCode);
                break;
            case Fault.BadGateway502:
                Assert.Equal(HttpStatusCode.BadGateway, ((WorkiomApiException)thrown).StatusCode);
                break;
            case Fault.GatewayTimeout504:
                Assert.Equal(HttpStatusCode.GatewayTimeout, ((WorkiomApiException)thrown).StatusCode);
                break;
            case Fault.ServiceUnavailable503:
            case Fault.ServiceUnavailableEveryAttempt:
            case Fault.ServerErrorAfterProcessing:
                Assert.Equal(HttpStatusCode.ServiceUnavailable, ((WorkiomApiException)thrown).StatusCode);
                break;
            case Fault.RedirectElsewhere:
                // Refused, not followed, not retried: the call never left for the other origin.
                Assert.Equal(HttpStatusCode.TemporaryRedirect, ((WorkiomRedirectException)thrown).StatusCode);
                Assert.Equal("http://127.0.0.1:9", ((WorkiomRedirectException)thrown).TargetOrigin);
                break;
        }
    }

    private static async Task AssertTookEffectOnceAsync(EmulatorSession session, Operation operation, List<Deal> seeded, Deal target, object? result)
    {
        string listId = Deal.WorkiomListId;
        var ids = await session.Emulator.GetRecordIdsAsync(listId);
        switch (operation)
        {
            case Operation.Get:
            case Operation.Find:
                Assert.Equal(target.Id, Assert.IsType<Deal>(result).Id);
                Assert.Equal("Seed 0", ((Deal)result!).DealName);
                Assert.Equal(SeededDeals, ids.Count);
                break;
            case Operation.Create:
                var created = Assert.IsType<Deal>(result);
                Assert.Equal(SeededDeals + 1, ids.Count);
                Assert.Contains(created.Id!, ids);
                Assert.Equal(7m, created.Amount);
                break;
            case Operation.Update:
            case Operation.Replace:
                decimal amount = operation == Operation.Update ? 555 : 777;
                Assert.Equal(amount, Assert.IsType<Deal>(result).Amount);
                var stored = await session.StoredAsync(listId, target.Id!);
                Assert.Equal(amount, stored!["2014503"]!.GetValue<decimal>());
                Assert.Equal("Seed 0", stored["2014502"]!.GetValue<string>());
                Assert.Equal(SeededDeals, ids.Count);
                break;
            case Operation.Delete:
                Assert.DoesNotContain(target.Id!, ids);
                Assert.Equal(SeededDeals - 1, ids.Count);
                break;
            case Operation.ToList:
            case Operation.Stream:
                var listed = Assert.IsType<List<Deal>>(result);
                Assert.Equal(seeded.Select(d => d.Id).Order(), listed.Select(d => d.Id).Order());
                break;
            case Operation.Count:
                Assert.Equal(SeededDeals, Assert.IsType<int>(result));
                break;
            case Operation.FirstOrDefault:
                Assert.Equal(seeded[0].Id, Assert.IsType<Deal>(result).Id);
                break;
        }
    }

    private static async Task AssertStoreAfterFailureAsync(EmulatorSession session, Operation operation, Fault fault, List<Deal> seeded, Deal target)
    {
        string listId = Deal.WorkiomListId;
        var ids = await session.Emulator.GetRecordIdsAsync(listId);
        bool processedBeforeFault = fault is Fault.TruncatedBody or Fault.DropConnectionAfterProcessing or Fault.ServerErrorAfterProcessing;
        switch (operation)
        {
            case Operation.Create:
                // Never twice: stored once when the fault struck after processing, otherwise not at all.
                Assert.Equal(SeededDeals + (processedBeforeFault ? 1 : 0), ids.Count);
                break;
            case Operation.Update:
            case Operation.Replace:
                var stored = await session.StoredAsync(listId, target.Id!);
                decimal expected = processedBeforeFault ? (operation == Operation.Update ? 555 : 777) : 100;
                Assert.Equal(expected, stored!["2014503"]!.GetValue<decimal>());
                break;
            case Operation.Delete:
                Assert.Equal(processedBeforeFault ? SeededDeals - 1 : SeededDeals, ids.Count);
                break;
            default:
                Assert.Equal(seeded.Select(d => d.Id).Order(), ids.Order());
                break;
        }
    }
}
