using Sox.LanguageServer.Protocol;

namespace Sox.LanguageServer;

/// <summary>
/// Maps LSP positions (0-based line, UTF-16 character) to offsets in a text and back. Lines end at <c>\r\n</c>,
/// <c>\n</c> or <c>\r</c> as LSP 3.17 counts them ("Text Documents"), so a client and the server agree on every line;
/// the compiler counts <c>\n</c> only, and <see cref="FromCompilerLineColumn"/> converts its positions. Positions past
/// a line's end clamp to it, lines past the end to the end of the text ("If the character value is greater than the
/// line length it defaults back to the line length").
/// </summary>
internal sealed class TextLines
{
    private readonly string _text;
    private readonly int[] _starts;
    private int[]? _compilerStarts;

    public TextLines(string text)
    {
        _text = text;
        var starts = new List<int> { 0 };
        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] == '\n' || text[i] == '\r' && (i + 1 >= text.Length || text[i + 1] != '\n')) starts.Add(i + 1);
        }
        _starts = starts.ToArray();
    }

    public int Count => _starts.Length;

    public int LineStart(int line) => _starts[Math.Clamp(line, 0, _starts.Length - 1)];

    /// <summary>The offset just past the line's last character, before its line break.</summary>
    public int LineEnd(int line)
    {
        line = Math.Clamp(line, 0, _starts.Length - 1);
        if (line + 1 >= _starts.Length) return _text.Length;
        var end = _starts[line + 1] - 1;
        if (_text[end] == '\n' && end > _starts[line] && _text[end - 1] == '\r') end--;
        return end;
    }

    public int ToOffset(Position position)
    {
        if (position.Line < 0) return 0;
        if (position.Line >= _starts.Length) return _text.Length;
        var start = _starts[position.Line];
        return Math.Clamp(start + Math.Max(0, position.Character), start, LineEnd(position.Line));
    }

    public Position ToPosition(int offset)
    {
        offset = Math.Clamp(offset, 0, _text.Length);
        var line = Array.BinarySearch(_starts, offset);
        if (line < 0) line = ~line - 1;
        // Inside a "\r\n" pair: the position is the line's end.
        return new Position(line, Math.Min(offset, LineEnd(line)) - _starts[line]);
    }

    public Range ToRange(int start, int end) => new(ToPosition(start), ToPosition(end));

    /// <summary>The offset of a compiler position: 1-based line and column, lines ending at <c>\n</c> (SourceText).</summary>
    public int FromCompilerLineColumn(int line, int column)
    {
        _compilerStarts ??= CompilerLineStarts(_text);
        var index = Math.Clamp(line - 1, 0, _compilerStarts.Length - 1);
        var start = _compilerStarts[index];
        var end = index + 1 < _compilerStarts.Length ? _compilerStarts[index + 1] - 1 : _text.Length;
        return Math.Clamp(start + column - 1, start, end);
    }

    private static int[] CompilerLineStarts(string text)
    {
        var starts = new List<int> { 0 };
        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] == '\n') starts.Add(i + 1);
        }
        return starts.ToArray();
    }
}
