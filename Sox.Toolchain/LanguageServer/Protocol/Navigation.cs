using System.Text.Json;

namespace Sox.LanguageServer.Protocol;

/// <summary><c>textDocument/references</c>: whether the declarations are listed too.</summary>
public sealed record ReferenceParams(TextDocumentIdentifier TextDocument, Position Position, ReferenceContext? Context)
    : TextDocumentPositionParams(TextDocument, Position);

/// <summary>The references request's options.</summary>
public sealed record ReferenceContext(bool IncludeDeclaration);

/// <summary><c>textDocument/rename</c>.</summary>
public sealed record RenameParams(TextDocumentIdentifier TextDocument, Position Position, string NewName)
    : TextDocumentPositionParams(TextDocument, Position);

/// <summary><c>textDocument/completion</c>; the trigger context is not needed (the text before the cursor says it).</summary>
public sealed record CompletionParams(TextDocumentIdentifier TextDocument, Position Position, JsonElement? Context)
    : TextDocumentPositionParams(TextDocument, Position);

/// <summary><c>textDocument/signatureHelp</c>.</summary>
public sealed record SignatureHelpParams(TextDocumentIdentifier TextDocument, Position Position, JsonElement? Context)
    : TextDocumentPositionParams(TextDocument, Position);

/// <summary><c>workspace/symbol</c>.</summary>
public sealed record WorkspaceSymbolParams(string? Query);

/// <summary>Hover text: Markdown.</summary>
public sealed record Hover(MarkupContent Contents, Range? Range);

/// <summary>Text with its format, "markdown" or "plaintext".</summary>
public sealed record MarkupContent(string Kind, string Value);

/// <summary>The completion proposals; complete, so the client filters as the user types.</summary>
public sealed record CompletionList(bool IsIncomplete, IReadOnlyList<LspCompletionItem> Items);

/// <summary>One proposal; <see cref="InsertTextFormat"/> 1 plain text, 2 snippet.</summary>
public sealed record LspCompletionItem(string Label, int Kind, string? Detail, string InsertText, int InsertTextFormat);

/// <summary>Signature help: one signature, its active parameter.</summary>
public sealed record SignatureHelp(IReadOnlyList<SignatureInformation> Signatures, int ActiveSignature, int ActiveParameter);

/// <summary>A signature and its parameters (labels are substrings of the signature's label).</summary>
public sealed record SignatureInformation(string Label, string? Documentation, IReadOnlyList<ParameterInformation> Parameters);

/// <summary>One parameter of a signature.</summary>
public sealed record ParameterInformation(string Label);

/// <summary>What <c>prepareRename</c> answers: the range to rename and the current name.</summary>
public sealed record PrepareRenameResult(Range Range, string Placeholder);

/// <summary>Edits by document URI.</summary>
public sealed record WorkspaceEdit(IReadOnlyDictionary<string, IReadOnlyList<TextEdit>> Changes);

/// <summary>A workspace symbol (LSP SymbolInformation).</summary>
public sealed record SymbolInformation(string Name, int Kind, Location Location, string? ContainerName);
