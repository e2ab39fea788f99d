using System.Runtime.CompilerServices;
using Sox.Compiler.Diagnostics;
using Sox.Compiler.Syntax.Ast;
using Sox.Compiler.Text;

namespace Sox.Compiler.Syntax;

/// <summary>
/// Recursive-descent parser for §3–§9. Error handling follows clox's panic mode: the first error of a statement is
/// reported, later ones are suppressed until the parser resynchronises at a statement boundary, so every
/// independent error is reported once and no cascades follow. Never throws; every loop consumes a token or exits.
/// </summary>
public sealed partial class Parser
{
    /// <summary>Nested expressions plus statements before SOX2007 (the stack guard may stop earlier on small stacks).</summary>
    internal const int MaxNesting = 1000;

    /// <summary>Syntax errors after which the rest of the file is skipped (random or binary input).</summary>
    internal const int MaxDiagnostics = 100;

    private readonly SourceText _source;
    private readonly DiagnosticBag _diagnostics;
    private readonly IReadOnlyList<Token> _tokens;
    private int _position;
    private int _depth;
    private int _reported;
    private bool _panic;
    private bool _nestingReported;
    private bool _stopped;
    private bool _reportedAtEnd;

    private Parser(SourceText source, DiagnosticBag diagnostics)
    {
        _source = source;
        _diagnostics = diagnostics;
        _tokens = Lexer.Tokenize(source, diagnostics);
    }

    /// <summary>Lexes and parses one file. Syntax errors go to <paramref name="diagnostics"/>; the tree is always returned.</summary>
    public static CompilationUnit Parse(SourceText source, DiagnosticBag diagnostics)
    {
        var parser = new Parser(source, diagnostics);
        var statements = parser.ParseStatementList(untilBrace: false);
        return new CompilationUnit(source, statements, new TextSpan(0, source.Length));
    }

    private Token Current => _tokens[_position];

    private Token Previous => _tokens[Math.Max(0, _position - 1)];

    private Token PeekToken(int ahead) => _tokens[Math.Min(_position + ahead, _tokens.Count - 1)];

    private bool Check(TokenKind kind) => Current.Kind == kind;

    private bool AtEnd => Current.Kind == TokenKind.EndOfFile;

    private Token Advance()
    {
        var token = Current;
        if (!AtEnd) _position++;
        return token;
    }

    private bool Match(TokenKind kind)
    {
        if (!Check(kind)) return false;
        Advance();
        return true;
    }

    /// <summary>Consumes <paramref name="kind"/> or reports "Expected {what} {where}." at the current token.</summary>
    private bool Expect(TokenKind kind, string what, string where)
    {
        if (Match(kind)) return true;
        Error(DiagnosticCodes.ExpectedToken, what, where);
        return false;
    }

    /// <summary>An identifier as a <see cref="Name"/>, or null after reporting "Expected {what} name.".</summary>
    private Name? ExpectName(string what)
    {
        if (Check(TokenKind.Identifier)) return ToName(Advance());
        Error(DiagnosticCodes.ExpectedName, what);
        return null;
    }

    private static Name ToName(Token token) => new(token.Text, token.Span);

    private TextSpan SpanFrom(Token first) => SpanFrom(first.Span.Start);

    private TextSpan SpanFrom(int start) => TextSpan.FromBounds(start, Math.Max(start, Previous.Span.End));

    /// <summary>A stand-in after an error; the tree is never compiled when errors were reported.</summary>
    private Expr ErrorExpr() => new NilLiteral(new TextSpan(Current.Span.Start, 0));

    /// <summary>Reports at the current token and enters panic mode (nothing more is reported until resynchronised).</summary>
    private void Error(DiagnosticDescriptor descriptor, params object?[] args) => ErrorAt(Current, descriptor, args);

    private void ErrorAt(Token token, DiagnosticDescriptor descriptor, params object?[] args)
    {
        if (_panic) return;
        _panic = true;
        // A Bad token's problem was reported by the lexer; saying "expected expression" there too is a cascade.
        if (token.Kind == TokenKind.Bad) return;
        // A file that ends early leaves every open construct unclosed: that is one error, not one per level.
        if (token.Kind == TokenKind.EndOfFile)
        {
            if (_reportedAtEnd) return;
            _reportedAtEnd = true;
        }
        Report(descriptor, token.Span, args);
    }

