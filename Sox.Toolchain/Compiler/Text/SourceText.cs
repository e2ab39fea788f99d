namespace Sox.Compiler.Text;

/// <summary>
/// The text of one source file with its path and a line index, so spans (UTF-16 offsets into
/// <see cref="Text"/>) map to 1-based line and column numbers for diagnostics and line tables.
/// </summary>
public sealed class SourceText
{
    private readonly int[] _lineStarts;

    /// <summary>Indexes the line starts of <paramref name="text"/>, read from <paramref name="path"/>.</summary>
    public SourceText(string path, string text)
    {
        Path = path;
        Text = text;
        var starts = new List<int> { 0 };
        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] == '\n') starts.Add(i + 1);
        }
        _lineStarts = starts.ToArray();
    }

    /// <summary>The path as given by the user (diagnostics print it unchanged).</summary>
    public string Path { get; }

    /// <summary>The whole file content; spans are offsets into it.</summary>
    public string Text { get; }

    /// <summary>The length of <see cref="Text"/> in UTF-16 code units.</summary>
    public int Length => Text.Length;

    /// <summary>The UTF-16 code unit at an offset.</summary>
    public char this[int index] => Text[index];

    /// <summary>The number of lines: line breaks plus one (an empty last line counts).</summary>
    public int LineCount => _lineStarts.Length;

    /// <summary>Reads a file as UTF-8 (a BOM is skipped).</summary>
    public static SourceText FromFile(string path) => new(path, File.ReadAllText(path, System.Text.Encoding.UTF8));

    /// <summary>The 1-based line and column of an offset. Columns count UTF-16 code units from 1.</summary>
    public LinePosition GetLinePosition(int offset)
    {
        offset = Math.Clamp(offset, 0, Text.Length);
        var line = Array.BinarySearch(_lineStarts, offset);
        if (line < 0) line = ~line - 1;
        return new LinePosition(line + 1, offset - _lineStarts[line] + 1);
    }

    /// <summary>Where a span starts, as a diagnostic prints it: this file's path and a 1-based line and column.</summary>
    public SourceLocation GetLocation(TextSpan span) => new(Path, GetLinePosition(span.Start));

    /// <summary>The text of a 1-based line without its line break.</summary>
    public string GetLineText(int line)
    {
        if (line < 1 || line > _lineStarts.Length) return "";
        var start = _lineStarts[line - 1];
        var end = line < _lineStarts.Length ? _lineStarts[line] : Text.Length;
        return Text[start..end].TrimEnd('\r', '\n');
    }

    /// <summary>The source text a span covers.</summary>
    public string ToString(TextSpan span) => Text.Substring(span.Start, span.Length);
}

/// <summary>A 1-based line and column.</summary>
public readonly record struct LinePosition(int Line, int Column);

/// <summary>A file and a 1-based position in it.</summary>
public readonly record struct SourceLocation(string Path, LinePosition Position)
{
    /// <summary>The 1-based line.</summary>
    public int Line => Position.Line;

    /// <summary>The 1-based column, in UTF-16 code units.</summary>
    public int Column => Position.Column;
}
