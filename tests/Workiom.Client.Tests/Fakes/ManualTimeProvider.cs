using System.Collections.Concurrent;

namespace Workiom.Client.Tests.Fakes;

/// <summary>
/// A clock for retry tests. Short waits (retry delays, Retry-After) elapse at once and are
/// recorded, so tests check the waits the client chose without waiting. Waits as long as
/// <see cref="HeldWait"/> (the attempt timeout) are held until <see cref="ElapseHeld"/>, so a
/// timeout happens exactly when a test makes it happen. Long waits never elapse. The current
/// time only moves when a test advances it.
/// </summary>
public sealed class ManualTimeProvider : TimeProvider
{
    private static readonly TimeSpan LongWait = TimeSpan.FromMinutes(1);
    private readonly ConcurrentDictionary<HeldTimer, byte> _held = new();
    private DateTimeOffset _now = new(2025, 6, 1, 12, 0, 0, TimeSpan.Zero);

    public ConcurrentQueue<TimeSpan> ShortWaits { get; } = new();

    public TimeSpan HeldWait { get; set; } = Timeout.InfiniteTimeSpan;

    public override DateTimeOffset GetUtcNow() => _now;

    // Elapsed time follows the same clock, so a measured duration is zero unless a test advances it.
    public override long GetTimestamp() => _now.UtcTicks;

    public override long TimestampFrequency => TimeSpan.TicksPerSecond;

    public void Advance(TimeSpan by) => _now += by;

    /// <summary>Lets every held wait (a running attempt's timeout) elapse now.</summary>
    public void ElapseHeld()
    {
        foreach (var timer in _held.Keys)
        {
            if (_held.TryRemove(timer, out _))
            {
                timer.Fire();
            }
        }
    }

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        var timer = new HeldTimer(this, callback, state);
        timer.Change(dueTime, period);
        return timer;
    }

    private sealed class HeldTimer(ManualTimeProvider owner, TimerCallback callback, object? state) : ITimer
    {
        private volatile bool _disposed;

        public bool Change(TimeSpan dueTime, TimeSpan period)
        {
            owner._held.TryRemove(this, out _);
            if (_disposed || dueTime == Timeout.InfiniteTimeSpan)
            {
                return true;
            }

            if (dueTime == owner.HeldWait)
            {
                owner._held[this] = 0;
                return true;
            }

            if (dueTime >= LongWait)
            {
                return true;
            }

            owner.ShortWaits.Enqueue(dueTime);
            Fire();
            return true;
        }

        public void Fire() => ThreadPool.QueueUserWorkItem(_ =>
        {
            if (!_disposed)
            {
                callback(state);
            }
        });

        public void Dispose()
        {
            _disposed = true;
            owner._held.TryRemove(this, out _);
        }

        public ValueTask DisposeAsync()
        {
            Dispose();
            return default;
        }
    }
}
