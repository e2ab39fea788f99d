using Sox.Compiler.Diagnostics;
using Sox.Compiler.Lowering;
using Sox.Compiler.Semantics;
using Sox.Compiler.Syntax;
using Sox.Compiler.Syntax.Ast;
using Sox.Compiler.Text;
using Sox.LanguageServer.Protocol;
using L = Sox.LanguageServer.Protocol.SemanticTokenLegend;

namespace Sox.LanguageServer.Features;

/// <summary>
/// <c>textDocument/semanticTokens/full</c>: every token the lexer finds, with comments from the gaps between them;
/// names classified by the resolver where the module was analysed (a use of a class is a class, of a parameter a
/// parameter, of a built-in a function from the default library; <c>a.m()</c> is a method, <c>a.f</c> a property),
/// else a variable. Encoded as LSP's relative five-integer form, multi-line tokens split per line.
/// </summary>
internal static class SemanticTokenClassifier
{
    /// <param name="text">The document.</param>
    /// <param name="module">Its analysed module (null when there is none).</param>
    /// <param name="services">Names classified by Sox.LanguageServices (which also knows members' classes and
    /// upvalues) by start offset; they win over this file's own resolver-based classification.</param>
    public static SemanticTokens Tokens(string text, SourceModule? module, IReadOnlyDictionary<int, (int, int)>? services = null)
    {
        var source = new SourceText("", text);
        var tokens = Lexer.Tokenize(source, new DiagnosticBag());
        var names = module is not null && module.Unit.Source.Text == text ? ClassifyNames(module) : [];
        foreach (var (offset, name) in services ?? new Dictionary<int, (int, int)>()) names[offset] = name;
        var lines = new TextLines(text);
        var data = new List<int>(tokens.Count * 5);
        var (previousLine, previousChar) = (0, 0);

        void Emit(int start, int end, int type, int modifiers)
        {
            // One LSP token per line the source token covers (clients need not support multi-line tokens).
            while (start < end)
            {
                var position = lines.ToPosition(start);
                var lineEnd = Math.Min(end, lines.LineEnd(position.Line));
                if (lineEnd > start)
                {
                    var deltaLine = position.Line - previousLine;
                    data.Add(deltaLine);
                    data.Add(deltaLine == 0 ? position.Character - previousChar : position.Character);
                    data.Add(lineEnd - start);
                    data.Add(type);
                    data.Add(modifiers);
                    (previousLine, previousChar) = (position.Line, position.Character);
                }
                var next = lines.LineStart(position.Line + 1);
                if (next <= start) break;
                start = next;
            }
        }

        var gapStart = 0;
        for (var i = 0; i < tokens.Count; i++)
        {
            var token = tokens[i];
            EmitComments(text, gapStart, token.Span.Start, Emit);
            gapStart = Math.Max(gapStart, token.Span.End);
            if (token.Kind is TokenKind.EndOfFile or TokenKind.Bad) continue;
            var next = i + 1 < tokens.Count ? tokens[i + 1] : default;
            if (Classify(token, next, names) is var (type, modifiers)) Emit(token.Span.Start, token.Span.End, type, modifiers);
        }
        return new SemanticTokens(data);
    }

    private static (int Type, int Modifiers)? Classify(Token token, Token next, Dictionary<int, (int, int)> names)
    {
        switch (token.Kind)
        {
            case TokenKind.String: return (L.String, 0);
            case TokenKind.Number: return (L.Number, 0);
            case TokenKind.Attribute: return (L.Decorator, 0);
            case TokenKind.Identifier:
                if (names.TryGetValue(token.Span.Start, out var name)) return name;
                // §9: extern and export are keywords only before fn (or extern's library string).
                if (token.Text is "extern" or "export" && next.Kind is TokenKind.Fn || token.Text == "extern" && next.Kind == TokenKind.String)
                    return (L.Keyword, 0);
                return (L.Variable, 0);
        }
        if (token.Kind >= TokenKind.And && token.Kind <= TokenKind.While) return (L.Keyword, 0);
        if (token.Kind >= TokenKind.Plus && token.Kind <= TokenKind.LessEqual) return (L.Operator, 0);
        return null;
    }

