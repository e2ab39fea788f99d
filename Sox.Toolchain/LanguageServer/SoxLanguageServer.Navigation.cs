using Sox.Compiler.Semantics;
using Sox.LanguageServer.Protocol;
using Sox.LanguageServices;
using StreamJsonRpc;
using Services = Sox.LanguageServices;

namespace Sox.LanguageServer;

/// <summary>
/// The semantic queries, answered by Sox.LanguageServices over the module graphs of the workspace's analyses (the
/// same front-end runs diagnostics use): one document's program for definition, hover, completion and signature help;
/// every open document's program and every indexed closed file's (<see cref="WorkspaceIndex"/>) for references, rename
/// and workspace symbols. This part only maps positions, paths and kinds between LSP and that library.
/// </summary>
internal sealed partial class SoxLanguageServer
{
    private static ServerCapabilities NavigationCapabilities(ServerCapabilities capabilities) => capabilities with
    {
        DefinitionProvider = true,
        ReferencesProvider = true,
        HoverProvider = true,
        CompletionProvider = new CompletionOptions(["."], false),
        RenameProvider = new RenameOptions(true),
        SignatureHelpProvider = new SignatureHelpOptions(["(", ","], [","]),
        WorkspaceSymbolProvider = true,
    };

    [JsonRpcMethod("textDocument/definition", UseSingleObjectParameterDeserialization = true)]
    public Task<IReadOnlyList<Protocol.Location>> Definition(TextDocumentPositionParams parameters, CancellationToken cancellation)
    {
        var document = Document(parameters.TextDocument);
        return Run("textDocument/definition", cancellation, () => document is null ? [] :
            Locations(LanguageService.Definition(Graph(document), document.Path, At(parameters.Position))));
    }

    [JsonRpcMethod("textDocument/references", UseSingleObjectParameterDeserialization = true)]
    public Task<IReadOnlyList<Protocol.Location>> References(ReferenceParams parameters, CancellationToken cancellation)
    {
        var document = Document(parameters.TextDocument);
        var open = _workspace.OpenDocuments;
        return Run("textDocument/references", cancellation, () => document is null ? [] :
            Locations(LanguageService.References(WorkspaceGraphs(open, document, cancellation), document.Path, At(parameters.Position), parameters.Context?.IncludeDeclaration ?? true)));
    }

    [JsonRpcMethod("textDocument/hover", UseSingleObjectParameterDeserialization = true)]
    public Task<Hover?> Hover(TextDocumentPositionParams parameters, CancellationToken cancellation)
    {
        var document = Document(parameters.TextDocument);
        return Run("textDocument/hover", cancellation, () =>
            document is not null && LanguageService.Hover(Graph(document), document.Path, At(parameters.Position)) is { } hover
                ? new Hover(new MarkupContent("markdown", hover.Markdown), ToRange(hover.Range))
                : null);
    }

    [JsonRpcMethod("textDocument/completion", UseSingleObjectParameterDeserialization = true)]
    public Task<CompletionList> Completion(CompletionParams parameters, CancellationToken cancellation)
    {
        var document = Document(parameters.TextDocument);
        return Run("textDocument/completion", cancellation, () => new CompletionList(false, document is null ? [] :
            LanguageService.Completion(Graph(document), document.Path, At(parameters.Position))
                .Select(i => new LspCompletionItem(i.Label, CompletionKind(i.Kind), i.Detail, i.InsertText, i.IsSnippet ? 2 : 1))
                .ToList()));
    }

    [JsonRpcMethod("textDocument/signatureHelp", UseSingleObjectParameterDeserialization = true)]
    public Task<SignatureHelp?> SignatureHelp(SignatureHelpParams parameters, CancellationToken cancellation)
    {
        var document = Document(parameters.TextDocument);
        return Run("textDocument/signatureHelp", cancellation, () =>
            document is not null && LanguageService.SignatureHelp(Graph(document), document.Path, At(parameters.Position)) is { } help
                ? new SignatureHelp(
                    [new SignatureInformation(help.Label, help.Documentation, help.Parameters.Select(p => new ParameterInformation(p)).ToList())],
                    0, help.ActiveParameter)
                : null);
    }

    [JsonRpcMethod("textDocument/prepareRename", UseSingleObjectParameterDeserialization = true)]
    public Task<Protocol.PrepareRenameResult?> PrepareRename(TextDocumentPositionParams parameters, CancellationToken cancellation)
    {
        var document = Document(parameters.TextDocument);
        var open = _workspace.OpenDocuments;
        return Run("textDocument/prepareRename", cancellation, () =>
        {
            if (document is null) return null;
            var result = LanguageService.PrepareRename(WorkspaceGraphs(open, document, cancellation), document.Path, At(parameters.Position));
            // LSP 3.17: an error response carries the reason the editor shows; null would say nothing.
            if (result.Error is not null || result.Range is null)
                throw new LocalRpcException(result.Error ?? "Nothing to rename here.") { ErrorCode = ErrorCodes.RequestFailed };
            return new Protocol.PrepareRenameResult(ToRange(result.Range.Value), result.Placeholder);
        });
    }

