using Sox.Compiler.Diagnostics;
using Sox.Compiler.Syntax;
using Sox.Compiler.Text;

namespace Sox.Toolchain.Tests.Syntax;

[TestClass]
public sealed class LexerTests
{
    internal static (IReadOnlyList<Token> Tokens, DiagnosticBag Diagnostics) Lex(string text)
    {
        var bag = new DiagnosticBag();
        var tokens = Lexer.Tokenize(new SourceText("t.sox", text), bag);
        return (tokens, bag);
    }

    private static TokenKind[] Kinds(string text) => Lex(text).Tokens.Select(t => t.Kind).ToArray();

    private static void AssertSingleDiagnostic(DiagnosticBag bag, string code, int line, int column)
    {
        Assert.AreEqual(1, bag.Count, string.Join("\n", bag.Items));
        Assert.AreEqual(code, bag.Items[0].Code);
        Assert.AreEqual(line, bag.Items[0].Location.Line, "line");
        Assert.AreEqual(column, bag.Items[0].Location.Column, "column");
    }

    [TestMethod]
    [DataRow("(", TokenKind.LeftParen)]
    [DataRow(")", TokenKind.RightParen)]
    [DataRow("{", TokenKind.LeftBrace)]
    [DataRow("}", TokenKind.RightBrace)]
    [DataRow("[", TokenKind.LeftBracket)]
    [DataRow("]", TokenKind.RightBracket)]
    [DataRow(",", TokenKind.Comma)]
    [DataRow(".", TokenKind.Dot)]
    [DataRow(":", TokenKind.Colon)]
    [DataRow(";", TokenKind.Semicolon)]
    [DataRow("...", TokenKind.Ellipsis)]
    [DataRow("+", TokenKind.Plus)]
    [DataRow("-", TokenKind.Minus)]
    [DataRow("*", TokenKind.Star)]
    [DataRow("/", TokenKind.Slash)]
    [DataRow("%", TokenKind.Percent)]
    [DataRow("!", TokenKind.Bang)]
    [DataRow("!=", TokenKind.BangEqual)]
    [DataRow("=", TokenKind.Equal)]
    [DataRow("==", TokenKind.EqualEqual)]
    [DataRow(">", TokenKind.Greater)]
    [DataRow(">=", TokenKind.GreaterEqual)]
    [DataRow("<", TokenKind.Less)]
    [DataRow("<=", TokenKind.LessEqual)]
    [DataRow("#[test]", TokenKind.Attribute)]
    [DataRow("abc", TokenKind.Identifier)]
    [DataRow("_a1", TokenKind.Identifier)]
    [DataRow("\"s\"", TokenKind.String)]
    [DataRow("42", TokenKind.Number)]
    [DataRow("and", TokenKind.And)]
    [DataRow("assert", TokenKind.Assert)]
    [DataRow("break", TokenKind.Break)]
    [DataRow("case", TokenKind.Case)]
    [DataRow("class", TokenKind.Class)]
    [DataRow("continue", TokenKind.Continue)]
    [DataRow("default", TokenKind.Default)]
    [DataRow("defer", TokenKind.Defer)]
    [DataRow("else", TokenKind.Else)]
    [DataRow("false", TokenKind.False)]
    [DataRow("fn", TokenKind.Fn)]
    [DataRow("for", TokenKind.For)]
    [DataRow("foreach", TokenKind.Foreach)]
    [DataRow("if", TokenKind.If)]
    [DataRow("import", TokenKind.Import)]
    [DataRow("in", TokenKind.In)]
    [DataRow("nil", TokenKind.Nil)]
    [DataRow("or", TokenKind.Or)]
    [DataRow("print", TokenKind.Print)]
    [DataRow("return", TokenKind.Return)]
    [DataRow("super", TokenKind.Super)]
    [DataRow("switch", TokenKind.Switch)]
    [DataRow("this", TokenKind.This)]
    [DataRow("true", TokenKind.True)]
    [DataRow("var", TokenKind.Var)]
    [DataRow("while", TokenKind.While)]
    [DataRow("extern", TokenKind.Identifier)]
    [DataRow("export", TokenKind.Identifier)]
    [DataRow("fnx", TokenKind.Identifier)]
    [DataRow("Print", TokenKind.Identifier)]
    public void SingleToken(string text, TokenKind kind)
    {
        var (tokens, bag) = Lex(text);
        Assert.AreEqual(0, bag.Count);
        Assert.AreEqual(2, tokens.Count);
        Assert.AreEqual(kind, tokens[0].Kind);
        Assert.AreEqual(new TextSpan(0, text.Length), tokens[0].Span);
        Assert.AreEqual(TokenKind.EndOfFile, tokens[1].Kind);
    }

