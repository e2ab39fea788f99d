using Sox.Compiler.Diagnostics;
using Sox.Compiler.Syntax;
using Sox.Compiler.Text;
using Sox.LanguageServer.Protocol;

namespace Sox.LanguageServer.Features;

/// <summary>
/// <c>textDocument/foldingRange</c>, from tokens alone so half-typed code folds too: every bracket pair that spans
/// lines (blocks, bodies, tables, arrays, long calls, grouped imports) folds from its opening line to the line before
/// its closer, which stays visible; runs of two or more <c>//</c> comment lines and block comments over several lines
/// fold as comments; consecutive <c>import</c> statements fold as imports.
/// </summary>
internal static class FoldingRanges
{
    public static IReadOnlyList<FoldingRange> Compute(string text)
    {
        var tokens = Lexer.Tokenize(new SourceText("", text), new DiagnosticBag());
        var lines = new TextLines(text);
        var ranges = new Dictionary<int, FoldingRange>();
        void Add(int startLine, int endLine, string? kind)
        {
            if (endLine <= startLine) return;
            // One range per start line (LSP clients keep one); the widest wins.
            if (!ranges.TryGetValue(startLine, out var existing) || existing.EndLine < endLine)
                ranges[startLine] = new FoldingRange(startLine, endLine, kind);
        }

        var open = new Stack<Token>();
        foreach (var token in tokens)
        {
            switch (token.Kind)
            {
                case TokenKind.LeftBrace or TokenKind.LeftParen or TokenKind.LeftBracket:
                    open.Push(token);
                    break;
                case TokenKind.RightBrace or TokenKind.RightParen or TokenKind.RightBracket:
                    // Unbalanced code: pop to the matching kind if there is one, else ignore the closer.
                    if (!open.Any(t => Closes(t.Kind, token.Kind))) break;
                    while (!Closes(open.Peek().Kind, token.Kind)) open.Pop();
                    var opener = open.Pop();
                    Add(lines.ToPosition(opener.Span.Start).Line, lines.ToPosition(token.Span.Start).Line - 1, null);
                    break;
            }
        }
        Imports(tokens, lines, Add);
        Comments(text, tokens, lines, Add);
        return ranges.Values.OrderBy(r => r.StartLine).ToList();
    }

    private static bool Closes(TokenKind open, TokenKind close) =>
        (open, close) is (TokenKind.LeftBrace, TokenKind.RightBrace) or (TokenKind.LeftParen, TokenKind.RightParen)
            or (TokenKind.LeftBracket, TokenKind.RightBracket);

    /// <summary>Consecutive top-level import statements: from the first <c>import</c> to the last one's last line.</summary>
    private static void Imports(IReadOnlyList<Token> tokens, TextLines lines, Action<int, int, string?> add)
    {
        int? first = null;
        var depth = 0;
        var previousLine = 0;
        for (var i = 0; i < tokens.Count; i++)
        {
            var token = tokens[i];
            var line = lines.ToPosition(token.Span.Start).Line;
            if (depth == 0 && (token.PrecededByNewline || i == 0 || token.Kind == TokenKind.EndOfFile))
            {
                if (token.Kind == TokenKind.Import) first ??= line;
                else if (first is not null)
                {
                    add(first.Value, previousLine, "imports");
                    first = null;
                }
            }
            if (token.Kind is TokenKind.LeftBrace or TokenKind.LeftParen or TokenKind.LeftBracket) depth++;
            else if (token.Kind is TokenKind.RightBrace or TokenKind.RightParen or TokenKind.RightBracket) depth = Math.Max(0, depth - 1);
            if (token.Kind != TokenKind.EndOfFile) previousLine = lines.ToPosition(Math.Max(token.Span.Start, token.Span.End - 1)).Line;
        }
    }

    private static void Comments(string text, IReadOnlyList<Token> tokens, TextLines lines, Action<int, int, string?> add)
    {
        int? runStart = null, runEnd = null;
        void EndRun()
        {
            if (runStart is not null && runEnd is not null) add(runStart.Value, runEnd.Value, "comment");
            runStart = runEnd = null;
        }
        var gapStart = 0;
        foreach (var token in tokens)
        {
            for (var i = gapStart; i + 1 < token.Span.Start; i++)
            {
                if (text[i] != '/' || text[i + 1] is not ('/' or '*')) continue;
                var line = lines.ToPosition(i).Line;
                var ownLine = text.AsSpan(lines.LineStart(line), i - lines.LineStart(line)).IsWhiteSpace();
                if (text[i + 1] == '/')
                {
                    if (ownLine && runEnd == line - 1) runEnd = line;
                    else
                    {
                        EndRun();
                        if (ownLine) runStart = runEnd = line;
                    }
                    var stop = text.IndexOf('\n', i);
                    i = stop < 0 ? token.Span.Start : stop - 1;
                }
                else
                {
                    EndRun();
                    var stop = text.IndexOf("*/", i + 2, StringComparison.Ordinal);
                    var end = stop < 0 ? text.Length : stop + 2;
                    add(line, lines.ToPosition(end).Line, "comment");
                    i = Math.Max(i, end - 1);
                }
            }
            // Code after the comments ends the run.
            EndRun();
            gapStart = Math.Max(gapStart, token.Span.End);
        }
        EndRun();
    }
}
