using System.Collections.Concurrent;

namespace Workiom.Client.Tests.Fakes;

/// <summary>
/// A clock for retry tests: every short wait (a retry delay, a short attempt timeout) elapses at
/// once and is recorded, so tests can check the waits the client chose without waiting; long
/// waits never elapse. The current time only moves when a test advances it.
/// </summary>
public sealed class ManualTimeProvider : TimeProvider
{
    private static readonly TimeSpan LongWait = TimeSpan.FromMinutes(1);
    private DateTimeOffset _now = new(2025, 6, 1, 12, 0, 0, TimeSpan.Zero);

    public ConcurrentQueue<TimeSpan> ShortWaits { get; } = new();

    public override DateTimeOffset GetUtcNow() => _now;

    public void Advance(TimeSpan by) => _now += by;

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        if (dueTime != Timeout.InfiniteTimeSpan && dueTime < LongWait)
        {
            ShortWaits.Enqueue(dueTime);
            ThreadPool.QueueUserWorkItem(_ => callback(state));
        }

        return new IdleTimer();
    }

    private sealed class IdleTimer : ITimer
    {
        public bool Change(TimeSpan dueTime, TimeSpan period) => true;

        public void Dispose()
        {
        }

        public ValueTask DisposeAsync() => default;
    }
}
