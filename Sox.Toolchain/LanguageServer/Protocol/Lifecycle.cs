using System.Text.Json;

namespace Sox.LanguageServer.Protocol;

/// <summary>
/// <c>initialize</c>'s parameters; only what this server uses is typed, the client's capabilities and the
/// <c>initializationOptions</c> (this server reads <c>workspaceDiagnostics</c>) are kept raw.
/// </summary>
public sealed record InitializeParams(
    int? ProcessId,
    string? RootUri,
    string? RootPath,
    IReadOnlyList<WorkspaceFolder>? WorkspaceFolders,
    JsonElement? Capabilities,
    JsonElement? ClientInfo,
    JsonElement? InitializationOptions = null);

/// <summary>A workspace folder of the client.</summary>
public sealed record WorkspaceFolder(string Uri, string Name);

/// <summary><c>initialize</c>'s result.</summary>
public sealed record InitializeResult(ServerCapabilities Capabilities, ServerInfo ServerInfo);

/// <summary>The server's name and version.</summary>
public sealed record ServerInfo(string Name, string Version);

/// <summary>
/// What this server does (LSP 3.17 "Server Capabilities"); a null member is a feature not offered. <c>textDocumentSync</c>
/// is incremental (kind 2) with open/close and save notifications.
/// </summary>
public sealed record ServerCapabilities
{
    public string PositionEncoding { get; init; } = "utf-16";

    public TextDocumentSyncOptions TextDocumentSync { get; init; } = new(true, 2, new SaveOptions(false));

    public bool DocumentSymbolProvider { get; init; } = true;

    public bool FoldingRangeProvider { get; init; } = true;

    public bool DocumentFormattingProvider { get; init; } = true;

    public SemanticTokensOptions SemanticTokensProvider { get; init; } = new(SemanticTokenLegend.Legend, true);

    public bool? DefinitionProvider { get; init; }

    public bool? ReferencesProvider { get; init; }

    public bool? HoverProvider { get; init; }

    public CompletionOptions? CompletionProvider { get; init; }

    public RenameOptions? RenameProvider { get; init; }

    public SignatureHelpOptions? SignatureHelpProvider { get; init; }

    public bool? WorkspaceSymbolProvider { get; init; }

    /// <summary>Several workspace folders, and notifications when they change (all are indexed).</summary>
    public WorkspaceServerCapabilities Workspace { get; init; } = new(new WorkspaceFoldersServerCapabilities(true, true));
}

/// <summary>The <c>workspace</c> member of the server's capabilities.</summary>
public sealed record WorkspaceServerCapabilities(WorkspaceFoldersServerCapabilities WorkspaceFolders);

/// <summary>Whether workspace folders are supported and their changes wanted (<c>workspace/didChangeWorkspaceFolders</c>).</summary>
public sealed record WorkspaceFoldersServerCapabilities(bool Supported, bool ChangeNotifications);

/// <summary>How documents are synced: <c>change</c> 1 full, 2 incremental.</summary>
public sealed record TextDocumentSyncOptions(bool OpenClose, int Change, SaveOptions Save);

/// <summary>Whether <c>didSave</c> carries the text.</summary>
public sealed record SaveOptions(bool IncludeText);

/// <summary>The semantic tokens legend and that whole-document requests are served.</summary>
public sealed record SemanticTokensOptions(SemanticTokensLegend Legend, bool Full);

/// <summary>Token type and modifier names; tokens refer to them by index.</summary>
public sealed record SemanticTokensLegend(IReadOnlyList<string> TokenTypes, IReadOnlyList<string> TokenModifiers);

/// <summary>Completion's trigger characters.</summary>
public sealed record CompletionOptions(IReadOnlyList<string> TriggerCharacters, bool ResolveProvider);

/// <summary>Rename with <c>prepareRename</c>.</summary>
public sealed record RenameOptions(bool PrepareProvider);

/// <summary>Signature help's trigger characters.</summary>
public sealed record SignatureHelpOptions(IReadOnlyList<string> TriggerCharacters, IReadOnlyList<string> RetriggerCharacters);
