using Sox.Compiler.Diagnostics;
using Sox.Compiler.Syntax.Ast;

namespace Sox.Compiler.Syntax;

/// <summary>Functions, attributes, classes and imports (§5–§7).</summary>
public sealed partial class Parser
{
    /// <summary>The attributes the toolchain knows (§7).</summary>
    private static readonly HashSet<string> s_knownAttributes = new(StringComparer.Ordinal) { "test" };

    /// <summary><c>#[test] fn name(…) { }</c>: attributes apply to the named function that follows.</summary>
    private Stmt? ParseAttributedDeclaration()
    {
        var attributes = new List<Name>();
        var first = Current;
        while (Check(TokenKind.Attribute))
        {
            var token = Advance();
            if (!s_knownAttributes.Contains(token.Text)) SoftError(token.Span, DiagnosticCodes.UnknownAttribute, token.Text);
            attributes.Add(ToName(token));
        }
        if (Check(TokenKind.Fn) && PeekToken(1).Kind == TokenKind.Identifier) return ParseFunctionStatement(attributes);
        // The attributes are dropped; what follows is still parsed as the statement it is.
        SoftError(first.Span, DiagnosticCodes.AttributeWithoutFunction);
        return AtEnd ? null : ParseStatementCore();
    }

    private Stmt? ParseFunctionStatement(IReadOnlyList<Name> attributes)
    {
        var keyword = Advance();
        var name = ToName(Advance());
        var function = ParseFunctionRest(name, FunctionKind.Function, attributes, keyword.Span.Start);
        return new FunctionStmt(function);
    }

    /// <summary>Parameters and body after the name (or after <c>fn</c> for a lambda).</summary>
    private FunctionDecl ParseFunctionRest(Name? name, FunctionKind kind, IReadOnlyList<Name> attributes, int start)
    {
        var parameters = ParseParameters();
        var body = ParseFunctionBody("before the function body");
        return new FunctionDecl(name, kind, parameters, body, attributes, SpanFrom(start));
    }

    /// <summary><c>(a, b)</c>: at most 255 names (SOX2005, reported once at the 256th).</summary>
    private List<Name> ParseParameters()
    {
        var parameters = new List<Name>();
        if (!Expect(TokenKind.LeftParen, "'('", "before the parameters"))
        {
            RecoverToBody();
            return parameters;
        }
        if (!Check(TokenKind.RightParen))
        {
            do
            {
                if (parameters.Count == 255) SoftError(Current.Span, DiagnosticCodes.TooManyParameters);
                var name = ExpectName("parameter");
                if (name is null) break;
                parameters.Add(name);
            }
            while (Match(TokenKind.Comma));
        }
        if (!Expect(TokenKind.RightParen, "')'", "after the parameters")) RecoverToBody();
        return parameters;
    }

    /// <summary>After a broken function header: skip to its <c>{</c> (or a closing <c>)</c>) on the same footing.</summary>
    private void RecoverToBody()
    {
        var depth = 0;
        while (!AtEnd)
        {
            var kind = Current.Kind;
            if (kind == TokenKind.LeftBrace) return;
            if (kind == TokenKind.RightBrace || (depth == 0 && Current.PrecededByNewline && IsStatementKeyword(kind))) return;
            if (kind == TokenKind.LeftParen) depth++;
            else if (kind == TokenKind.RightParen)
            {
                Advance();
                if (depth-- == 0) return;
                continue;
            }
            Advance();
        }
    }

    /// <summary>A function body block, as a statement list.</summary>
    private IReadOnlyList<Stmt> ParseFunctionBody(string where) => ParseBlock(where).Statements;

