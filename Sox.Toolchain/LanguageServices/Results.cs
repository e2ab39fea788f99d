namespace Sox.LanguageServices;

/// <summary>What a name or an item is; the language server maps it to LSP's CompletionItemKind and SymbolKind.</summary>
public enum SoxSymbolKind
{
    /// <summary>A local variable (<c>var</c> in a function or block, a <c>foreach</c> variable).</summary>
    Local,
    /// <summary>A parameter of a function, method or lambda.</summary>
    Parameter,
    /// <summary>A local of an enclosing function used by a closure (§5.2).</summary>
    Upvalue,
    /// <summary>A top-level <c>var</c> of a module.</summary>
    Global,
    /// <summary>A named function (<c>fn</c>), top level or local.</summary>
    Function,
    /// <summary>A class (§5.3).</summary>
    Class,
    /// <summary>A method of a class (including <c>init</c>).</summary>
    Method,
    /// <summary>A field of an instance (created by <c>this.x = …</c>) or a key of a module's returned table.</summary>
    Field,
    /// <summary>A built-in function of §8.</summary>
    Builtin,
    /// <summary>An imported module's name (§6) or a module file.</summary>
    Module,
    /// <summary>An <c>extern fn</c> (a C function, §9.1).</summary>
    Extern,
    /// <summary>An <c>export fn</c> (a C-ABI entry point, §9.5).</summary>
    Export,
    /// <summary><c>this</c>, the receiver of a method.</summary>
    This,
    /// <summary>A keyword of §1.3.</summary>
    Keyword,
    /// <summary>A code template (completion only).</summary>
    Snippet,
}

/// <summary>The answer to a hover request: Markdown text about the name under the cursor and the name's range.</summary>
/// <param name="Markdown">What the name is, where it is declared, and its signature and description when it has one.</param>
/// <param name="Range">The hovered name.</param>
public sealed record HoverInfo(string Markdown, LineRange Range);

/// <summary>One completion proposal.</summary>
/// <param name="Label">The text shown in the list (the name, keyword or snippet name).</param>
/// <param name="Kind">What is proposed.</param>
/// <param name="Detail">A short description (a signature, "module lib/math.sox"), or null.</param>
/// <param name="InsertText">The text inserted; in LSP snippet syntax (<c>$1</c>, <c>${1:name}</c>, <c>$0</c>) when <paramref name="IsSnippet"/>.</param>
/// <param name="IsSnippet">True when <paramref name="InsertText"/> is a snippet (LSP InsertTextFormat 2).</param>
public sealed record CompletionItem(string Label, SoxSymbolKind Kind, string? Detail, string InsertText, bool IsSnippet);

/// <summary>A replacement of a range of a document (LSP "TextEdit"); an empty range inserts.</summary>
/// <param name="Range">The replaced range.</param>
/// <param name="NewText">The text put there.</param>
public sealed record TextEdit(LineRange Range, string NewText);

/// <summary>Whether a name at a position can be renamed, and which range the editor should select.</summary>
/// <param name="Range">The name's range; null when it cannot be renamed.</param>
/// <param name="Placeholder">The current name.</param>
/// <param name="Error">Why it cannot be renamed (a sentence), or null.</param>
public sealed record PrepareRenameResult(LineRange? Range, string Placeholder, string? Error);

/// <summary>The edits of a rename, by file, or the reason it was refused.</summary>
/// <param name="Edits">Full path → the edits of that file (none overlap); empty when <paramref name="Error"/> is set.</param>
/// <param name="Error">Why the rename was refused (invalid identifier, keyword, built-in, nothing renamable), or null.</param>
public sealed record RenameResult(IReadOnlyDictionary<string, IReadOnlyList<TextEdit>> Edits, string? Error);

/// <summary>The signature of the function being called and which argument the cursor is in (LSP "SignatureHelp").</summary>
/// <param name="Label">The signature as written: <c>fn area(w, h)</c>, <c>len(x)</c>, <c>extern fn puts(s: cstring): int32</c>.</param>
/// <param name="Parameters">Each parameter's label, a substring of <paramref name="Label"/> (<c>w</c>, <c>s: cstring</c>).</param>
/// <param name="ActiveParameter">The 0-based index of the argument at the cursor (may exceed the count for extra arguments).</param>
/// <param name="Documentation">A one-line description (built-ins, extern functions, a comment above a declaration), or null.</param>
public sealed record SignatureInfo(string Label, IReadOnlyList<string> Parameters, int ActiveParameter, string? Documentation);

/// <summary>A named declaration of the workspace (LSP "WorkspaceSymbol").</summary>
/// <param name="Name">The declared name.</param>
/// <param name="Kind">What it declares.</param>
/// <param name="Location">The name in its declaration.</param>
/// <param name="Container">The class of a method or field, else the module's file name.</param>
public sealed record WorkspaceSymbol(string Name, SoxSymbolKind Kind, Location Location, string? Container);

/// <summary>A name of a document with what it is, for semantic highlighting (LSP semantic tokens).</summary>
/// <param name="Range">The name (one line).</param>
/// <param name="Kind">What the name denotes here: a parameter, an upvalue, a method, a field, a built-in, ….</param>
/// <param name="IsDeclaration">True where the name is declared (LSP's <c>declaration</c> modifier).</param>
public sealed record ClassifiedName(LineRange Range, SoxSymbolKind Kind, bool IsDeclaration);
