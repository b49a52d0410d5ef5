using System.Buffers;
using System.Globalization;
using System.Net;

namespace Workiom.Http;

/// <summary>
/// Reads a reply body within a size limit and a time limit. The limits hold whatever the server
/// says: a <c>Content-Length</c> over the limit is refused before a byte is read, and a body sent
/// without one is counted as it streams and refused as soon as it passes the limit.
/// </summary>
internal static class WorkiomReplyBody
{
    private const int FirstBufferSize = 16 * 1024;

    /// <summary>What a failure message says about a call that may have taken effect.</summary>
    internal const string MayHaveReachedWorkiom = "the call was not repeated because it may have reached Workiom (check before creating again)";

    /// <summary>
    /// Reads the whole body of <paramref name="response"/>, at most <paramref name="limit"/> bytes, within <paramref name="timeout"/>.
    /// A broken body's exception goes through <paramref name="scrubber"/>: .NET quotes some of the server's bytes (a malformed trailer line) in it.
    /// </summary>
    public static async Task<byte[]> ReadAsync(
        HttpResponseMessage response, long limit, TimeSpan timeout, TimeProvider timeProvider, string call, bool idempotent,
        CredentialScrubber scrubber, CancellationToken cancellationToken)
    {
        long? declared = response.Content.Headers.ContentLength;
        if (declared > limit)
        {
            throw TooLarge(response.StatusCode, call, limit, declared, "Workiom:MaxReplyBytes", idempotent);
        }

        using var timeoutSource = new CancellationTokenSource(timeout, timeProvider);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeoutSource.Token);
        try
        {
            var stream = await response.Content.ReadAsStreamAsync(linked.Token).ConfigureAwait(false);
            await using (stream.ConfigureAwait(false))
            {
                return declared is long length
                    ? await ReadSizedAsync(stream, (int)length, linked.Token).ConfigureAwait(false)
                    : await ReadUnsizedAsync(stream, limit, response.StatusCode, call, idempotent, linked.Token).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException exception) when (timeoutSource.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            throw new WorkiomTimeoutException(
                $"Workiom's reply to {call} did not arrive in full within {Describe(timeout)}" + (idempotent ? "." : "; " + MayHaveReachedWorkiom + "."),
                exception);
        }
        catch (Exception exception) when (exception is IOException or HttpRequestException && !cancellationToken.IsCancellationRequested)
        {
            throw new WorkiomConnectionException(
                $"The connection broke while reading Workiom's reply to {call}" + (idempotent ? "." : "; " + MayHaveReachedWorkiom + "."),
                scrubber.Scrub(exception));
        }
    }

    /// <summary>The exception for a body over its limit.</summary>
    public static WorkiomReplyTooLargeException TooLarge(
        HttpStatusCode statusCode, string call, long limit, long? declared, string option, bool idempotent) =>
        new(
            $"Workiom's reply to {call} (HTTP {(int)statusCode}) is larger than {option} " +
            $"({limit.ToString(CultureInfo.InvariantCulture)} bytes)" +
            (declared is long length ? $": it announced {length.ToString(CultureInfo.InvariantCulture)} bytes and was not read" : "; reading stopped at the limit") +
            (idempotent ? "." : "; " + MayHaveReachedWorkiom + ".") +
            (option == "Workiom:MaxReplyBytes" ? " Lower Workiom:PageSize or raise Workiom:MaxReplyBytes." : $" Raise {option} to accept it."),
            limit,
            statusCode);

    internal static string Describe(TimeSpan timeout) => timeout.ToString("c", CultureInfo.InvariantCulture);

    private static async Task<byte[]> ReadSizedAsync(Stream stream, int length, CancellationToken cancellationToken)
    {
        var body = new byte[length];
        int read = 0;
        while (read < length)
        {
            int n = await stream.ReadAsync(body.AsMemory(read), cancellationToken).ConfigureAwait(false);
            if (n == 0)
            {
                // The body ended before its announced length: keep what came, the envelope check reports it.
                Array.Resize(ref body, read);
                break;
            }

            read += n;
        }

        return body;
    }