    /// <summary>
    /// <c>class B &lt; A { init(x) { } m() { } }</c>: methods without <c>fn</c> (§5); <c>fn m()</c> is accepted
    /// too. <c>init</c> is the initializer.
    /// </summary>
    private Stmt? ParseClass()
    {
        var keyword = Advance();
        var name = ExpectName("class");
        if (name is null) return null;
        VariableExpr? superclass = null;
        if (Match(TokenKind.Less))
        {
            var superName = ExpectName("superclass");
            if (superName is not null) superclass = new VariableExpr(superName);
        }
        var methods = new List<FunctionDecl>();
        if (!Expect(TokenKind.LeftBrace, "'{'", "before the class body")) return new ClassStmt(name, superclass, methods, SpanFrom(keyword));
        _panic = false;
        while (!AtEnd && !Check(TokenKind.RightBrace))
        {
            var start = Current;
            Match(TokenKind.Fn);
            if (!Check(TokenKind.Identifier))
            {
                Error(DiagnosticCodes.ExpectedName, "method");
                SkipToNextMethod();
                continue;
            }
            var methodName = ToName(Advance());
            var kind = methodName.Text == "init" ? FunctionKind.Initializer : FunctionKind.Method;
            methods.Add(ParseFunctionRest(methodName, kind, [], start.Span.Start));
            if (_panic) SkipToNextMethod();
        }
        Expect(TokenKind.RightBrace, "'}'", "after the class body");
        return new ClassStmt(name, superclass, methods, SpanFrom(keyword));
    }

    /// <summary>Class-body recovery: skip balanced tokens to a line starting with a name or <c>fn</c>, or to the class's <c>}</c>.</summary>
    private void SkipToNextMethod()
    {
        var depth = 0;
        var first = true;
        while (!AtEnd)
        {
            var kind = Current.Kind;
            if (depth == 0 && kind == TokenKind.RightBrace) break;
            if (depth == 0 && !first && Current.PrecededByNewline && kind is TokenKind.Identifier or TokenKind.Fn) break;
            if (kind is TokenKind.LeftBrace or TokenKind.LeftParen or TokenKind.LeftBracket) depth++;
            else if (kind is TokenKind.RightBrace or TokenKind.RightParen or TokenKind.RightBracket) depth = Math.Max(0, depth - 1);
            first = false;
            Advance();
        }
        _panic = false;
    }

    /// <summary><c>import "a"</c>, <c>import b "lib/b"</c>, <c>import ( "a" b "lib/b" )</c> (§6); commas or semicolons may separate entries.</summary>
    private Stmt ParseImport()
    {
        var keyword = Advance();
        var imports = new List<ImportSpec>();
        if (Match(TokenKind.LeftParen))
        {
            while (!AtEnd && !Check(TokenKind.RightParen))
            {
                if (Match(TokenKind.Comma) || Match(TokenKind.Semicolon)) continue;
                if (IsStatementKeyword(Current.Kind)) break; // The ')' is missing; reported below.
                var spec = ParseImportSpec();
                if (spec is not null)
                {
                    imports.Add(spec);
                    continue;
                }
                // Skip to something that can start an entry; a statement keyword means the ')' is missing.
                while (!AtEnd && !Check(TokenKind.RightParen) && !Check(TokenKind.String) && !Check(TokenKind.Identifier)
                       && !IsStatementKeyword(Current.Kind)) Advance();
                if (IsStatementKeyword(Current.Kind)) break;
                _panic = false;
            }
            Expect(TokenKind.RightParen, "')'", "after the import list");
        }
        else
        {
            var spec = ParseImportSpec();
            if (spec is not null) imports.Add(spec);
        }
        return EndSimple(new ImportStmt(imports, SpanFrom(keyword)));
    }

    /// <summary><c>"path"</c> or <c>alias "path"</c>; null after SOX2012 (nothing consumed but the alias).</summary>
    private ImportSpec? ParseImportSpec()
    {
        var first = Current;
        Name? alias = Check(TokenKind.Identifier) ? ToName(Advance()) : null;
        if (!Check(TokenKind.String))
        {
            Error(DiagnosticCodes.ExpectedImportPath);
            return null;
        }
        var path = Advance();
        return new ImportSpec(alias, path.StringValue ?? "", path.Span, SpanFrom(first));
    }
}
