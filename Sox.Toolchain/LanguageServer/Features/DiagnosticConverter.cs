using Sox.Compiler.Diagnostics;
using Sox.Compiler.Syntax;
using Sox.Compiler.Text;
using Sox.LanguageServer.Protocol;

namespace Sox.LanguageServer.Features;

/// <summary>
/// The compiler's diagnostics as LSP diagnostics. A compiler diagnostic has a start (1-based line and column); its
/// range here is the token that starts there (a name, a string, an operator), so the editor underlines what the
/// message is about, or one character when no token starts there. The code is the <c>SOXnnnn</c> of
/// docs/diagnostics.md; an import chain or cycle (SOX3101, SOX3102) relates the modules it names.
/// </summary>
internal static class DiagnosticConverter
{
    public static IReadOnlyList<LspDiagnostic> Convert(IEnumerable<Diagnostic> diagnostics, string text, string path, string? rootDirectory)
    {
        var list = diagnostics.ToList();
        if (list.Count == 0) return [];
        var lines = new TextLines(text);
        var tokens = Lexer.Tokenize(new SourceText(path, text), new DiagnosticBag());
        var root = rootDirectory ?? Path.GetDirectoryName(path) ?? "";
        return list.Select(d => Convert(d, lines, tokens, text, root)).ToList();
    }

    private static LspDiagnostic Convert(Diagnostic diagnostic, TextLines lines, IReadOnlyList<Token> tokens, string text, string root)
    {
        Range range;
        if (diagnostic.Location.Line <= 0) range = new Range(new Position(0, 0), new Position(0, 0));
        else
        {
            var start = lines.FromCompilerLineColumn(diagnostic.Location.Line, diagnostic.Location.Column);
            range = lines.ToRange(start, EndOfTokenAt(tokens, text, start));
        }
        var severity = diagnostic.Severity == DiagnosticSeverity.Error ? 1 : 2;
        return new LspDiagnostic(range, severity, diagnostic.Code, "sox", diagnostic.Message, Related(diagnostic, root));
    }

    /// <summary>The end of the token starting at <paramref name="offset"/>; else one character, never past the line.</summary>
    private static int EndOfTokenAt(IReadOnlyList<Token> tokens, string text, int offset)
    {
        int low = 0, high = tokens.Count - 1;
        while (low <= high)
        {
            var mid = (low + high) / 2;
            var start = tokens[mid].Span.Start;
            if (start == offset)
            {
                var token = tokens[mid];
                if (token.Kind != TokenKind.EndOfFile && token.Span.Length > 0) return token.Span.End;
                break;
            }
            if (start < offset) low = mid + 1;
            else high = mid - 1;
        }
        return offset < text.Length && text[offset] is not '\n' and not '\r' ? offset + 1 : offset;
    }

    /// <summary>
    /// "a.sox -> b.sox -> a.sox": the import chain or cycle in a SOX3101/SOX3102 message, as related locations at the
    /// start of each module named (paths relative to the importing entry's folder, as the loader prints them).
    /// </summary>
    private static IReadOnlyList<DiagnosticRelatedInformation>? Related(Diagnostic diagnostic, string root)
    {
        if (diagnostic.Code is not ("SOX3101" or "SOX3102")) return null;
        var arrow = diagnostic.Message.IndexOf(" -> ", StringComparison.Ordinal);
        if (arrow < 0) return null;
        var chainStart = diagnostic.Message.LastIndexOf(' ', arrow - 1) + 1;
        var chain = diagnostic.Message[chainStart..].TrimEnd(')', '.', '\'', '"').Split(" -> ");
        var related = new List<DiagnosticRelatedInformation>();
        foreach (var module in chain.Distinct())
        {
            string full;
            try
            {
                full = Path.GetFullPath(Path.Combine(root, module));
            }
            catch (Exception e) when (e is ArgumentException or NotSupportedException or PathTooLongException)
            {
                continue;
            }
            if (!File.Exists(full)) continue;
            var origin = new Range(new Position(0, 0), new Position(0, 0));
            related.Add(new DiagnosticRelatedInformation(new Location(DocumentUri.FromPath(full), origin), $"{module} (in the import chain)"));
        }
        return related.Count > 0 ? related : null;
    }
}
