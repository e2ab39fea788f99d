namespace Sox.LanguageServer.Protocol;

/// <summary>Parameters of requests about a whole document (symbols, folding, semantic tokens).</summary>
public sealed record DocumentParams(TextDocumentIdentifier TextDocument);

/// <summary>An outline entry; <see cref="Kind"/> is an LSP SymbolKind (<see cref="SymbolKinds"/>).</summary>
public sealed record DocumentSymbol(string Name, string? Detail, int Kind, Range Range, Range SelectionRange, IReadOnlyList<DocumentSymbol>? Children);

/// <summary>The LSP SymbolKind numbers this server uses.</summary>
public static class SymbolKinds
{
    public const int File = 1;
    public const int Module = 2;
    public const int Class = 5;
    public const int Method = 6;
    public const int Field = 8;
    public const int Constructor = 9;
    public const int Function = 12;
    public const int Variable = 13;
}

/// <summary>A foldable line range; <see cref="Kind"/> is "comment", "imports" or "region" (null: code).</summary>
public sealed record FoldingRange(int StartLine, int EndLine, string? Kind);

/// <summary>Semantic tokens: five integers per token, relative to the one before (LSP 3.17 "Semantic Tokens").</summary>
public sealed record SemanticTokens(IReadOnlyList<int> Data);

/// <summary><c>textDocument/formatting</c>; the options are fixed by the one canonical style and ignored.</summary>
public sealed record DocumentFormattingParams(TextDocumentIdentifier TextDocument, FormattingOptions? Options);

/// <summary>The client's formatting preferences (tab size and spaces), which <c>sox fmt</c> does not have.</summary>
public sealed record FormattingOptions(int TabSize, bool InsertSpaces);