    /// <summary>Line and block comments in the text between two tokens (no string can be there).</summary>
    private static void EmitComments(string text, int start, int end, Action<int, int, int, int> emit)
    {
        var i = start;
        while (i + 1 < end)
        {
            if (text[i] == '/' && text[i + 1] == '/')
            {
                var stop = text.IndexOf('\n', i);
                if (stop < 0 || stop > end) stop = end;
                emit(i, stop, L.Comment, 0);
                i = stop;
            }
            else if (text[i] == '/' && text[i + 1] == '*')
            {
                var stop = text.IndexOf("*/", i + 2, StringComparison.Ordinal);
                stop = stop < 0 || stop + 2 > end ? end : stop + 2;
                emit(i, stop, L.Comment, 0);
                i = stop;
            }
            else i++;
        }
    }

    /// <summary>Name tokens by start offset, from the declarations and the resolver's bindings.</summary>
    private static Dictionary<int, (int, int)> ClassifyNames(SourceModule module)
    {
        var model = module.Model;
        var names = new Dictionary<int, (int, int)>();
        var declared = new Dictionary<VariableSymbol, int>(ReferenceEqualityComparer.Instance);
        var nodes = AstWalk.Nodes(module.Unit.Statements, intoFunctions: true).ToList();
        var callees = new HashSet<Node>(ReferenceEqualityComparer.Instance);

        void Declare(Name? name, int type, Node? declaration = null)
        {
            if (name is null) return;
            names[name.Span.Start] = (type, L.Declaration);
            if (declaration is not null && model.Symbol(declaration) is { } symbol) declared[symbol] = type;
        }
        void Function(FunctionDecl function, int type, Node? declaration)
        {
            Declare(function.Name, type, declaration);
            foreach (var parameter in function.Parameters) Declare(parameter, L.Parameter);
        }

        foreach (var node in nodes)
        {
            switch (node)
            {
                case FunctionStmt s: Function(s.Function, L.Function, s); break;
                case ExportFnStmt s: Function(s.Function, L.Function, s); break;
                case FunctionExpr e: Function(e.Function, L.Function, null); break;
                case ClassStmt s:
                    Declare(s.Name, L.Class, s);
                    foreach (var method in s.Methods) Function(method, L.Method, null);
                    break;
                case ExternFnStmt s:
                    Declare(s.Name, L.Function, s);
                    foreach (var parameter in s.Parameters)
                    {
                        Declare(parameter.Name, L.Parameter);
                        names[parameter.Type.Span.Start] = (L.Type, 0);
                    }
                    if (s.ReturnType.Span.Length > 0) names[s.ReturnType.Span.Start] = (L.Type, 0);
                    break;
                case VarStmt s: Declare(s.Name, L.Variable, s); break;
                case ForeachStmt s: Declare(s.KeyName, L.Variable); Declare(s.ValueName, L.Variable); break;
                case ImportStmt s:
                    foreach (var spec in s.Imports) Declare(spec.Alias, L.Namespace, spec);
                    break;
                case CallExpr e: callees.Add(e.Callee); break;
            }
        }
        foreach (var node in nodes)
        {
            switch (node)
            {
                case VariableExpr e: names[e.Name.Span.Start] = Use(model.Symbol(e), declared); break;
                case AssignExpr e: names[e.Name.Span.Start] = Use(model.Symbol(e), declared); break;
                case GetExpr e: names[e.Name.Span.Start] = (callees.Contains(e) ? L.Method : L.Property, 0); break;
                case SetExpr e: names[e.Name.Span.Start] = (L.Property, 0); break;
                case SuperExpr e: names[e.Method.Span.Start] = (L.Method, 0); break;
                case TableLiteral e:
                    foreach (var entry in e.Entries) names.TryAdd(entry.KeySpan.Start, (L.Property, 0));
                    break;
            }
        }
        return names;
    }

    private static (int, int) Use(VariableSymbol? symbol, Dictionary<VariableSymbol, int> declared) => symbol switch
    {
        null => (L.Variable, 0),
        { Kind: SymbolKind.Builtin } => (L.Function, L.DefaultLibrary),
        { Kind: SymbolKind.Parameter } => (L.Parameter, 0),
        _ when declared.TryGetValue(symbol, out var type) => (type, 0),
        _ => (L.Variable, 0),
    };
}
