using Sox.Compiler.Syntax;
using Sox.Compiler.Syntax.Ast;
using static Sox.Toolchain.Tests.Syntax.ParserTestHelpers;

namespace Sox.Toolchain.Tests.Syntax;

/// <summary>Panic-mode recovery: every independent error once, no cascades, the rest of the file still parsed.</summary>
[TestClass]
public sealed class ParserRecoveryTests
{
    [TestMethod]
    public void ThreeIndependentErrorsGiveExactlyThree()
    {
        const string text = """
            var a = )
            print a
            fn f(x y) {
              print x
            }
            if a print f(1)
            print "done"
            """;
        AssertDiagnostics(text, "SOX2001@1:9", "SOX2002@3:8", "SOX2002@6:6");
        var (unit, _) = Parse(text);
        // The statements around the errors survive: print a, fn f, the if, print "done".
        Assert.IsInstanceOfType<PrintStmt>(unit.Statements[^1]);
        Assert.IsTrue(unit.Statements.OfType<FunctionStmt>().Any(f => f.Function.Name!.Text == "f"));
    }

    [TestMethod]
    public void FiveErrorsAcrossConstructs()
    {
        const string text = """
            var a = )
            print a
            fn f(a b) {
              print a
            }
            var c = [1, 2
            print c
            class { }
            if x print y
            """;
        AssertDiagnostics(text, "SOX2001@1:9", "SOX2002@3:8", "SOX2002@7:1", "SOX2004@8:7", "SOX2002@9:6");
    }

    [TestMethod]
    public void StrayClosingBracesAreReportedOnceEach() => AssertDiagnostics("}\nprint 1\n}", "SOX2001@1:1", "SOX2001@3:1");

    [TestMethod]
    public void ErrorsInsideFunctionBodiesAreIndependent()
    {
        const string text = """
            fn f() {
              var = 1
              print 2
            }
            fn g() {
              print (
            }
            print 3
            """;
        AssertDiagnostics(text, "SOX2004@2:7", "SOX2001@7:1");
        var (unit, _) = Parse(text);
        Assert.AreEqual(3, unit.Statements.Count);
        Assert.AreEqual("(fn:function f () (print 2))", AstPrinter.Print(unit.Statements[0]));
    }

    [TestMethod]
    public void BrokenTableLiteralKeepsItsBracesPaired() =>
        AssertDiagnostics("var t = {a: 1 b: 2}\nprint t\n{ print ) }", "SOX2002@1:15", "SOX2001@3:9");

    [TestMethod]
    public void BrokenArgumentDoesNotHideTheNextStatement() =>
        AssertDiagnostics("foo(1 +, 2)\nbar(3 4)\nprint )", "SOX2001@1:8", "SOX2002@2:7", "SOX2001@3:7");

    [TestMethod]
    public void ClassBodyRecoversAtTheNextMethod()
    {
        const string text = "class A {\n  m() { }\n  +\n  n() { return 1 }\n}\nprint A";
        AssertDiagnostics(text, "SOX2004@3:3");
        var (unit, _) = Parse(text);
        Assert.AreEqual("(class A (fn:method m ()) (fn:method n () (return 1)))\n(print A)", AstPrinter.Print(unit));
    }

    [TestMethod]
    public void SwitchRecoversAtTheNextCase()
    {
        const string text = "switch x {\n  case 1 { print ) }\n  case 2 { print +}\n  default { }\n}\nprint 1";
        AssertDiagnostics(text, "SOX2001@2:18", "SOX2001@3:18");
        var (unit, _) = Parse(text);
        Assert.AreEqual(3, ((SwitchStmt)unit.Statements[0]).Cases.Count);
    }

    [TestMethod]
    public void ErrorInAHeaderStillParsesTheBody() =>
        AssertDiagnostics("if x == ) {\n  print )\n}\nwhile ) { }", "SOX2001@1:9", "SOX2001@2:9", "SOX2001@4:7");

    [TestMethod]
    public void MissingCloseParenInIfCondition() => AssertDiagnostics("if (a {\n  print 1\n}\nprint )", "SOX2002@1:7", "SOX2001@4:7");

    [TestMethod]
    public void ImportListWithoutCloseParenStopsAtTheNextStatement() =>
        AssertDiagnostics("import (\n  \"a\"\nvar x = 1\nprint )", "SOX2002@3:1", "SOX2001@4:7");

    [TestMethod]
    public void SeveralErrorsOnOneStatementReportOnlyTheFirst() => AssertDiagnostics("var x = ) + ) * )", "SOX2001@1:9");
}
