namespace Sox.LanguageServer.Protocol;

/// <summary><c>textDocument/publishDiagnostics</c>: the whole current set for one document (an empty list clears it).</summary>
public sealed record PublishDiagnosticsParams(string Uri, int? Version, IReadOnlyList<LspDiagnostic> Diagnostics);

/// <summary>
/// A diagnostic as LSP has it: severity 1 error, 2 warning; <c>code</c> the compiler's <c>SOXnnnn</c>, <c>source</c>
/// "sox".
/// </summary>
public sealed record LspDiagnostic(
    Range Range,
    int Severity,
    string Code,
    string Source,
    string Message,
    IReadOnlyList<DiagnosticRelatedInformation>? RelatedInformation);

/// <summary>Another place a diagnostic concerns (a module of an import chain or cycle).</summary>
public sealed record DiagnosticRelatedInformation(Location Location, string Message);
