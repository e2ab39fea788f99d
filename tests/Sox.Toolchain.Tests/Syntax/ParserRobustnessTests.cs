using Sox.Compiler.Diagnostics;
using Sox.Compiler.Syntax;
using Sox.Compiler.Syntax.Ast;
using Sox.Compiler.Text;

namespace Sox.Toolchain.Tests.Syntax;

/// <summary>
/// Deep nesting and hostile input: the parser reports SOX2007 (or succeeds) and never overflows the stack, even on
/// a thread with a 1 MB stack; random input always terminates without an exception.
/// </summary>
[TestClass]
public sealed class ParserRobustnessTests
{
    private const int Deep = 10_000;

    /// <summary>Parses on a fresh thread with the given stack size; an exception there fails the test.</summary>
    private static (CompilationUnit Unit, DiagnosticBag Diagnostics) ParseOnThread(string text, int stackSize = 1024 * 1024)
    {
        CompilationUnit? unit = null;
        var bag = new DiagnosticBag();
        Exception? failure = null;
        var thread = new Thread(() =>
        {
            try { unit = Parser.Parse(new SourceText("deep.sox", text), bag); }
            catch (Exception e) { failure = e; }
        }, stackSize);
        thread.Start();
        thread.Join();
        if (failure is not null) Assert.Fail("parser threw: " + failure);
        return (unit!, bag);
    }

    private static string Repeat(string s, int n) => string.Concat(Enumerable.Repeat(s, n));

    /// <summary>10,000 levels of one construct (the test names stay short; the text is built here).</summary>
    private static string DeepInput(string name) => name switch
    {
        "parentheses" => "print " + Repeat("(", Deep) + "1" + Repeat(")", Deep),
        "negations" => "print " + Repeat("-(", Deep) + "1" + Repeat(")", Deep),
        "bare negations" => "print " + Repeat("-", Deep) + "1",
        "nots" => "print " + Repeat("!", Deep) + "true",
        "blocks" => Repeat("{", Deep) + Repeat("}", Deep),
        "blocks on lines" => Repeat("{\n", Deep) + Repeat("}\n", Deep),
        "calls" => "print " + Repeat("f(", Deep) + "1" + Repeat(")", Deep),
        "ifs" => Repeat("if a {\n", Deep) + Repeat("}\n", Deep),
        "parenthesised ifs" => Repeat("if (a) ", Deep) + "print 1",
        "whiles" => Repeat("while (a) ", Deep) + "print 1",
        "else ifs" => "if a { }" + Repeat(" else if a { }", Deep),
        "functions" => Repeat("fn f() {\n", Deep) + Repeat("}\n", Deep),
        "lambdas" => "var f = " + Repeat("fn () { return ", Deep) + "1" + Repeat(" }", Deep),
        "arrays" => "var a = " + Repeat("[", Deep) + Repeat("]", Deep),
        "tables" => "var t = " + Repeat("{a: ", Deep) + "1" + Repeat("}", Deep),
        "assignments" => Repeat("a = ", Deep) + "1",
        "unclosed parentheses" => "print " + Repeat("(", Deep),
        "unclosed blocks" => Repeat("{", Deep),
        "indexes" => "print a" + Repeat("[a", Deep) + Repeat("]", Deep),
        "classes" => Repeat("class A { m() {\n", Deep) + Repeat("} }\n", Deep),
        _ => throw new ArgumentException(name),
    };

    [TestMethod]
    [DataRow("parentheses")]
    [DataRow("negations")]
    [DataRow("bare negations")]
    [DataRow("nots")]
    [DataRow("blocks")]
    [DataRow("blocks on lines")]
    [DataRow("calls")]
    [DataRow("ifs")]
    [DataRow("parenthesised ifs")]
    [DataRow("whiles")]
    [DataRow("else ifs")]
    [DataRow("functions")]
    [DataRow("lambdas")]
    [DataRow("arrays")]
    [DataRow("tables")]
    [DataRow("assignments")]
    [DataRow("unclosed parentheses")]
    [DataRow("unclosed blocks")]
    [DataRow("indexes")]
    [DataRow("classes")]
    public void TenThousandDeepReportsNestingOnceOnAOneMegabyteStack(string name)
    {
        var (_, bag) = ParseOnThread(DeepInput(name));
        var codes = bag.Items.Select(d => d.Code).ToList();
        // Unclosed blocks also miss their '}' at the end of the file: one more error, reported once. (The
        // unclosed parentheses' ')' belongs to the statement already in error, so it stays quiet.)
        var expected = name == "unclosed blocks" ? new[] { "SOX2007", "SOX2002" } : new[] { "SOX2007" };
        CollectionAssert.AreEqual(expected, codes, $"{name}: " + string.Join("\n", bag.Items.Take(5)));
    }

