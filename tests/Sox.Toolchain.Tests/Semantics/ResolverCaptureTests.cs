using Sox.Compiler.Semantics;
using Sox.Compiler.Syntax.Ast;
using static Sox.Toolchain.Tests.Semantics.SemanticsTestHelpers;

namespace Sox.Toolchain.Tests.Semantics;

/// <summary>Closures (§5: Lox upvalues), loop variables (§4) and the function tree.</summary>
[TestClass]
public sealed class ResolverCaptureTests
{
    [TestMethod]
    public void ThreeLevelClosureRecordsTheCaptureInEveryIntermediateFunction()
    {
        var unit = CheckClean("""
            fn a() {
              var x = 1
              var unused = 2
              fn b() {
                fn c() { return x }
                return c
              }
              return b
            }
            """);
        var x = VarDecl(unit, "x").Symbol()!;
        Assert.AreSame(x, Use(unit, "x").Symbol());
        Assert.IsTrue(x.IsCaptured);
        Assert.IsFalse(VarDecl(unit, "unused").Symbol()!.IsCaptured);
        Assert.AreSame(InfoOf(unit, "a"), x.DeclaringFunction);
        CollectionAssert.AreEqual(new[] { x }, InfoOf(unit, "c").Captures);
        CollectionAssert.AreEqual(new[] { x }, InfoOf(unit, "b").Captures);
        Assert.AreEqual(0, InfoOf(unit, "a").Captures.Count);
        Assert.AreEqual(0, InfoOf(unit, "c").CaptureIndex(x));
    }

    [TestMethod]
    public void CapturesKeepFirstUseOrderWithoutDuplicates()
    {
        var unit = CheckClean("""
            fn outer() {
              var p = 1
              var q = 2
              return fn() { return q + p + q }
            }
            """);
        var lambda = All<FunctionExpr>(unit).Single().Function.Info()!;
        CollectionAssert.AreEqual(new[] { "q", "p" }, lambda.Captures.Select(c => c.Name).ToArray());
        Assert.AreEqual(FunctionKind.Lambda, lambda.Kind);
        Assert.AreEqual("fn", lambda.DisplayName);
    }

    [TestMethod]
    public void ParametersCanBeCaptured()
    {
        var unit = CheckClean("fn make(n) { return fn() { return n } }\n");
        var n = InfoOf(unit, "make").Parameters.Single();
        Assert.IsTrue(n.IsCaptured);
        CollectionAssert.AreEqual(new[] { n }, All<FunctionExpr>(unit).Single().Function.Info()!.Captures);
    }

    [TestMethod]
    public void GlobalsAreNeverCaptured()
    {
        var unit = CheckClean("var g = 1\nfn f() { return fn() { return g } }\n");
        Assert.IsFalse(VarDecl(unit, "g").Symbol()!.IsCaptured);
        Assert.AreEqual(0, All<FunctionExpr>(unit).Single().Function.Info()!.Captures.Count);
    }

    [TestMethod]
    public void ForLoopVariableIsOneSymbolForAllIterations()
    {
        var unit = CheckClean("""
            fn f() {
              var fs = []
              for var i = 0; i < 3; i = i + 1 {
                push(fs, fn() { return i })
              }
              return fs
            }
            """);
        var i = VarDecl(unit, "i").Symbol()!;
        var uses = Uses(unit, "i");
        Assert.AreEqual(3, uses.Count);
        Assert.IsTrue(uses.All(u => ReferenceEquals(u.Symbol(), i)));
        Assert.AreSame(i, All<AssignExpr>(unit).Single().Symbol());
        Assert.IsTrue(i.IsCaptured);
        CollectionAssert.AreEqual(new[] { i }, All<FunctionExpr>(unit).Single().Function.Info()!.Captures);
    }

    [TestMethod]
    public void ForLoopVariableIsScopedToTheLoop()
    {
        var (unit, result) = Check("fn f() {\n  for var i = 0; i < 1; i = i + 1 {}\n  return i\n}\n");
        AssertDiagnostics(result, "SOX3014@3:10");
        Assert.AreEqual(SymbolKind.Global, Uses(unit, "i").Last().Symbol()!.Kind);
    }

