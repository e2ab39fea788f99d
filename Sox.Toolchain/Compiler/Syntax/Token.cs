using Sox.Compiler.Text;

namespace Sox.Compiler.Syntax;

/// <summary>
/// A token. <see cref="Text"/> is the source text for identifiers and keywords, the attribute name for
/// <see cref="TokenKind.Attribute"/>; <see cref="StringValue"/> is the decoded value of a string literal
/// (escapes applied) and <see cref="NumberValue"/> the value of a number literal.
/// </summary>
public readonly record struct Token(TokenKind Kind, TextSpan Span, string Text, double NumberValue = 0, string? StringValue = null)
{
    /// <summary>True when a line break separates this token from the one before it (set by the lexer).</summary>
    public bool PrecededByNewline { get; init; }

    /// <summary><c>Kind 'text' [start..end)</c>, for test failures and token dumps.</summary>
    public override string ToString() => $"{Kind} '{Text}' {Span}";
}
