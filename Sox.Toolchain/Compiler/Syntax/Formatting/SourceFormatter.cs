using System.Text;
using Sox.Compiler.Diagnostics;
using Sox.Compiler.Text;

namespace Sox.Compiler.Syntax.Formatting;

/// <summary>
/// <c>sox fmt</c>'s one canonical layout, token by token. The style, as the repository's own programs are written:
/// two spaces of indentation per line that opens a bracket, one space between tokens except where
/// <see cref="TokenSpacing"/> says none (calls, indexing, member access, unary operators, inside table and array
/// literals), a space after <c>,</c> and <c>:</c>, no semicolon where a line break already ends the statement,
/// comments kept where they are, no trailing whitespace, one newline at the end.
/// <para>
/// Every token stays on its line, and every line stays a line: line numbers are part of a program's behaviour (its
/// runtime errors print <c>[line N]</c>), so a formatted program is the same program, down to its line table.
/// Whether a file is worth formatting is the parser's call — a file with syntax errors is left alone — and whether
/// the result means the same is checked, not assumed: it must parse to the same tree (<see cref="AstPrinter"/>),
/// else the formatter keeps the semicolons it dropped, and failing that returns the file unchanged.
/// </para>
/// </summary>
public static class SourceFormatter
{
    /// <summary>Spaces per indentation level.</summary>
    public const int IndentWidth = 2;

    /// <summary>The canonical form of <paramref name="source"/>; <see cref="FormatResult.Text"/> is null when the file
    /// has errors (they are in <see cref="FormatResult.Diagnostics"/>).</summary>
    public static FormatResult Format(SourceText source)
    {
        // The parser lexes again and reports the lexer's diagnostics itself.
        var tokens = Lexer.Tokenize(source, new DiagnosticBag());
        var diagnostics = new DiagnosticBag();
        var tree = Parser.Parse(source, diagnostics);
        if (diagnostics.HasErrors) return new FormatResult(null, diagnostics.Items);
        var expected = AstPrinter.Print(tree);
        foreach (var dropSemicolons in new[] { true, false })
        {
            var text = new Layout(source.Text, tokens, dropSemicolons).Write();
            if (SameProgram(source.Path, text, expected)) return new FormatResult(text, diagnostics.Items);
        }
        // Never reached by any program we know of: a layout that changed the tree is a formatter bug, and the file is
        // better left as it is than changed in meaning.
        return new FormatResult(NormalizeEnding(source.Text), diagnostics.Items);
    }

    private static bool SameProgram(string path, string text, string expectedTree)
    {
        var diagnostics = new DiagnosticBag();
        var tree = Parser.Parse(new SourceText(path, text), diagnostics);
        return !diagnostics.HasErrors && AstPrinter.Print(tree) == expectedTree;
    }

    private static string NormalizeEnding(string text) => text.TrimEnd('\n', '\r', ' ', '\t') + "\n";

    /// <summary>Writes the tokens line by line with their comments, the computed indentation and spacing.</summary>
    private sealed class Layout(string text, IReadOnlyList<Token> tokens, bool dropSemicolons)
    {
        private readonly StringBuilder _out = new();
        private readonly BracketStack _brackets = new();
        private int _line;
        private bool _lineStarted;

        public string Write()
        {
            // A byte-order mark is not part of the program (Lexer.Run) and is not kept.
            var position = text.Length > 0 && text[0] == '\uFEFF' ? 1 : 0;
            Token? previous = null;
            var afterComment = false;
            for (var i = 0; i < tokens.Count; i++)
            {
                var token = tokens[i];
                foreach (var piece in Trivia.Read(text, position, token.Span.Start))
                {
                    if (piece.Kind == TriviaKind.Newline)
                    {
                        EndLine();
                        continue;
                    }
                    // A comment on its own line is indented like the code around it; after code, one space apart.
                    if (!_lineStarted) StartLine(_brackets.Depth);
                    else Space();
                    _out.Append(piece.Text);
                    _line += CountNewlines(piece.Text);
                    afterComment = true;
                }
                position = token.Span.End;
                if (token.Kind == TokenKind.EndOfFile) break;
                if (dropSemicolons && token.Kind == TokenKind.Semicolon && EndsStatementByItself(i)) continue;

                if (!_lineStarted)
                    StartLine(_brackets.DepthOfLineStartingAt(tokens, i) + (!_brackets.InsideParenOrBracket && IsContinuation(previous, token) ? 1 : 0));
                else if (afterComment || (previous is { } p && TokenSpacing.SpaceBetween(p, token, tokens, i))) Space();
                _out.Append(text, token.Span.Start, token.Span.Length);
                _line += CountNewlines(text.AsSpan(token.Span.Start, token.Span.Length));
                _brackets.Track(token.Kind, _line);
                previous = token;
                afterComment = false;
            }
            var result = _out.ToString().TrimEnd(' ', '\n');
            return result.Length == 0 ? "" : result + "\n";
        }

        /// <summary>
        /// A <c>;</c> that only repeats what the line break, the <c>}</c> or the end of the file after it already says
        /// (§4: a semicolon is optional at the end of a statement).
        /// </summary>
        private bool EndsStatementByItself(int i) =>
            tokens[i + 1].Kind is TokenKind.EndOfFile or TokenKind.RightBrace || tokens[i + 1].PrecededByNewline;

        /// <summary>
        /// A line that continues an expression of the line before without a bracket to show it: the line before ends
        /// with a binary operator or <c>=</c>, or this one starts with <c>.</c>, <c>and</c> or <c>or</c>.
        /// </summary>
        private static bool IsContinuation(Token? previous, Token token) =>
            (previous is { } p && (TokenSpacing.IsBinaryOperator(p.Kind) || p.Kind is TokenKind.Equal or TokenKind.Dot))
            || token.Kind is TokenKind.Dot or TokenKind.And or TokenKind.Or;

        private void StartLine(int depth)
        {
            _out.Append(' ', Math.Max(0, depth) * IndentWidth);
            _lineStarted = true;
        }

        private void EndLine()
        {
            var end = _out.Length;
            while (end > 0 && _out[end - 1] == ' ') end--;
            _out.Length = end;
            _out.Append('\n');
            _line++;
            _lineStarted = false;
        }

        private void Space()
        {
            if (_out.Length > 0 && _out[^1] is not (' ' or '\n')) _out.Append(' ');
        }

        private static int CountNewlines(ReadOnlySpan<char> s)
        {
            var n = 0;
            foreach (var c in s) if (c == '\n') n++;
            return n;
        }
    }
}
