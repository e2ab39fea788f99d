using Sox.Compiler.Diagnostics;
using Sox.Compiler.Syntax.Ast;

namespace Sox.Compiler.Syntax;

/// <summary><c>switch</c> (§4).</summary>
public sealed partial class Parser
{
    /// <summary>
    /// <c>switch expr { case 1 { } case 2 case 3 { } default { } }</c>. Consecutive bodiless cases (and, as an
    /// extension, comma-separated values <c>case 2, 3 { }</c>) merge into one <see cref="SwitchCase"/>. A bodiless
    /// <c>default</c> shares the next body too: that arm is the default and also carries the values merged into it.
    /// </summary>
    private Stmt ParseSwitch()
    {
        var keyword = Advance();
        var subject = ParseCondition().Condition;
        var cases = new List<SwitchCase>();
        if (!Expect(TokenKind.LeftBrace, "'{'", "after the switch value")) return new SwitchStmt(subject, cases, SpanFrom(keyword));
        var values = new List<Expr>();
        var isDefault = false;
        Token? armStart = null;
        Token? lastLabel = null;
        var seenDefault = false;
        while (!AtEnd && !Check(TokenKind.RightBrace))
        {
            if (Check(TokenKind.Case))
            {
                lastLabel = Advance();
                armStart ??= lastLabel;
                values.Add(ParseExpression());
                while (Match(TokenKind.Comma)) values.Add(ParseExpression());
            }
            else if (Check(TokenKind.Default))
            {
                lastLabel = Advance();
                armStart ??= lastLabel;
                if (seenDefault) SoftError(lastLabel.Value.Span, DiagnosticCodes.DuplicateDefault);
                seenDefault = true;
                isDefault = true;
            }
            else
            {
                Error(DiagnosticCodes.ExpectedCaseOrDefault);
                SkipToSwitchLabel();
                continue;
            }
            if (Check(TokenKind.Case) || Check(TokenKind.Default)) continue; // Shares the next body.
            if (Check(TokenKind.RightBrace)) break; // A last label without a body: SOX2014 below.
            var body = ParseBlock("after the case label");
            cases.Add(new SwitchCase(values, isDefault, body, SpanFrom(armStart.Value)));
            values = new List<Expr>();
            isDefault = false;
            armStart = null;
            if (_panic) SkipToSwitchLabel();
        }
        if (armStart is not null && lastLabel is not null) SoftError(lastLabel.Value.Span, DiagnosticCodes.CaseWithoutBody);
        Expect(TokenKind.RightBrace, "'}'", "after the switch cases");
        return new SwitchStmt(subject, cases, SpanFrom(keyword));
    }

    /// <summary>Recovery inside a switch body: skip balanced tokens to the next <c>case</c>, <c>default</c> or the closing <c>}</c>.</summary>
    private void SkipToSwitchLabel()
    {
        var depth = 0;
        while (!AtEnd)
        {
            var kind = Current.Kind;
            if (depth == 0 && kind is TokenKind.Case or TokenKind.Default or TokenKind.RightBrace) break;
            if (kind is TokenKind.LeftBrace or TokenKind.LeftParen or TokenKind.LeftBracket) depth++;
            else if (kind is TokenKind.RightBrace or TokenKind.RightParen or TokenKind.RightBracket) depth = Math.Max(0, depth - 1);
            Advance();
        }
        _panic = false;
    }
}
