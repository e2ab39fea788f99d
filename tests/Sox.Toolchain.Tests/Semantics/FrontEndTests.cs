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
}
