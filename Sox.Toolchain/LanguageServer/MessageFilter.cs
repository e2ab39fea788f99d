using System.IO.Pipelines;
using System.Text;
using System.Text.Json;

namespace Sox.LanguageServer;

/// <summary>
/// Stands between the client's byte stream and StreamJsonRpc: reads LSP frames (<c>Content-Length: N</c>, a blank line,
/// N bytes), passes on only those whose body is one JSON object, and drops the rest with a line on standard error. A
/// JSON-RPC reader gives up the connection on a body it cannot parse; the server must not stop answering on any input,
/// so a corrupt frame costs that frame only. Also the transcript's view of what the client sent.
/// </summary>
internal sealed class MessageFilter
{
    private const int MaxHeaderLine = 64 * 1024;
    private readonly Stream _input;
    private readonly Pipe _pipe = new();
    private readonly Action<string> _log;
    private readonly Action<string>? _record;

    public MessageFilter(Stream input, Action<string> log, Action<string>? record)
    {
        _input = new BufferedStream(input, 64 * 1024);
        _log = log;
        _record = record;
        Output = _pipe.Reader.AsStream();
        var thread = new Thread(Pump) { Name = "sox-lsp input", IsBackground = true };
        thread.Start();
    }

    /// <summary>The well-formed frames, for the JSON-RPC reader.</summary>
    public Stream Output { get; }

    private void Pump()
    {
        var writer = _pipe.Writer.AsStream();
        try
        {
            while (true)
            {
                var length = ReadHeaders();
                if (length is null) break;
                if (length < 0)
                {
                    _log("dropped a message without a valid Content-Length header");
                    continue;
                }
                var body = new byte[length.Value];
                _input.ReadExactly(body);
                if (!IsMessage(body))
                {
                    _log($"dropped a message that is not a JSON-RPC object ({length} bytes)");
                    continue;
                }
                _record?.Invoke(Encoding.UTF8.GetString(body));
                writer.Write(Encoding.ASCII.GetBytes($"Content-Length: {body.Length}\r\n\r\n"));
                writer.Write(body);
                writer.Flush();
            }
        }
        catch (Exception e) when (e is IOException or EndOfStreamException or ObjectDisposedException or InvalidOperationException)
        {
            _log($"input ended: {e.Message}");
        }
        _pipe.Writer.Complete();
    }

    /// <summary>The Content-Length of the next frame; -1 when its headers name none; null at the end of the input.</summary>
    private int? ReadHeaders()
    {
        int? length = -1;
        var sawAny = false;
        while (true)
        {
            var line = ReadLine();
            if (line is null) return null;
            if (line.Length == 0)
            {
                // Blank lines between frames are tolerated; a blank line after headers ends them.
                if (sawAny) return length;
                continue;
            }
            sawAny = true;
            var colon = line.IndexOf(':');
            if (colon > 0 && line[..colon].Trim().Equals("Content-Length", StringComparison.OrdinalIgnoreCase)
                && int.TryParse(line[(colon + 1)..].Trim(), out var value) && value >= 0)
                length = value;
        }
    }

    private string? ReadLine()
    {
        var bytes = new List<byte>();
        while (true)
        {
            var b = _input.ReadByte();
            if (b < 0) return bytes.Count == 0 ? null : Encoding.ASCII.GetString(bytes.ToArray());
            if (b == '\n') return Encoding.ASCII.GetString(bytes.ToArray()).TrimEnd('\r');
            if (bytes.Count < MaxHeaderLine) bytes.Add((byte)b);
        }
    }

    private static bool IsMessage(byte[] body)
    {
        try
        {
            using var document = JsonDocument.Parse(body);
            var root = document.RootElement;
            return root.ValueKind == JsonValueKind.Object
                && (root.TryGetProperty("method", out var method) && method.ValueKind == JsonValueKind.String || root.TryGetProperty("id", out _));
        }
        catch (JsonException)
        {
            return false;
        }
    }
}
