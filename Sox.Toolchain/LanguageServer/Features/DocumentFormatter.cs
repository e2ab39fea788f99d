using Sox.Compiler.Syntax.Formatting;
using Sox.Compiler.Text;
using Sox.LanguageServer.Protocol;

namespace Sox.LanguageServer.Features;

/// <summary>
/// <c>textDocument/formatting</c> by <c>sox fmt</c>'s <see cref="SourceFormatter"/> (one canonical style: the
/// client's tab size is ignored). The formatter never moves a line, so the edits are per run of changed lines, plus one
/// for the end of the file (trailing blank lines, the final newline); the cursor keeps its line. A file with syntax
/// errors is not formatted: no edits.
/// </summary>
internal static class DocumentFormatter
{
    public static IReadOnlyList<TextEdit> Edits(string path, string text)
    {
        var formatted = SourceFormatter.Format(new SourceText(path, text)).Text;
        if (formatted is null || formatted == text) return [];
        return Diff(text, formatted);
    }

    /// <summary>Line-aligned edits turning <paramref name="original"/> into <paramref name="formatted"/>.</summary>
    internal static IReadOnlyList<TextEdit> Diff(string original, string formatted)
    {
        var lines = new TextLines(original);
        var before = original.Split('\n');
        var after = formatted.Split('\n');
        var edits = new List<TextEdit>();
        // Lines followed by a '\n' in both texts are compared one to one; the rest is the tail.
        var common = Math.Min(before.Length, after.Length) - 1;
        var offset = 0;
        int? runStart = null;
        var runText = new System.Text.StringBuilder();
        for (var i = 0; i <= common; i++)
        {
            var differs = i < common && before[i] != after[i];
            if (differs)
            {
                runStart ??= offset;
                runText.Append(after[i]).Append('\n');
            }
            else if (runStart is not null)
            {
                edits.Add(new TextEdit(lines.ToRange(runStart.Value, offset), runText.ToString()));
                runStart = null;
                runText.Clear();
            }
            if (i < common) offset += before[i].Length + 1;
        }
        var tailBefore = original[offset..];
        var tailAfter = string.Join('\n', after[common..]);
        if (tailBefore != tailAfter) edits.Add(new TextEdit(lines.ToRange(offset, original.Length), tailAfter));
        return edits;
    }
}
