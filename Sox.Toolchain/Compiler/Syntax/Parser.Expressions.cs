using Sox.Compiler.Diagnostics;
using Sox.Compiler.Syntax.Ast;
using Sox.Compiler.Text;

namespace Sox.Compiler.Syntax;

/// <summary>
/// Expressions by the precedence table of §3, lowest first: assignment (right-associative), <c>or</c>, <c>and</c>,
/// equality, comparison, term, factor, unary, call/access, primary. The binary levels share one
/// precedence-climbing loop (left-associative), which keeps the stack shallow for deeply nested input.
/// </summary>
public sealed partial class Parser
{
    private const int PrecedenceOr = 1;

    /// <summary>Binding power of a binary operator token, 0 when the token is not one.</summary>
    private static int BinaryPrecedence(TokenKind kind) => kind switch
    {
        TokenKind.Or => PrecedenceOr,
        TokenKind.And => 2,
        TokenKind.EqualEqual or TokenKind.BangEqual => 3,
        TokenKind.Less or TokenKind.LessEqual or TokenKind.Greater or TokenKind.GreaterEqual => 4,
        TokenKind.Plus or TokenKind.Minus => 5,
        TokenKind.Star or TokenKind.Slash or TokenKind.Percent => 6,
        _ => 0,
    };

    private Expr ParseExpression()
    {
        if (!TryEnter()) return ErrorExpr();
        var expression = ParseAssignment();
        Leave();
        return expression;
    }

    /// <summary>Targets are <c>x</c>, <c>a.b</c> and <c>a[i]</c>; anything else is SOX2003 at the <c>=</c>, and parsing goes on.</summary>
    private Expr ParseAssignment()
    {
        var target = ParseBinary(PrecedenceOr);
        if (!Check(TokenKind.Equal)) return target;
        var equal = Advance();
        var value = ParseExpression();
        var span = TextSpan.FromBounds(target.Span.Start, value.Span.End);
        switch (target)
        {
            case VariableExpr variable: return new AssignExpr(variable.Name, value, span);
            case GetExpr get: return new SetExpr(get.Object, get.Name, value, span);
            case IndexExpr index: return new IndexSetExpr(index.Object, index.Index, value, span);
        }
        SoftError(equal.Span, DiagnosticCodes.InvalidAssignmentTarget);
        return target;
    }

    private Expr ParseBinary(int minPrecedence)
    {
        var left = ParseUnary();
        while (true)
        {
            var precedence = BinaryPrecedence(Current.Kind);
            if (precedence == 0 || precedence < minPrecedence) return left;
            var op = Advance();
            var right = ParseBinary(precedence + 1);
            var span = TextSpan.FromBounds(left.Span.Start, right.Span.End);
            left = op.Kind switch
            {
                TokenKind.Or => new LogicalExpr(LogicalOperator.Or, left, right, span),
                TokenKind.And => new LogicalExpr(LogicalOperator.And, left, right, span),
                _ => new BinaryExpr(ToBinaryOperator(op.Kind), left, right, span, op.Span),
            };
        }
    }

    private static BinaryOperator ToBinaryOperator(TokenKind kind) => kind switch
    {
        TokenKind.Plus => BinaryOperator.Add,
        TokenKind.Minus => BinaryOperator.Subtract,
        TokenKind.Star => BinaryOperator.Multiply,
        TokenKind.Slash => BinaryOperator.Divide,
        TokenKind.Percent => BinaryOperator.Modulo,
        TokenKind.EqualEqual => BinaryOperator.Equal,
        TokenKind.BangEqual => BinaryOperator.NotEqual,
        TokenKind.Less => BinaryOperator.Less,
        TokenKind.LessEqual => BinaryOperator.LessEqual,
        TokenKind.Greater => BinaryOperator.Greater,
        _ => BinaryOperator.GreaterEqual,
    };

    private Expr ParseUnary()
    {
        if (!Check(TokenKind.Bang) && !Check(TokenKind.Minus)) return ParsePostfix();
        var op = Advance();
        if (!TryEnter()) return ErrorExpr();
        var operand = ParseUnary();
        Leave();
        var unary = op.Kind == TokenKind.Bang ? UnaryOperator.Not : UnaryOperator.Negate;
        return new UnaryExpr(unary, operand, TextSpan.FromBounds(op.Span.Start, operand.Span.End), op.Span);
    }

