using Sox.Compiler.Semantics;

namespace Sox.LanguageServices;

/// <summary>
/// The semantic queries of an editor over Sox programs, answered from the compiler's own front end: the caller (the
/// language server) analyses each open file as an entry with its imports (<c>FrontEnd.CheckSource</c> gives a
/// <see cref="ModuleGraph"/>) and passes that graph, or for workspace-wide queries every graph it has; the document
/// is found in them by its full path. Positions are LSP's (<see cref="LinePosition"/>: 0-based line, UTF-16
/// character), computed against the text the graph was analysed from.
/// <para>
/// Every method is thread-safe for graphs that are no longer being built (the per-module index is cached by module
/// object), and never throws: on any input — half-typed code the parser recovered from, a path not in the graph, a
/// position outside the text, an internal error — it answers "nothing" (an empty list, null, or an error message).
/// </para>
/// </summary>
public static class LanguageService
{
    /// <summary>
    /// Where the name at a position is declared: a local, parameter or upvalue's declaration, a global's first
    /// declaration, the import that binds a module alias, the file an import path names (an empty range at 0:0),
    /// a class, the class of <c>this</c>, the superclass of <c>super</c>, a method or field found by name in the
    /// receiver's class and its superclasses (every class declaring it when the receiver's class is unknown), and
    /// for <c>alias.name</c> the declaration of what the imported module's returned table holds under that key.
    /// </summary>
    /// <param name="graph">The analysed program whose modules include the document.</param>
    /// <param name="path">The document's path (made full before comparing).</param>
    /// <param name="position">The cursor; a name that ends at it counts.</param>
    /// <returns>The declarations, usually one; empty when the name has none (a built-in) or nothing is there.</returns>
    public static IReadOnlyList<Location> Definition(ModuleGraph? graph, string path, LinePosition position) =>
        Guard(() =>
        {
            var (navigator, module, offset) = Open([graph], path, position);
            if (module?.OccurrenceAt(offset) is not { } occurrence) return [];
            return navigator.Definitions(module, occurrence);
        }, []);

    /// <summary>
    /// Every occurrence, in all the graphs' files, of what the name at a position refers to: a variable's uses
    /// (a global exported under its own name also as <c>alias.name</c> in importers), a module file's import paths, a
    /// member name within its class family, a built-in's calls.
    /// </summary>
    /// <param name="graphs">Every analysed program of the workspace (a file in several graphs is read once).</param>
    /// <param name="path">The document's path.</param>
    /// <param name="position">The cursor.</param>
    /// <param name="includeDeclaration">Whether the declarations are listed too (LSP ReferenceContext).</param>
    public static IReadOnlyList<Location> References(IEnumerable<ModuleGraph?> graphs, string path, LinePosition position, bool includeDeclaration) =>
        Guard(() =>
        {
            var (navigator, module, offset) = Open(graphs, path, position);
            if (module?.OccurrenceAt(offset) is not { } occurrence) return [];
            return navigator.TargetOf(module, occurrence) is { } target ? navigator.References(target, includeDeclaration) : [];
        }, []);

    /// <summary>
    /// What the name at a position is (local, parameter, upvalue, global, function, class, method, field, built-in,
    /// module, <c>extern fn</c>, <c>this</c>), where it is declared, with the signature and a one-line description
    /// for built-ins and <c>extern fn</c> (and the <c>//</c> comment above a declaration, when there is one).
    /// </summary>
    /// <returns>Markdown and the hovered name's range; null when there is no name at the position.</returns>
    public static HoverInfo? Hover(ModuleGraph? graph, string path, LinePosition position) =>
        Guard(() =>
        {
            var (navigator, module, offset) = Open([graph], path, position);
            return module is null ? null : HoverProvider.Hover(navigator, module, offset);
        }, null);

    /// <summary>
    /// Completion at a position, read from the tokens before it so that incomplete code works: after <c>x.</c>
    /// the members of the receiver (an import alias: the keys of the module's returned table; <c>this</c>: the
    /// methods and fields of the class and its superclasses; <c>super</c>: the superclass's methods; a value of
    /// unknown class: every member name of the file); elsewhere the names in scope, the built-ins, the keywords
    /// and snippets (<c>fn</c>, <c>class</c>, <c>foreach</c>, <c>switch</c>, <c>#[test]</c>). Nothing in comments,
    /// strings, or where a new name is being declared. The client filters by the word being typed.
    /// </summary>
    public static IReadOnlyList<CompletionItem> Completion(ModuleGraph? graph, string path, LinePosition position) =>
        Guard(() =>
        {
            var (navigator, module, offset) = Open([graph], path, position);
            return module is null ? [] : CompletionProvider.Complete(navigator, module, offset);
        }, []);

