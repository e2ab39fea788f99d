namespace Sox.Compiler.Syntax;

/// <summary>Every token of language.md §1.</summary>
public enum TokenKind
{
    // Punctuation and operators.
    /// <summary><c>(</c></summary>
    LeftParen,
    /// <summary><c>)</c></summary>
    RightParen,
    /// <summary><c>{</c></summary>
    LeftBrace,
    /// <summary><c>}</c></summary>
    RightBrace,
    /// <summary><c>[</c></summary>
    LeftBracket,
    /// <summary><c>]</c></summary>
    RightBracket,
    /// <summary><c>,</c></summary>
    Comma,
    /// <summary><c>.</c></summary>
    Dot,
    /// <summary><c>:</c></summary>
    Colon,
    /// <summary><c>;</c></summary>
    Semicolon,
    /// <summary><c>...</c></summary>
    Ellipsis,
    /// <summary><c>+</c></summary>
    Plus,
    /// <summary><c>-</c></summary>
    Minus,
    /// <summary><c>*</c></summary>
    Star,
    /// <summary><c>/</c></summary>
    Slash,
    /// <summary><c>%</c></summary>
    Percent,
    /// <summary><c>!</c></summary>
    Bang,
    /// <summary><c>!=</c></summary>
    BangEqual,
    /// <summary><c>=</c></summary>
    Equal,
    /// <summary><c>==</c></summary>
    EqualEqual,
    /// <summary><c>&gt;</c></summary>
    Greater,
    /// <summary><c>&gt;=</c></summary>
    GreaterEqual,
    /// <summary><c>&lt;</c></summary>
    Less,
    /// <summary><c>&lt;=</c></summary>
    LessEqual,

    /// <summary><c>#[name]</c> as one token; <see cref="Token.Text"/> holds the attribute name (e.g. "test").</summary>
    Attribute,

    // Literals.
    /// <summary>A name: an ASCII letter or <c>_</c> followed by ASCII letters, digits and <c>_</c>, other than a keyword.</summary>
    Identifier,
    /// <summary>A string literal; <see cref="Token.StringValue"/> holds its value with escapes decoded.</summary>
    String,
    /// <summary>A number literal; <see cref="Token.NumberValue"/> holds its value.</summary>
    Number,

    // Keywords (§1).
    /// <summary>The keyword <c>and</c>.</summary>
    And,
    /// <summary>The keyword <c>assert</c>.</summary>
    Assert,
    /// <summary>The keyword <c>break</c>.</summary>
    Break,
    /// <summary>The keyword <c>case</c>.</summary>
    Case,
    /// <summary>The keyword <c>class</c>.</summary>
    Class,
    /// <summary>The keyword <c>continue</c>.</summary>
    Continue,
    /// <summary>The keyword <c>default</c>.</summary>
    Default,
    /// <summary>The keyword <c>defer</c>.</summary>
    Defer,
    /// <summary>The keyword <c>else</c>.</summary>
    Else,
    /// <summary>The keyword <c>false</c>.</summary>
    False,
    /// <summary>The keyword <c>fn</c>.</summary>
    Fn,
    /// <summary>The keyword <c>for</c>.</summary>
    For,
    /// <summary>The keyword <c>foreach</c>.</summary>
    Foreach,
    /// <summary>The keyword <c>if</c>.</summary>
    If,
    /// <summary>The keyword <c>import</c>.</summary>
    Import,
    /// <summary>The keyword <c>in</c>.</summary>
    In,
    /// <summary>The keyword <c>nil</c>.</summary>
    Nil,
    /// <summary>The keyword <c>or</c>.</summary>
    Or,
    /// <summary>The keyword <c>print</c>.</summary>
    Print,
    /// <summary>The keyword <c>return</c>.</summary>
    Return,
    /// <summary>The keyword <c>super</c>.</summary>
    Super,
    /// <summary>The keyword <c>switch</c>.</summary>
    Switch,
    /// <summary>The keyword <c>this</c>.</summary>
    This,
    /// <summary>The keyword <c>true</c>.</summary>
    True,
    /// <summary>The keyword <c>var</c>.</summary>
    Var,
    /// <summary>The keyword <c>while</c>.</summary>
    While,

    /// <summary>A character sequence the lexer rejected (a diagnostic was reported).</summary>
    Bad,

    /// <summary>The end of the file; the lexer's last token, always present.</summary>
    EndOfFile,
}