    [TestMethod]
    public void EmptyInputIsJustEndOfFile()
    {
        var (tokens, bag) = Lex("");
        Assert.AreEqual(0, bag.Count);
        Assert.AreEqual(1, tokens.Count);
        Assert.AreEqual(TokenKind.EndOfFile, tokens[0].Kind);
        Assert.AreEqual(new TextSpan(0, 0), tokens[0].Span);
    }

    [TestMethod]
    public void OperatorsWithoutSpacesSplitGreedily()
    {
        CollectionAssert.AreEqual(
            new[] { TokenKind.Identifier, TokenKind.LessEqual, TokenKind.Number, TokenKind.EqualEqual, TokenKind.Bang,
                TokenKind.Identifier, TokenKind.Ellipsis, TokenKind.Dot, TokenKind.EndOfFile },
            Kinds("a<=1==!b...."));
    }

    [TestMethod]
    [DataRow("123", 123.0)]
    [DataRow("0", 0.0)]
    [DataRow("3.14", 3.14)]
    [DataRow("007", 7.0)]
    [DataRow("0.5", 0.5)]
    [DataRow("12345678901234567890", 12345678901234567890.0)]
    public void NumberValues(string text, double value)
    {
        var (tokens, bag) = Lex(text);
        Assert.AreEqual(0, bag.Count);
        Assert.AreEqual(TokenKind.Number, tokens[0].Kind);
        Assert.AreEqual(value, tokens[0].NumberValue);
        Assert.AreEqual(text, tokens[0].Text);
    }

    [TestMethod]
    public void NumberWithTrailingDotIsNumberThenDot()
    {
        var (tokens, _) = Lex("1.foo");
        CollectionAssert.AreEqual(new[] { TokenKind.Number, TokenKind.Dot, TokenKind.Identifier, TokenKind.EndOfFile },
            tokens.Select(t => t.Kind).ToArray());
        Assert.AreEqual(1.0, tokens[0].NumberValue);
    }

    [TestMethod]
    public void LeadingDotIsNotPartOfANumber() =>
        CollectionAssert.AreEqual(new[] { TokenKind.Dot, TokenKind.Number, TokenKind.EndOfFile }, Kinds(".5"));

    [TestMethod]
    [DataRow(@"""a\nb""", "a\nb")]
    [DataRow(@"""\t""", "\t")]
    [DataRow(@"""\r""", "\r")]
    [DataRow(@"""\\""", "\\")]
    [DataRow(@"""\""""", "\"")]
    [DataRow(@"""\0""", "\0")]
    [DataRow(@"""\u{41}""", "A")]
    [DataRow(@"""\u{e9}""", "é")]
    [DataRow(@"""\u{20AC}""", "€")]
    [DataRow(@"""\u{1F600}""", "😀")]
    [DataRow(@"""\u{10FFFF}""", "\U0010FFFF")]
    [DataRow(@"""\u{0}""", "\0")]
    [DataRow(@"""x\u{62}y\n""", "xby\n")]
    [DataRow("\"two\nlines\"", "two\nlines")]
    [DataRow("\"\"", "")]
    [DataRow("\"caf\u00e9\"", "café")]
    public void StringEscapes(string text, string expected)
    {
        var (tokens, bag) = Lex(text);
        Assert.AreEqual(0, bag.Count, string.Join("\n", bag.Items));
        Assert.AreEqual(TokenKind.String, tokens[0].Kind);
        Assert.AreEqual(expected, tokens[0].StringValue);
        Assert.AreEqual(text, tokens[0].Text);
        Assert.AreEqual(2, tokens.Count);
    }

