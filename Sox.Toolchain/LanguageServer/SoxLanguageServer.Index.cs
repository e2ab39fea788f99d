using System.Text.Json;
using Sox.Compiler.Semantics;
using Sox.LanguageServer.Protocol;
using StreamJsonRpc;

namespace Sox.LanguageServer;

/// <summary>
/// The workspace index's part of the server: which folders are indexed (<c>initialize</c>'s <c>workspaceFolders</c>,
/// else <c>rootUri</c>/<c>rootPath</c>), starting it after <c>initialized</c>, asking the client to watch <c>.sox</c> files
/// (LSP 3.17 "DidChangeWatchedFiles Notification": dynamic registration, when the client supports it) and feeding it
/// the file events, so that closed files' changes on disk reach references, rename and workspace symbols.
/// </summary>
internal sealed partial class SoxLanguageServer
{
    /// <summary>
    /// How long a workspace-wide query waits for the index to catch up before answering with what it has (less when
    /// the request is cancelled: <c>$/cancelRequest</c> ends the wait).
    /// </summary>
    private static readonly TimeSpan s_indexWait = TimeSpan.FromSeconds(2);

    private WorkspaceIndex? _index;
    private IReadOnlyList<string> _indexRoots = [];
    private bool _registerWatcher;

    private void ConfigureIndex(InitializeParams parameters)
    {
        var roots = new List<string>();
        foreach (var folder in parameters.WorkspaceFolders ?? [])
        {
            if (FolderPath(folder?.Uri) is { } path) roots.Add(path);
        }
        if (roots.Count == 0 && _workspace.RootPath is { } root && Directory.Exists(root)) roots.Add(root);
        _indexRoots = roots;
        _registerWatcher = parameters.Capabilities is { ValueKind: JsonValueKind.Object } capabilities
            && capabilities.TryGetProperty("workspace", out var workspace) && workspace.ValueKind == JsonValueKind.Object
            && workspace.TryGetProperty("didChangeWatchedFiles", out var watched) && watched.ValueKind == JsonValueKind.Object
            && watched.TryGetProperty("dynamicRegistration", out var dynamic) && dynamic.ValueKind == JsonValueKind.True;
        // Workspace diagnostics: the index's analyses of closed files are published too, unless the client says
        // "initializationOptions": {"workspaceDiagnostics": false}.
        var publisher = WorkspaceDiagnosticsOption(parameters.InitializationOptions) ? _publisher : null;
        _index = new WorkspaceIndex(_workspace, log.Info, e => log.Error("the workspace index", e))
        {
            Analysed = publisher is null ? null : publisher.IndexAnalysed,
            Idle = publisher is null ? null : publisher.Flush,
        };
        if (publisher is not null) publisher.Index = _index;
        log.Info($"workspace diagnostics {(publisher is null ? "off" : "on")}");
    }

    /// <summary><c>initializationOptions.workspaceDiagnostics</c>: true unless it is <c>false</c>.</summary>
    private static bool WorkspaceDiagnosticsOption(JsonElement? options) =>
        options is not { ValueKind: JsonValueKind.Object } o
        || !o.TryGetProperty("workspaceDiagnostics", out var value)
        || value.ValueKind != JsonValueKind.False;

    private void StartIndex()
    {
        if (_index is null || _shutdown) return;
        _index.Start(_indexRoots);
        log.Info($"indexing {(_indexRoots.Count == 0 ? "no folder" : string.Join(", ", _indexRoots))}");
        if (_registerWatcher && Rpc is { } rpc)
        {
            var registration = new RegistrationParams([new Registration("sox-watched-files", "workspace/didChangeWatchedFiles",
                new DidChangeWatchedFilesRegistrationOptions([new Protocol.FileSystemWatcher("**/*.sox", null), new Protocol.FileSystemWatcher("**/*", 4)]))]);
            // A request to the client: its answer is not awaited on the dispatcher (it may come after other messages).
            _ = rpc.InvokeWithParameterObjectAsync("client/registerCapability", registration).ContinueWith(
                t => log.Info($"client/registerCapability failed: {t.Exception?.GetBaseException().Message}"),
                CancellationToken.None, TaskContinuationOptions.OnlyOnFaulted, TaskScheduler.Default);
        }
    }

    [JsonRpcMethod("workspace/didChangeWorkspaceFolders", UseSingleObjectParameterDeserialization = true)]
    public void DidChangeWorkspaceFolders(DidChangeWorkspaceFoldersParams parameters) => Guard("workspace/didChangeWorkspaceFolders", () =>
    {
        var added = (parameters.Event?.Added ?? []).Select(f => FolderPath(f?.Uri)).OfType<string>().ToList();
        var removed = (parameters.Event?.Removed ?? []).Select(f => FilePath(f?.Uri)).OfType<string>().ToList();
        _index?.ChangeRoots(added, removed);
        log.Info($"workspace folders: {added.Count} added, {removed.Count} removed");
    });

    /// <summary>LSP FileChangeType: 1 created, 2 changed, 3 deleted.</summary>
    private void IndexFileEvents(IReadOnlyList<FileEvent> changes)
    {
        if (_index is null) return;
        foreach (var change in changes)
        {
            if (FilePath(change?.Uri) is not { } path) continue;
            switch (change!.Type)
            {
                case 1: _index.Created(path); break;
                case 3: _index.Deleted(path); break;
                default: _index.Invalidate(path); break;
            }
        }
    }

    /// <summary>
    /// The programs a workspace-wide query searches: the asking document's, the other open documents', then every
    /// indexed closed file's (a file in several programs is read once, from the first: open buffers win).
    /// </summary>
    private List<ModuleGraph?> WorkspaceGraphs(IReadOnlyCollection<DocumentState> open, DocumentState? first, CancellationToken cancellation)
    {
        var graphs = Graphs(open, first);
        if (_index is not null) graphs.AddRange(_index.Graphs(s_indexWait, cancellation));
        return graphs;
    }

    private static string? FolderPath(string? uri) => FilePath(uri) is { } path && Directory.Exists(path) ? path : null;

    /// <summary>The path of a <c>file:</c> URI; null for other schemes (nothing on disk to index).</summary>
    private static string? FilePath(string? uri) =>
        uri is not null && Uri.TryCreate(uri, UriKind.Absolute, out var parsed) && parsed.IsFile ? DocumentUri.ToPath(uri, null) : null;
}
