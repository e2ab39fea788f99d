using Sox.Compiler.Diagnostics;
using Sox.Compiler.Syntax.Ast;
using Sox.Compiler.Text;

namespace Sox.Compiler.Syntax;

/// <summary>Statements (§4). Semicolons are optional: a statement ends at <c>;</c> or where the next token can't continue it.</summary>
public sealed partial class Parser
{
    /// <summary>Statements up to the end of file or, when <paramref name="untilBrace"/>, up to (not including) a <c>}</c>.</summary>
    private List<Stmt> ParseStatementList(bool untilBrace)
    {
        var statements = new List<Stmt>();
        while (!AtEnd && !(untilBrace && Check(TokenKind.RightBrace)))
        {
            if (Match(TokenKind.Semicolon)) continue; // An empty statement.
            var start = _position;
            var statement = ParseStatement(allowDeclaration: true);
            if (statement is not null) statements.Add(statement);
            if (_panic) Synchronize();
            // Progress guarantee: a token no statement can start (a stray '}' at top level, ')'…) was reported; skip it.
            if (_position == start) Advance();
        }
        return statements;
    }

    private Stmt? ParseStatement(bool allowDeclaration)
    {
        if (!TryEnter()) return null;
        var misplacedDeclaration = !allowDeclaration && StartsDeclaration();
        if (misplacedDeclaration)
        {
            // §4 bodies without braces are single statements; a declaration there would have no scope to live in.
            Error(DiagnosticCodes.DeclarationNotAllowed);
        }
        var statement = ParseStatementCore();
        Leave();
        // Keep the tree well-scoped for later stages (the resolver sees a block, never a stray declaration).
        return misplacedDeclaration && statement is not null ? new BlockStmt([statement], statement.Span) : statement;
    }

    private bool StartsDeclaration() => Current.Kind switch
    {
        TokenKind.Var or TokenKind.Class or TokenKind.Import or TokenKind.Attribute => true,
        TokenKind.Fn => PeekToken(1).Kind == TokenKind.Identifier,
        TokenKind.Identifier => IsExternStart() || IsExportStart(),
        _ => false,
    };

    private Stmt? ParseStatementCore()
    {
        switch (Current.Kind)
        {
            case TokenKind.Attribute: return ParseAttributedDeclaration();
            case TokenKind.Fn when PeekToken(1).Kind == TokenKind.Identifier: return ParseFunctionStatement([]);
            case TokenKind.Class: return ParseClass();
            case TokenKind.Import: return ParseImport();
            case TokenKind.Var: return EndSimple(ParseVar());
            case TokenKind.Print: return ParsePrint();
            case TokenKind.If: return ParseIf();
            case TokenKind.While: return ParseWhile();
            case TokenKind.For: return ParseFor();
            case TokenKind.Foreach: return ParseForeach();
            case TokenKind.Switch: return ParseSwitch();
            case TokenKind.Break: return EndSimple(new BreakStmt(Advance().Span));
            case TokenKind.Continue: return EndSimple(new ContinueStmt(Advance().Span));
            case TokenKind.Return: return ParseReturn();
            case TokenKind.Defer: return ParseDefer();
            case TokenKind.Assert: return ParseAssert();
            case TokenKind.LeftBrace: return ParseBlock("to begin a block");
            case TokenKind.Identifier when IsExternStart(): return ParseExtern();
            case TokenKind.Identifier when IsExportStart(): return ParseExport();
        }
        var first = Current;
        var expression = ParseExpression();
        return EndSimple(new ExpressionStmt(expression, SpanFrom(first)));
    }

    /// <summary>Takes the optional <c>;</c> that may end a simple statement.</summary>
    private T EndSimple<T>(T statement) where T : Stmt?
    {
        Match(TokenKind.Semicolon);
        return statement;
    }

    /// <summary><c>var x</c>, <c>var x = e</c>, <c>var a[]</c>, <c>var a[] = e</c> (§4); no trailing <c>;</c> taken.</summary>
    private VarStmt? ParseVar()
    {
        var keyword = Advance();
        var name = ExpectName("variable");
        if (name is null) return null;
        var isArray = false;
        Expr? initializer = null;
        if (Check(TokenKind.LeftBracket))
        {
            var open = Advance();
            Expect(TokenKind.RightBracket, "']'", "after '[' in an array declaration");
            isArray = true;
            initializer = new ArrayLiteral([], SpanFrom(open));
        }
        if (Match(TokenKind.Equal)) initializer = ParseExpression();
        return new VarStmt(name, initializer, isArray, SpanFrom(keyword));
    }

    /// <summary><c>print expr</c>; <c>print(expr)</c> is the same statement with a parenthesised operand.</summary>
    private Stmt ParsePrint()
    {
        var keyword = Advance();
        var value = ParseExpression();
        return EndSimple(new PrintStmt(value, SpanFrom(keyword)));
    }

    /// <summary><c>return</c> takes a value when the next token can begin an expression (greedy, §1).</summary>
    private Stmt ParseReturn()
    {
        var keyword = Advance();
        var value = CanStartExpression(Current.Kind) || Check(TokenKind.Bad) ? ParseExpression() : null;
        return EndSimple(new ReturnStmt(value, SpanFrom(keyword)));
    }

    /// <summary><c>assert(cond)</c> or <c>assert(cond, message)</c>.</summary>
    private Stmt ParseAssert()
    {
        var keyword = Advance();
        Expect(TokenKind.LeftParen, "'('", "after 'assert'");
        var condition = ParseExpression();
        var message = Match(TokenKind.Comma) ? ParseExpression() : null;
        Expect(TokenKind.RightParen, "')'", "after assert arguments");
        return EndSimple(new AssertStmt(condition, message, SpanFrom(keyword)));
    }

