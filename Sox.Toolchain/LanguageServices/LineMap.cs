using Sox.Compiler.Text;

namespace Sox.LanguageServices;

/// <summary>
/// Converts between UTF-16 offsets of a document's text and LSP positions. LSP counts <c>\n</c>, <c>\r\n</c> and a
/// lone <c>\r</c> as line breaks (LSP 3.17 "Text Documents"), so this index is its own rather than
/// <see cref="SourceText"/>'s, which breaks lines at <c>\n</c> only.
/// </summary>
internal sealed class LineMap
{
    private readonly int[] _starts;
    private readonly int _length;
    private readonly string _text;

    public LineMap(string text)
    {
        _text = text;
        _length = text.Length;
        var starts = new List<int> { 0 };
        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] == '\r')
            {
                if (i + 1 < text.Length && text[i + 1] == '\n') i++;
                starts.Add(i + 1);
            }
            else if (text[i] == '\n') starts.Add(i + 1);
        }
        _starts = starts.ToArray();
    }

    /// <summary>The offset of a position, clamped into the text (a character past the line's end is its end).</summary>
    public int ToOffset(LinePosition position)
    {
        if (position.Line < 0) return 0;
        if (position.Line >= _starts.Length) return _length;
        var start = _starts[position.Line];
        var end = position.Line + 1 < _starts.Length ? _starts[position.Line + 1] : _length;
        // The line's end is before its line break (LSP: a character past the line's length means its end).
        if (end > start && _text[end - 1] == '\n') end--;
        if (end > start && _text[end - 1] == '\r') end--;
        return start + Math.Clamp(position.Character, 0, end - start);
    }

    public LinePosition ToPosition(int offset)
    {
        offset = Math.Clamp(offset, 0, _length);
        var line = Array.BinarySearch(_starts, offset);
        if (line < 0) line = ~line - 1;
        return new LinePosition(line, offset - _starts[line]);
    }

    public int LineCount => _starts.Length;

    /// <summary>True for a position on a line of the text (the character is clamped to the line anyway).</summary>
    public bool Contains(LinePosition position) => position.Line >= 0 && position.Line < _starts.Length;

    /// <summary>The text of a 0-based line without its line break; empty outside the text.</summary>
    public string LineText(string text, int line)
    {
        if (line < 0 || line >= _starts.Length) return "";
        var end = line + 1 < _starts.Length ? _starts[line + 1] : _length;
        return text[_starts[line]..end].TrimEnd('\r', '\n');
    }

    public LineRange ToRange(TextSpan span) => new(ToPosition(span.Start), ToPosition(span.End));
}
