using Sox.Compiler.Diagnostics;
using Sox.Compiler.Driver;
using Sox.Compiler.Semantics;
using Sox.Compiler.Syntax.Ast;
using Sox.Compiler.Text;
using static Sox.Toolchain.Tests.Semantics.SemanticsTestHelpers;

namespace Sox.Toolchain.Tests.Semantics;

/// <summary>The front-end entry point: never throws, deep input is a diagnostic, not a crash.</summary>
[TestClass]
public sealed class FrontEndTests
{
    [TestMethod]
    public void DeeplyNestedSourceEndsWithADiagnosticOrSucceeds()
    {
        const int depth = 20_000;
        var text = "print " + new string('(', depth) + "1" + new string(')', depth) + "\n"
            + "fn f() {" + string.Concat(Enumerable.Repeat("{", depth)) + string.Concat(Enumerable.Repeat("}", depth)) + "}\n";
        var result = FrontEnd.CheckSource("deep.sox", text);
        AssertNoInternalError(result);
        Assert.IsTrue(result.Diagnostics.All(d => d.Code == "SOX2007"), string.Join("\n", result.Diagnostics));
    }

    [TestMethod]
    public void ResolverReportsNestingTooDeepInsteadOfOverflowingTheStack()
    {
        // Built by hand: far deeper than any parser would hand over, resolved on a small 1 MB stack.
        var source = new SourceText("deep.sox", "x");
        Expr expression = new NumberLiteral(1, new TextSpan(0, 1));
        for (var i = 0; i < 1_000_000; i++) expression = new UnaryExpr(UnaryOperator.Negate, expression, new TextSpan(0, 1), new TextSpan(0, 1));
        var unit = new CompilationUnit(source, [new PrintStmt(expression, new TextSpan(0, 1))], new TextSpan(0, 1));
        var bag = new DiagnosticBag();
        Exception? failure = null;
        var thread = new Thread(() =>
        {
            try { Resolver.Resolve(unit, bag); }
            catch (Exception e) { failure = e; }
        }, 1024 * 1024);
        thread.Start();
        thread.Join();
        Assert.IsNull(failure);
        Assert.AreEqual("SOX2007", bag.Items.Single().Code);
    }

    [TestMethod]
    public void SyntaxErrorsAreReportedAndResolutionStillRuns()
    {
        var (_, result) = Check("var = 1\n{\n  var a = a\n}\n");
        Assert.IsFalse(result.Success);
        Assert.IsTrue(result.Diagnostics.Any(d => d.Code.StartsWith("SOX2", StringComparison.Ordinal)));
        Assert.IsTrue(result.Diagnostics.Any(d => d.Code == "SOX3001"));
    }

    [TestMethod]
    public void DiagnosticsUseTheEntryPathAsGiven()
    {
        var result = FrontEnd.CheckSource("dir/prog.sox", "break\n");
        Assert.AreEqual("dir/prog.sox(1,1): error SOX3008: Can't use 'break' outside of a loop or switch.", result.Diagnostics.Single().ToString());
    }

    [TestMethod]
    public void UnusablePathsAreDiagnosticsNotCrashes()
    {
        AssertDiagnostics(FrontEnd.CheckSource("", "print 1\n"), "SOX5001@0:0");
        AssertDiagnostics(FrontEnd.Check(""), "SOX5001@0:0");
        AssertDiagnostics(FrontEnd.CheckSource("bad\0name.sox", "print 1\n"), "SOX5001@0:0");
        var (_, result) = Check("import x \"a\\0b\"\n");
        AssertDiagnostics(result, "SOX3103@1:10");
    }

    /// <summary>Every construct of the language; its prefixes are the malformed programs of the next test.</summary>
    private const string EveryConstruct = """
        import ( "lib/a" b "b.sox" )
        extern fn puts(s: cstring): int
        export fn area(w: double, h: double): double { return w * h }
        var arr[] = {0, 1, 2}
        var t = {k: 1, "k 2": [1, 2]}
        class A { init(x) { this.x = x } m() { return this.x } }
        class B < A { m() { defer { print super.m() } return fn() { return super.m() + this.x } } }
        #[test]
        fn check(t) { assert(true, "ok") }
        fn main(argc, argv) {
          for var i = 0; i < 3; i = i + 1 { if (i == 1) continue }
          foreach var k, v in t { switch v { case 1 case 2 { break } default { print k } } }
          while false { break }
          var s = "abc"[0:1] + arr[1:] + arr[:2]
          arr[0] = -s.len and !nil or 1 % 2
          return 0
        }
        return t
        """;

    [TestMethod]
    public void NoPrefixOfAProgramMakesTheFrontEndFail()
    {
        for (var length = 0; length <= EveryConstruct.Length; length++)
        {
            var result = FrontEnd.CheckSource("prefix.sox", EveryConstruct[..length]);
            AssertNoInternalError(result);
            Assert.IsNotNull(result.Graph);
        }
    }
}