    private static async Task<byte[]> ReadUnsizedAsync(
        Stream stream, long limit, HttpStatusCode statusCode, string call, bool idempotent, CancellationToken cancellationToken)
    {
        // The buffer never grows past limit + 1 bytes: one byte over is enough to know the body is too large.
        int capacityLimit = (int)Math.Min(limit + 1, Array.MaxLength);
        byte[] buffer = ArrayPool<byte>.Shared.Rent(Math.Min(FirstBufferSize, capacityLimit));
        int count = 0;
        try
        {
            while (true)
            {
                if (count == buffer.Length)
                {
                    int grown = (int)Math.Min((long)buffer.Length * 2, capacityLimit);
                    var larger = ArrayPool<byte>.Shared.Rent(grown);
                    buffer.AsSpan(0, count).CopyTo(larger);
                    ArrayPool<byte>.Shared.Return(buffer);
                    buffer = larger;
                }

                int window = Math.Min(buffer.Length, capacityLimit) - count;
                int n = await stream.ReadAsync(buffer.AsMemory(count, window), cancellationToken).ConfigureAwait(false);
                if (n == 0)
                {
                    return buffer.AsSpan(0, count).ToArray();
                }

                count += n;
                if (count > limit)
                {
                    throw TooLarge(statusCode, call, limit, declared: null, "Workiom:MaxReplyBytes", idempotent);
                }
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }
}

/// <summary>
/// A downloaded file's body: stops at the size limit, and gives up when the time spent waiting for
/// Workiom's bytes, summed over every read, passes the download timeout. Time the caller spends
/// between reads does not count. Disposing it releases the connection.
/// </summary>
internal sealed class WorkiomDownloadStream : Stream
{
    private readonly HttpResponseMessage _response;
    private readonly Stream _inner;
    private readonly long _limit;
    private readonly TimeSpan _timeout;
    private readonly TimeProvider _timeProvider;
    private readonly string _call;
    private readonly CredentialScrubber _scrubber;
    private TimeSpan _remaining;
    private long _read;
    private bool _timedOut;

    public WorkiomDownloadStream(
        HttpResponseMessage response, Stream inner, long limit, TimeSpan timeout, TimeProvider timeProvider, string call, CredentialScrubber scrubber)
    {
        _scrubber = scrubber;
        _response = response;
        _inner = inner;
        _limit = limit;
        _timeout = timeout;
        _remaining = timeout;
        _timeProvider = timeProvider;
        _call = call;
    }

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => throw new NotSupportedException("A download cannot tell its length; read it to the end.");

    public override long Position
    {
        get => _read;
        set => throw new NotSupportedException("A download cannot seek.");
    }

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        using var budget = Begin();
        long started = _timeProvider.GetTimestamp();
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, budget.Token);
        int n;
        try
        {
            n = await _inner.ReadAsync(buffer, linked.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException exception) when (budget.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            throw TimedOut(exception);
        }
        catch (Exception exception) when (exception is IOException or HttpRequestException && !cancellationToken.IsCancellationRequested)
        {
            throw budget.IsCancellationRequested ? TimedOut(exception) : Broken(exception);
        }
        finally
        {
            End(budget, started);
        }

        return Count(n);
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override int Read(Span<byte> buffer)
    {
        // A synchronous read cannot take a token: when the budget runs out, closing the body ends it.
        using var budget = Begin();
        long started = _timeProvider.GetTimestamp();
        int n;
        try
        {
            using (budget.Token.UnsafeRegister(static state => ((Stream)state!).Dispose(), _inner))
            {
                n = _inner.Read(buffer);
            }
        }
        catch (Exception exception) when (budget.IsCancellationRequested)
        {
            throw TimedOut(exception);
        }
        catch (Exception exception) when (exception is IOException or HttpRequestException)
        {
            throw Broken(exception);
        }
        finally
        {
            End(budget, started);
        }

        return Count(n);
    }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException("A download cannot seek.");

    public override void SetLength(long value) => throw new NotSupportedException("A download is read-only.");

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException("A download is read-only.");

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _inner.Dispose();
            _response.Dispose();
        }

        base.Dispose(disposing);
    }

    /// <summary>A source that cancels when the rest of the waiting budget has passed.</summary>
    private CancellationTokenSource Begin()
    {
        if (_timedOut || _remaining <= TimeSpan.Zero)
        {
            throw TimedOut(null);
        }

        return new CancellationTokenSource(_remaining, _timeProvider);
    }

    private void End(CancellationTokenSource budget, long started)
    {
        _remaining -= _timeProvider.GetElapsedTime(started);
        _timedOut |= budget.IsCancellationRequested;
    }

    private int Count(int n)
    {
        _read += n;
        if (_read > _limit)
        {
            throw WorkiomReplyBody.TooLarge(_response.StatusCode, _call, _limit, declared: null, "Workiom:MaxDownloadBytes", idempotent: true);
        }

        return n;
    }

    private WorkiomTimeoutException TimedOut(Exception? inner) => new(
        $"The download of {_call} did not arrive in full within Workiom:DownloadTimeout ({WorkiomReplyBody.Describe(_timeout)}) of waiting.",
        inner is null ? null : _scrubber.Scrub(inner));

    // .NET quotes some of the server's bytes (a malformed trailer line) in the exception of a broken body.
    private WorkiomConnectionException Broken(Exception inner) => new(
        $"The connection broke while downloading {_call}.", _scrubber.Scrub(inner));
}
