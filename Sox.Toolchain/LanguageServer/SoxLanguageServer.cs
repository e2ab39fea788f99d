using System.Text.Json;
using Sox.Compiler.Driver;
using Sox.LanguageServer.Features;
using Sox.LanguageServer.Protocol;
using StreamJsonRpc;

namespace Sox.LanguageServer;

/// <summary>
/// The LSP methods (LSP 3.17), one JSON-RPC method each; StreamJsonRpc answers unknown requests with MethodNotFound
/// and turns <c>$/cancelRequest</c> into the handler's cancellation token. Messages are dispatched one at a time in
/// arrival order (<see cref="LanguageServerHost"/>), so a notification's effect is in place before the next message is
/// looked at; a request takes its snapshot synchronously and computes on a big-stack thread. Every handler is guarded:
/// an internal error answers that request with InternalError and is logged, and the server keeps going.
/// </summary>
internal sealed partial class SoxLanguageServer(ServerLog log)
{
    private readonly TaskCompletionSource<int> _exit = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly Workspace _workspace = new();
    private DiagnosticsScheduler? _diagnostics;
    private DiagnosticsPublisher? _publisher;
    private bool _initialized;
    private bool _shutdown;
    private readonly HashSet<Task> _running = new();

    /// <summary>The connection (set by the host before listening).</summary>
    public JsonRpc? Rpc { get; set; }

    /// <summary>The process exit code, once <c>exit</c> arrived: 0 after <c>shutdown</c>, else 1 (LSP 3.17 "exit").</summary>
    public Task<int> Exit => _exit.Task;

    /// <summary>How long diagnostics wait for typing to pause.</summary>
    public TimeSpan DiagnosticsDelay { get; init; } = TimeSpan.FromMilliseconds(200);

    [JsonRpcMethod("initialize", UseSingleObjectParameterDeserialization = true)]
    public InitializeResult Initialize(InitializeParams parameters)
    {
        var root = parameters.WorkspaceFolders?.FirstOrDefault()?.Uri ?? parameters.RootUri;
        _workspace.RootPath = DocumentUri.ToPath(root, null) ?? (parameters.RootPath is { Length: > 0 } p ? SafeFullPath(p) : null);
        _publisher = new DiagnosticsPublisher(_workspace, Notify);
        ConfigureIndex(parameters);
        LanguageServices.LanguageService.InternalError += e => log.Error("a language service query", e);
        _diagnostics = new DiagnosticsScheduler(DiagnosticsDelay, _publisher.Publish, e => log.Error("diagnostics", e));
        _publisher.Scheduled = _diagnostics.IsPending;
        _initialized = true;
        log.Info($"initialized; workspace {_workspace.RootPath ?? "(none)"}");
        return new InitializeResult(Capabilities(), new ServerInfo("sox", ServerInfoVersion));
    }

    [JsonRpcMethod("initialized")]
    public void Initialized() => Guard("initialized", StartIndex);

    [JsonRpcMethod("shutdown")]
    public async Task<object?> Shutdown()
    {
        _shutdown = true;
        _diagnostics?.Dispose();
        _index?.Dispose();
        // Answer the requests still running before the client's exit can end the process.
        Task[] running;
        lock (_running) running = _running.ToArray();
        await Task.WhenAny(Task.WhenAll(running), Task.Delay(TimeSpan.FromSeconds(10))).ConfigureAwait(false);
        return null;
    }

    [JsonRpcMethod("exit")]
    public void ExitNotification()
    {
        _diagnostics?.Dispose();
        _index?.Dispose();
        _exit.TrySetResult(_shutdown ? 0 : 1);
    }

    [JsonRpcMethod("textDocument/didOpen", UseSingleObjectParameterDeserialization = true)]
    public void DidOpen(DidOpenTextDocumentParams parameters) => Guard("textDocument/didOpen", () =>
    {
        var item = parameters.TextDocument;
        if (_workspace.Open(item.Uri, item.Version, item.Text) is not { } document) return;
        // A new buffer may be what another open file's import was missing. (The open programs are scheduled before the
        // index hears of a change, so that a closed file they report in is held back until they are analysed again.)
        ScheduleAll();
        // The buffer replaces the file for the programs that load it.
        _index?.Invalidate(document.Path);
    });

    [JsonRpcMethod("textDocument/didChange", UseSingleObjectParameterDeserialization = true)]
    public void DidChange(DidChangeTextDocumentParams parameters) => Guard("textDocument/didChange", () =>
    {
        var document = _workspace.Change(parameters.TextDocument.Uri, parameters.TextDocument.Version, parameters.ContentChanges);
        if (document is null) return;
        _diagnostics?.Schedule(_workspace.Dependents(document.Path));
        _index?.Invalidate(document.Path, edit: true);
    });

    [JsonRpcMethod("textDocument/didClose", UseSingleObjectParameterDeserialization = true)]
    public void DidClose(DidCloseTextDocumentParams parameters) => Guard("textDocument/didClose", () =>
    {
        var document = _workspace.Close(parameters.TextDocument.Uri);
        if (document is null) return;
        // Its importers now read the file from disk (or miss it); the index analyses it from disk again (first, so that
        // the publisher holds its diagnostics back until that analysis is in).
        ScheduleAll();
        _index?.Invalidate(document.Path);
        _publisher?.Close(document);
    });

    [JsonRpcMethod("textDocument/didSave", UseSingleObjectParameterDeserialization = true)]
    public void DidSave(DidSaveTextDocumentParams parameters) => Guard("textDocument/didSave", () =>
    {
        _workspace.FilesChanged();
        if (_workspace.Get(parameters.TextDocument.Uri) is { } document) _diagnostics?.Schedule(_workspace.Dependents(document.Path));
        if (_workspace.PathOf(parameters.TextDocument.Uri) is { } path) _index?.Invalidate(path);
    });

