using Sox.Compiler.Syntax;

namespace Sox.LanguageServices;

/// <summary>
/// Reading the token stream around the cursor, for queries on half-typed code: which token is before the cursor,
/// whether the cursor is in a comment or a string, which class a position is in by its braces.
/// </summary>
internal static class TokenScan
{
    /// <summary>The index of the last token that starts before <paramref name="offset"/>, or -1.</summary>
    public static int LastBefore(IReadOnlyList<Token> tokens, int offset)
    {
        int low = 0, high = tokens.Count - 1, found = -1;
        while (low <= high)
        {
            var mid = (low + high) / 2;
            if (tokens[mid].Kind != TokenKind.EndOfFile && tokens[mid].Span.Start < offset)
            {
                found = mid;
                low = mid + 1;
            }
            else high = mid - 1;
        }
        return found;
    }

    /// <summary>
    /// True when the cursor is inside a string or character run the lexer made one token of, or in a comment
    /// (the text between the previous token and the cursor holds <c>//</c> on the cursor's line or an open <c>/*</c>).
    /// </summary>
    public static bool InCommentOrString(string text, IReadOnlyList<Token> tokens, int index, int offset)
    {
        var gapStart = 0;
        if (index >= 0)
        {
            var token = tokens[index];
            if (offset < token.Span.End) return token.Kind is TokenKind.String or TokenKind.Bad or TokenKind.Attribute;
            gapStart = token.Span.End;
        }
        var gap = text[gapStart..Math.Min(offset, text.Length)];
        var lineStart = Math.Max(gap.LastIndexOf('\n'), gap.LastIndexOf('\r')) + 1;
        if (gap.IndexOf("//", lineStart, StringComparison.Ordinal) >= 0) return true;
        var open = gap.LastIndexOf("/*", StringComparison.Ordinal);
        return open >= 0 && gap.IndexOf("*/", open + 2, StringComparison.Ordinal) < 0;
    }

    public static bool IsWord(TokenKind kind) => kind == TokenKind.Identifier || kind is >= TokenKind.And and <= TokenKind.While;

    /// <summary>The name of the class whose braces enclose token <paramref name="index"/>, by matching braces backwards.</summary>
    public static string? EnclosingClassName(IReadOnlyList<Token> tokens, int index)
    {
        var depth = 0;
        for (var i = index; i >= 0; i--)
        {
            switch (tokens[i].Kind)
            {
                case TokenKind.RightBrace: depth++; break;
                case TokenKind.LeftBrace when depth > 0: depth--; break;
                case TokenKind.LeftBrace:
                    // class Name {  or  class Name < Super {
                    if (i >= 2 && tokens[i - 1].Kind == TokenKind.Identifier && tokens[i - 2].Kind == TokenKind.Class) return tokens[i - 1].Text;
                    if (i >= 4 && tokens[i - 2].Kind == TokenKind.Less && tokens[i - 3].Kind == TokenKind.Identifier && tokens[i - 4].Kind == TokenKind.Class) return tokens[i - 3].Text;
                    break;
            }
        }
        return null;
    }
}