    [TestMethod]
    public void ParsingGoesOnAfterTheNestingError()
    {
        var text = "print " + Repeat("(", Deep) + "1" + Repeat(")", Deep) + "\nprint 2\nprint )";
        var (unit, bag) = ParseOnThread(text);
        CollectionAssert.AreEqual(new[] { "SOX2007", "SOX2001" }, bag.Items.Select(d => d.Code).ToArray());
        Assert.AreEqual(3, bag.Items[1].Location.Line);
        Assert.IsTrue(unit.Statements.OfType<PrintStmt>().Any(p => p.Value is NumberLiteral { Value: 2 }));
    }

    [TestMethod]
    public void ModerateNestingParsesOnALargeStack()
    {
        // 300 levels of every kind stays below the limit of 1000 and, on a 16 MB stack, below the stack guard.
        var text = "print " + Repeat("(", 300) + "1" + Repeat(")", 300) + "\n" + Repeat("{", 300) + Repeat("}", 300) + "\n"
            + "print " + Repeat("-", 300) + "1";
        var (unit, bag) = ParseOnThread(text, 16 * 1024 * 1024);
        Assert.AreEqual(0, bag.Count, string.Join("\n", bag.Items.Take(3)));
        Assert.AreEqual(3, unit.Statements.Count);
    }

    [TestMethod]
    public void NestingLimitAppliesEvenWithAHugeStack()
    {
        var (_, bag) = ParseOnThread("print " + Repeat("(", 1500) + "1" + Repeat(")", 1500), 256 * 1024 * 1024);
        CollectionAssert.AreEqual(new[] { "SOX2007" }, bag.Items.Select(d => d.Code).ToArray());
    }

    private static readonly string[] s_vocabulary =
    [
        "(", ")", "{", "}", "[", "]", ",", ".", ":", ";", "...", "+", "-", "*", "/", "%", "!", "!=", "=", "==", "<", "<=",
        ">", ">=", "#[test]", "x", "extern", "export", "\"s\"", "1", "2.5", "and", "assert", "break", "case", "class",
        "continue", "default", "defer", "else", "false", "fn", "for", "foreach", "if", "import", "in", "nil", "or",
        "print", "return", "super", "switch", "this", "true", "var", "while", "@", "\n",
    ];

    [TestMethod]
    public void RandomTokenSoupAlwaysTerminates()
    {
        var random = new Random(20261124);
        for (var round = 0; round < 150; round++)
        {
            var words = Enumerable.Range(0, random.Next(1, 400)).Select(_ => s_vocabulary[random.Next(s_vocabulary.Length)]);
            var (unit, bag) = ParseOnThread(string.Join(" ", words));
            Assert.IsNotNull(unit);
            Assert.IsTrue(bag.Count <= Parser.MaxDiagnostics + Lexer.MaxDiagnostics);
        }
    }

    [TestMethod]
    public void RandomCharactersAlwaysTerminate()
    {
        var random = new Random(7);
        for (var round = 0; round < 100; round++)
        {
            var chars = new char[random.Next(0, 3000)];
            for (var i = 0; i < chars.Length; i++) chars[i] = (char)random.Next(0, round % 2 == 0 ? 128 : 0x3000);
            var (unit, _) = ParseOnThread(new string(chars));
            Assert.IsNotNull(unit);
        }
    }

    [TestMethod]
    public void FiveMegabytesOfRandomBytesStayBounded()
    {
        var random = new Random(99);
        var bytes = new byte[5 * 1024 * 1024];
        random.NextBytes(bytes);
        var text = System.Text.Encoding.Latin1.GetString(bytes);
        var (_, bag) = ParseOnThread(text);
        Assert.IsTrue(bag.Count <= Parser.MaxDiagnostics + Lexer.MaxDiagnostics + 2, bag.Count.ToString());
    }

    [TestMethod]
    public void EveryPrefixOfAProgramParsesWithoutException()
    {
        const string program = """
            import ( "a" m "lib/m" )
            extern "c" fn printf(fmt: cstring, ...): int
            #[test] fn t(t) { assert(1 == 1, "x") }
            class B < A { init(x) { this.x = x } m() { return super.m() + 1 } }
            var arr[] = {0, 1, 2}
            var t = {a: [1, 2], "k 2": fn (x) { return x }}
            for var i = 0; i < 3; i = i + 1 { print arr[i:] }
            foreach var k, v in t { if (k == "a") continue }
            switch arr[0] { case 0 case 1 { print "small" } default { defer { print "d" } } }
            export fn area(w: double, h: double): double { return w * h }
            """;
        for (var length = 0; length <= program.Length; length++)
        {
            var bag = new DiagnosticBag();
            Parser.Parse(new SourceText("p.sox", program[..length]), bag);
            Assert.IsTrue(bag.Count <= 3, $"prefix {length}: " + string.Join("\n", bag.Items));
            if (length == program.Length) Assert.AreEqual(0, bag.Count, string.Join("\n", bag.Items));
        }
    }
}
