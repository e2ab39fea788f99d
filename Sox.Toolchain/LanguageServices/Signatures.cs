using Sox.Compiler.Syntax.Ast;

namespace Sox.LanguageServices;

/// <summary>Declarations written back as one-line signatures, for hover, completion details and signature help.</summary>
internal static class Signatures
{
    public static IReadOnlyList<string> Parameters(FunctionDecl decl) => decl.Parameters.Select(p => p.Text).ToList();

    /// <summary><c>fn name(a, b)</c>, <c>Class.name(a, b)</c> for a method; <paramref name="alias"/> names a lambda held by a variable.</summary>
    public static string Function(FunctionDecl decl, string? className = null, string? alias = null)
    {
        var name = decl.Name?.Text ?? alias ?? "";
        var prefix = className is null ? "fn " : className + ".";
        if (decl.Name is null && className is null) prefix = "fn ";
        return $"{prefix}{name}({string.Join(", ", Parameters(decl))})";
    }

    public static IReadOnlyList<string> CParameters(IReadOnlyList<CParameter> parameters, bool variadic)
    {
        var labels = parameters.Select(p => $"{p.Name.Text}: {p.Type.Text}").ToList();
        if (variadic) labels.Add("...");
        return labels;
    }

    private static string CResult(CTypeRef type) => type.Span.Length == 0 ? "" : $": {type.Text}";

    public static string Extern(ExternFnStmt s) =>
        $"extern {(s.Library is null ? "" : $"\"{s.Library}\" ")}fn {s.Name.Text}({string.Join(", ", CParameters(s.Parameters, s.IsVariadic))}){CResult(s.ReturnType)}";

    public static string Export(ExportFnStmt s) =>
        $"export fn {s.Function.Name?.Text}({string.Join(", ", CParameters(s.Parameters, false))}){CResult(s.ReturnType)}";

    public static string Class(ClassInfo c) =>
        c.Statement.Superclass is { } super ? $"class {c.Name} < {super.Name.Text}" : $"class {c.Name}";

    /// <summary>
    /// The <c>//</c> comment lines directly above a declaration, joined: the declaration's description, as
    /// programmers write one (Sox has no separate doc-comment syntax, §1.2).
    /// </summary>
    public static string? CommentAbove(ModuleIndex module, int offset)
    {
        var line = module.Lines.ToPosition(offset).Line - 1;
        var collected = new List<string>();
        for (; line >= 0; line--)
        {
            var text = module.Lines.LineText(module.Text, line).Trim();
            if (!text.StartsWith("//", StringComparison.Ordinal)) break;
            collected.Insert(0, text.TrimStart('/').Trim());
        }
        var joined = string.Join(" ", collected.Where(c => c.Length > 0));
        return joined.Length == 0 ? null : joined;
    }
}
