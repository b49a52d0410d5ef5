using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Threading.Channels;
using Workiom.Emulator.Records;
using Workiom.Emulator.Schema;

namespace Workiom.Emulator.Webhooks;

/// <summary>
/// The emulator's webhook subscriptions and the log of its delivery attempts. After a record is created, or
/// updated by Data/Update or Data/UpdatePartial, each active subscription of its list and event gets the record
/// POSTed in the background: in order per subscription, retried with backoff on a non-2xx reply, a timeout or a
/// connection error, and never through a redirect.
/// </summary>
public sealed class EmulatorWebhooks : IRecordWriteObserver
{
    /// <summary>The delivery log keeps this many attempts, dropping the oldest.</summary>
    internal const int LogLimit = 10_000;

    /// <summary>How many deliveries may wait per subscription; a write beyond it logs a failed delivery.</summary>
    internal const int DefaultQueueLimit = 10_000;

    private static readonly TimeSpan DefaultWait = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan LongestRetryDelay = TimeSpan.FromMinutes(5);
    private static readonly JsonSerializerOptions BodyOptions = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private readonly object _gate = new();
    private readonly SnapshotCatalog _catalog;
    private readonly WebhookTargets _targets;
    private readonly TimeProvider _time;
    private readonly int _attempts;
    private readonly TimeSpan _retryDelay;
    private readonly TimeSpan _timeout;
    private readonly HttpClient _http;
    private readonly CancellationTokenSource _stopping = new();
    private readonly List<Subscriber> _subscribers = new();
    private readonly List<WebhookDelivery> _log = new();
    private readonly List<Waiter> _waiters = new();
    private readonly List<TaskCompletionSource> _idleWaiters = new();
    private int _pending;
    private bool _stopped;

    /// <summary>Counts the clears: what a subscription of an earlier generation logs afterwards is dropped.</summary>
    private int _generation;

    /// <summary>How many deliveries may wait per subscription (tests lower it); applies to subscriptions added later.</summary>
    internal int QueueLimit { get; set; } = DefaultQueueLimit;

    internal EmulatorWebhooks(WorkiomEmulatorOptions options, SnapshotCatalog catalog)
    {
        _catalog = catalog;
        _targets = new WebhookTargets(options.WebhookHosts);
        _time = options.TimeProvider;
        _attempts = options.WebhookAttempts;
        _retryDelay = options.WebhookRetryDelay;
        _timeout = options.WebhookTimeout;
        _http = new HttpClient(new SocketsHttpHandler
        {
            AllowAutoRedirect = false,
            UseCookies = false,
            UseProxy = false,
            ConnectTimeout = options.WebhookTimeout,
        })
        {
            Timeout = Timeout.InfiniteTimeSpan,
        };
    }

    /// <summary>Throws when the webhook options cannot be used.</summary>
    internal static void Validate(WorkiomEmulatorOptions options)
    {
        foreach (var host in options.WebhookHosts)
        {
            if (WebhookTargets.HostProblem(host) is { } problem)
            {
                throw new ArgumentException(problem, nameof(options));
            }
        }

        if (options.WebhookAttempts < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(options), options.WebhookAttempts, "WebhookAttempts must be at least 1.");
        }

        if (options.WebhookRetryDelay < TimeSpan.Zero || options.WebhookRetryDelay > LongestRetryDelay)
        {
            throw new ArgumentOutOfRangeException(nameof(options), options.WebhookRetryDelay, "WebhookRetryDelay must be from zero to five minutes.");
        }

