using System.Text.Json;

namespace Sox.LanguageServer.Protocol;

// The LSP 3.17 base structures (https://microsoft.github.io/language-server-protocol/specifications/lsp/3.17/specification/
// "Basic JSON Structures"). Property names are camelCase on the wire (LanguageServerHost's serializer options);
// optional members are null and left out.

/// <summary>A 0-based line and a 0-based character offset in UTF-16 code units (the 3.17 default position encoding).</summary>
public sealed record Position(int Line, int Character);

/// <summary>A half-open range of positions, as LSP writes it.</summary>
public sealed record Range(Position Start, Position End);

/// <summary>A range in a document named by its URI.</summary>
public sealed record Location(string Uri, Range Range);

/// <summary>Names a text document.</summary>
public sealed record TextDocumentIdentifier(string Uri);

/// <summary>Names a text document at a version.</summary>
public sealed record VersionedTextDocumentIdentifier(string Uri, int Version);

/// <summary>An opened document's full content.</summary>
public sealed record TextDocumentItem(string Uri, string LanguageId, int Version, string Text);

/// <summary>The parameters of every position request (definition, hover, …).</summary>
public record TextDocumentPositionParams(TextDocumentIdentifier TextDocument, Position Position);

/// <summary>A replacement of a range by new text.</summary>
public sealed record TextEdit(Range Range, string NewText);

/// <summary><c>window/logMessage</c> and <c>window/showMessage</c>; types 1 error, 2 warning, 3 info, 4 log.</summary>
public sealed record LogMessageParams(int Type, string Message);

/// <summary>The LSP error codes this server answers with (JSON-RPC's and LSP's own).</summary>
public static class ErrorCodes
{
    /// <summary>JSON-RPC: the method is not known.</summary>
    public const int MethodNotFound = -32601;

    /// <summary>JSON-RPC: the parameters do not fit the method.</summary>
    public const int InvalidParams = -32602;

    /// <summary>JSON-RPC: the server failed while handling the request.</summary>
    public const int InternalError = -32603;

    /// <summary>LSP: a request before <c>initialize</c>.</summary>
    public const int ServerNotInitialized = -32002;

    /// <summary>LSP: the request failed (e.g. a rename that cannot be done), not because of a bug.</summary>
    public const int RequestFailed = -32803;
}

/// <summary>Small helpers for optional JSON members clients send in different shapes.</summary>
internal static class Json
{
    public static string? String(JsonElement? element, string property) =>
        element is { ValueKind: JsonValueKind.Object } e && e.TryGetProperty(property, out var value) && value.ValueKind == JsonValueKind.String
            ? value.GetString()
            : null;
}