    /// <summary>
    /// An error that leaves the parser in step (too many arguments, bad assignment target…): reported unless an
    /// earlier error of the same statement is pending, without entering panic mode.
    /// </summary>
    private void SoftError(TextSpan span, DiagnosticDescriptor descriptor, params object?[] args)
    {
        if (!_panic) Report(descriptor, span, args);
    }

    private void Report(DiagnosticDescriptor descriptor, TextSpan span, object?[] args)
    {
        if (_stopped) return;
        _reported++;
        if (_reported <= MaxDiagnostics)
        {
            _diagnostics.Report(descriptor, _source, span, args);
            return;
        }
        _diagnostics.Report(DiagnosticCodes.TooManySyntaxErrors, _source, span, MaxDiagnostics);
        // Give up on the rest of the file: every loop ends at EndOfFile and every later error is suppressed.
        _stopped = true;
        _panic = true;
        _position = _tokens.Count - 1;
    }

    /// <summary>
    /// Guards recursion: beyond <see cref="MaxNesting"/> levels, or when the thread's stack runs low, reports
    /// SOX2007 once, skips to the closing bracket of the enclosing construct and returns false (the caller then
    /// returns a stand-in without recursing).
    /// </summary>
    private bool TryEnter()
    {
        if (_depth < MaxNesting && RuntimeHelpers.TryEnsureSufficientExecutionStack())
        {
            _depth++;
            return true;
        }
        if (!_nestingReported && !_stopped)
        {
            _nestingReported = true;
            _panic = false;
            ErrorAt(Current, DiagnosticCodes.NestingTooDeep, MaxNesting);
        }
        _panic = true;
        SkipToEnclosingClose();
        return false;
    }

    private void Leave() => _depth--;

    /// <summary>Skips balanced tokens up to (not including) a closing bracket that the current level did not open.</summary>
    private void SkipToEnclosingClose()
    {
        var depth = 0;
        while (!AtEnd)
        {
            switch (Current.Kind)
            {
                case TokenKind.LeftParen or TokenKind.LeftBracket or TokenKind.LeftBrace:
                    depth++;
                    break;
                case TokenKind.RightParen or TokenKind.RightBracket or TokenKind.RightBrace:
                    if (depth == 0) return;
                    depth--;
                    break;
            }
            Advance();
        }
    }

    /// <summary>
    /// Leaves panic mode at a statement boundary: after a <c>;</c>, or before a <c>}</c>, a <c>{</c> (a block
    /// statement), a statement keyword, an attribute, or the first token of a line that can start a statement.
    /// </summary>
    private void Synchronize()
    {
        while (!AtEnd)
        {
            if (Match(TokenKind.Semicolon)) break;
            if (Check(TokenKind.RightBrace) || Check(TokenKind.LeftBrace) || Check(TokenKind.Attribute)) break;
            if (IsStatementKeyword(Current.Kind)) break;
            if (Current.PrecededByNewline && CanStartStatement(Current)) break;
            Advance();
        }
        _panic = false;
    }

    private static bool IsStatementKeyword(TokenKind kind) => kind is TokenKind.Var or TokenKind.Fn or TokenKind.Class
        or TokenKind.If or TokenKind.While or TokenKind.For or TokenKind.Foreach or TokenKind.Switch
        or TokenKind.Return or TokenKind.Break or TokenKind.Continue or TokenKind.Print or TokenKind.Defer
        or TokenKind.Assert or TokenKind.Import;

    private static bool CanStartStatement(Token token) =>
        IsStatementKeyword(token.Kind) || token.Kind is TokenKind.LeftBrace or TokenKind.Attribute || CanStartExpression(token.Kind);

    private static bool CanStartExpression(TokenKind kind) => kind is TokenKind.Identifier or TokenKind.Number
        or TokenKind.String or TokenKind.True or TokenKind.False or TokenKind.Nil or TokenKind.This or TokenKind.Super
        or TokenKind.LeftParen or TokenKind.LeftBracket or TokenKind.LeftBrace or TokenKind.Bang or TokenKind.Minus
        or TokenKind.Fn;
}
