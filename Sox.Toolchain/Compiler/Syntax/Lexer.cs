using System.Globalization;
using Sox.Compiler.Diagnostics;
using Sox.Compiler.Text;

namespace Sox.Compiler.Syntax;

/// <summary>
/// Turns a <see cref="SourceText"/> into tokens (§1). Never throws: every malformed input becomes a diagnostic
/// plus either a usable token or a <see cref="TokenKind.Bad"/> token, so the parser can keep going without
/// reporting the same problem again.
/// </summary>
public sealed partial class Lexer
{
    /// <summary>
    /// Lexical diagnostics stop after this many (one SOX1007 says so): a 5 MB binary file must not produce
    /// millions of messages.
    /// </summary>
    internal const int MaxDiagnostics = 100;

    private static readonly Dictionary<string, TokenKind> s_keywords = new(StringComparer.Ordinal)
    {
        ["and"] = TokenKind.And, ["assert"] = TokenKind.Assert, ["break"] = TokenKind.Break,
        ["case"] = TokenKind.Case, ["class"] = TokenKind.Class, ["continue"] = TokenKind.Continue,
        ["default"] = TokenKind.Default, ["defer"] = TokenKind.Defer, ["else"] = TokenKind.Else,
        ["false"] = TokenKind.False, ["fn"] = TokenKind.Fn, ["for"] = TokenKind.For,
        ["foreach"] = TokenKind.Foreach, ["if"] = TokenKind.If, ["import"] = TokenKind.Import,
        ["in"] = TokenKind.In, ["nil"] = TokenKind.Nil, ["or"] = TokenKind.Or, ["print"] = TokenKind.Print,
        ["return"] = TokenKind.Return, ["super"] = TokenKind.Super, ["switch"] = TokenKind.Switch,
        ["this"] = TokenKind.This, ["true"] = TokenKind.True, ["var"] = TokenKind.Var, ["while"] = TokenKind.While,
    };

    private readonly SourceText _source;
    private readonly string _text;
    private readonly DiagnosticBag _diagnostics;
    private readonly List<Token> _tokens;
    private int _position;
    private int _start;
    private bool _sawNewline;
    private int _reported;

    private Lexer(SourceText source, DiagnosticBag diagnostics)
    {
        _source = source;
        _text = source.Text;
        _diagnostics = diagnostics;
        // Sox source has a token per 3–4 characters: room for all of them up front, so the list does not grow (each
        // growth copies it and leaves the old array as garbage).
        _tokens = new List<Token>(_text.Length / 3 + 16);
    }

    /// <summary>All tokens of <paramref name="source"/>, always ending with <see cref="TokenKind.EndOfFile"/>.</summary>
    public static IReadOnlyList<Token> Tokenize(SourceText source, DiagnosticBag diagnostics)
    {
        var lexer = new Lexer(source, diagnostics);
        lexer.Run();
        return lexer._tokens;
    }

    private void Run()
    {
        // A byte-order mark that survived decoding is not part of the program.
        if (_text.Length > 0 && _text[0] == '\uFEFF') _position = 1;
        while (true)
        {
            SkipTrivia();
            _start = _position;
            if (_position >= _text.Length)
            {
                Add(TokenKind.EndOfFile);
                return;
            }
            ScanToken();
        }
    }

    private char Peek(int ahead = 0) => _position + ahead < _text.Length ? _text[_position + ahead] : '\0';

    private bool AtEnd(int ahead = 0) => _position + ahead >= _text.Length;

    /// <summary>Whitespace and comments; remembers a line break so the next token knows it starts a line.</summary>
    private void SkipTrivia()
    {
        while (!AtEnd())
        {
            var c = Peek();
            if (c == '\n') { _sawNewline = true; _position++; }
            else if (c is ' ' or '\t' or '\r') _position++;
            else if (c == '/' && Peek(1) == '/')
            {
                while (!AtEnd() && Peek() != '\n') _position++;
            }
            else if (c == '/' && Peek(1) == '*') SkipBlockComment();
            else return;
        }
    }