    [JsonRpcMethod("workspace/didChangeWatchedFiles", UseSingleObjectParameterDeserialization = true)]
    public void DidChangeWatchedFiles(DidChangeWatchedFilesParams parameters) => Guard("workspace/didChangeWatchedFiles", () =>
    {
        // A file created, changed or deleted on disk can change any import of any open file.
        _workspace.FilesChanged();
        ScheduleAll();
        IndexFileEvents(parameters.Changes ?? []);
    });

    [JsonRpcMethod("textDocument/documentSymbol", UseSingleObjectParameterDeserialization = true)]
    public Task<IReadOnlyList<DocumentSymbol>> DocumentSymbol(DocumentParams parameters, CancellationToken cancellation)
    {
        var document = Document(parameters.TextDocument);
        return Run("textDocument/documentSymbol", cancellation, () =>
            document is null ? [] : DocumentSymbols.Compute(Compiler.Syntax.Parser.Parse(new Compiler.Text.SourceText(document.Path, document.Text), new Compiler.Diagnostics.DiagnosticBag())));
    }

    [JsonRpcMethod("textDocument/foldingRange", UseSingleObjectParameterDeserialization = true)]
    public Task<IReadOnlyList<FoldingRange>> FoldingRange(DocumentParams parameters, CancellationToken cancellation)
    {
        var document = Document(parameters.TextDocument);
        return Run("textDocument/foldingRange", cancellation, () => document is null ? [] : FoldingRanges.Compute(document.Text));
    }

    [JsonRpcMethod("textDocument/semanticTokens/full", UseSingleObjectParameterDeserialization = true)]
    public Task<SemanticTokens> SemanticTokensFull(DocumentParams parameters, CancellationToken cancellation)
    {
        var document = Document(parameters.TextDocument);
        return Run("textDocument/semanticTokens/full", cancellation, () =>
            document is null ? new SemanticTokens([]) : SemanticTokens(document));
    }

    [JsonRpcMethod("textDocument/formatting", UseSingleObjectParameterDeserialization = true)]
    public Task<IReadOnlyList<TextEdit>> Formatting(DocumentFormattingParams parameters, CancellationToken cancellation)
    {
        var document = Document(parameters.TextDocument);
        return Run("textDocument/formatting", cancellation, () => document is null ? [] : DocumentFormatter.Edits(document.Path, document.Text));
    }

    private ServerCapabilities Capabilities() => NavigationCapabilities(new ServerCapabilities());

    private static string ServerInfoVersion =>
        typeof(SoxLanguageServer).Assembly.GetName().Version?.ToString(3) ?? "0.0.0";

    private DocumentState? Document(TextDocumentIdentifier? identifier)
    {
        RequireInitialized();
        return _workspace.Get(identifier?.Uri);
    }

    private void ScheduleAll() => _diagnostics?.Schedule(_workspace.OpenDocuments.Select(d => d.Path));

    private void RequireInitialized()
    {
        if (!_initialized) throw new LocalRpcException("The server is not initialized.") { ErrorCode = ErrorCodes.ServerNotInitialized };
    }

    /// <summary>Runs a request's work on a big-stack thread (the compiler's stages recurse over the tree, as in FrontEnd).</summary>
    private Task<T> Run<T>(string method, CancellationToken cancellation, Func<T> work)
    {
        var task = RunGuarded(method, cancellation, work);
        lock (_running) _running.Add(task);
        _ = task.ContinueWith(t =>
        {
            lock (_running) _running.Remove(t);
        }, CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
        return task;
    }

    private Task<T> RunGuarded<T>(string method, CancellationToken cancellation, Func<T> work) => Task.Run(() =>
    {
        cancellation.ThrowIfCancellationRequested();
        try
        {
            return LargeStack.Run("sox-lsp " + method, work);
        }
        catch (Exception e) when (e is not OperationCanceledException and not LocalRpcException)
        {
            log.Error(method, e);
            throw new LocalRpcException($"{method} failed: {e.GetType().Name}: {e.Message}") { ErrorCode = ErrorCodes.InternalError };
        }
    }, cancellation);

    /// <summary>A notification has no answer: an internal error is logged, and the server goes on.</summary>
    private void Guard(string method, Action work)
    {
        try
        {
            RequireInitialized();
            work();
        }
        catch (Exception e)
        {
            log.Error(method, e);
        }
    }

    private void Notify(string method, object parameters)
    {
        try
        {
            Rpc?.NotifyWithParameterObjectAsync(method, parameters).GetAwaiter().GetResult();
        }
        catch (Exception e) when (e is ObjectDisposedException or ConnectionLostException or IOException)
        {
            // The client is gone; the host ends when the stream does.
        }
    }

    private static string? SafeFullPath(string path)
    {
        try
        {
            return Path.GetFullPath(path);
        }
        catch (Exception e) when (e is ArgumentException or NotSupportedException or PathTooLongException)
        {
            return null;
        }
    }

    internal static JsonSerializerOptions SerializerOptions(JsonSerializerOptions options)
    {
        options.PropertyNamingPolicy = JsonNamingPolicy.CamelCase;
        options.DefaultIgnoreCondition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull;
        options.PropertyNameCaseInsensitive = true;
        // Messages go to an editor, not into HTML: quotes and backticks stay readable (in transcripts too).
        options.Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping;
        return options;
    }
}
