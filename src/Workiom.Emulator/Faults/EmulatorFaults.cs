namespace Workiom.Emulator.Faults;

/// <summary>The queue of faults waiting for matching calls. Empty by default: the emulator behaves.</summary>
public sealed class EmulatorFaults
{
    private readonly object _gate = new();
    private readonly List<(EmulatorFault Fault, int Remaining)> _queue = new();
    private int _fired;

    /// <summary>Queues a fault; faults for the same call fire in the order queued.</summary>
    public void Enqueue(EmulatorFault fault)
    {
        ArgumentNullException.ThrowIfNull(fault);
        lock (_gate)
        {
            _queue.Add((fault, fault.Times));
        }
    }

    /// <summary>Removes every queued fault.</summary>
    public void Clear()
    {
        lock (_gate)
        {
            _queue.Clear();
        }
    }

    /// <summary>How many firings are still queued.</summary>
    public int Pending
    {
        get
        {
            lock (_gate)
            {
                return _queue.Sum(q => q.Remaining);
            }
        }
    }

    /// <summary>How many faults have fired since the emulator started.</summary>
    public int Fired => Volatile.Read(ref _fired);

    internal EmulatorFault? TakeFor(string requestPath)
    {
        lock (_gate)
        {
            for (var i = 0; i < _queue.Count; i++)
            {
                var (fault, remaining) = _queue[i];
                if (!fault.Matches(requestPath))
                {
                    continue;
                }

                if (remaining <= 1)
                {
                    _queue.RemoveAt(i);
                }
                else
                {
                    _queue[i] = (fault, remaining - 1);
                }

                Interlocked.Increment(ref _fired);
                return fault;
            }
        }

        return null;
    }
}
