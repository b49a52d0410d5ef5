using System.Net;

namespace Workiom.Client.Tests.Fakes;

/// <summary>
/// A reply body produced as it is read: <see cref="Prefix"/>, then filler up to <see cref="Total"/>
/// bytes, in chunks of at most <see cref="ChunkSize"/>. It announces its length only when asked to (a
/// body without <c>Content-Length</c> is what a chunked reply looks like to the client), counts the
/// bytes the client pulled, and can stall once <see cref="StallAfter"/> bytes went out: it then calls
/// <see cref="OnStall"/> and waits until the read is cancelled or the stream is closed.
/// </summary>
public sealed class ScriptedContent : HttpContent
{
    private readonly ScriptedStream _stream;
    private readonly bool _announceLength;

    public ScriptedContent(byte[] prefix, long total, bool announceLength, int chunkSize = 4096)
    {
        _stream = new ScriptedStream(prefix, total, chunkSize);
        _announceLength = announceLength;
    }

    /// <summary>Bytes the client has read so far.</summary>
    public long Pulled => _stream.Pulled;

    /// <summary>The bytes after which reads stall; null never stalls.</summary>
    public long? StallAfter { get => _stream.StallAfter; set => _stream.StallAfter = value; }

    /// <summary>Called once when a read stalls (a test lets the client's timeout elapse here).</summary>
    public Action? OnStall { get => _stream.OnStall; set => _stream.OnStall = value; }

    public static HttpResponseMessage Response(HttpStatusCode status, ScriptedContent content) => new(status) { Content = content };

    protected override Task SerializeToStreamAsync(Stream stream, TransportContext? context) => _stream.CopyToAsync(stream);

    protected override Task SerializeToStreamAsync(Stream stream, TransportContext? context, CancellationToken cancellationToken) =>
        _stream.CopyToAsync(stream, cancellationToken);

    protected override Task<Stream> CreateContentReadStreamAsync() => Task.FromResult<Stream>(_stream);

    protected override bool TryComputeLength(out long length)
    {
        length = _stream.Total;
        return _announceLength;
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _stream.Dispose();
        }

        base.Dispose(disposing);
    }

    private sealed class ScriptedStream(byte[] prefix, long total, int chunkSize) : Stream
    {
        private readonly ManualResetEventSlim _closed = new();
        private long _position;
        private int _stalled;

        public long Total => total;

        public long Pulled => Interlocked.Read(ref _position);

        public long? StallAfter { get; set; }

        public Action? OnStall { get; set; }

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => _position; set => throw new NotSupportedException(); }

        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
        {
            if (ShouldStall())
            {
                // Waits for the reader to give up; the bound only ends a hung test instead of blocking the run.
                await Task.Delay(TimeSpan.FromMinutes(2), cancellationToken);
                throw new TimeoutException("Nothing cancelled the stalled read.");
            }

            return Fill(buffer.Span);
        }

        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

        public override int Read(Span<byte> buffer)
        {
            if (ShouldStall())
            {
                // Waits until the stream is closed; the bound only ends a hung test instead of blocking the run.
                if (!_closed.Wait(TimeSpan.FromMinutes(2)))
                {
                    throw new TimeoutException("Nothing closed the stalled stream.");
                }

                throw new ObjectDisposedException(nameof(ScriptedStream));
            }

            return Fill(buffer);
        }

        public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        protected override void Dispose(bool disposing)
        {
            _closed.Set();
            base.Dispose(disposing);
        }

        private bool ShouldStall()
        {
            if (StallAfter is not long after || _position < after)
            {
                return false;
            }

            if (Interlocked.Exchange(ref _stalled, 1) == 0)
            {
                OnStall?.Invoke();
            }

            return true;
        }

        private int Fill(Span<byte> buffer)
        {
            long left = total - _position;
            if (StallAfter is long after && _position < after)
            {
                left = Math.Min(left, after - _position);
            }

            int n = (int)Math.Min(Math.Min(buffer.Length, chunkSize), left);
            for (int i = 0; i < n; i++)
            {
                long at = _position + i;
                buffer[i] = at < prefix.Length ? prefix[at] : (byte)' ';
            }

            Interlocked.Add(ref _position, n);
            return n;
        }
    }
}
