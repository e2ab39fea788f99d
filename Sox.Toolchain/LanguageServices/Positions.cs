namespace Sox.LanguageServices;

/// <summary>
/// A position as the Language Server Protocol counts it: a 0-based line and a 0-based character offset in UTF-16
/// code units within that line (LSP 3.17 "Position", the default <c>utf-16</c> position encoding).
/// </summary>
/// <param name="Line">The 0-based line; line breaks are <c>\n</c>, <c>\r\n</c> and a lone <c>\r</c> (LSP "Text Documents").</param>
/// <param name="Character">The 0-based UTF-16 offset in the line; past the line's end means its end.</param>
public readonly record struct LinePosition(int Line, int Character)
{
    /// <summary><c>line:character</c>, 0-based, for test output.</summary>
    public override string ToString() => $"{Line}:{Character}";
}

/// <summary>A range of a document, from <see cref="Start"/> up to but excluding <see cref="End"/> (LSP "Range").</summary>
/// <param name="Start">The first position of the range.</param>
/// <param name="End">The position just past the range.</param>
public readonly record struct LineRange(LinePosition Start, LinePosition End)
{
    /// <summary><c>start-end</c>, for test output.</summary>
    public override string ToString() => $"{Start}-{End}";
}

/// <summary>A range in a file (LSP "Location").</summary>
/// <param name="Path">The file's full path (as <see cref="Sox.Compiler.Semantics.SourceModule.FullPath"/>).</param>
/// <param name="Range">The range in that file; an empty range at 0:0 for "the file itself".</param>
public readonly record struct Location(string Path, LineRange Range)
{
    /// <summary><c>file(range)</c>, for test output.</summary>
    public override string ToString() => $"{System.IO.Path.GetFileName(Path)}({Range})";
}
