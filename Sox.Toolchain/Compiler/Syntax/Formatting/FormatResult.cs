using Sox.Compiler.Diagnostics;

namespace Sox.Compiler.Syntax.Formatting;

/// <summary>What <see cref="SourceFormatter.Format"/> made of a file.</summary>
/// <param name="Text">The formatted text; null when the file has errors and was not formatted.</param>
/// <param name="Diagnostics">The lexer's and parser's diagnostics (errors explain a null <paramref name="Text"/>).</param>
public sealed record FormatResult(string? Text, IReadOnlyList<Diagnostic> Diagnostics);