        if (options.WebhookTimeout <= TimeSpan.Zero || options.WebhookTimeout.TotalMilliseconds > int.MaxValue)
        {
            throw new ArgumentOutOfRangeException(nameof(options), options.WebhookTimeout, $"WebhookTimeout must be positive and at most {int.MaxValue} ms.");
        }
    }

    /// <summary>The subscriptions, oldest first.</summary>
    public IReadOnlyList<WebhookSubscription> Subscriptions
    {
        get
        {
            lock (_gate)
            {
                return _subscribers.Select(s => s.Info).ToList();
            }
        }
    }

    /// <summary>Every delivery attempt so far (the latest <c>10 000</c>), oldest first.</summary>
    public IReadOnlyList<WebhookDelivery> Deliveries
    {
        get
        {
            lock (_gate)
            {
                return _log.ToList();
            }
        }
    }

    /// <summary>
    /// Subscribes <paramref name="url"/> to the records of a list, as AddSubscription does, with extra headers
    /// sent on every delivery (Workiom's automation UI lets users add them). Header values are credentials:
    /// they are sent only to the subscription's URL and never appear in the delivery log or in messages.
    /// </summary>
    /// <exception cref="ArgumentException">The list is not served, the URL is not one the emulator posts to
    /// (see <see cref="WorkiomEmulatorOptions.WebhookHosts"/>), or a header is not valid.</exception>
    public WebhookSubscription Subscribe(string listId, Uri url, WebhookEvent @event, IReadOnlyDictionary<string, string>? headers = null)
    {
        ArgumentNullException.ThrowIfNull(listId);
        ArgumentNullException.ThrowIfNull(url);
        var list = _catalog.Find(listId) ?? throw new ArgumentException($"The emulator serves no list with id '{listId}'.", nameof(listId));
        if (!Enum.IsDefined(@event))
        {
            throw new ArgumentOutOfRangeException(nameof(@event), @event, "Use WebhookEvent.Created or WebhookEvent.Updated.");
        }

        var checkedHeaders = new List<KeyValuePair<string, string>>();
        foreach (var (name, value) in headers ?? new Dictionary<string, string>())
        {
            // The message names the header, never its value.
            if (HeaderProblem(name, value) is { } problem)
            {
                throw new ArgumentException(problem, nameof(headers));
            }

            checkedHeaders.Add(new(name, value));
        }

        if (_targets.Refusal(url, withHeaders: checkedHeaders.Count > 0) is { } refusal)
        {
            throw new ArgumentException(refusal, nameof(url));
        }

        return Add(list, null, "", url, @event, isActive: true, checkedHeaders);
    }

    /// <summary>Removes a subscription: nothing more is delivered to it, pending deliveries included.</summary>
    /// <returns>False when there is no subscription with that id.</returns>
    public bool Unsubscribe(string subscriptionId)
    {
        Subscriber? removed;
        lock (_gate)
        {
            removed = _subscribers.FirstOrDefault(s => string.Equals(s.Info.Id, subscriptionId, StringComparison.Ordinal));
            if (removed is null)
            {
                return false;
            }

            _subscribers.Remove(removed);
            removed.Queue.Writer.TryComplete();
        }

        removed.Cancel.Cancel();
        return true;
    }

    /// <summary>
    /// The first logged delivery that is over (delivered with 2xx, or failed after the last attempt) and matches
    /// <paramref name="match"/>: one already in the log, or the next one to come.
    /// </summary>
    /// <param name="match">Which delivery to wait for; null takes any.</param>
    /// <param name="timeout">How long to wait (30 seconds unless given) before a <see cref="TimeoutException"/>.</param>
    /// <param name="cancellationToken">Stops waiting.</param>
    /// <remarks><paramref name="match"/> runs outside the emulator's locks, so it may call the emulator.</remarks>
    /// <exception cref="TimeoutException">No matching delivery finished in time.</exception>
    /// <exception cref="OperationCanceledException">The wait was cancelled, or the webhooks were cleared (the emulator was reset) before a matching delivery finished.</exception>
    /// <exception cref="ObjectDisposedException">The emulator was disposed before a matching delivery finished.</exception>
    public async Task<WebhookDelivery> WaitForDeliveryAsync(Func<WebhookDelivery, bool>? match = null, TimeSpan? timeout = null, CancellationToken cancellationToken = default)
    {
        match ??= _ => true;
        var waiter = new Waiter(match);
        List<WebhookDelivery> logged;
        bool stopped;
        lock (_gate)
        {
            logged = _log.Where(d => d.IsFinal).ToList();
            stopped = _stopped;
            if (!stopped)
            {
                _waiters.Add(waiter);
            }
        }

        // The caller's predicate runs outside the lock: deliveries are logged while the record store is held.
        try
        {
            foreach (var delivery in logged)
            {
                if (match(delivery))
                {
                    Remove(waiter);
                    return delivery;
                }
            }
        }
        catch
        {
            Remove(waiter);
            throw;
        }

        ObjectDisposedException.ThrowIf(stopped, this);
        var wait = timeout ?? DefaultWait;
        try
        {
            return await waiter.Done.Task.WaitAsync(wait, cancellationToken).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            Remove(waiter);
            int seen;
            lock (_gate)
            {
                seen = _log.Count;
            }

            throw new TimeoutException($"No finished webhook delivery matched within {wait.TotalSeconds.ToString(CultureInfo.InvariantCulture)} s ({seen} attempts logged).");
        }
        catch (OperationCanceledException)
        {
            Remove(waiter);
            throw;
        }
    }

    private void Remove(Waiter waiter)
    {
        lock (_gate)
        {
            _waiters.Remove(waiter);
        }
    }

    /// <summary>Completes when no delivery is queued or under way.</summary>
    internal Task WhenIdleAsync(CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            if (_pending == 0)
            {
                return Task.CompletedTask;
            }

            var idle = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            _idleWaiters.Add(idle);
            return idle.Task.WaitAsync(cancellationToken);
        }
    }

    /// <summary>Adds a subscription made through AddSubscription (already checked).</summary>
    internal WebhookSubscription Add(ListSchema list, string? appId, string name, Uri url, WebhookEvent @event, bool isActive, IReadOnlyList<KeyValuePair<string, string>> headers)
    {
        var info = new WebhookSubscription(Guid.NewGuid().ToString("D"), list.Id, appId, name, url, @event, isActive, headers.Select(h => h.Key).ToList());
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_stopped, this);
            var subscriber = new Subscriber(info, headers, CancellationTokenSource.CreateLinkedTokenSource(_stopping.Token), QueueLimit, _generation);
            _subscribers.Add(subscriber);
            subscriber.Worker = Task.Run(() => RunAsync(subscriber));
        }

        return info;
    }

    /// <summary>Refuses a URL the emulator will not post to; null when it will.</summary>
    internal string? Refusal(Uri? url) => _targets.Refusal(url, withHeaders: false);

    /// <summary>
    /// Queues the record for every active subscription of its list and event. Called once the write is
    /// committed, while the store is still held, so deliveries leave in the order of the writes.
    /// </summary>
    internal void RecordWritten(ListSchema list, WriteKind kind, JsonObject read)
    {
        var @event = kind == WriteKind.Create ? WebhookEvent.Created : WebhookEvent.Updated;
        List<(Subscriber Subscriber, WebhookDelivery Delivery)>? dropped = null;
        lock (_gate)
        {
            if (_stopped)
            {
                return;
            }

            var targets = _subscribers
                .Where(s => s.Info.IsActive && s.Info.Event == @event && string.Equals(s.Info.ListId, list.Id, StringComparison.OrdinalIgnoreCase))
                .ToList();
            if (targets.Count == 0)
            {
                return;
            }

            var body = JsonSerializer.Serialize(WebhookPayload.Build(list, read), BodyOptions);
            var pending = new Pending(@event, JsonRead.String(read, "_id") ?? "", body);
            foreach (var subscriber in targets)
            {
                if (subscriber.Queue.Writer.TryWrite(pending))
                {
                    _pending++;
                }
                else
                {
                    // The queue is full: the delivery is not lost silently, it fails in the log.
                    var info = subscriber.Info;
                    var error = $"Not delivered: {subscriber.QueueLimit.ToString(CultureInfo.InvariantCulture)} deliveries were already waiting for this subscription (the target is too slow or down).";
                    (dropped ??= new()).Add((subscriber, new WebhookDelivery(info.Id, info.Url, @event, pending.RecordId, body, 0, null, error, _time.GetUtcNow(), WebhookDeliveryOutcome.Failed)));
                }
            }
        }

        foreach (var (subscriber, delivery) in dropped ?? [])
        {
            // The store is still held here: waiters' predicates run later, on the thread pool.
            Log(subscriber, delivery, matchLater: true);
        }
    }

    void IRecordWriteObserver.RecordWritten(ListSchema list, bool created, JsonObject readRecord) =>
        RecordWritten(list, created ? WriteKind.Create : WriteKind.Partial, readRecord);

    /// <summary>
    /// Removes every subscription (pending deliveries dropped), empties the delivery log and cancels every wait
    /// for a delivery (so a wait started before a reset is not satisfied by a delivery after it). A subscription
    /// added while this runs is kept, with what it logs.
    /// </summary>
    internal async Task ClearAsync()
    {
        List<Subscriber> removed;
        Waiter[] waiters;
        lock (_gate)
        {
            removed = _subscribers.ToList();
            _subscribers.Clear();
            foreach (var subscriber in removed)
            {
                subscriber.Queue.Writer.TryComplete();
            }

            _generation++;
            _log.Clear();
            waiters = _waiters.ToArray();
            _waiters.Clear();
        }

        foreach (var waiter in waiters)
        {
            waiter.Done.TrySetException(new OperationCanceledException("The webhooks were cleared (the emulator was reset) before a matching delivery finished."));
        }

        foreach (var subscriber in removed)
        {
            await subscriber.Cancel.CancelAsync().ConfigureAwait(false);
        }

        await Task.WhenAll(removed.Select(s => s.Worker)).ConfigureAwait(false);
    }

    /// <summary>Stops every delivery (pending ones are dropped) and releases the HTTP client.</summary>
    internal async Task StopAsync()
    {
        List<Subscriber> all;
        lock (_gate)
        {
            if (_stopped)
            {
                return;
            }

            _stopped = true;
            all = _subscribers.ToList();
            foreach (var subscriber in all)
            {
                subscriber.Queue.Writer.TryComplete();
            }
        }

        await _stopping.CancelAsync().ConfigureAwait(false);
        await Task.WhenAll(all.Select(s => s.Worker)).ConfigureAwait(false);
        lock (_gate)
        {
            foreach (var waiter in _waiters)
            {
                waiter.Done.TrySetException(new ObjectDisposedException(nameof(WorkiomEmulator), "The emulator was disposed before a matching webhook delivery finished."));
            }

            _waiters.Clear();
        }

        _http.Dispose();
        _stopping.Dispose();
    }

    private async Task RunAsync(Subscriber subscriber)
    {
        var token = subscriber.Cancel.Token;
        try
        {
            await foreach (var pending in subscriber.Queue.Reader.ReadAllAsync(token).ConfigureAwait(false))
            {
                try
                {
                    await DeliverAsync(subscriber, pending, token).ConfigureAwait(false);
                }
                finally
                {
                    Finished();
                }
            }
        }
        catch (OperationCanceledException) when (token.IsCancellationRequested)
        {
            // Unsubscribed, cleared or disposed: what is still queued is dropped below.
        }
        finally
        {
            while (subscriber.Queue.Reader.TryRead(out _))
            {
                Finished();
            }
        }
    }

    private async Task DeliverAsync(Subscriber subscriber, Pending pending, CancellationToken token)
    {
        var info = subscriber.Info;
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                if (!await AttemptAsync(subscriber, pending, attempt, token).ConfigureAwait(false))
                {
                    return;
                }
            }
            catch (OperationCanceledException) when (token.IsCancellationRequested)
            {
                throw;
            }
            catch (Exception ex)
            {
                // Whatever goes wrong, the delivery ends in the log and the subscription's worker goes on.
                var error = Redact(subscriber, $"The delivery stopped on an unexpected error: {ex.GetType().Name}: {ex.Message}");
                Log(subscriber, new WebhookDelivery(info.Id, info.Url, pending.Event, pending.RecordId, pending.Body, attempt, null, error, _time.GetUtcNow(), WebhookDeliveryOutcome.Failed));
                return;
            }
        }
    }

    /// <summary>One attempt, logged; true when another attempt is due (after the retry delay, already waited).</summary>
    private async Task<bool> AttemptAsync(Subscriber subscriber, Pending pending, int attempt, CancellationToken token)
    {
        var info = subscriber.Info;
        int? status = null;
        string? error = null;
        using (var attemptToken = CancellationTokenSource.CreateLinkedTokenSource(token))
        {
            attemptToken.CancelAfter(_timeout);
            try
            {
                using var request = new HttpRequestMessage(HttpMethod.Post, info.Url)
                {
                    Content = new StringContent(pending.Body, Encoding.UTF8, "application/json"),
                };
                foreach (var (name, value) in subscriber.Headers)
                {
                    request.Headers.TryAddWithoutValidation(name, value);
                }

                using var response = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, attemptToken.Token).ConfigureAwait(false);
                status = (int)response.StatusCode;
            }
            catch (OperationCanceledException) when (token.IsCancellationRequested)
            {
                throw;
            }
            catch (OperationCanceledException)
            {
                error = $"No reply within {_timeout.TotalSeconds.ToString(CultureInfo.InvariantCulture)} s (WebhookTimeout).";
            }
            catch (HttpRequestException ex)
            {
                error = Redact(subscriber, $"{ex.HttpRequestError}: {ex.Message}");
            }
        }

        var delivered = status is >= 200 and < 300;
        var outcome = delivered ? WebhookDeliveryOutcome.Delivered
            : attempt >= _attempts ? WebhookDeliveryOutcome.Failed
            : WebhookDeliveryOutcome.Retrying;
        Log(subscriber, new WebhookDelivery(info.Id, info.Url, pending.Event, pending.RecordId, pending.Body, attempt, status, error, _time.GetUtcNow(), outcome));
        if (outcome != WebhookDeliveryOutcome.Retrying)
        {
            return false;
        }

        await Task.Delay(RetryDelay(attempt), _time, token).ConfigureAwait(false);
        return true;
    }

    /// <summary>The wait after the n-th failed attempt: the configured delay, doubled each time, at most five minutes.</summary>
    private TimeSpan RetryDelay(int failedAttempt)
    {
        var factor = Math.Pow(2, Math.Min(failedAttempt - 1, 20));
        var ticks = Math.Min(_retryDelay.Ticks * factor, Math.Max(LongestRetryDelay.Ticks, _retryDelay.Ticks));
        return TimeSpan.FromTicks((long)ticks);
    }

    private void Log(Subscriber subscriber, WebhookDelivery delivery, bool matchLater = false)
    {
        Waiter[] waiters;
        lock (_gate)
        {
            if (subscriber.Generation != _generation)
            {
                // Logged by a subscription that a clear removed: not part of the log any more.
                return;
            }

            _log.Add(delivery);
            if (_log.Count > LogLimit)
            {
                _log.RemoveRange(0, _log.Count - LogLimit);
            }

            if (!delivery.IsFinal || _waiters.Count == 0)
            {
                return;
            }

            waiters = _waiters.ToArray();
        }

        // The callers' predicates run outside the lock.
        if (matchLater)
        {
            _ = Task.Run(() => Complete(waiters, delivery));
        }
        else
        {
            Complete(waiters, delivery);
        }
    }

    private void Complete(Waiter[] waiters, WebhookDelivery delivery)
    {
        foreach (var waiter in waiters)
        {
            if (waiter.Done.Task.IsCompleted)
            {
                continue;
            }

            try
            {
                if (waiter.Match(delivery) && waiter.Done.TrySetResult(delivery))
                {
                    Remove(waiter);
                }
            }
            catch (Exception ex)
            {
                waiter.Done.TrySetException(ex);
                Remove(waiter);
            }
        }
    }

    private void Finished()
    {
        lock (_gate)
        {
            if (--_pending > 0)
            {
                return;
            }

            foreach (var idle in _idleWaiters)
            {
                idle.TrySetResult();
            }

            _idleWaiters.Clear();
        }
    }

    /// <summary>Header values never reach the log, even if a handler quotes one in its message.</summary>
    private static string Redact(Subscriber subscriber, string text)
    {
        // Nor does the URL's query, where a receiver's token often travels.
        var url = subscriber.Info.Url;
        if (url.IsAbsoluteUri && url.Query.Length > 1)
        {
            text = text.Replace(url.Query, "?" + WebhookTargets.Masked(url).Split('?', 2)[1], StringComparison.Ordinal);
        }

        foreach (var (_, value) in subscriber.Headers)
        {
            if (value.Length > 0)
            {
                text = text.Replace(value, "***", StringComparison.Ordinal);
            }
        }

        return text;
    }

    private static string? HeaderProblem(string name, string value)
    {
        if (string.IsNullOrEmpty(name) || name.Any(c => c <= ' ' || c >= 127 || "()<>@,;:\\\"/[]?={}".Contains(c)))
        {
            return $"'{name}' is not a valid HTTP header name.";
        }

        if (name.Equals("Host", StringComparison.OrdinalIgnoreCase)
            || name.StartsWith("Content-", StringComparison.OrdinalIgnoreCase)
            || name.Equals("Transfer-Encoding", StringComparison.OrdinalIgnoreCase)
            || name.Equals("Connection", StringComparison.OrdinalIgnoreCase))
        {
            return $"The emulator sets the '{name}' header itself.";
        }

        if (value is null || value.Any(c => c is '\r' or '\n' or '\0'))
        {
            return $"The value of header '{name}' may not hold line breaks.";
        }

        using var probe = new HttpRequestMessage();
        return probe.Headers.TryAddWithoutValidation(name, "x") ? null : $"'{name}' cannot be sent as a request header.";
    }

    private sealed record Pending(WebhookEvent Event, string RecordId, string Body);

    private sealed class Waiter(Func<WebhookDelivery, bool> match)
    {
        public Func<WebhookDelivery, bool> Match { get; } = match;
        public TaskCompletionSource<WebhookDelivery> Done { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }

    private sealed class Subscriber(WebhookSubscription info, IReadOnlyList<KeyValuePair<string, string>> headers, CancellationTokenSource cancel, int queueLimit, int generation)
    {
        public int Generation { get; } = generation;
        public int QueueLimit { get; } = queueLimit;
        public WebhookSubscription Info { get; } = info;
        public IReadOnlyList<KeyValuePair<string, string>> Headers { get; } = headers;
        public CancellationTokenSource Cancel { get; } = cancel;
        public Channel<Pending> Queue { get; } = Channel.CreateBounded<Pending>(new BoundedChannelOptions(queueLimit)
        {
            SingleReader = true,
            FullMode = BoundedChannelFullMode.Wait,
        });
        public Task Worker { get; set; } = Task.CompletedTask;
    }
}
