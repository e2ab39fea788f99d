using Sox.Compiler.Semantics;
using Sox.Compiler.Syntax;
using Sox.Compiler.Syntax.Ast;

namespace Sox.LanguageServices;

/// <summary>
/// Signature help from the tokens before the cursor: the innermost unclosed <c>(</c> that follows a callee, the
/// commas at its level (the active argument), then the callee resolved through the index (a function, a method, a
/// class's <c>init</c>, a built-in, an <c>extern fn</c>, a module's member).
/// </summary>
internal static class SignatureHelpProvider
{
    /// <summary>How far back the scan looks for the call's <c>(</c>: a call's arguments are rarely this long.</summary>
    private const int MaxScan = 4000;

    public static SignatureInfo? Help(Navigator navigator, ModuleIndex module, int offset)
    {
        var tokens = module.Tokens;
        var last = TokenScan.LastBefore(tokens, offset);
        if (TokenScan.InCommentOrString(module.Text, tokens, last, offset)) return null;
        var depth = 0;
        var commas = 0;
        for (var i = last; i >= 0 && last - i < MaxScan; i--)
        {
            switch (tokens[i].Kind)
            {
                case TokenKind.RightParen or TokenKind.RightBracket or TokenKind.RightBrace: depth++; break;
                case TokenKind.LeftBracket when depth == 0:
                    commas = 0; // an argument that is an array literal still being written
                    break;
                case TokenKind.LeftBrace when depth == 0:
                    // A table literal argument goes on to the call; a block or a function body is a call of its own.
                    if (i == 0 || tokens[i - 1].Kind is not (TokenKind.LeftParen or TokenKind.Comma or TokenKind.Colon or TokenKind.LeftBracket or TokenKind.Equal)) return null;
                    commas = 0;
                    break;
                case TokenKind.LeftParen or TokenKind.LeftBracket or TokenKind.LeftBrace when depth > 0: depth--; break;
                case TokenKind.Comma when depth == 0: commas++; break;
                case TokenKind.LeftParen:
                    var signature = CalleeSignature(navigator, module, tokens, i, offset);
                    if (signature is not null) return signature with { ActiveParameter = commas };
                    commas = 0;
                    break;
                case TokenKind.Semicolon when depth == 0: return null;
                case var kind when depth == 0 && IsStatementStart(kind): return null;
            }
        }
        return null;
    }

    /// <summary>A keyword that starts a statement (§4) cannot be inside an argument list: the scan stops there.</summary>
    private static bool IsStatementStart(TokenKind kind) => kind is TokenKind.Print or TokenKind.Var or TokenKind.Return
        or TokenKind.If or TokenKind.Else or TokenKind.While or TokenKind.For or TokenKind.Foreach or TokenKind.Switch
        or TokenKind.Case or TokenKind.Default or TokenKind.Class or TokenKind.Import or TokenKind.Defer
        or TokenKind.Break or TokenKind.Continue;