    private void SkipBlockComment()
    {
        var start = _position;
        _position += 2;
        // §1: block comments do not nest, the first "*/" ends it.
        while (!AtEnd())
        {
            if (Peek() == '*' && Peek(1) == '/')
            {
                _position += 2;
                return;
            }
            if (Peek() == '\n') _sawNewline = true;
            _position++;
        }
        Report(DiagnosticCodes.UnterminatedComment, new TextSpan(start, 2));
        // A Bad token tells the parser the rest of the file is already accounted for (no "expected ')'" cascade).
        _start = start;
        Add(TokenKind.Bad);
    }

    private void ScanToken()
    {
        var c = Peek();
        _position++;
        switch (c)
        {
            case '(': Add(TokenKind.LeftParen); return;
            case ')': Add(TokenKind.RightParen); return;
            case '{': Add(TokenKind.LeftBrace); return;
            case '}': Add(TokenKind.RightBrace); return;
            case '[': Add(TokenKind.LeftBracket); return;
            case ']': Add(TokenKind.RightBracket); return;
            case ',': Add(TokenKind.Comma); return;
            case ':': Add(TokenKind.Colon); return;
            case ';': Add(TokenKind.Semicolon); return;
            case '+': Add(TokenKind.Plus); return;
            case '-': Add(TokenKind.Minus); return;
            case '*': Add(TokenKind.Star); return;
            case '/': Add(TokenKind.Slash); return;
            case '%': Add(TokenKind.Percent); return;
            case '.':
                if (Peek() == '.' && Peek(1) == '.')
                {
                    _position += 2;
                    Add(TokenKind.Ellipsis);
                }
                else Add(TokenKind.Dot);
                return;
            case '!': Add(Match('=') ? TokenKind.BangEqual : TokenKind.Bang); return;
            case '=': Add(Match('=') ? TokenKind.EqualEqual : TokenKind.Equal); return;
            case '<': Add(Match('=') ? TokenKind.LessEqual : TokenKind.Less); return;
            case '>': Add(Match('=') ? TokenKind.GreaterEqual : TokenKind.Greater); return;
            case '"': ScanString(); return;
            case '#': ScanAttribute(); return;
        }
        if (IsDigit(c)) ScanNumber();
        else if (IsIdentifierStart(c)) ScanIdentifier();
        else ScanBadRun();
    }

    private bool Match(char expected)
    {
        if (Peek() != expected || AtEnd()) return false;
        _position++;
        return true;
    }

    private void ScanNumber()
    {
        while (IsDigit(Peek())) _position++;
        // "1." is the number 1 followed by a dot (§1): a fraction needs a digit after the point.
        if (Peek() == '.' && IsDigit(Peek(1)))
        {
            _position++;
            while (IsDigit(Peek())) _position++;
        }
        var text = _text[_start.._position];
        var value = double.Parse(text, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture);
        AddToken(new Token(TokenKind.Number, Span, text, NumberValue: value));
    }

    private void ScanIdentifier()
    {
        while (IsIdentifierPart(Peek())) _position++;
        // Names repeat throughout a file: one string per distinct name keeps a 1M-line file's token list small.
        var span = _text.AsSpan(_start, _position - _start);
        if (!_names.TryGetValue(span, out var text))
        {
            text = span.ToString();
            _names[text] = text;
        }
        AddToken(new Token(s_keywords.TryGetValue(text, out var kind) ? kind : TokenKind.Identifier, Span, text));
    }

    private readonly Dictionary<string, string>.AlternateLookup<ReadOnlySpan<char>> _names =
        new Dictionary<string, string>(StringComparer.Ordinal).GetAlternateLookup<ReadOnlySpan<char>>();

