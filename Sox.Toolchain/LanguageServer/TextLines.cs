using Sox.LanguageServer.Protocol;

namespace Sox.LanguageServer;

/// <summary>
/// Maps LSP positions (0-based line, UTF-16 character) to offsets in a text and back. Lines end at <c>\n</c>, as the
/// compiler's <c>SourceText</c> counts them, so a diagnostic's line is the build's; a <c>\r</c> before the <c>\n</c>
/// belongs to its line. Positions past a line's end clamp to it, lines past the end to the end of the text (LSP 3.17:
/// "If the character value is greater than the line length it defaults back to the line length").
/// </summary>
internal sealed class TextLines
{
    private readonly string _text;
    private readonly int[] _starts;

    public TextLines(string text)
    {
        _text = text;
        var starts = new List<int> { 0 };
        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] == '\n') starts.Add(i + 1);
        }
        _starts = starts.ToArray();
    }

    public int Count => _starts.Length;

    public int LineStart(int line) => _starts[Math.Clamp(line, 0, _starts.Length - 1)];

    /// <summary>The offset just past the line's last character, before its <c>\r\n</c> or <c>\n</c>.</summary>
    public int LineEnd(int line)
    {
        line = Math.Clamp(line, 0, _starts.Length - 1);
        var end = line + 1 < _starts.Length ? _starts[line + 1] - 1 : _text.Length;
        if (end > _starts[line] && _text[end - 1] == '\r' && end < _text.Length) end--;
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
        return new Position(line, offset - _starts[line]);
    }

    public Range ToRange(int start, int end) => new(ToPosition(start), ToPosition(end));

    /// <summary>The offset of a compiler location (1-based line and column).</summary>
    public int FromLineColumn(int line, int column) => ToOffset(new Position(line - 1, column - 1));
}
