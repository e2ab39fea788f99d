using Sox.Compiler.Semantics;
using Sox.Compiler.Syntax;
using Sox.Compiler.Syntax.Ast;

namespace Sox.LanguageServices;

/// <summary>
/// Completion from the tokens before the cursor (so that <c>this.</c> or <c>math.</c> at the end of a line, which
/// the parser cannot make a property access of, still completes) and the semantic index: after a dot the members
/// of the receiver, else the names in scope, the keywords, the built-ins and the snippets.
/// </summary>
internal static class CompletionProvider
{
    /// <summary>The keywords of §1.3 (the lexer's list; <c>extern</c> and <c>export</c> are contextual, §9).</summary>
    internal static readonly string[] Keywords =
    [
        "and", "assert", "break", "case", "class", "continue", "default", "defer", "else", "false", "fn", "for",
        "foreach", "if", "import", "in", "nil", "or", "print", "return", "super", "switch", "this", "true", "var",
        "while",
    ];

    private static readonly CompletionItem[] s_snippets =
    [
        new("fn", SoxSymbolKind.Snippet, "function declaration", "fn ${1:name}(${2:params}) {\n\t$0\n}", true),
        new("class", SoxSymbolKind.Snippet, "class with init", "class ${1:Name} {\n\tinit(${2:params}) {\n\t\t$0\n\t}\n}", true),
        new("foreach", SoxSymbolKind.Snippet, "foreach loop (§4.6)", "foreach var ${1:item} in ${2:items} {\n\t$0\n}", true),
        new("switch", SoxSymbolKind.Snippet, "switch statement (§4.7)", "switch ${1:value} {\ncase ${2:1} {\n\t$0\n}\ndefault {\n}\n}", true),
        new("#[test]", SoxSymbolKind.Snippet, "test function (§7.1)", "#[test]\nfn ${1:TestName}(t) {\n\t$0\n}", true),
    ];

    public static IReadOnlyList<CompletionItem> Complete(Navigator navigator, ModuleIndex module, int offset)
    {
        var tokens = module.Tokens;
        var last = TokenScan.LastBefore(tokens, offset);
        if (TokenScan.InCommentOrString(module.Text, tokens, last, offset)) return [];
        var before = last;
        if (last >= 0 && tokens[last].Span.End >= offset)
        {
            // The cursor is in or just after a word: complete that word, from what stands before it.
            if (!TokenScan.IsWord(tokens[last].Kind)) return tokens[last].Kind == TokenKind.Dot ? Members(navigator, module, tokens, last, offset) : [];
            before = last - 1;
        }
        if (before >= 0 && tokens[before].Kind == TokenKind.Dot) return Members(navigator, module, tokens, before, offset);
        // A name being declared is new: nothing to propose.
        if (before >= 0 && tokens[before].Kind is TokenKind.Var or TokenKind.Fn or TokenKind.Class or TokenKind.Comma && IsDeclarationList(tokens, before)) return [];
        return Names(module, tokens, offset);
    }

    /// <summary><c>var |</c>, <c>fn |</c>, <c>class |</c>, and the second name of <c>foreach var k, |</c>.</summary>
    private static bool IsDeclarationList(IReadOnlyList<Token> tokens, int index) =>
        tokens[index].Kind != TokenKind.Comma || (index >= 2 && tokens[index - 2].Kind == TokenKind.Var);

    private static IReadOnlyList<CompletionItem> Members(Navigator navigator, ModuleIndex module, IReadOnlyList<Token> tokens, int dot, int offset)
    {
        if (dot < 1) return [];
        var receiver = tokens[dot - 1];
        switch (receiver.Kind)
        {
            case TokenKind.This:
                return ClassAt(module, tokens, dot, offset) is { } self ? ClassMembers(module, self, includeFields: true) : AllMembers(navigator, module);
            case TokenKind.Super:
                return ClassAt(module, tokens, dot, offset)?.Superclass is { } super ? ClassMembers(module, super, includeFields: false) : [];
            case TokenKind.Identifier when LookupName(module, receiver.Text, offset) is { } symbol:
                switch (navigator.TypeOfVariable(module, symbol))
                {
                    case ModuleType imported: return ModuleMembers(navigator, imported.Path);
                    case InstanceType instance: return ClassMembers(module, instance.Class, includeFields: true);
                }
                break;
        }
        return AllMembers(navigator, module);
    }

    private static ClassInfo? ClassAt(ModuleIndex module, IReadOnlyList<Token> tokens, int index, int offset)
    {
        var name = TokenScan.EnclosingClassName(tokens, index);
        return (name is null ? null : module.Classes.LastOrDefault(c => c.Name == name && c.Statement.Span.Start <= offset)) ?? module.ClassAt(offset);
    }

    /// <summary>The variable a name denotes at an offset: the innermost visible local, else the module's global.</summary>
    public static VariableSymbol? LookupName(ModuleIndex module, string name, int offset) =>
        module.LocalsAt(offset).LastOrDefault(s => s.Name == name)
        ?? module.Model.Globals.FirstOrDefault(g => g.Name == name && g.IsDefined);

    private static IReadOnlyList<CompletionItem> ClassMembers(ModuleIndex module, ClassInfo @class, bool includeFields)
    {
        var items = new Dictionary<string, CompletionItem>(StringComparer.Ordinal);
        foreach (var c in @class.SelfAndAncestors())
        {
            foreach (var (name, method) in c.Methods)
            {
                items.TryAdd(name, new CompletionItem(name, SoxSymbolKind.Method, Signatures.Function(method, c.Name), name, false));
            }
            if (!includeFields) continue;
            foreach (var name in c.Fields.Keys) items.TryAdd(name, new CompletionItem(name, SoxSymbolKind.Field, $"field of {c.Name}", name, false));
        }
        return items.Values.ToList();
    }