    /// <summary>
    /// Whether the name at a position can be renamed (LSP prepareRename): its range and current name, or a
    /// sentence saying why not (a built-in, <c>this</c>, an import path, an undeclared name, an ambiguous member).
    /// </summary>
    public static PrepareRenameResult PrepareRename(IEnumerable<ModuleGraph?> graphs, string path, LinePosition position) =>
        Guard(() =>
        {
            var (navigator, module, offset) = Open(graphs, path, position);
            if (module is null) return new PrepareRenameResult(null, "", "The file is not part of the analysed programs.");
            var (_, occurrence, error) = RenameProvider.Check(navigator, module, offset);
            if (occurrence is null || error is not null) return new PrepareRenameResult(null, occurrence?.Name ?? "", error ?? "Nothing to rename.");
            return new PrepareRenameResult(module.Lines.ToRange(occurrence.Span), occurrence.Name, null);
        }, new PrepareRenameResult(null, "", "The name could not be analysed."));

    /// <summary>
    /// Renames the local, parameter, global (in every file: importers' <c>alias.name</c> follow a global exported
    /// under its own name), import alias, class, or unambiguous method or field at a position. An import without
    /// an alias gets one (<c>import "lib/m"</c> → <c>import newName "lib/m"</c>).
    /// </summary>
    /// <returns>The edits by full path, or an error when the new name is not an identifier, is a keyword or a
    /// built-in, or the name cannot be renamed.</returns>
    public static RenameResult Rename(IEnumerable<ModuleGraph?> graphs, string path, LinePosition position, string newName) =>
        Guard(() =>
        {
            var (navigator, module, offset) = Open(graphs, path, position);
            return module is null
                ? new RenameResult(new Dictionary<string, IReadOnlyList<TextEdit>>(), "The file is not part of the analysed programs.")
                : RenameProvider.Rename(navigator, module, offset, newName ?? "");
        }, new RenameResult(new Dictionary<string, IReadOnlyList<TextEdit>>(), "The name could not be analysed."));

    /// <summary>
    /// The signature of the call whose argument list contains the position, with the active argument: Sox
    /// functions, lambdas held by variables, methods (<c>this.m(</c>, <c>super.m(</c>, <c>obj.m(</c>), classes (their
    /// <c>init</c>, inherited if need be), module members (<c>alias.f(</c>), built-ins, <c>extern fn</c>s.
    /// </summary>
    /// <returns>The signature, or null outside a call or for a callee that cannot be told.</returns>
    public static SignatureInfo? SignatureHelp(ModuleGraph? graph, string path, LinePosition position) =>
        Guard(() =>
        {
            var (navigator, module, offset) = Open([graph], path, position);
            return module is null ? null : SignatureHelpProvider.Help(navigator, module, offset);
        }, null);

    /// <summary>
    /// The declarations of every file of the graphs whose name contains the query's characters in order (ignoring
    /// case): top-level functions, variables, classes, imports, <c>extern</c>/<c>export fn</c>s, and every class's
    /// methods and fields.
    /// </summary>
    public static IReadOnlyList<WorkspaceSymbol> WorkspaceSymbols(IEnumerable<ModuleGraph?> graphs, string query) =>
        Guard(() => WorkspaceSymbolProvider.Find(new Workspace(graphs ?? []), query ?? ""), []);

    /// <summary>
    /// Every name of a document with what it denotes (parameter, local, upvalue, global, function, class, method,
    /// field, built-in, module, <c>extern</c>/<c>export fn</c>, <c>this</c>) and whether it is declared there, in source
    /// order: the semantic layer over the TextMate grammar's colours (LSP semantic tokens). Members of a value of
    /// unknown class are methods when only methods carry the name in the file, else fields.
    /// </summary>
    public static IReadOnlyList<ClassifiedName> ClassifyNames(ModuleGraph? graph, string path) =>
        Guard(() =>
        {
            var (navigator, module, _) = Open([graph], path, default);
            return module is null ? [] : Classifier.Classify(navigator, module);
        }, []);

    private static (Navigator Navigator, ModuleIndex? Module, int Offset) Open(IEnumerable<ModuleGraph?> graphs, string path, LinePosition position)
    {
        var workspace = new Workspace(graphs ?? [], path);
        var module = path is null ? null : workspace.Find(path);
        // A position on no line of the text (a stale request after an edit) answers nothing.
        if (module is not null && !module.Lines.Contains(position)) module = null;
        return (new Navigator(workspace), module, module?.Lines.ToOffset(position) ?? 0);
    }

    /// <summary>
    /// Raised with the exception when a query failed internally (and answered "nothing"), so that the language
    /// server can log it (LSP window/logMessage). Handlers must not throw.
    /// </summary>
    public static event Action<Exception>? InternalError;

    /// <summary>An editor request must get an answer: an internal error answers "nothing" rather than failing the server.</summary>
    private static T Guard<T>(Func<T> query, T nothing)
    {
        try
        {
            return query();
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            try
            {
                InternalError?.Invoke(e);
            }
            catch (Exception)
            {
                // A failing logger must not turn an answered request into a failed one.
            }
            return nothing;
        }
    }
}
