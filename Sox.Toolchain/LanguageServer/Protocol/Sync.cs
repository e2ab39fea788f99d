namespace Sox.LanguageServer.Protocol;

/// <summary><c>textDocument/didOpen</c>.</summary>
public sealed record DidOpenTextDocumentParams(TextDocumentItem TextDocument);

/// <summary><c>textDocument/didChange</c>: the changes apply in order, each to the text the one before left.</summary>
public sealed record DidChangeTextDocumentParams(VersionedTextDocumentIdentifier TextDocument, IReadOnlyList<TextDocumentContentChangeEvent> ContentChanges);

/// <summary>One change: with a range, an incremental edit; without, the whole new text.</summary>
public sealed record TextDocumentContentChangeEvent(Range? Range, string Text);

/// <summary><c>textDocument/didClose</c>.</summary>
public sealed record DidCloseTextDocumentParams(TextDocumentIdentifier TextDocument);

/// <summary><c>textDocument/didSave</c>.</summary>
public sealed record DidSaveTextDocumentParams(TextDocumentIdentifier TextDocument, string? Text);

/// <summary><c>workspace/didChangeWatchedFiles</c>.</summary>
public sealed record DidChangeWatchedFilesParams(IReadOnlyList<FileEvent> Changes);

/// <summary>A file created (1), changed (2) or deleted (3) on disk.</summary>
public sealed record FileEvent(string Uri, int Type);

/// <summary><c>client/registerCapability</c> (LSP 3.17 "Register Capability").</summary>
public sealed record RegistrationParams(IReadOnlyList<Registration> Registrations);

/// <summary>One dynamic registration: the method and its options.</summary>
public sealed record Registration(string Id, string Method, DidChangeWatchedFilesRegistrationOptions RegisterOptions);

/// <summary>The files the client watches for <c>workspace/didChangeWatchedFiles</c>.</summary>
public sealed record DidChangeWatchedFilesRegistrationOptions(IReadOnlyList<FileSystemWatcher> Watchers);

/// <summary>A glob of watched paths; <c>kind</c> is a bit set: 1 create, 2 change, 4 delete (null: all).</summary>
public sealed record FileSystemWatcher(string GlobPattern, int? Kind);

/// <summary><c>workspace/didChangeWorkspaceFolders</c>.</summary>
public sealed record DidChangeWorkspaceFoldersParams(WorkspaceFoldersChangeEvent Event);

/// <summary>The workspace folders added and removed.</summary>
public sealed record WorkspaceFoldersChangeEvent(IReadOnlyList<WorkspaceFolder>? Added, IReadOnlyList<WorkspaceFolder>? Removed);
