using static Sox.Toolchain.Tests.Syntax.ParserTestHelpers;

namespace Sox.Toolchain.Tests.Syntax;

/// <summary>Every syntax diagnostic with its code, line and column (never its wording).</summary>
[TestClass]
public sealed class ParserDiagnosticTests
{
    [TestMethod]
    [DataRow("var x = )", "SOX2001@1:9")]
    [DataRow("print\n", "SOX2001@2:1")]
    [DataRow("x = 1 +", "SOX2001@1:8")]
    [DataRow("if { }", "SOX2002@1:7")]
    public void ExpectedExpression(string text, string expected) => AssertDiagnostics(text, expected);

    [TestMethod]
    [DataRow("foo(1, 2", "SOX2002@1:9")]
    [DataRow("if a print 1", "SOX2002@1:6")]
    [DataRow("while a\nprint 1", "SOX2002@2:1")]
    [DataRow("x = (1 + 2", "SOX2002@1:11")]
    [DataRow("x = a[1", "SOX2002@1:8")]
    [DataRow("x = [1 2]", "SOX2002@1:8")]
    [DataRow("x = {a: 1 b: 2}", "SOX2002@1:11")]
    [DataRow("x = {a 1}", "SOX2002@1:8")]
    [DataRow("x = {a: 1, 2}", "SOX2002@1:12")]
    [DataRow("x = super", "SOX2002@1:10")]
    [DataRow("for var i = 0 i < 3 { }", "SOX2002@1:15")]
    [DataRow("foreach v in xs { }", "SOX2002@1:9")]
    [DataRow("foreach var v xs { }", "SOX2002@1:15")]
    [DataRow("assert a", "SOX2002@1:8")]
    [DataRow("fn f() {\n  print 1\n", "SOX2002@3:1")]
    [DataRow("extern fn f(a int)", "SOX2002@1:15")]
    [DataRow("extern \"lib\" f()", "SOX2002@1:14")]
    [DataRow("defer (x) { }", "SOX2002@1:8")]
    [DataRow("var a[ = 1", "SOX2002@1:8")]
    public void ExpectedToken(string text, string expected) => AssertDiagnostics(text, expected);

    [TestMethod]
    [DataRow("a + b = 3", "SOX2003@1:7")]
    [DataRow("f() = 1", "SOX2003@1:5")]
    [DataRow("(a) = 1", "SOX2003@1:5")]
    [DataRow("a[1:2] = 1", "SOX2003@1:8")]
    [DataRow("1 = 2", "SOX2003@1:3")]
    public void InvalidAssignmentTarget(string text, string expected) => AssertDiagnostics(text, expected);

    [TestMethod]
    public void InvalidAssignmentTargetDoesNotStopParsing() =>
        AssertDiagnostics("a + b = c = 3\nprint )\nx = 1", "SOX2003@1:7", "SOX2001@2:7");

    [TestMethod]
    [DataRow("var 1 = 2", "SOX2004@1:5")]
    [DataRow("x = a.1", "SOX2004@1:7")]
    [DataRow("fn f(1) { }", "SOX2004@1:6")]
    [DataRow("class { }", "SOX2004@1:7")]
    [DataRow("class A < { }", "SOX2004@1:11")]
    [DataRow("class A { 1 }", "SOX2004@1:11")]
    [DataRow("x = super.", "SOX2004@1:11")]
    [DataRow("foreach var 1 in x { }", "SOX2004@1:13")]
    [DataRow("extern fn (a: int)", "SOX2004@1:11")]
    [DataRow("extern fn f(a: 1)", "SOX2004@1:16")]
    public void ExpectedName(string text, string expected) => AssertDiagnostics(text, expected);

    [TestMethod]
    public void TooManyParameters()
    {
        var parameters = string.Join(", ", Enumerable.Range(0, 257).Select(i => "p" + i));
        var text = $"fn f({parameters}) {{ }}";
        AssertDiagnostics(text, $"SOX2005@1:{text.IndexOf("p255", StringComparison.Ordinal) + 1}");
        var lambda = $"var g = fn ({parameters}) {{ }}";
        AssertDiagnostics(lambda, $"SOX2005@1:{lambda.IndexOf("p255", StringComparison.Ordinal) + 1}");
    }

    [TestMethod]
    public void TooManyArguments()
    {
        var arguments = string.Join(", ", Enumerable.Range(0, 300).Select(i => "a" + i));
        var text = $"f({arguments})";
        AssertDiagnostics(text, $"SOX2006@1:{text.IndexOf("a255", StringComparison.Ordinal) + 1}");
    }

