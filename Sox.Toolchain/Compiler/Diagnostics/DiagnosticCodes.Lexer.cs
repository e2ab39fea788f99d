namespace Sox.Compiler.Diagnostics;

/// <summary>Lexical diagnostics (§1), SOX1000–1099.</summary>
public static partial class DiagnosticCodes
{
    /// <summary>SOX1001 (error): <i>Unexpected character '{0}'.</i></summary>
    public static readonly DiagnosticDescriptor UnexpectedCharacter = Error("SOX1001", "Unexpected character", "Unexpected character '{0}'.");
    /// <summary>SOX1002 (error): <i>Unterminated string.</i></summary>
    public static readonly DiagnosticDescriptor UnterminatedString = Error("SOX1002", "Unterminated string", "Unterminated string.");
    /// <summary>SOX1003 (error): <i>Unterminated block comment.</i></summary>
    public static readonly DiagnosticDescriptor UnterminatedComment = Error("SOX1003", "Unterminated block comment", "Unterminated block comment.");
    /// <summary>SOX1004 (error): <i>Unknown escape sequence '\\{0}'.</i></summary>
    public static readonly DiagnosticDescriptor UnknownEscape = Error("SOX1004", "Unknown escape sequence", "Unknown escape sequence '\\{0}'.");
    /// <summary>
    /// SOX1005 (error): <i>Invalid unicode escape '{0}': expected \\u{{HEX}} with 1 to 6 hex digits naming a Unicode
    /// scalar value.</i>
    /// </summary>
    public static readonly DiagnosticDescriptor InvalidUnicodeEscape = Error("SOX1005", "Invalid unicode escape", "Invalid unicode escape '{0}': expected \\u{{HEX}} with 1 to 6 hex digits naming a Unicode scalar value.");
    /// <summary>SOX1006 (error): <i>Malformed attribute: expected '#[name]'.</i></summary>
    public static readonly DiagnosticDescriptor MalformedAttribute = Error("SOX1006", "Malformed attribute", "Malformed attribute: expected '#[name]'.");
    /// <summary>Reported once when a file has so many lexical errors that the rest are dropped (binary input).</summary>
    public static readonly DiagnosticDescriptor TooManyLexicalErrors = Error("SOX1007", "Too many lexical errors", "Too many lexical errors ({0}); the rest of this file's lexical errors are not reported.");
}
