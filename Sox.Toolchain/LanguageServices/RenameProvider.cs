namespace Sox.LanguageServices;

/// <summary>
/// Rename: the references of the name (declaration included) over the workspace, each replaced by the new name.
/// Renamable: locals, parameters, globals (with <c>alias.name</c> in importers when the module exports the global
/// under its own name), import aliases, classes, and methods and fields when exactly one class family declares
/// the name. Refused: built-ins, <c>this</c>/<c>super</c>, import paths, names the program never declares, and a
/// member name several class families share (renaming it could change which method an unknown receiver gets).
/// </summary>
internal static class RenameProvider
{
    public static (Target? Target, Occurrence? Occurrence, string? Error) Check(Navigator navigator, ModuleIndex module, int offset)
    {
        if (module.OccurrenceAt(offset) is not { } occurrence) return (null, null, "There is no name to rename here.");
        switch (occurrence.Kind)
        {
            case OccurrenceKind.This or OccurrenceKind.Super:
                return (null, occurrence, $"'{occurrence.Name}' is a keyword and cannot be renamed.");
            case OccurrenceKind.ImportPath:
                return (null, occurrence, "An import path names a file; rename the file, or give the import an alias.");
        }
        var target = navigator.TargetOf(module, occurrence);
        switch (target)
        {
            case null:
                return (null, occurrence, $"'{occurrence.Name}' is not resolved to a declaration.");
            case BuiltinTarget builtin:
                return (null, occurrence, $"'{builtin.Name}' is a built-in function (§8) and cannot be renamed.");
            case VariableTarget { Symbol: { IsGlobal: true, IsDefined: false } symbol }:
                return (null, occurrence, $"'{symbol.Name}' is never declared, so there is nothing to rename.");
            case MemberTarget member when member.FamilyRoots.Count != 1:
                return (null, occurrence, member.FamilyRoots.Count == 0
                    ? $"'{member.Name}' is not a method or field of any class."
                    : $"'{member.Name}' is declared by {member.FamilyRoots.Count} unrelated classes; renaming it is ambiguous.");
        }
        return (target, occurrence, null);
    }

    public static RenameResult Rename(Navigator navigator, ModuleIndex module, int offset, string newName)
    {
        if (!Lexical.IsIdentifier(newName)) return Refuse($"'{newName}' is not an identifier (§1.3: letters, digits and _, not starting with a digit).");
        if (Lexical.IsKeyword(newName)) return Refuse($"'{newName}' is a keyword.");
        if (Lexical.IsBuiltin(newName)) return Refuse($"'{newName}' is a built-in function (§8); a declaration of that name would hide it.");
        var (target, occurrence, error) = Check(navigator, module, offset);
        if (error is not null || target is null || occurrence is null) return Refuse(error ?? "Nothing to rename.");
        var oldName = occurrence.Name;
        if (target is VariableTarget { Symbol.IsGlobal: true } global && global.Module.Model.Globals.Any(g => g.IsDefined && g.Name == newName))
        {
            return Refuse($"'{newName}' is already a global of {Path.GetFileName(global.Module.Path)}.");
        }

        var references = navigator.References(target, includeDeclaration: true);
        if (target is VariableTarget && Capture(navigator, references, newName) is { } conflict) return Refuse(conflict);
        var edits = new Dictionary<string, List<TextEdit>>();
        foreach (var location in references)
        {
            if (navigator.Workspace.Find(location.Path) is not { } file) continue;
            var start = file.Lines.ToOffset(location.Range.Start);
            var end = file.Lines.ToOffset(location.Range.End);
            var written = file.Text[start..end];
            TextEdit edit;
            if (file.OccurrenceAt(start) is { Kind: OccurrenceKind.ImportPath, Import.Alias: null })
            {
                // The import's name comes from its path: the new name becomes an alias and the path stays.
                edit = new TextEdit(new LineRange(location.Range.Start, location.Range.Start), newName + " ");
            }
            else if (written == oldName) edit = new TextEdit(location.Range, newName);
            else if (written == $"\"{oldName}\"") edit = new TextEdit(location.Range, $"\"{newName}\""); // a string table key
            else continue; // a key that names the value differently ({a: area}) keeps its name
            if (!edits.TryGetValue(location.Path, out var list)) edits[location.Path] = list = new();
            list.Add(edit);
        }
        return new RenameResult(edits.ToDictionary(e => e.Key, e => (IReadOnlyList<TextEdit>)e.Value), null);
    }

    /// <summary>
    /// A variable renamed to a name another variable already has where it is used would read that other variable
    /// there (or hide it): the first such use is reported instead of renaming.
    /// </summary>
    private static string? Capture(Navigator navigator, IReadOnlyList<Location> references, string newName)
    {
        foreach (var location in references)
        {
            if (navigator.Workspace.Find(location.Path) is not { } file) continue;
            var offset = file.Lines.ToOffset(location.Range.Start);
            if (file.OccurrenceAt(offset) is not { Kind: OccurrenceKind.Variable }) continue;
            if (CompletionProvider.LookupName(file, newName, offset) is not null)
            {
                return $"'{newName}' already names a variable visible at line {location.Range.Start.Line + 1} of {Path.GetFileName(location.Path)}.";
            }
        }
        return null;
    }

    private static RenameResult Refuse(string error) => new(new Dictionary<string, IReadOnlyList<TextEdit>>(), error);
}

/// <summary>Workspace symbols: the top-level declarations, classes, methods and fields of every module.</summary>
internal static class WorkspaceSymbolProvider
{
    public static IReadOnlyList<WorkspaceSymbol> Find(Workspace workspace, string query)
    {
        var found = new List<WorkspaceSymbol>();
        foreach (var module in workspace.Modules)
        {
            var file = Path.GetFileName(module.Path);
            Location At(Compiler.Text.TextSpan span) => new(module.Path, module.Lines.ToRange(span));
            foreach (var occurrence in module.Occurrences)
            {
                if (!occurrence.IsDeclaration || occurrence.Kind != OccurrenceKind.Variable || occurrence.Symbol is not { IsGlobal: true } symbol) continue;
                if (module.DeclarationOf(symbol) is not { } declaration || declaration.NameSpan != occurrence.Span) continue;
                var (kind, _) = CompletionProvider.Describe(symbol, declaration, "");
                found.Add(new WorkspaceSymbol(symbol.Name, kind, At(occurrence.Span), file));
            }
            foreach (var @class in module.Classes)
            {
                if (@class.Symbol is { IsGlobal: false }) found.Add(new WorkspaceSymbol(@class.Name, SoxSymbolKind.Class, At(@class.Statement.Name.Span), file));
                foreach (var method in @class.Methods.Values)
                {
                    if (method.Name is { } name) found.Add(new WorkspaceSymbol(name.Text, SoxSymbolKind.Method, At(name.Span), @class.Name));
                }
                foreach (var (name, span) in @class.Fields) found.Add(new WorkspaceSymbol(name, SoxSymbolKind.Field, At(span), @class.Name));
            }
        }
        return found.Where(s => Matches(s.Name, query)).ToList();
    }

    /// <summary>The query's characters in order, ignoring case (what editors' symbol pickers expect); empty matches all.</summary>
    private static bool Matches(string name, string query)
    {
        var next = 0;
        foreach (var c in name)
        {
            if (next < query.Length && char.ToLowerInvariant(c) == char.ToLowerInvariant(query[next])) next++;
        }
        return next == query.Length;
    }
}
