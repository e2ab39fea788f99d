using Sox.Compiler.Driver;
using Sox.Compiler.Syntax.Ast;

namespace Sox.Build.Tasks.Internal;

/// <summary>
/// Chooses the program's entry file when <c>SoxEntry</c> is empty: <c>main.sox</c> in the project folder if the
/// project has one; otherwise the one source that no other source imports; if several are imported by none, the
/// one of those with top-level code (statements other than declarations, or a <c>main</c> function).
/// </summary>
internal static class EntryResolver
{
    public static string? Resolve(IReadOnlyList<string> sources, string projectDirectory, out string problem)
    {
        problem = "";
        var main = sources.FirstOrDefault(s => string.Equals(Path.GetFullPath(s), Path.GetFullPath(Path.Combine(projectDirectory, "main.sox")), StringComparison.Ordinal));
        if (main is not null) return main;
        if (sources.Count == 1) return sources[0];
        if (sources.Count == 0)
        {
            problem = "the project has no .sox files";
            return null;
        }

        var imported = new HashSet<string>(StringComparer.Ordinal);
        var units = new Dictionary<string, CompilationUnit?>(StringComparer.Ordinal);
        foreach (var source in sources)
        {
            var result = FrontEnd.Check(source);
            var full = Path.GetFullPath(source);
            units[full] = result.Graph?.Entry.Unit;
            if (result.Graph is null) continue;
            foreach (var module in result.Graph.Modules) if (module != result.Graph.Entry) imported.Add(module.FullPath);
        }
        var roots = sources.Where(s => !imported.Contains(Path.GetFullPath(s))).ToList();
        if (roots.Count == 1) return roots[0];
        var withCode = roots.Where(s => units[Path.GetFullPath(s)] is { } unit && HasTopLevelCode(unit)).ToList();
        if (withCode.Count == 1) return withCode[0];
        var names = string.Join(", ", (withCode.Count > 1 ? withCode : roots).Select(s => Path.GetRelativePath(projectDirectory, s)));
        problem = $"more than one file could be the entry ({names})";
        return null;
    }

    private static bool HasTopLevelCode(CompilationUnit unit) => unit.Statements.Any(s => s switch
    {
        FunctionStmt f => f.Function.Name?.Text == "main",
        ClassStmt or ImportStmt or ExternFnStmt or ExportFnStmt => false,
        _ => true,
    });
}
