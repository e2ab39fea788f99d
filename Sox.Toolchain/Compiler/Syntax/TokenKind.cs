namespace Sox.Compiler.Syntax;

/// <summary>Every token of the language reference §1.</summary>
public enum TokenKind
{
    // Punctuation and operators.
    LeftParen, RightParen, LeftBrace, RightBrace, LeftBracket, RightBracket,
    Comma, Dot, Colon, Semicolon, Ellipsis,
    Plus, Minus, Star, Slash, Percent,
    Bang, BangEqual, Equal, EqualEqual, Greater, GreaterEqual, Less, LessEqual,

    /// <summary><c>#[name]</c> as one token; <see cref="Token.Text"/> holds the attribute name (e.g. "test").</summary>
    Attribute,

    // Literals.
    Identifier, String, Number,

    // Keywords (§1).
    And, Assert, Break, Case, Class, Continue, Default, Defer, Else, False, Fn, For, Foreach, If, Import, In,
    Nil, Or, Print, Return, Super, Switch, This, True, Var, While,

    /// <summary>A character sequence the lexer rejected (a diagnostic was reported).</summary>
    Bad,
    EndOfFile,
}