    /// <summary><c>{ statements }</c>. A block's <c>{</c> is a firm boundary: a header error before it stays reported alone.</summary>
    private BlockStmt ParseBlock(string where)
    {
        var first = Current;
        if (!Expect(TokenKind.LeftBrace, "'{'", where)) return new BlockStmt([], new TextSpan(first.Span.Start, 0));
        _panic = false;
        var statements = ParseStatementList(untilBrace: true);
        Expect(TokenKind.RightBrace, "'}'", "to close the block");
        return new BlockStmt(statements, SpanFrom(first));
    }

    /// <summary>
    /// A condition with or without parentheses (§4). Returns whether it was one parenthesised group, in which
    /// case the body may be a single statement; the parentheses are dropped from the tree.
    /// </summary>
    private (Expr Condition, bool Parenthesised) ParseCondition()
    {
        var condition = ParseExpression();
        return condition is GroupingExpr group ? (group.Inner, true) : (condition, false);
    }

    /// <summary>After a parenthesised header a body is a block or one statement; otherwise it must be a block.</summary>
    private Stmt ParseBody(bool parenthesised, string where)
    {
        if (parenthesised && !Check(TokenKind.LeftBrace))
        {
            var first = Current;
            return ParseStatement(allowDeclaration: false) ?? new BlockStmt([], new TextSpan(first.Span.Start, 0));
        }
        return ParseBlock(where);
    }

    private Stmt ParseIf()
    {
        var keyword = Advance();
        var (condition, parenthesised) = ParseCondition();
        var then = ParseBody(parenthesised, "after if condition");
        Stmt? otherwise = null;
        if (Match(TokenKind.Else))
        {
            // "else if" chains nest; after else a block or (leniently) one statement.
            otherwise = Check(TokenKind.If) || !Check(TokenKind.LeftBrace)
                ? ParseStatement(allowDeclaration: false) ?? new BlockStmt([], new TextSpan(Current.Span.Start, 0))
                : ParseBlock("after 'else'");
        }
        return new IfStmt(condition, then, otherwise, SpanFrom(keyword));
    }

    private Stmt ParseWhile()
    {
        var keyword = Advance();
        var (condition, parenthesised) = ParseCondition();
        var body = ParseBody(parenthesised, "after while condition");
        return new WhileStmt(condition, body, SpanFrom(keyword));
    }

    /// <summary>
    /// <c>for init; cond; incr { }</c> and <c>for (init; cond; incr) stmt</c>, each clause optional. A <c>(</c>
    /// right after <c>for</c> always opens the parenthesised form.
    /// </summary>
    private Stmt ParseFor()
    {
        var keyword = Advance();
        var parenthesised = Match(TokenKind.LeftParen);
        Stmt? initializer = null;
        if (!Check(TokenKind.Semicolon))
        {
            // Only the increment clause runs into the body's '{'; the first two end at ';' and may hold literals.
            if (Check(TokenKind.Var)) initializer = ParseVar();
            else
            {
                var first = Current;
                initializer = new ExpressionStmt(ParseExpression(), SpanFrom(first));
            }
        }
        Expect(TokenKind.Semicolon, "';'", "after the loop initializer");
        Expr? condition = null;
        if (!Check(TokenKind.Semicolon)) condition = ParseExpression();
        Expect(TokenKind.Semicolon, "';'", "after the loop condition");
        Expr? increment = null;
        if (parenthesised)
        {
            if (!Check(TokenKind.RightParen)) increment = ParseExpression();
            Expect(TokenKind.RightParen, "')'", "after for clauses");
        }
        else if (!Check(TokenKind.LeftBrace)) increment = ParseExpression();
        var body = ParseBody(parenthesised, "before the for body");
        return new ForStmt(initializer, condition, increment, body, SpanFrom(keyword));
    }

    /// <summary><c>foreach var v in xs</c>, <c>foreach var k, v in xs</c>, optionally parenthesised.</summary>
    private Stmt? ParseForeach()
    {
        var keyword = Advance();
        var parenthesised = Match(TokenKind.LeftParen);
        Expect(TokenKind.Var, "'var'", "after 'foreach'");
        var first = ExpectName("loop variable");
        Name? second = null;
        if (first is not null && Match(TokenKind.Comma)) second = ExpectName("loop variable");
        Expect(TokenKind.In, "'in'", "after the loop variables");
        var iterable = ParseExpression();
        if (parenthesised)
        {
            Expect(TokenKind.RightParen, "')'", "after the foreach header");
        }
        var body = ParseBody(parenthesised, "before the foreach body");
        if (first is null) return null;
        return second is null
            ? new ForeachStmt(null, first, iterable, body, SpanFrom(keyword))
            : new ForeachStmt(first, second, iterable, body, SpanFrom(keyword));
    }

    /// <summary><c>defer { body }</c> or <c>defer () { body }</c>: a closure without parameters (§4).</summary>
    private Stmt ParseDefer()
    {
        var keyword = Advance();
        if (Match(TokenKind.LeftParen)) Expect(TokenKind.RightParen, "')'", "after '(' in defer");
        var body = ParseFunctionBody("before the defer body");
        var function = new FunctionDecl(null, FunctionKind.Defer, [], body, [], SpanFrom(keyword));
        return new DeferStmt(function, function.Span);
    }
}
