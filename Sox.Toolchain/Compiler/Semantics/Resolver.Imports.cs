using Sox.Compiler.Diagnostics;
using Sox.Compiler.Syntax.Ast;

namespace Sox.Compiler.Semantics;

public sealed partial class Resolver
{
    private static readonly HashSet<string> s_keywords = new(StringComparer.Ordinal)
    {
        "and", "assert", "break", "case", "class", "continue", "default", "defer", "else", "false", "fn", "for",
        "foreach", "if", "import", "in", "nil", "or", "print", "return", "super", "switch", "this", "true", "var",
        "while",
    };

    /// <summary>
    /// The variable an import binds (§6): its alias, else the last path segment without <c>.sox</c>
    /// (<c>"lib/math"</c> → <c>math</c>). Null when that segment is not an identifier (or is a keyword, which no
    /// code could name), so the import needs an alias.
    /// </summary>
    public static string? ImportBindingName(ImportSpec spec)
    {
        if (spec.Alias is not null) return spec.Alias.Text;
        var path = spec.Path;
        var slash = path.LastIndexOfAny(['/', '\\']);
        var segment = slash >= 0 ? path[(slash + 1)..] : path;
        if (segment.EndsWith(".sox", StringComparison.Ordinal)) segment = segment[..^4];
        return IsIdentifier(segment) && !s_keywords.Contains(segment) ? segment : null;
    }

    private static bool IsIdentifier(string text) =>
        text.Length > 0
        && (char.IsAsciiLetter(text[0]) || text[0] == '_')
        && text.All(c => char.IsAsciiLetterOrDigit(c) || c == '_');

    /// <summary>Each import declares its variable where it stands (a global at top level, else a local).</summary>
    private void ResolveImport(ImportStmt statement)
    {
        foreach (var spec in statement.Imports)
        {
            _imports.Add(spec);
            var name = ImportBindingName(spec);
            if (name is null)
            {
                Report(DiagnosticCodes.ImportNeedsAlias, spec.PathSpan, spec.Path);
                continue;
            }
            _model.Bind(spec, Declare(new Name(name, spec.Alias?.Span ?? spec.PathSpan), SymbolKind.Local));
        }
    }
}