    [TestMethod]
    public void ForeachBindsKeyAndValueInTheLoopScope()
    {
        var unit = CheckClean("""
            fn f(xs) {
              foreach var k, v in xs { print k + v }
              foreach var w in xs { print w }
            }
            """);
        var loops = All<ForeachStmt>(unit);
        Assert.AreSame(loops[0].KeySymbol(), Use(unit, "k").Symbol());
        Assert.AreSame(loops[0].ValueSymbol(), Use(unit, "v").Symbol());
        Assert.IsNull(loops[1].KeySymbol());
        Assert.AreSame(loops[1].ValueSymbol(), Use(unit, "w").Symbol());
        Assert.AreEqual(SymbolKind.Local, loops[0].KeySymbol()!.Kind);
        CollectionAssert.AreEqual(new[] { "k", "v", "w" }, InfoOf(unit, "f").Locals.Select(l => l.Name).ToArray());
    }

    [TestMethod]
    public void ForeachVariablesAreNotVisibleAfterTheLoop() =>
        CheckDiagnostics("fn f(xs) {\n  foreach var v in xs {}\n  return v\n}\n", "SOX3014@3:10");

    [TestMethod]
    public void ForeachKeyAndValueWithTheSameNameIsAnError() =>
        CheckDiagnostics("fn f(xs) {\n  foreach var a, a in xs {}\n}\n", "SOX3002@2:18");

    [TestMethod]
    public void ForeachIterableSeesTheEnclosingScope()
    {
        var unit = CheckClean("fn f(v) {\n  foreach var v in v {}\n}\n");
        Assert.AreSame(InfoOf(unit, "f").Parameters[0], Use(unit, "v").Symbol());
    }

    [TestMethod]
    public void SwitchCaseBodiesAreBlockScopes()
    {
        var unit = CheckClean("fn f(x) {\n  switch x { case 1 { var a = 1 } case 2 { var a = 2 } default { var a = 3 } }\n}\n");
        var decls = All<VarStmt>(unit);
        Assert.AreEqual(3, decls.Select(d => d.Symbol()).Distinct().Count());
    }

    [TestMethod]
    public void FunctionTreeRecordsKindsNamesAndChildren()
    {
        var unit = CheckClean("""
            fn top() {
              defer { print 1 }
              return fn() { return 2 }
            }
            class P {
              init() {}
              area() { return 0 }
            }
            """);
        var script = unit.ScriptInfo()!;
        var top = InfoOf(unit, "top");
        var init = InfoOf(unit, "init");
        var area = InfoOf(unit, "area");
        CollectionAssert.AreEqual(new[] { top, init, area }, script.Children);
        CollectionAssert.AreEqual(new[] { "defer", "fn" }, top.Children.Select(c => c.DisplayName).ToArray());
        CollectionAssert.AreEqual(new[] { FunctionKind.Defer, FunctionKind.Lambda }, top.Children.Select(c => c.Kind).ToArray());
        Assert.IsTrue(top.Children.All(c => c.Parent == top));
        Assert.AreEqual("init", init.DisplayName);
        Assert.AreEqual(FunctionKind.Initializer, init.Kind);
        Assert.AreEqual("area", area.DisplayName);
        Assert.AreEqual(FunctionKind.Method, area.Kind);
        Assert.AreSame(script, top.Parent);
        Assert.AreSame(Function(unit, "top"), top.Declaration);
    }

    [TestMethod]
    public void DeferBodiesCaptureTheLocalsOfTheirFunction()
    {
        var unit = CheckClean("fn f() {\n  var r = 1\n  defer { print r }\n}\n");
        var r = VarDecl(unit, "r").Symbol()!;
        var defer = All<DeferStmt>(unit).Single().Body.Info()!;
        Assert.IsTrue(r.IsCaptured);
        CollectionAssert.AreEqual(new[] { r }, defer.Captures);
    }
}
