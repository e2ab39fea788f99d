using Sox.Compiler.Diagnostics;
using Sox.Compiler.Syntax.Ast;

namespace Sox.Compiler.Syntax;

/// <summary>Primary expressions of §3: literals, names, <c>this</c>, <c>super.m</c>, groups, array/table literals, lambdas.</summary>
public sealed partial class Parser
{
    private Expr ParsePrimary()
    {
        var token = Current;
        switch (token.Kind)
        {
            case TokenKind.Number: Advance(); return new NumberLiteral(token.NumberValue, token.Span);
            case TokenKind.String: Advance(); return new StringLiteral(token.StringValue ?? "", token.Span);
            case TokenKind.True: Advance(); return new BoolLiteral(true, token.Span);
            case TokenKind.False: Advance(); return new BoolLiteral(false, token.Span);
            case TokenKind.Nil: Advance(); return new NilLiteral(token.Span);
            case TokenKind.This: Advance(); return new ThisExpr(token.Span);
            case TokenKind.Identifier: Advance(); return new VariableExpr(ToName(token));
            case TokenKind.Super: return ParseSuper();
            case TokenKind.LeftParen: return ParseGrouping();
            case TokenKind.LeftBracket: return ParseArrayLiteral(TokenKind.RightBracket);
            case TokenKind.LeftBrace: return ParseBraceLiteral();
            case TokenKind.Fn: return ParseLambda();
        }
        Error(DiagnosticCodes.ExpectedExpression);
        return ErrorExpr();
    }

    /// <summary><c>super</c> only appears as <c>super.name</c> (§3).</summary>
    private Expr ParseSuper()
    {
        var keyword = Advance();
        if (!Expect(TokenKind.Dot, "'.'", "after 'super'")) return ErrorExpr();
        var method = ExpectName("superclass method");
        if (method is null) return ErrorExpr();
        return new SuperExpr(method, SpanFrom(keyword));
    }

    private Expr ParseGrouping()
    {
        var open = Advance();
        var inner = ParseExpression();
        Expect(TokenKind.RightParen, "')'", "after the expression");
        return new GroupingExpr(inner, SpanFrom(open));
    }

    /// <summary><c>[a, b]</c> or, after a <c>{</c>, <c>{a, b}</c>; trailing commas are allowed.</summary>
    private Expr ParseArrayLiteral(TokenKind close)
    {
        var open = Advance();
        var elements = new List<Expr>();
        var closeText = close == TokenKind.RightBracket ? "']'" : "'}'";
        while (!Check(close) && !AtEnd)
        {
            elements.Add(ParseListElement(close));
            if (!ListContinues(close, $"',' or {closeText}", "after an array element")) break;
        }
        Expect(close, closeText, "after the array elements");
        return new ArrayLiteral(elements, SpanFrom(open));
    }

    /// <summary>
    /// A <c>{</c> in expression position (§3): <c>{}</c> is an empty table; a first element that is a name or a
    /// string followed by <c>:</c> makes a table; anything else an array.
    /// </summary>
    private Expr ParseBraceLiteral()
    {
        if (PeekToken(1).Kind == TokenKind.RightBrace)
        {
            var open = Advance();
            Advance();
            return new TableLiteral([], SpanFrom(open));
        }
        var isTable = PeekToken(1).Kind is TokenKind.Identifier or TokenKind.String && PeekToken(2).Kind == TokenKind.Colon;
        return isTable ? ParseTableLiteral() : ParseArrayLiteral(TokenKind.RightBrace);
    }

    /// <summary><c>{k: v, "k 2": v}</c>; keys are bare names or strings, trailing commas allowed.</summary>
    private Expr ParseTableLiteral()
    {
        var open = Advance();
        var entries = new List<TableEntry>();
        while (!Check(TokenKind.RightBrace) && !AtEnd)
        {
            var entry = ParseTableEntry();
            if (entry is not null) entries.Add(entry);
            if (!ListContinues(TokenKind.RightBrace, "',' or '}'", "after a table entry")) break;
        }
        Expect(TokenKind.RightBrace, "'}'", "after the table entries");
        return new TableLiteral(entries, SpanFrom(open));
    }

    private TableEntry? ParseTableEntry()
    {
        var key = Current;
        if (key.Kind is not (TokenKind.Identifier or TokenKind.String))
        {
            Error(DiagnosticCodes.ExpectedToken, "a key (name or string)", "in the table literal");
            SkipToListEnd(TokenKind.RightBrace);
            return null;
        }
        Advance();
        var wasPanic = _panic;
        if (!Expect(TokenKind.Colon, "':'", "after the table key"))
        {
            if (!wasPanic) SkipToListEnd(TokenKind.RightBrace);
            return null;
        }
        var value = ParseListElement(TokenKind.RightBrace);
        var text = key.Kind == TokenKind.String ? key.StringValue ?? "" : key.Text;
        return new TableEntry(text, key.Span, value);
    }

    /// <summary>An anonymous <c>fn (params) { body }</c> (§5).</summary>
    private Expr ParseLambda()
    {
        var keyword = Advance();
        var function = ParseFunctionRest(null, FunctionKind.Lambda, [], keyword.Span.Start);
        return new FunctionExpr(function);
    }
}
