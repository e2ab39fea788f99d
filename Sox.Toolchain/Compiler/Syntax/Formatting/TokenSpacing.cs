namespace Sox.Compiler.Syntax.Formatting;

/// <summary>
/// Whether one space separates two tokens on a line. One space is the rule; none inside <c>( )</c> and <c>[ ]</c>,
/// before <c>, ; : . )</c>, after <c>.</c> and a unary <c>-</c> or <c>!</c>, between a callee and its <c>(</c> or an
/// indexed value and its <c>[</c>, and inside the braces of a table literal (<c>{a: 1}</c>, as Sox prints tables),
/// while a block keeps its spaces (<c>{ return 1 }</c>).
/// </summary>
internal static class TokenSpacing
{
    /// <summary>True when a space goes between <paramref name="a"/> and token <paramref name="i"/> of <paramref name="tokens"/>.</summary>
    public static bool SpaceBetween(Token a, Token b, IReadOnlyList<Token> tokens, int i)
    {
        // `for (var i = 0; ; i = i + 1)`: an omitted clause keeps its space.
        if (a.Kind == TokenKind.Semicolon && b.Kind == TokenKind.Semicolon) return true;
        if (b.Kind is TokenKind.RightParen or TokenKind.RightBracket or TokenKind.Comma or TokenKind.Semicolon
            or TokenKind.Dot or TokenKind.Colon) return false;
        if (a.Kind is TokenKind.LeftParen or TokenKind.LeftBracket or TokenKind.Dot) return false;
        // A unary operator binds to its operand, except to another minus (`- -3`, never `--3`).
        if (a.Kind == TokenKind.Bang || (a.Kind == TokenKind.Minus && IsUnary(tokens, i - 1)))
            return b.Kind == TokenKind.Minus;
        if (b.Kind is TokenKind.LeftParen or TokenKind.LeftBracket && (EndsOperand(a.Kind) || (b.Kind == TokenKind.LeftParen && a.Kind == TokenKind.Assert)))
            return false;
        // `{}` empty, block or table; a table's braces hug their contents.
        if (a.Kind == TokenKind.LeftBrace && b.Kind == TokenKind.RightBrace) return false;
        if (a.Kind == TokenKind.LeftBrace && IsTableBrace(tokens, i - 1)) return false;
        if (b.Kind == TokenKind.RightBrace && IsTableBrace(tokens, InnermostOpener(tokens, i - 1))) return false;
        // A slice's colon hugs its bounds: `a[1:3]`, as an index does.
        if (a.Kind == TokenKind.Colon && IsIndexBracket(tokens, InnermostOpener(tokens, i - 1))) return false;
        return true;
    }

    /// <summary>The binary operators (§3): a line that ends with one continues on the next.</summary>
    public static bool IsBinaryOperator(TokenKind kind) => kind is TokenKind.Plus or TokenKind.Minus or TokenKind.Star
        or TokenKind.Slash or TokenKind.Percent or TokenKind.EqualEqual or TokenKind.BangEqual or TokenKind.Less
        or TokenKind.LessEqual or TokenKind.Greater or TokenKind.GreaterEqual or TokenKind.And or TokenKind.Or;

    /// <summary>Tokens an operand can end with: after one, <c>-</c> is binary, <c>(</c> a call and <c>[</c> an index.</summary>
    private static bool EndsOperand(TokenKind kind) => kind is TokenKind.Identifier or TokenKind.Number or TokenKind.String
        or TokenKind.True or TokenKind.False or TokenKind.Nil or TokenKind.This or TokenKind.Super
        or TokenKind.RightParen or TokenKind.RightBracket or TokenKind.RightBrace;

    /// <summary>A <c>-</c> at <paramref name="minus"/> is unary unless an operand ends just before it on its line (one
    /// that starts a line reads as a sign, whatever the parser makes of it: the formatter never joins the lines).</summary>
    private static bool IsUnary(IReadOnlyList<Token> tokens, int minus) =>
        minus == 0 || tokens[minus].PrecededByNewline || !EndsOperand(tokens[minus - 1].Kind);

    /// <summary>A <c>[</c> that indexes (or slices) the operand before it, rather than beginning an array literal.</summary>
    private static bool IsIndexBracket(IReadOnlyList<Token> tokens, int bracket) =>
        bracket > 0 && tokens[bracket].Kind == TokenKind.LeftBracket && EndsOperand(tokens[bracket - 1].Kind);

    /// <summary>The innermost bracket still open at token <paramref name="i"/> (inclusive), or -1.</summary>
    private static int InnermostOpener(IReadOnlyList<Token> tokens, int i)
    {
        var depth = 0;
        for (var k = i; k >= 0; k--)
        {
            if (tokens[k].Kind is TokenKind.RightBrace or TokenKind.RightParen or TokenKind.RightBracket) depth++;
            else if (tokens[k].Kind is TokenKind.LeftBrace or TokenKind.LeftParen or TokenKind.LeftBracket && depth-- == 0) return k;
        }
        return -1;
    }

    /// <summary>
    /// A <c>{</c> begins a table literal where an operand is expected: after an operator, <c>=</c>, <c>(</c>,
    /// <c>[</c>, <c>,</c>, <c>:</c>, or a keyword that takes an expression (<c>return</c>, <c>print</c>, <c>in</c>, …);
    /// after an operand (<c>)</c>, a name, a number, <c>}</c>) or at the start of a statement it begins a block (§4).
    /// </summary>
    private static bool IsTableBrace(IReadOnlyList<Token> tokens, int brace)
    {
        if (brace <= 0 || tokens[brace].Kind != TokenKind.LeftBrace) return false;
        var before = tokens[brace - 1].Kind;
        return IsBinaryOperator(before) || before is TokenKind.Equal or TokenKind.LeftParen or TokenKind.LeftBracket
            or TokenKind.Comma or TokenKind.Colon or TokenKind.Bang or TokenKind.Return or TokenKind.Print or TokenKind.In
            or TokenKind.Assert
            || (before == TokenKind.LeftBrace && IsTableBrace(tokens, brace - 1));
    }
}
