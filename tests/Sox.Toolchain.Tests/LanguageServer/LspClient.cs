using System.Diagnostics;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Sox.Toolchain.Tests.LanguageServer;

/// <summary>
/// A minimal LSP client for tests: starts the real <c>sox lsp --stdio</c> (the Sox.Cli build output beside the test
/// assembly) as a child process and speaks LSP's base protocol to it by hand — <c>Content-Length</c> framing and
/// JSON-RPC 2.0 — so the server's own framing is checked by an independent implementation. Records every message as a
/// JSON line when given a transcript path (the sample session in docs/editors.md).
/// </summary>
internal sealed class LspClient : IDisposable
{
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);

    private readonly Process _process;
    private readonly Stream _input;
    private readonly object _gate = new();
    private readonly Dictionary<int, JsonObject> _responses = new();
    private readonly List<JsonObject> _notifications = new();
    private readonly StringBuilder _stderr = new();
    private readonly StreamWriter? _transcript;
    private readonly Thread _reader;
    private int _nextId;

    private LspClient(Process process, string? transcriptPath)
    {
        _process = process;
        _input = process.StandardInput.BaseStream;
        if (transcriptPath is not null) _transcript = new StreamWriter(transcriptPath, false, new UTF8Encoding(false)) { AutoFlush = true };
        process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is not null) lock (_stderr) _stderr.AppendLine(e.Data);
        };
        process.BeginErrorReadLine();
        _reader = new Thread(ReadLoop) { IsBackground = true, Name = "lsp test client" };
        _reader.Start();
    }

    public string Root { get; private set; } = "";

    public string StandardError
    {
        get
        {
            lock (_stderr) return _stderr.ToString();
        }
    }

    public bool HasExited => _process.HasExited;

    public int ExitCode => _process.ExitCode;

    /// <summary>Starts the server; <see cref="Initialize"/> is separate so tests can send requests before it.</summary>
    public static LspClient Start(string? transcriptPath = null, params string[] extraArguments)
    {
        var sox = Path.Combine(AppContext.BaseDirectory, "sox.dll");
        if (!File.Exists(sox)) Assert.Fail($"the sox build output is missing: {sox}");
        var start = new ProcessStartInfo(DotNet(), ["exec", sox, "lsp", "--stdio", .. extraArguments])
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        return new LspClient(Process.Start(start)!, transcriptPath);
    }

    /// <summary>
    /// <c>initialize</c> with the workspace folder (and the client's capabilities and <c>initializationOptions</c>), then
    /// <c>initialized</c>; returns the result.
    /// </summary>
    public JsonObject Initialize(string root, object? capabilities = null, object? initializationOptions = null)
    {
        Root = root;
        var parameters = JsonSerializer.SerializeToNode(new
        {
            processId = Environment.ProcessId,
            rootUri = Uri(""),
            capabilities = capabilities ?? new { },
            workspaceFolders = new[] { new { uri = Uri(""), name = "test" } },
        })!.AsObject();
        if (initializationOptions is not null) parameters["initializationOptions"] = ToNode(initializationOptions);
        var result = Request("initialize", parameters);
        Notify("initialized", new { });
        return result["result"]!.AsObject();
    }

    public string Uri(string relative) => new System.Uri(Path.Combine(Root, relative)).AbsoluteUri.TrimEnd('/');

    public void Open(string relative, string text, int version = 1) =>
        Notify("textDocument/didOpen", new { textDocument = new { uri = Uri(relative), languageId = "sox", version, text } });

    public void ChangeFull(string relative, int version, string text) =>
        Notify("textDocument/didChange", new { textDocument = new { uri = Uri(relative), version }, contentChanges = new[] { new { text } } });

    public void ChangeRange(string relative, int version, int line, int character, int endLine, int endCharacter, string text) =>
        Notify("textDocument/didChange", new
        {
            textDocument = new { uri = Uri(relative), version },
            contentChanges = new[] { new { range = Range(line, character, endLine, endCharacter), text } },
        });

    public static object Range(int line, int character, int endLine, int endCharacter) =>
        new { start = new { line, character }, end = new { line = endLine, character = endCharacter } };

    /// <summary>Sends a request and waits for its response (the whole message: <c>result</c> or <c>error</c>).</summary>
    public JsonObject Request(string method, object? parameters) => Wait(SendRequest(method, parameters));

    /// <summary>Sends a request; <see cref="Wait"/> collects the response.</summary>
    public int SendRequest(string method, object? parameters)
    {
        var id = Interlocked.Increment(ref _nextId);
        var message = new JsonObject { ["jsonrpc"] = "2.0", ["id"] = id, ["method"] = method };
        if (ToNode(parameters) is { } node) message["params"] = node;
        Send(message);
        return id;
    }

    public JsonObject Wait(int id, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? Timeout);
        lock (_gate)
        {
            while (!_responses.ContainsKey(id))
            {
                var left = deadline - DateTime.UtcNow;
                if (left <= TimeSpan.Zero || _process.HasExited && !_reader.IsAlive)
                    Assert.Fail($"no response to request {id} (server {(HasExited ? "exited" : "running")}); stderr:\n{StandardError}");
                Monitor.Wait(_gate, left > TimeSpan.FromSeconds(1) ? TimeSpan.FromSeconds(1) : left);
            }
            var response = _responses[id];
            _responses.Remove(id);
            return response;
        }
    }

    public bool HasResponse(int id)
    {
        lock (_gate) return _responses.ContainsKey(id);
    }

    public void Notify(string method, object? parameters)
    {
        var message = new JsonObject { ["jsonrpc"] = "2.0", ["method"] = method };
        if (ToNode(parameters) is { } node) message["params"] = node;
        Send(message);
    }

    /// <summary>Sends raw bytes as one framed message (junk the server must survive).</summary>
    public void SendRaw(byte[] body)
    {
        var header = Encoding.ASCII.GetBytes($"Content-Length: {body.Length}\r\n\r\n");
        lock (_input)
        {
            _input.Write(header);
            _input.Write(body);
            _input.Flush();
        }
    }

    /// <summary>
    /// Waits for a <c>publishDiagnostics</c> of <paramref name="relative"/> matching <paramref name="predicate"/>, looking
    /// at the newest first; the diagnostics array.
    /// </summary>
    public JsonArray WaitForDiagnostics(string relative, Func<JsonArray, bool> predicate, TimeSpan? timeout = null)
    {
        var uri = Uri(relative);
        var deadline = DateTime.UtcNow + (timeout ?? Timeout);
        lock (_gate)
        {
            while (true)
            {
                var latest = _notifications.LastOrDefault(n => (string?)n["method"] == "textDocument/publishDiagnostics" && (string?)n["params"]!["uri"] == uri);
                if (latest is not null && predicate(latest["params"]!["diagnostics"]!.AsArray())) return latest["params"]!["diagnostics"]!.AsArray();
                var left = deadline - DateTime.UtcNow;
                if (left <= TimeSpan.Zero)
                    Assert.Fail($"no matching diagnostics for {relative}; last: {latest?.ToJsonString() ?? "none"}; stderr:\n{StandardError}");
                Monitor.Wait(_gate, left);
            }
        }
    }

    /// <summary>Forgets the notifications so far (a later wait sees only newer ones).</summary>
    public void ClearNotifications()
    {
        lock (_gate) _notifications.Clear();
    }

    public IReadOnlyList<JsonObject> Notifications(string method)
    {
        lock (_gate) return _notifications.Where(n => (string?)n["method"] == method).ToList();
    }

    /// <summary><c>shutdown</c> then <c>exit</c>; the process's exit code.</summary>
    public int ShutdownAndExit()
    {
        var response = Request("shutdown", null);
        Assert.IsNull(response["error"], response.ToJsonString());
        Notify("exit", null);
        if (!_process.WaitForExit(Timeout)) Assert.Fail("the server did not exit after 'exit'");
        _process.WaitForExit();
        return _process.ExitCode;
    }

    private void Send(JsonObject message)
    {
        var body = Encoding.UTF8.GetBytes(message.ToJsonString());
        Record("client", message.ToJsonString());
        SendRaw(body);
    }

    private void Record(string from, string json)
    {
        if (_transcript is null) return;
        lock (_transcript) _transcript.WriteLine($"{{\"from\":\"{from}\",\"message\":{json}}}");
    }

    private void ReadLoop()
    {
        var output = _process.StandardOutput.BaseStream;
        try
        {
            while (true)
            {
                var length = -1;
                while (true)
                {
                    var line = ReadHeaderLine(output);
                    if (line is null) return;
                    if (line.Length == 0) break;
                    if (line.StartsWith("Content-Length:", StringComparison.OrdinalIgnoreCase)) length = int.Parse(line["Content-Length:".Length..].Trim());
                }
                var body = new byte[length];
                output.ReadExactly(body);
                var json = Encoding.UTF8.GetString(body);
                Record("server", json);
                var message = JsonNode.Parse(json)!.AsObject();
                lock (_gate)
                {
                    if (message["id"] is { } id && message["method"] is null) _responses[(int)id] = message;
                    else _notifications.Add(message);
                    Monitor.PulseAll(_gate);
                }
            }
        }
        catch (Exception e) when (e is IOException or EndOfStreamException or ObjectDisposedException)
        {
        }
        finally
        {
            lock (_gate) Monitor.PulseAll(_gate);
        }
    }

    private static string? ReadHeaderLine(Stream stream)
    {
        var bytes = new List<byte>();
        while (true)
        {
            var b = stream.ReadByte();
            if (b < 0) return null;
            if (b == '\n') return Encoding.ASCII.GetString(bytes.ToArray()).TrimEnd('\r');
            bytes.Add((byte)b);
        }
    }

    private static JsonNode? ToNode(object? value) => value switch
    {
        null => null,
        JsonNode node => node,
        _ => JsonSerializer.SerializeToNode(value),
    };

    private static string DotNet() =>
        Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host && File.Exists(host) ? host : "dotnet";

    public void Dispose()
    {
        try
        {
            if (!_process.HasExited) _process.Kill(entireProcessTree: true);
        }
        catch (InvalidOperationException)
        {
        }
        _process.Dispose();
        _transcript?.Dispose();
    }
}
