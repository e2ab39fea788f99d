using System.Text;

namespace Sox.LanguageServer;

/// <summary>
/// <c>sox lsp --transcript FILE</c>: every message of the session, both ways, one JSON line each
/// (<c>{"from":"client","message":{…}}</c>), as read from and written to the wire: for bug reports and the sample
/// session in docs/editors.md.
/// </summary>
internal sealed class TranscriptRecorder : IDisposable
{
    private readonly object _gate = new();
    private readonly StreamWriter _writer;

    public TranscriptRecorder(string path)
    {
        _writer = new StreamWriter(path, append: false, new UTF8Encoding(false)) { AutoFlush = true };
        FromClient = body => Write("client", body);
        FromServer = new FrameReader(body => Write("server", body));
    }

    /// <summary>Records a message body the client sent (MessageFilter has already framed it).</summary>
    public Action<string> FromClient { get; }

    public FrameReader FromServer { get; }

    private void Write(string from, string body)
    {
        lock (_gate)
        {
            try
            {
                _writer.WriteLine($"{{\"from\":\"{from}\",\"message\":{body.Trim()}}}");
            }
            catch (Exception e) when (e is IOException or ObjectDisposedException)
            {
                // A transcript that cannot be written must not stop the server.
            }
        }
    }

    public void Dispose()
    {
        lock (_gate) _writer.Dispose();
    }
}

/// <summary>Splits a byte stream in LSP's base protocol (<c>Content-Length: N\r\n\r\n</c> + N bytes) into message bodies.</summary>
internal sealed class FrameReader(Action<string> onMessage)
{
    private byte[] _buffer = new byte[4096];
    private int _count;

    public void Append(ReadOnlySpan<byte> bytes)
    {
        if (_count + bytes.Length > _buffer.Length) Array.Resize(ref _buffer, Math.Max(_buffer.Length * 2, _count + bytes.Length));
        bytes.CopyTo(_buffer.AsSpan(_count));
        _count += bytes.Length;
        while (TryTake(out var body)) onMessage(body);
    }

    private bool TryTake(out string body)
    {
        body = "";
        var data = _buffer.AsSpan(0, _count);
        var headerEnd = data.IndexOf("\r\n\r\n"u8);
        if (headerEnd < 0) return false;
        var length = 0;
        foreach (var line in Encoding.ASCII.GetString(data[..headerEnd]).Split("\r\n"))
        {
            var colon = line.IndexOf(':');
            if (colon > 0 && line[..colon].Trim().Equals("Content-Length", StringComparison.OrdinalIgnoreCase)) int.TryParse(line[(colon + 1)..].Trim(), out length);
        }
        var start = headerEnd + 4;
        if (_count < start + length) return false;
        body = Encoding.UTF8.GetString(data.Slice(start, length));
        data[(start + length)..].CopyTo(_buffer);
        _count -= start + length;
        return true;
    }
}

/// <summary>A stream that passes every byte read or written to a <see cref="FrameReader"/> as well.</summary>
internal sealed class RecordingStream(Stream inner, FrameReader recorder) : Stream
{
    public override bool CanRead => inner.CanRead;
    public override bool CanSeek => false;
    public override bool CanWrite => inner.CanWrite;
    public override long Length => throw new NotSupportedException();
    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

    public override void Flush() => inner.Flush();

    public override Task FlushAsync(CancellationToken cancellationToken) => inner.FlushAsync(cancellationToken);

    public override int Read(byte[] buffer, int offset, int count)
    {
        var read = inner.Read(buffer, offset, count);
        Record(buffer.AsSpan(offset, read));
        return read;
    }

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        var read = await inner.ReadAsync(buffer, cancellationToken).ConfigureAwait(false);
        Record(buffer.Span[..read]);
        return read;
    }

    public override void Write(byte[] buffer, int offset, int count)
    {
        Record(buffer.AsSpan(offset, count));
        inner.Write(buffer, offset, count);
    }

    public override async ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
    {
        Record(buffer.Span);
        await inner.WriteAsync(buffer, cancellationToken).ConfigureAwait(false);
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    private void Record(ReadOnlySpan<byte> bytes)
    {
        lock (recorder) recorder.Append(bytes);
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing) inner.Dispose();
        base.Dispose(disposing);
    }
}