    /// <summary>Calls, <c>.name</c>, <c>[index]</c> and slices, left to right. Greedy: a <c>(</c> on the next line is a call.</summary>
    private Expr ParsePostfix()
    {
        var expression = ParsePrimary();
        while (true)
        {
            if (Check(TokenKind.LeftParen)) expression = FinishCall(expression);
            else if (Match(TokenKind.Dot))
            {
                var name = ExpectName("property");
                if (name is null) return expression;
                expression = new GetExpr(expression, name, TextSpan.FromBounds(expression.Span.Start, name.Span.End));
            }
            else if (Check(TokenKind.LeftBracket)) expression = FinishIndex(expression);
            else return expression;
        }
    }

    /// <summary><c>callee(args)</c> with at most 255 arguments (SOX2006 once, at the 256th).</summary>
    private Expr FinishCall(Expr callee)
    {
        Advance(); // (
        var arguments = new List<Expr>();
        if (!Check(TokenKind.RightParen))
        {
            do
            {
                if (arguments.Count == 255) SoftError(Current.Span, DiagnosticCodes.TooManyArguments);
                arguments.Add(ParseListElement(TokenKind.RightParen));
            }
            while (ListContinues(TokenKind.RightParen, "',' or ')'", "after an argument"));
        }
        var close = Current;
        Expect(TokenKind.RightParen, "')'", "after the arguments");
        return new CallExpr(callee, arguments, SpanFrom(callee.Span.Start), close.Span);
    }

    /// <summary><c>a[i]</c>, <c>a[i:j]</c>, <c>a[i:]</c>, <c>a[:j]</c>, <c>a[:]</c> (§3.7, §3.8).</summary>
    private Expr FinishIndex(Expr target)
    {
        Advance(); // [
        Expr? start = Check(TokenKind.Colon) ? null : ParseListElement(TokenKind.RightBracket);
        var isSlice = Match(TokenKind.Colon);
        Expr? end = isSlice && !Check(TokenKind.RightBracket) ? ParseListElement(TokenKind.RightBracket) : null;
        Expect(TokenKind.RightBracket, "']'", isSlice ? "after the slice" : "after the index");
        var span = SpanFrom(target.Span.Start);
        if (isSlice) return new SliceExpr(target, start, end, span);
        return new IndexExpr(target, start ?? ErrorExpr(), span);
    }

    /// <summary>
    /// One element of a bracketed list. After an error inside it, skips balanced tokens to the next <c>,</c> or the
    /// list's closer so the brackets stay paired and the rest of the statement is not misread.
    /// </summary>
    private Expr ParseListElement(TokenKind close)
    {
        var wasPanic = _panic;
        var element = ParseExpression();
        if (_panic && !wasPanic) SkipToListEnd(close);
        return element;
    }

    /// <summary>
    /// After a list element: true when a <c>,</c> follows. A token that is neither <c>,</c> nor the closer is
    /// reported and skipped (balanced) so the closer still pairs with its opener.
    /// </summary>
    private bool ListContinues(TokenKind close, string what, string where)
    {
        if (Match(TokenKind.Comma)) return true;
        if (Check(close)) return false;
        Error(DiagnosticCodes.ExpectedToken, what, where);
        SkipToListEnd(close);
        return Match(TokenKind.Comma);
    }

    private void SkipToListEnd(TokenKind close)
    {
        var depth = 0;
        while (!AtEnd)
        {
            var kind = Current.Kind;
            if (depth == 0 && (kind == close || kind == TokenKind.Comma)) return;
            if (depth == 0 && Current.PrecededByNewline && IsStatementKeyword(kind)) return;
            if (kind is TokenKind.LeftParen or TokenKind.LeftBracket or TokenKind.LeftBrace) depth++;
            else if (kind is TokenKind.RightParen or TokenKind.RightBracket or TokenKind.RightBrace)
            {
                if (depth == 0) return; // Some other list's closer: ours is missing.
                depth--;
            }
            Advance();
        }
    }
}
