using Workiom.Emulator.Faults;
using Workiom.ReliabilityTests.Lists;
using Workiom.ReliabilityTests.Support;

namespace Workiom.ReliabilityTests;

/// <summary>
/// A cancelled token ends a call with <see cref="OperationCanceledException"/> even while Workiom is
/// stalling or the client is waiting to retry. What a cancellation can promise depends on where the call
/// is: before it is sent (or while waiting to resend it) nothing reaches Workiom; once Workiom has
/// processed it, cancelling stops the wait but cannot undo the write. The test timeouts only guard
/// against a hang; nothing here measures how long anything took.
/// </summary>
public sealed class CancellationTests
{
    public enum Operation { Get, Create, Update, Replace, Delete, ToList, Count, Stream, Upload }

    public enum Write { Create, Update, Replace, Delete }

    private static readonly TimeSpan Stall = TimeSpan.FromMinutes(5);

    public static TheoryData<Operation> Operations() => new(Enum.GetValues<Operation>());

    public static TheoryData<Write> Writes() => new(Enum.GetValues<Write>());

    [Theory(Timeout = 30_000)]
    [MemberData(nameof(Operations))]
    public async Task Cancelling_while_Workiom_holds_the_call_before_processing_it_ends_the_call_and_sends_it_once(Operation operation)
    {
        // The per-attempt timeout outlasts the stall's cancellation point, so only the token can end the call.
        await using var session = await EmulatorSession.StartAsync(configureClient: o => o.Timeout = Stall * 2);
        var deals = session.Client.Deals();
        var target = await deals.CreateAsync(new Deal { DealName = "Before", Amount = 1 }, CancellationToken.None);
        // The emulator holds the call before processing it, and gives it up when the client goes away. The
        // fault fires once: had the client sent the call again after the cancellation, that copy would be
        // processed at once, so a read would return and a write would be stored.
        session.Emulator.Faults.Enqueue(new EmulatorFault(PathOf(operation), FaultKind.SlowReply, delay: Stall));

        using var cancellation = new CancellationTokenSource();
        var call = RunAsync(operation, session, target, cancellation.Token);
        await WaitUntilAsync(() => Task.FromResult(session.Emulator.Faults.Fired > 0), call, "the emulator held it");
        cancellation.Cancel();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => call);
        Assert.Equal(1, session.Emulator.Faults.Fired);
        Assert.Equal([target.Id!], await session.Emulator.GetRecordIdsAsync(Deal.WorkiomListId));
        var stored = await session.StoredAsync(Deal.WorkiomListId, target.Id!);
        Assert.Equal(1m, stored!["2014503"]!.GetValue<decimal>());
    }

    [Theory(Timeout = 30_000)]
    [MemberData(nameof(Writes))]
    public async Task Cancelling_after_Workiom_processed_a_write_ends_the_call_but_cannot_undo_the_write(Write write)
    {
        await using var session = await EmulatorSession.StartAsync(configureClient: o => o.Timeout = Stall * 2);
        var deals = session.Client.Deals();
        var target = await deals.CreateAsync(new Deal { DealName = "Before", Amount = 1 }, CancellationToken.None);
        // Processed first, then the reply stalls: the change is in Workiom before the client gives up.
        session.Emulator.Faults.Enqueue(new EmulatorFault(PathOf(write), FaultKind.SlowReplyAfterProcessing, delay: Stall));

        using var cancellation = new CancellationTokenSource();
        var call = write switch
        {
            Write.Create => RunAsync(Operation.Create, session, target, cancellation.Token),
            Write.Update => RunAsync(Operation.Update, session, target, cancellation.Token),
            Write.Replace => RunAsync(Operation.Replace, session, target, cancellation.Token),
            _ => RunAsync(Operation.Delete, session, target, cancellation.Token),
        };
        await WaitUntilAsync(() => WriteIsStoredAsync(session, write, target.Id!), call, "its write was stored");
        cancellation.Cancel();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => call);
        // The write stays, once: the caller learns nothing of it from the call...
        Assert.True(await WriteIsStoredAsync(session, write, target.Id!));
        Assert.Equal(1, session.Emulator.Faults.Fired);
        if (write == Write.Create)
        {
            // ...so a caller who cancelled a create looks for the record before creating it again.
            var found = await deals.Where(d => d.DealName == "Cancelled create").ToListAsync(CancellationToken.None);
            Assert.Single(found);
            Assert.Equal(2, await session.Emulator.CountRecordsAsync(Deal.WorkiomListId));
        }
    }

    /// <summary>
    /// Whether the write is in the store, judged from one read of it: the write may be processed while
    /// this runs, and two reads (the ids, then the record) could see the store before and after it.
    /// </summary>
    private static async Task<bool> WriteIsStoredAsync(EmulatorSession session, Write write, string targetId)
    {
        switch (write)
        {
            case Write.Create:
                return (await session.Emulator.GetRecordIdsAsync(Deal.WorkiomListId)).Count == 2;
            case Write.Delete:
                return (await session.Emulator.GetRecordIdsAsync(Deal.WorkiomListId)).Count == 0;
            default:
                var stored = await session.StoredAsync(Deal.WorkiomListId, targetId);
                return stored?["2014503"]?.GetValue<decimal>() == (write == Write.Update ? 2m : 3m);
        }
    }

    [Fact(Timeout = 30_000)]
    public async Task Cancelling_while_waiting_to_retry_after_429_ends_the_call()
    {
        await using var session = await EmulatorSession.StartAsync();
        var deals = session.Client.Deals();
        // Retry-After within MaxRetryDelay, so the client waits for it rather than giving up at once.
        session.Emulator.Faults.Enqueue(new EmulatorFault("Data/Create", FaultKind.TooManyRequests, retryAfter: TimeSpan.FromSeconds(4), times: 4));

        using var cancellation = new CancellationTokenSource();
        var call = deals.CreateAsync(new Deal { DealName = "Never" }, cancellation.Token);
        await WaitUntilAsync(() => Task.FromResult(session.Emulator.Faults.Fired > 0), call, "the emulator refused it once");
        cancellation.Cancel();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => call);
        Assert.Equal(0, await session.Emulator.CountRecordsAsync(Deal.WorkiomListId));
    }

    [Fact(Timeout = 30_000)]
    public async Task Cancelling_between_pages_stops_the_stream()
    {
        await using var session = await EmulatorSession.StartAsync();
        var deals = session.Client.Deals();
        for (int i = 0; i < 5; i++)
        {
            await deals.CreateAsync(new Deal { DealName = $"Deal {i}" }, CancellationToken.None);
        }

        using var cancellation = new CancellationTokenSource();
        var read = new List<Deal>();
        var error = await Assert.ThrowsAnyAsync<OperationCanceledException>(async () =>
        {
            await foreach (var deal in deals.Query().AsAsyncEnumerable(cancellation.Token))
            {
                read.Add(deal);
                cancellation.Cancel();
            }
        });

        // The page in hand (PageSize = 2) may still be handed out; no further page is fetched.
        Assert.InRange(read.Count, 1, session.Client.Options.PageSize);
        Assert.Equal(cancellation.Token, error.CancellationToken);
    }

    [Fact(Timeout = 30_000)]
    public async Task An_already_cancelled_token_sends_nothing()
    {
        await using var session = await EmulatorSession.StartAsync();
        var deals = session.Client.Deals();
        session.Emulator.Faults.Enqueue(new EmulatorFault("*", FaultKind.UnsuccessfulReply));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => deals.CreateAsync(new Deal { DealName = "Never" }, new CancellationToken(canceled: true)));

        Assert.Equal(0, session.Emulator.Faults.Fired);
        Assert.Equal(0, await session.Emulator.CountRecordsAsync(Deal.WorkiomListId));
    }

    /// <summary>Waits, without a clock, until <paramref name="condition"/> holds; a call that ended before is reported as it is.</summary>
    private static async Task WaitUntilAsync(Func<Task<bool>> condition, Task call, string what)
    {
        while (!await condition())
        {
            if (call.IsCompleted)
            {
                await call;
                Assert.Fail($"The call ended before {what}.");
            }

            await Task.Delay(10);
        }
    }

    private static string PathOf(Write write) => write switch
    {
        Write.Create => "Data/Create",
        Write.Update => "Data/UpdatePartial",
        Write.Replace => "Data/Update",
        _ => "Data/Delete",
    };

    private static string PathOf(Operation operation) => operation switch
    {
        Operation.Get => "Data/Get",
        Operation.Create => "Data/Create",
        Operation.Update => "Data/UpdatePartial",
        Operation.Replace => "Data/Update",
        Operation.Delete => "Data/Delete",
        Operation.Upload => "File/Upload",
        _ => "Data/All",
    };

    private static async Task RunAsync(Operation operation, EmulatorSession session, Deal target, CancellationToken ct)
    {
        var deals = session.Client.Deals();
        switch (operation)
        {
            case Operation.Get:
                await deals.GetAsync(target.Id!, ct);
                break;
            case Operation.Create:
                await deals.CreateAsync(new Deal { DealName = "Cancelled create" }, ct);
                break;
            case Operation.Update:
                target.Amount = 2;
                await deals.UpdateAsync(target, ct);
                break;
            case Operation.Replace:
                target.Amount = 3;
                await deals.ReplaceAsync(target, ct);
                break;
            case Operation.Delete:
                await deals.DeleteAsync(target.Id!, ct);
                break;
            case Operation.ToList:
                await deals.Query().ToListAsync(ct);
                break;
            case Operation.Count:
                await deals.Query().CountAsync(ct);
                break;
            case Operation.Stream:
                await foreach (var unused in deals.Query().AsAsyncEnumerable(ct))
                {
                    Assert.Fail("No record can arrive while the first page stalls.");
                }

                break;
            case Operation.Upload:
                using (var content = new MemoryStream([1, 2, 3]))
                {
                    await session.Client.UploadFileAsync(content, "cancelled.bin", "application/octet-stream", ct);
                }

                break;
        }
    }
}