    [TestMethod]
    public void DuplicateDefault() => AssertDiagnostics("switch x { default { } default { } }", "SOX2008@1:24");

    [TestMethod]
    [DataRow("switch x { print 1 }", "SOX2009@1:12")]
    [DataRow("switch x {\n  case 1 { }\n  2 { }\n  case 3 { }\n}", "SOX2009@3:3")]
    public void ExpectedCaseOrDefault(string text, string expected) => AssertDiagnostics(text, expected);

    [TestMethod]
    [DataRow("#[test] var x = 1", "SOX2010@1:1")]
    [DataRow("#[test]\nfn () { }", "SOX2010@1:1")]
    [DataRow("#[test]", "SOX2010@1:1")]
    public void AttributeWithoutFunction(string text, string expected) => AssertDiagnostics(text, expected);

    [TestMethod]
    public void AttributeWithoutFunctionStillParsesTheStatement() =>
        AssertDiagnostics("#[test] print )", "SOX2010@1:1", "SOX2001@1:15");

    [TestMethod]
    [DataRow("#[bench] fn f(b) { }", "SOX2011@1:1")]
    [DataRow("#[test] #[inline] fn f(t) { }", "SOX2011@1:9")]
    public void UnknownAttribute(string text, string expected) => AssertDiagnostics(text, expected);

    [TestMethod]
    [DataRow("import 1", "SOX2012@1:8")]
    [DataRow("import a b", "SOX2012@1:10")]
    [DataRow("import", "SOX2012@1:7")]
    [DataRow("import (\n  \"a\"\n  b 3\n  \"c\"\n)", "SOX2012@3:5")]
    public void ExpectedImportPath(string text, string expected) => AssertDiagnostics(text, expected);

    [TestMethod]
    [DataRow("extern fn f(..., x: int)", "SOX2013@1:13")]
    [DataRow("extern fn f(a: int, ..., ...)", "SOX2013@1:21")]
    public void VariadicNotLast(string text, string expected) => AssertDiagnostics(text, expected);

    [TestMethod]
    [DataRow("switch x { case 1 }", "SOX2014@1:12")]
    [DataRow("switch x { case 1 { } case 2 case 3 }", "SOX2014@1:30")]
    [DataRow("switch x { default }", "SOX2014@1:12")]
    public void CaseWithoutBody(string text, string expected) => AssertDiagnostics(text, expected);

    [TestMethod]
    [DataRow("if (a) var x = 1", "SOX2015@1:8")]
    [DataRow("while (a) fn f() { }", "SOX2015@1:11")]
    [DataRow("for (;;) class A { }", "SOX2015@1:10")]
    [DataRow("if (a) { } else var y", "SOX2015@1:17")]
    public void DeclarationNotAllowed(string text, string expected) => AssertDiagnostics(text, expected);

    [TestMethod]
    public void VariadicExport() => AssertDiagnostics("export fn f(a: int, ...) { }", "SOX2016@1:21");

    [TestMethod]
    public void TooManySyntaxErrorsStopsTheFile()
    {
        var text = string.Concat(Enumerable.Repeat("print )\n", 500));
        var (_, bag) = Parse(text);
        // Exactly MaxDiagnostics errors, then one SOX2017 at the first error past the limit.
        Assert.AreEqual(Sox.Compiler.Syntax.Parser.MaxDiagnostics + 1, bag.Count);
        Assert.IsTrue(bag.Items.Take(Sox.Compiler.Syntax.Parser.MaxDiagnostics).All(d => d.Code == "SOX2001"));
        Assert.AreEqual("SOX2017", bag.Items[^1].Code);
        Assert.AreEqual(Sox.Compiler.Syntax.Parser.MaxDiagnostics + 1, bag.Items[^1].Location.Line);
    }

    [TestMethod]
    public void LexicalErrorsAreNotRepeatedByTheParser()
    {
        AssertDiagnostics("var x = @", "SOX1001@1:9");
        AssertDiagnostics("foo(1, @, 3)\nprint 2", "SOX1001@1:8");
        AssertDiagnostics("print \"abc", "SOX1002@1:7");
        AssertDiagnostics("foo(\"abc)\n", "SOX1002@1:5");
        AssertDiagnostics("foo(1, /* 2", "SOX1003@1:8");
        AssertDiagnostics("#[ x y ] fn f() { }", "SOX1006@1:1");
    }
}
