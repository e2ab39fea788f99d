using System.Text;

namespace Sox.Build.Tasks.Internal;

/// <summary>
/// Reads the make rule a C compiler writes with <c>-MD -MF file.d</c>:
/// <code>
/// /abs/obj/native/util.o: /abs/util.c /abs/util.h \
///   /usr/include/stdio.h
/// </code>
/// Continuation lines end in a backslash; a space inside a path is <c>\ </c>, a <c>#</c> is <c>\#</c> and a
/// <c>$</c> is <c>$$</c> (gcc's and clang's escaping). Only the first rule counts (without <c>-MP</c> there is no other).
/// </summary>
internal static class MakeDependencies
{
    /// <summary>The prerequisites of the first rule, or null when the file is missing or is not a make rule.</summary>
    public static IReadOnlyList<string>? ReadPrerequisites(string path)
    {
        string text;
        try
        {
            if (!File.Exists(path)) return null;
            text = File.ReadAllText(path);
        }
        catch (IOException)
        {
            return null;
        }
        return ParsePrerequisites(text);
    }

    internal static IReadOnlyList<string>? ParsePrerequisites(string text)
    {
        var words = Words(text.Replace("\r\n", "\n")).ToList();
        // The target ends in ':' (gcc writes "target:" then the prerequisites; "target :" also occurs).
        var colon = words.FindIndex(w => w.Text.EndsWith(':') && !w.Escaped || w.Text == ":");
        if (colon < 0) return null;
        var prerequisites = new List<string>();
        foreach (var word in words.Skip(colon + 1))
        {
            if (word.LineEnd) break;
            prerequisites.Add(word.Text);
        }
        return prerequisites;
    }

    private readonly record struct Word(string Text, bool Escaped, bool LineEnd);

    /// <summary>Whitespace-separated words; a newline not preceded by a backslash ends the rule (a LineEnd word).</summary>
    private static IEnumerable<Word> Words(string text)
    {
        var current = new StringBuilder();
        var escapedEnd = false;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (c == '\\' && i + 1 < text.Length)
            {
                var next = text[i + 1];
                if (next == '\n') { i++; goto Separator; }                      // continuation
                if (next is ' ' or '#' or '\\') { current.Append(next); i++; escapedEnd = true; continue; }
                current.Append(c);
                escapedEnd = false;
                continue;
            }
            if (c == '$' && i + 1 < text.Length && text[i + 1] == '$') { current.Append('$'); i++; escapedEnd = false; continue; }
            if (c == '\n')
            {
                if (current.Length > 0) yield return new Word(current.ToString(), escapedEnd, false);
                current.Clear();
                yield return new Word("", false, true);
                continue;
            }
            if (c is ' ' or '\t') goto Separator;
            current.Append(c);
            escapedEnd = false;
            continue;

        Separator:
            if (current.Length > 0) yield return new Word(current.ToString(), escapedEnd, false);
            current.Clear();
            escapedEnd = false;
        }
        if (current.Length > 0) yield return new Word(current.ToString(), escapedEnd, false);
    }
}
