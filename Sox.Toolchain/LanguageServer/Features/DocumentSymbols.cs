using Sox.Compiler.Syntax.Ast;
using Sox.Compiler.Text;
using Sox.LanguageServer.Protocol;

namespace Sox.LanguageServer.Features;

/// <summary>
/// <c>textDocument/documentSymbol</c>, the outline: classes with their methods (<c>init</c> as the constructor),
/// functions (<c>extern</c>, <c>export</c> and <c>#[test]</c> ones say so), top-level variables and imports; functions
/// and classes declared inside a function appear under it. From the parser's tree, which recovers at statement
/// boundaries, so a file with errors still has an outline.
/// </summary>
internal static class DocumentSymbols
{
    public static IReadOnlyList<DocumentSymbol> Compute(CompilationUnit unit)
    {
        var lines = new TextLines(unit.Source.Text);
        return Statements(unit.Statements, lines, topLevel: true);
    }

    private static List<DocumentSymbol> Statements(IEnumerable<Stmt> statements, TextLines lines, bool topLevel)
    {
        var symbols = new List<DocumentSymbol>();
        foreach (var statement in statements)
        {
            switch (statement)
            {
                case FunctionStmt s when s.Function.Name is { } name:
                    symbols.Add(Symbol(name, FunctionDetail(s.Function), SymbolKinds.Function, s.Span, lines, Nested(s.Function.Body, lines)));
                    break;
                case ExportFnStmt s when s.Function.Name is { } name:
                    symbols.Add(Symbol(name, "export " + Signature(s.Function.Parameters) + ": " + s.ReturnType.Text, SymbolKinds.Function, s.Span, lines, Nested(s.Function.Body, lines)));
                    break;
                case ExternFnStmt s:
                    var parameters = string.Join(", ", s.Parameters.Select(p => $"{p.Name.Text}: {p.Type.Text}")) + (s.IsVariadic ? ", ..." : "");
                    symbols.Add(Symbol(s.Name, $"extern ({parameters}): {s.ReturnType.Text}", SymbolKinds.Function, s.Span, lines, null));
                    break;
                case ClassStmt s:
                    var methods = s.Methods.Where(m => m.Name is not null).Select(m => Symbol(
                        m.Name!, FunctionDetail(m), m.Kind == FunctionKind.Initializer ? SymbolKinds.Constructor : SymbolKinds.Method, m.Span, lines,
                        Nested(m.Body, lines))).ToList();
                    symbols.Add(Symbol(s.Name, s.Superclass is null ? null : "< " + s.Superclass.Name.Text, SymbolKinds.Class, s.Span, lines, methods));
                    break;
                case VarStmt s when topLevel:
                    symbols.Add(Symbol(s.Name, null, SymbolKinds.Variable, s.Span, lines, null));
                    break;
                case ImportStmt s when topLevel:
                    foreach (var spec in s.Imports)
                    {
                        var name = spec.Alias?.Text ?? Path.GetFileNameWithoutExtension(spec.Path);
                        symbols.Add(Symbol(new Name(name, spec.Alias?.Span ?? spec.PathSpan), $"\"{spec.Path}\"", SymbolKinds.Module, spec.Span, lines, null));
                    }
                    break;
                case BlockStmt s when !topLevel:
                    symbols.AddRange(Statements(s.Statements, lines, topLevel: false));
                    break;
            }
        }
        return symbols;
    }

    /// <summary>Named functions and classes declared directly in a body (or its blocks).</summary>
    private static List<DocumentSymbol>? Nested(IReadOnlyList<Stmt> body, TextLines lines)
    {
        var nested = Statements(body, lines, topLevel: false);
        return nested.Count > 0 ? nested : null;
    }

    private static string FunctionDetail(FunctionDecl function) =>
        (function.IsTest ? "#[test] " : "") + "fn" + Signature(function.Parameters);

    private static string Signature(IReadOnlyList<Name> parameters) => "(" + string.Join(", ", parameters.Select(p => p.Text)) + ")";

    private static DocumentSymbol Symbol(Name name, string? detail, int kind, TextSpan span, TextLines lines, List<DocumentSymbol>? children)
    {
        // LSP requires the selection range inside the full range.
        var whole = span.Cover(name.Span);
        return new DocumentSymbol(
            name.Text.Length > 0 ? name.Text : "?", detail, kind, lines.ToRange(whole.Start, whole.End),
            lines.ToRange(name.Span.Start, name.Span.End), children);
    }
}
