namespace Sox.Compiler.Syntax.Formatting;

/// <summary>What lies between two tokens that the formatter keeps: line breaks and comments (§1).</summary>
internal enum TriviaKind
{
    Newline,
    LineComment,
    BlockComment,
}

/// <summary>One line break or one comment, with its text (a comment's, verbatim).</summary>
internal readonly record struct TriviaPiece(TriviaKind Kind, string Text);

/// <summary>Splits the text between two tokens into line breaks and comments; spaces, tabs and <c>\r</c> are dropped
/// (the formatter writes its own), as the lexer skips them (<c>Lexer.SkipTrivia</c>).</summary>
internal static class Trivia
{
    public static IReadOnlyList<TriviaPiece> Read(string text, int start, int end)
    {
        var pieces = new List<TriviaPiece>();
        var i = start;
        while (i < end)
        {
            var c = text[i];
            if (c == '\n') { pieces.Add(new TriviaPiece(TriviaKind.Newline, "\n")); i++; }
            else if (c == '/' && i + 1 < end && text[i + 1] == '/')
            {
                var stop = text.IndexOf('\n', i);
                if (stop < 0 || stop > end) stop = end;
                pieces.Add(new TriviaPiece(TriviaKind.LineComment, text[i..stop].TrimEnd(' ', '\t', '\r')));
                i = stop;
            }
            else if (c == '/' && i + 1 < end && text[i + 1] == '*')
            {
                // §1: the first "*/" ends it (the lexer has checked it is there: a file with errors is not formatted).
                var stop = text.IndexOf("*/", i + 2, StringComparison.Ordinal);
                stop = stop < 0 || stop + 2 > end ? end : stop + 2;
                pieces.Add(new TriviaPiece(TriviaKind.BlockComment, text[i..stop].Replace("\r\n", "\n")));
                i = stop;
            }
            else i++;
        }
        return pieces;
    }
}
