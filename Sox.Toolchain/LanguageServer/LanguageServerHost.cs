using Microsoft.VisualStudio.Threading;
using StreamJsonRpc;

namespace Sox.LanguageServer;

/// <summary>
/// Runs the Sox language server over a pair of streams (<c>sox lsp</c>: standard input and output) with LSP's base
/// protocol: <c>Content-Length</c> headers and a JSON-RPC 2.0 body (StreamJsonRpc's
/// <see cref="HeaderDelimitedMessageHandler"/> with <see cref="SystemTextJsonFormatter"/>).
/// </summary>
public static class LanguageServerHost
{
    /// <summary>
    /// Serves until the client sends <c>exit</c> (exit code 0 after <c>shutdown</c>, 1 without) or closes the input (1).
    /// <paramref name="transcriptPath"/>, when given, records every message both ways as JSON lines.
    /// </summary>
    public static int Run(Stream input, Stream output, TextWriter log, string? transcriptPath = null, TimeSpan? diagnosticsDelay = null) =>
        RunAsync(input, output, log, transcriptPath, diagnosticsDelay).GetAwaiter().GetResult();

    private static async Task<int> RunAsync(Stream input, Stream output, TextWriter log, string? transcriptPath, TimeSpan? diagnosticsDelay)
    {
        using var transcript = transcriptPath is null ? null : new TranscriptRecorder(transcriptPath);
        if (transcript is not null) output = new RecordingStream(output, transcript.FromServer);
        var serverLog = new ServerLog(log);
        input = new MessageFilter(input, serverLog.Info, transcript is null ? null : transcript.FromClient).Output;
        var server = new SoxLanguageServer(serverLog) { DiagnosticsDelay = diagnosticsDelay ?? TimeSpan.FromMilliseconds(200) };
        var formatter = new SystemTextJsonFormatter();
        formatter.JsonSerializerOptions = SoxLanguageServer.SerializerOptions(formatter.JsonSerializerOptions);
        using var rpc = new JsonRpc(new HeaderDelimitedMessageHandler(output, input, formatter))
        {
            // One message at a time, in arrival order: edits apply before the next request reads the document.
            SynchronizationContext = new NonConcurrentSynchronizationContext(sticky: false),
        };
        rpc.AddLocalRpcTarget(server, new JsonRpcTargetOptions { DisposeOnDisconnect = false });
        server.Rpc = rpc;
        serverLog.Rpc = rpc;
        rpc.StartListening();
        var finished = await Task.WhenAny(server.Exit, rpc.Completion).ConfigureAwait(false);
        if (finished == server.Exit) return await server.Exit.ConfigureAwait(false);
        try
        {
            await rpc.Completion.ConfigureAwait(false);
        }
        catch (Exception e)
        {
            serverLog.Info($"connection closed: {e.Message}");
        }
        return 1;
    }
}