    [JsonRpcMethod("textDocument/rename", UseSingleObjectParameterDeserialization = true)]
    public Task<WorkspaceEdit> Rename(RenameParams parameters, CancellationToken cancellation)
    {
        var document = Document(parameters.TextDocument);
        var open = _workspace.OpenDocuments;
        return Run("textDocument/rename", cancellation, () =>
        {
            if (document is null) throw new LocalRpcException("The document is not open.") { ErrorCode = ErrorCodes.RequestFailed };
            var result = LanguageService.Rename(WorkspaceGraphs(open, document, cancellation), document.Path, At(parameters.Position), parameters.NewName);
            if (result.Error is not null) throw new LocalRpcException(result.Error) { ErrorCode = ErrorCodes.RequestFailed };
            return new WorkspaceEdit(result.Edits.ToDictionary(
                e => UriOf(e.Key),
                e => (IReadOnlyList<Protocol.TextEdit>)e.Value.Select(t => new Protocol.TextEdit(ToRange(t.Range), t.NewText)).ToList()));
        });
    }

    [JsonRpcMethod("workspace/symbol", UseSingleObjectParameterDeserialization = true)]
    public Task<IReadOnlyList<SymbolInformation>> WorkspaceSymbol(WorkspaceSymbolParams parameters, CancellationToken cancellation)
    {
        RequireInitialized();
        var open = _workspace.OpenDocuments;
        return Run("workspace/symbol", cancellation, () => (IReadOnlyList<SymbolInformation>)LanguageService
            .WorkspaceSymbols(WorkspaceGraphs(open, null, cancellation), parameters.Query ?? "")
            .Select(s => new SymbolInformation(s.Name, SymbolKind(s.Kind), ToLocation(s.Location), s.Container))
            .ToList());
    }

    private ModuleGraph? Graph(DocumentState document) => _workspace.Analyze(document).Result.Graph;

    /// <summary>Semantic tokens with the names classified by <see cref="LanguageService.ClassifyNames"/> where it knows them.</summary>
    private Protocol.SemanticTokens SemanticTokens(DocumentState document)
    {
        var graph = Graph(document);
        var names = new Dictionary<int, (int, int)>();
        foreach (var name in LanguageService.ClassifyNames(graph, document.Path))
        {
            if (TokenType(name.Kind) is not { } type) continue;
            var modifiers = (name.IsDeclaration ? SemanticTokenLegend.Declaration : 0) | (name.Kind == SoxSymbolKind.Builtin ? SemanticTokenLegend.DefaultLibrary : 0);
            names[document.Lines.ToOffset(new Position(name.Range.Start.Line, name.Range.Start.Character))] = (type, modifiers);
        }
        return Features.SemanticTokenClassifier.Tokens(document.Text, graph?.Entry, names);
    }

    /// <summary>The semantic token type of what a name denotes; null for what the lexer already classifies.</summary>
    private static int? TokenType(SoxSymbolKind kind) => kind switch
    {
        SoxSymbolKind.Local or SoxSymbolKind.Upvalue or SoxSymbolKind.Global => SemanticTokenLegend.Variable,
        SoxSymbolKind.Parameter => SemanticTokenLegend.Parameter,
        SoxSymbolKind.Function or SoxSymbolKind.Builtin or SoxSymbolKind.Extern or SoxSymbolKind.Export => SemanticTokenLegend.Function,
        SoxSymbolKind.Class => SemanticTokenLegend.Class,
        SoxSymbolKind.Method => SemanticTokenLegend.Method,
        SoxSymbolKind.Field => SemanticTokenLegend.Property,
        SoxSymbolKind.Module => SemanticTokenLegend.Namespace,
        _ => null,
    };

    /// <summary>The programs of every open document, the asking document's first.</summary>
    private List<ModuleGraph?> Graphs(IReadOnlyCollection<DocumentState> open, DocumentState? first) =>
        (first is null ? open : open.Where(d => d.Path != first.Path).Prepend(first)).Select(Graph).ToList();

    private static Services.LinePosition At(Position position) => new(position.Line, position.Character);

    private static Range ToRange(LineRange range) =>
        new(new Position(range.Start.Line, range.Start.Character), new Position(range.End.Line, range.End.Character));

    private Protocol.Location ToLocation(Services.Location location) => new(UriOf(location.Path), ToRange(location.Range));

    private IReadOnlyList<Protocol.Location> Locations(IReadOnlyList<Services.Location> locations) => locations.Select(ToLocation).ToList();

    /// <summary>An open document keeps the URI its client gave it; any other file gets its <c>file:</c> URI.</summary>
    private string UriOf(string path) => _workspace.GetByPath(path)?.Uri ?? DocumentUri.FromPath(path);

    /// <summary>LSP CompletionItemKind.</summary>
    private static int CompletionKind(SoxSymbolKind kind) => kind switch
    {
        SoxSymbolKind.Local or SoxSymbolKind.Parameter or SoxSymbolKind.Upvalue or SoxSymbolKind.Global or SoxSymbolKind.This => 6,
        SoxSymbolKind.Function or SoxSymbolKind.Builtin or SoxSymbolKind.Extern or SoxSymbolKind.Export => 3,
        SoxSymbolKind.Class => 7,
        SoxSymbolKind.Method => 2,
        SoxSymbolKind.Field => 5,
        SoxSymbolKind.Module => 9,
        SoxSymbolKind.Keyword => 14,
        SoxSymbolKind.Snippet => 15,
        _ => 1,
    };

    /// <summary>LSP SymbolKind.</summary>
    private static int SymbolKind(SoxSymbolKind kind) => kind switch
    {
        SoxSymbolKind.Function or SoxSymbolKind.Builtin or SoxSymbolKind.Extern or SoxSymbolKind.Export => SymbolKinds.Function,
        SoxSymbolKind.Class => SymbolKinds.Class,
        SoxSymbolKind.Method => SymbolKinds.Method,
        SoxSymbolKind.Field => SymbolKinds.Field,
        SoxSymbolKind.Module => SymbolKinds.Module,
        _ => SymbolKinds.Variable,
    };
}
