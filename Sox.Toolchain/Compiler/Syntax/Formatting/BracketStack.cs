namespace Sox.Compiler.Syntax.Formatting;

/// <summary>
/// The brackets open at a point of the file, each with the line it was opened on. A line is indented once for every
/// earlier line that left brackets open, however many it opened: <c>f(a, fn () {</c> indents its body once, and the
/// <c>})</c> that closes both comes back to where that line started.
/// </summary>
internal sealed class BracketStack
{
    private readonly List<(TokenKind Kind, int Line)> _open = [];

    /// <summary>The indentation of a line whose code is what is open now.</summary>
    public int Depth => DistinctLines(_open.Count);

    /// <summary>The indentation of the line that starts with token <paramref name="i"/>: the brackets its leading
    /// closers (<c>}</c>, <c>)</c>, <c>]</c> before anything else on the line) close do not count.</summary>
    public int DepthOfLineStartingAt(IReadOnlyList<Token> tokens, int i)
    {
        var closers = 0;
        for (var k = i; k < tokens.Count && IsCloser(tokens[k].Kind) && (k == i || !tokens[k].PrecededByNewline); k++) closers++;
        return DistinctLines(Math.Max(0, _open.Count - closers));
    }

    /// <summary>True when the innermost open bracket is a <c>(</c> or <c>[</c>: its lines are indented by it, and
    /// an operator at the end of one does not indent the next again.</summary>
    public bool InsideParenOrBracket => _open.Count > 0 && _open[^1].Kind is TokenKind.LeftParen or TokenKind.LeftBracket;

    /// <summary>Follows a token written on <paramref name="line"/>.</summary>
    public void Track(TokenKind kind, int line)
    {
        if (kind is TokenKind.LeftBrace or TokenKind.LeftParen or TokenKind.LeftBracket) _open.Add((kind, line));
        else if (IsCloser(kind) && _open.Count > 0) _open.RemoveAt(_open.Count - 1);
    }

    private static bool IsCloser(TokenKind kind) => kind is TokenKind.RightBrace or TokenKind.RightParen or TokenKind.RightBracket;

    private int DistinctLines(int count)
    {
        var lines = 0;
        for (var k = 0; k < count; k++)
        {
            if (k == 0 || _open[k].Line != _open[k - 1].Line) lines++;
        }
        return lines;
    }
}