    private static SignatureInfo? CalleeSignature(Navigator navigator, ModuleIndex module, IReadOnlyList<Token> tokens, int paren, int offset)
    {
        if (paren < 1) return null;
        var callee = tokens[paren - 1];
        if (paren >= 2 && tokens[paren - 2].Kind == TokenKind.Fn) return null; // fn name( … : a declaration
        if (callee.Kind == TokenKind.Fn) return null;
        if (callee.Kind == TokenKind.Assert) return new SignatureInfo("assert(condition, message)", ["condition", "message"], 0, "Fails when `condition` is falsey, reporting `message` (optional, §4.10).");
        if (callee.Kind != TokenKind.Identifier) return null;
        var isMember = paren >= 3 && tokens[paren - 2].Kind == TokenKind.Dot;
        // A method declared without fn inside a class body (init(a, b) {) is also a declaration.
        if (!isMember && paren >= 2 && tokens[paren - 2].Kind is TokenKind.LeftBrace or TokenKind.RightBrace
            && TokenScan.EnclosingClassName(tokens, paren - 1) is not null && IsClassBodyLevel(tokens, paren - 1)) return null;
        var occurrence = module.OccurrenceAt(callee.Span.Start);
        if (!isMember)
        {
            var symbol = occurrence is { Kind: OccurrenceKind.Variable, Symbol: { } s } ? s : CompletionProvider.LookupName(module, callee.Text, offset);
            if (symbol is null && Builtins.IsBuiltin(callee.Text)) return Builtin(callee.Text);
            return symbol is null ? null : OfVariable(module, symbol);
        }
        var receiver = tokens[paren - 3];
        ClassInfo? @class = null;
        if (occurrence is { Kind: OccurrenceKind.Member } member)
        {
            if (member.Role == MemberRole.SuperUse) @class = member.Class?.Superclass;
            switch (navigator.TypeOf(module, member.Receiver))
            {
                case InstanceType instance: @class = instance.Class; break;
                case ModuleType imported: return OfExport(navigator, imported.Path, callee.Text);
            }
        }
        else if (receiver.Kind is TokenKind.This or TokenKind.Super)
        {
            var name = TokenScan.EnclosingClassName(tokens, paren);
            @class = module.Classes.LastOrDefault(c => c.Name == name) ?? module.ClassAt(offset);
            if (receiver.Kind == TokenKind.Super) @class = @class?.Superclass;
        }
        else if (receiver.Kind == TokenKind.Identifier && CompletionProvider.LookupName(module, receiver.Text, offset) is { } symbol)
        {
            switch (navigator.TypeOfVariable(module, symbol))
            {
                case InstanceType instance: @class = instance.Class; break;
                case ModuleType imported: return OfExport(navigator, imported.Path, callee.Text);
            }
        }
        var candidates = @class is null ? navigator.ClassesDeclaring(callee.Text) : [@class];
        foreach (var c in candidates)
        {
            if (Navigator.FindMember(c, callee.Text) is { Method: { } method } found)
            {
                var home = navigator.Workspace.Find(found.Class.ModulePath) ?? module;
                return Make(Signatures.Function(method, found.Class.Name), Signatures.Parameters(method), Signatures.CommentAbove(home, method.Span.Start));
            }
        }
        return null;
    }

    /// <summary>True when the token stands directly in a class body (its enclosing open brace is the class's).</summary>
    private static bool IsClassBodyLevel(IReadOnlyList<Token> tokens, int index)
    {
        var depth = 0;
        for (var i = index - 1; i >= 0; i--)
        {
            if (tokens[i].Kind == TokenKind.RightBrace) depth++;
            else if (tokens[i].Kind == TokenKind.LeftBrace && depth-- == 0)
            {
                return (i >= 2 && tokens[i - 2].Kind == TokenKind.Class) || (i >= 4 && tokens[i - 4].Kind == TokenKind.Class);
            }
        }
        return false;
    }

    private static SignatureInfo Make(string label, IReadOnlyList<string> parameters, string? documentation) =>
        new(label, parameters, 0, documentation);

    private static SignatureInfo Builtin(string name) => Make(BuiltinDocs.Signature(name), BuiltinDocs.Parameters(name), BuiltinDocs.Description(name));

    private static SignatureInfo? OfExport(Navigator navigator, string path, string key)
    {
        if (navigator.FindExport(path, key) is not var (module, entry)) return null;
        return entry.Value switch
        {
            VariableExpr value when module.Model.Symbol(value) is { } symbol => OfVariable(module, symbol),
            FunctionExpr lambda => Make($"{key}({string.Join(", ", Signatures.Parameters(lambda.Function))})", Signatures.Parameters(lambda.Function), null),
            _ => null,
        };
    }

    public static SignatureInfo? OfVariable(ModuleIndex module, VariableSymbol symbol)
    {
        if (symbol.Kind == SymbolKind.Builtin) return Builtin(symbol.Name);
        var declaration = module.DeclarationOf(symbol);
        if (declaration is null) return null;
        var comment = Signatures.CommentAbove(module, declaration.Node.Span.Start);
        switch (declaration.Node)
        {
            case ExternFnStmt e:
                return Make(Signatures.Extern(e), Signatures.CParameters(e.Parameters, e.IsVariadic),
                    comment ?? $"Calls the C function `{e.Name.Text}` (§9.1).");
            case ExportFnStmt x when declaration.Function is not null:
                return Make(Signatures.Export(x), Signatures.CParameters(x.Parameters, false), comment);
            case ClassStmt when declaration.Class is { } c:
                var init = Navigator.FindMember(c, "init")?.Method;
                var parameters = init is null ? [] : Signatures.Parameters(init);
                return Make($"{c.Name}({string.Join(", ", parameters)})", parameters, comment ?? $"Creates an instance of class `{c.Name}`" + (init is null ? "." : " and runs its `init`."));
            case FunctionStmt or VarStmt when declaration.Function is { } function:
                return Make(Signatures.Function(function, alias: symbol.Name), Signatures.Parameters(function), comment);
            default:
                return null;
        }
    }
}