    [TestMethod]
    public void UnknownEscapeIsReportedAtTheBackslashAndTheStringContinues()
    {
        var (tokens, bag) = Lex("print \"ab\\qc\\zd\" x");
        Assert.AreEqual(2, bag.Count);
        Assert.IsTrue(bag.Items.All(d => d.Code == "SOX1004"));
        Assert.AreEqual(10, bag.Items[0].Location.Column);
        Assert.AreEqual(13, bag.Items[1].Location.Column);
        CollectionAssert.AreEqual(new[] { TokenKind.Print, TokenKind.String, TokenKind.Identifier, TokenKind.EndOfFile },
            tokens.Select(t => t.Kind).ToArray());
    }

    [TestMethod]
    [DataRow("\"\\u{}\"")]
    [DataRow("\"\\u{1234567}\"")]
    [DataRow("\"\\u{010FFFF}\"")]
    [DataRow("\"\\u{D800}\"")]
    [DataRow("\"\\u{DFFF}\"")]
    [DataRow("\"\\u{110000}\"")]
    [DataRow("\"\\u41\"")]
    [DataRow("\"\\u{41\"")]
    [DataRow("\"\\u{4G}\"")]
    public void InvalidUnicodeEscapes(string text)
    {
        var (tokens, bag) = Lex("x " + text + " y");
        AssertSingleDiagnostic(bag, "SOX1005", 1, 4);
        // The string still ends at its closing quote: the identifier after it is lexed normally.
        CollectionAssert.AreEqual(new[] { TokenKind.Identifier, TokenKind.String, TokenKind.Identifier, TokenKind.EndOfFile },
            tokens.Select(t => t.Kind).ToArray());
    }

    [TestMethod]
    public void UnterminatedStringIsReportedAtTheOpeningQuote()
    {
        var (tokens, bag) = Lex("var a = 1\nprint  \"abc\ndef");
        AssertSingleDiagnostic(bag, "SOX1002", 2, 8);
        Assert.AreEqual(TokenKind.Bad, tokens[^2].Kind);
        Assert.AreEqual(TokenKind.EndOfFile, tokens[^1].Kind);
    }

    [TestMethod]
    public void UnterminatedStringEndingInBackslash()
    {
        var (_, bag) = Lex("\"abc\\");
        AssertSingleDiagnostic(bag, "SOX1002", 1, 1);
    }

    [TestMethod]
    public void Comments()
    {
        var (tokens, bag) = Lex("a // line comment * / \"\nb /* block\n * still */ c /**/ d /* a /* b */ e");
        Assert.AreEqual(0, bag.Count);
        CollectionAssert.AreEqual(new[] { "a", "b", "c", "d", "e", "" }, tokens.Select(t => t.Text).ToArray());
    }

    [TestMethod]
    public void UnterminatedCommentIsReported()
    {
        var (tokens, bag) = Lex("a\n  b /* never\nends");
        AssertSingleDiagnostic(bag, "SOX1003", 2, 5);
        Assert.AreEqual(TokenKind.Bad, tokens[^2].Kind);
    }

    [TestMethod]
    public void SlashAloneIsDivision() =>
        CollectionAssert.AreEqual(new[] { TokenKind.Identifier, TokenKind.Slash, TokenKind.Identifier, TokenKind.EndOfFile }, Kinds("a / b"));

    [TestMethod]
    [DataRow("#[test]", "test")]
    [DataRow("#[ bench ]", "bench")]
    [DataRow("#[a_1]", "a_1")]
    public void AttributeTokenHoldsTheName(string text, string name)
    {
        var (tokens, bag) = Lex(text);
        Assert.AreEqual(0, bag.Count);
        Assert.AreEqual(TokenKind.Attribute, tokens[0].Kind);
        Assert.AreEqual(name, tokens[0].Text);
    }