    private static IReadOnlyList<CompletionItem> ModuleMembers(Navigator navigator, string path)
    {
        if (navigator.Workspace.Find(path) is not { } imported) return [];
        var items = new Dictionary<string, CompletionItem>(StringComparer.Ordinal);
        foreach (var entry in imported.Exports)
        {
            var kind = SoxSymbolKind.Field;
            var detail = $"member of {imported.Module.DisplayPath}";
            if (entry.Value is VariableExpr value && imported.Model.Symbol(value) is { } symbol && imported.DeclarationOf(symbol) is { } declaration)
            {
                (kind, detail) = Describe(symbol, declaration, detail);
            }
            else if (entry.Value is FunctionExpr lambda)
            {
                (kind, detail) = (SoxSymbolKind.Function, $"fn ({string.Join(", ", Signatures.Parameters(lambda.Function))})");
            }
            items[entry.Key] = new CompletionItem(entry.Key, kind, detail, entry.Key, false);
        }
        return items.Values.ToList();
    }

    /// <summary>A property of a value of unknown class: every member name the file knows.</summary>
    private static IReadOnlyList<CompletionItem> AllMembers(Navigator navigator, ModuleIndex module)
    {
        var items = new Dictionary<string, CompletionItem>(StringComparer.Ordinal);
        foreach (var c in module.Classes)
        {
            foreach (var item in ClassMembers(module, c, includeFields: true)) items.TryAdd(item.Label, item);
        }
        foreach (var occurrence in module.Occurrences)
        {
            if (occurrence.Kind == OccurrenceKind.Member && Lexical.IsIdentifier(occurrence.Name))
            {
                items.TryAdd(occurrence.Name, new CompletionItem(occurrence.Name, SoxSymbolKind.Field, null, occurrence.Name, false));
            }
        }
        return items.Values.ToList();
    }

    /// <summary>What a declared variable is, for the item's kind and detail.</summary>
    public static (SoxSymbolKind Kind, string Detail) Describe(VariableSymbol symbol, Declaration declaration, string fallback) => declaration.Node switch
    {
        ClassStmt when declaration.Class is { } c => (SoxSymbolKind.Class, Signatures.Class(c)),
        ExternFnStmt e => (SoxSymbolKind.Extern, Signatures.Extern(e)),
        ExportFnStmt x => (SoxSymbolKind.Export, Signatures.Export(x)),
        FunctionStmt f when declaration.NameSpan == f.Function.Name?.Span => (SoxSymbolKind.Function, Signatures.Function(f.Function)),
        VarStmt when declaration.Function is { } lambda => (SoxSymbolKind.Function, $"var {symbol.Name} = fn ({string.Join(", ", Signatures.Parameters(lambda))})"),
        ImportSpec spec => (SoxSymbolKind.Module, $"import \"{spec.Path}\""),
        _ => symbol.Kind switch
        {
            SymbolKind.Parameter => (SoxSymbolKind.Parameter, "parameter"),
            SymbolKind.Global => (SoxSymbolKind.Global, "global"),
            _ => (SoxSymbolKind.Local, "local"),
        },
    };

    private static IReadOnlyList<CompletionItem> Names(ModuleIndex module, IReadOnlyList<Token> tokens, int offset)
    {
        var items = new Dictionary<string, CompletionItem>(StringComparer.Ordinal);
        void AddSymbol(VariableSymbol symbol)
        {
            var declaration = module.DeclarationOf(symbol);
            var (kind, detail) = declaration is null ? (SoxSymbolKind.Local, "local") : Describe(symbol, declaration, "");
            items[symbol.Name] = new CompletionItem(symbol.Name, kind, detail, symbol.Name, false);
        }
        foreach (var global in module.Model.Globals)
        {
            if (global.IsDefined) AddSymbol(global);
        }
        // Innermost last, so a shadowing local replaces the outer name.
        foreach (var local in module.LocalsAt(offset)) AddSymbol(local);
        AddLostDeclarations(module, tokens, offset, items);
        foreach (var builtin in Builtins.ByName.Keys)
        {
            items.TryAdd(builtin, new CompletionItem(builtin, SoxSymbolKind.Builtin, BuiltinDocs.Signature(builtin), builtin, false));
        }
        var result = items.Values.ToList();
        result.AddRange(Keywords.Select(k => new CompletionItem(k, SoxSymbolKind.Keyword, "keyword", k, false)));
        result.AddRange(s_snippets);
        return result;
    }

    /// <summary>
    /// Declarations the parser dropped while recovering from an error (a <c>var</c>, <c>fn</c> or <c>class</c> name
    /// with no entry in the index) still complete, found by their tokens.
    /// </summary>
    private static void AddLostDeclarations(ModuleIndex module, IReadOnlyList<Token> tokens, int offset, Dictionary<string, CompletionItem> items)
    {
        for (var i = 1; i < tokens.Count && tokens[i].Span.End < offset; i++)
        {
            var token = tokens[i];
            if (token.Kind != TokenKind.Identifier || items.ContainsKey(token.Text)) continue;
            var kind = tokens[i - 1].Kind switch
            {
                TokenKind.Var => SoxSymbolKind.Local,
                TokenKind.Fn => SoxSymbolKind.Function,
                TokenKind.Class => SoxSymbolKind.Class,
                _ => (SoxSymbolKind?)null,
            };
            if (kind is null || module.OccurrenceAt(token.Span.Start) is { IsDeclaration: true }) continue;
            items[token.Text] = new CompletionItem(token.Text, kind.Value, null, token.Text, false);
        }
    }
}