    /// <summary><c>#[name]</c> is one token (§7); spaces and tabs are tolerated inside the brackets.</summary>
    private void ScanAttribute()
    {
        if (Peek() != '[')
        {
            ReportMalformedAttribute();
            return;
        }
        _position++;
        SkipBlanks();
        if (!IsIdentifierStart(Peek()))
        {
            ReportMalformedAttribute();
            return;
        }
        var nameStart = _position;
        while (IsIdentifierPart(Peek())) _position++;
        var name = _text[nameStart.._position];
        SkipBlanks();
        if (Peek() != ']')
        {
            ReportMalformedAttribute();
            return;
        }
        _position++;
        AddToken(new Token(TokenKind.Attribute, Span, name));
    }

    private void SkipBlanks()
    {
        while (Peek() is ' ' or '\t' && !AtEnd()) _position++;
    }

    private void ReportMalformedAttribute()
    {
        Report(DiagnosticCodes.MalformedAttribute, new TextSpan(_start, 1));
        Add(TokenKind.Bad);
    }

    /// <summary>A run of characters that start no token gives one diagnostic, not one per character.</summary>
    private void ScanBadRun()
    {
        while (!AtEnd() && !StartsToken(Peek())) _position++;
        var run = _text[_start.._position];
        Report(DiagnosticCodes.UnexpectedCharacter, Span, run.Length > 16 ? run[..16] + "…" : run);
        Add(TokenKind.Bad);
    }

    private static bool StartsToken(char c) =>
        IsIdentifierPart(c) || c is ' ' or '\t' or '\r' or '\n' or '"' or '#' or '(' or ')' or '{' or '}' or '['
            or ']' or ',' or '.' or ':' or ';' or '+' or '-' or '*' or '/' or '%' or '!' or '=' or '<' or '>';

    private static bool IsDigit(char c) => c is >= '0' and <= '9';

    private static bool IsIdentifierStart(char c) => c is (>= 'a' and <= 'z') or (>= 'A' and <= 'Z') or '_';

    private static bool IsIdentifierPart(char c) => IsIdentifierStart(c) || IsDigit(c);

    private TextSpan Span => TextSpan.FromBounds(_start, _position);

    private void Add(TokenKind kind) => AddToken(new Token(kind, Span, PunctuationText(kind) ?? _text[_start.._position]));

    /// <summary>Shared text of fixed tokens: a large file must not allocate a string per parenthesis.</summary>
#pragma warning disable IDE0055 // a table: several arms to a line
    private static string? PunctuationText(TokenKind kind) => kind switch
    {
        TokenKind.LeftParen => "(", TokenKind.RightParen => ")", TokenKind.LeftBrace => "{", TokenKind.RightBrace => "}",
        TokenKind.LeftBracket => "[", TokenKind.RightBracket => "]", TokenKind.Comma => ",", TokenKind.Dot => ".",
        TokenKind.Colon => ":", TokenKind.Semicolon => ";", TokenKind.Ellipsis => "...", TokenKind.Plus => "+",
        TokenKind.Minus => "-", TokenKind.Star => "*", TokenKind.Slash => "/", TokenKind.Percent => "%",
        TokenKind.Bang => "!", TokenKind.BangEqual => "!=", TokenKind.Equal => "=", TokenKind.EqualEqual => "==",
        TokenKind.Greater => ">", TokenKind.GreaterEqual => ">=", TokenKind.Less => "<", TokenKind.LessEqual => "<=",
        TokenKind.EndOfFile => "",
        _ => null,
    };
#pragma warning restore IDE0055

    private void AddToken(Token token)
    {
        _tokens.Add(token with { PrecededByNewline = _sawNewline });
        _sawNewline = false;
    }

    private void Report(DiagnosticDescriptor descriptor, TextSpan span, params object?[] args)
    {
        _reported++;
        // MaxDiagnostics errors are reported; the first one past the limit says so instead.
        if (_reported <= MaxDiagnostics) _diagnostics.Report(descriptor, _source, span, args);
        else if (_reported == MaxDiagnostics + 1) _diagnostics.Report(DiagnosticCodes.TooManyLexicalErrors, _source, span, MaxDiagnostics);
    }
}