    [TestMethod]
    [DataRow("x #test")]
    [DataRow("x #[]")]
    [DataRow("x #[test")]
    [DataRow("x #[1]")]
    [DataRow("x #")]
    public void MalformedAttribute(string text)
    {
        var (tokens, bag) = Lex(text);
        AssertSingleDiagnostic(bag, "SOX1006", 1, 3);
        Assert.IsTrue(tokens.Any(t => t.Kind == TokenKind.Bad));
    }

    [TestMethod]
    public void UnexpectedCharacterRunGivesOneDiagnostic()
    {
        var (tokens, bag) = Lex("var x\n  = @$`? 1 & 2");
        Assert.AreEqual(2, bag.Count);
        Assert.IsTrue(bag.Items.All(d => d.Code == "SOX1001"));
        Assert.AreEqual((2, 5), (bag.Items[0].Location.Line, bag.Items[0].Location.Column));
        Assert.AreEqual((2, 12), (bag.Items[1].Location.Line, bag.Items[1].Location.Column));
        CollectionAssert.AreEqual(
            new[] { TokenKind.Var, TokenKind.Identifier, TokenKind.Equal, TokenKind.Bad, TokenKind.Number, TokenKind.Bad,
                TokenKind.Number, TokenKind.EndOfFile },
            tokens.Select(t => t.Kind).ToArray());
        Assert.AreEqual(new TextSpan(10, 4), tokens[3].Span);
    }

    [TestMethod]
    public void NonAsciiOutsideStringsIsUnexpected()
    {
        var (_, bag) = Lex("x = é");
        AssertSingleDiagnostic(bag, "SOX1001", 1, 5);
    }

    [TestMethod]
    public void LexicalDiagnosticsAreCapped()
    {
        var text = string.Concat(Enumerable.Repeat("@ ", 100_000));
        var (tokens, bag) = Lex(text);
        Assert.AreEqual(Lexer.MaxDiagnostics + 1, bag.Count);
        Assert.AreEqual("SOX1007", bag.Items[^1].Code);
        Assert.AreEqual(100_001, tokens.Count);
    }

    [TestMethod]
    public void RandomBytesNeverThrowAndEndWithEndOfFile()
    {
        var random = new Random(1234);
        for (var round = 0; round < 50; round++)
        {
            var chars = new char[random.Next(0, 2000)];
            for (var i = 0; i < chars.Length; i++) chars[i] = (char)random.Next(0, round % 2 == 0 ? 128 : 0xFFFF);
            var (tokens, bag) = Lex(new string(chars));
            Assert.AreEqual(TokenKind.EndOfFile, tokens[^1].Kind);
            Assert.IsTrue(bag.Count <= Lexer.MaxDiagnostics + 1);
        }
    }

    [TestMethod]
    public void SpansMapToLinesAndColumns()
    {
        var source = new SourceText("t.sox", "var x = 1\n\n  print \"a\nb\" + x\r\n\tfoo");
        var tokens = Lexer.Tokenize(source, new DiagnosticBag());
        var positions = tokens.Select(t => (t.Text, source.GetLinePosition(t.Span.Start).Line, source.GetLinePosition(t.Span.Start).Column)).ToArray();
        CollectionAssert.AreEqual(new[]
        {
            ("var", 1, 1), ("x", 1, 5), ("=", 1, 7), ("1", 1, 9),
            ("print", 3, 3), ("\"a\nb\"", 3, 9), ("+", 4, 4), ("x", 4, 6),
            ("foo", 5, 2), ("", 5, 5),
        }, positions);
    }

    [TestMethod]
    public void PrecededByNewline()
    {
        var (tokens, _) = Lex("a b\nc /* x\n */ d /* */ e // z\n\"s\ns\" f");
        CollectionAssert.AreEqual(new[] { false, false, true, true, false, true, false, false },
            tokens.Select(t => t.PrecededByNewline).ToArray());
    }

    [TestMethod]
    public void ByteOrderMarkIsSkipped()
    {
        var (tokens, bag) = Lex("\uFEFFprint 1");
        Assert.AreEqual(0, bag.Count);
        Assert.AreEqual(TokenKind.Print, tokens[0].Kind);
        Assert.AreEqual(1, tokens[0].Span.Start);
    }
}
