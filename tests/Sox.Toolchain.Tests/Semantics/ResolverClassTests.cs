using Sox.Compiler.Semantics;
using Sox.Compiler.Syntax.Ast;
using static Sox.Toolchain.Tests.Semantics.SemanticsTestHelpers;

namespace Sox.Toolchain.Tests.Semantics;

/// <summary>Classes (§5): <c>this</c>, <c>super</c> and the hidden superclass slot.</summary>
[TestClass]
public sealed class ResolverClassTests
{
    [TestMethod]
    public void ThisBindsToTheMethodReceiver()
    {
        var unit = CheckClean("class A {\n  m() { return this }\n}\n");
        var m = InfoOf(unit, "m");
        var receiver = All<ThisExpr>(unit).Single().Symbol()!;
        Assert.AreSame(m.This, receiver);
        Assert.AreEqual(SymbolKind.This, receiver.Kind);
        Assert.AreSame(m, receiver.DeclaringFunction);
        Assert.IsFalse(receiver.IsCaptured);
        Assert.AreEqual(0, m.Parameters.Count, "the receiver is not a parameter");
    }

    [TestMethod]
    public void LambdasAndDefersInMethodsCaptureThis()
    {
        var unit = CheckClean("""
            class A {
              init() {
                defer { print this }
                this.f = fn() { return fn() { return this } }
              }
            }
            """);
        var init = InfoOf(unit, "init");
        var uses = All<ThisExpr>(unit);
        Assert.IsTrue(uses.All(u => ReferenceEquals(u.Symbol(), init.This)));
        Assert.IsTrue(init.This!.IsCaptured);
        var defer = All<DeferStmt>(unit).Single().Body.Info()!;
        var lambdas = All<FunctionExpr>(unit).Select(f => f.Function.Info()!).ToList();
        CollectionAssert.AreEqual(new[] { init.This }, defer.Captures);
        CollectionAssert.AreEqual(new[] { init.This }, lambdas[0].Captures);
        CollectionAssert.AreEqual(new[] { init.This }, lambdas[1].Captures);
    }

    [TestMethod]
    public void ThisOutsideAClassIsAnError() =>
        CheckDiagnostics("print this\nfn f() {\n  return this\n}\n", "SOX3004@1:7", "SOX3004@3:10");

    [TestMethod]
    public void SuperOutsideAClassIsAnError() => CheckDiagnostics("fn f() { return super.m() }\n", "SOX3005@1:17");

    [TestMethod]
    public void SuperWithoutSuperclassIsAnError() =>
        CheckDiagnostics("class A {\n  m() { return super.m() }\n}\n", "SOX3006@2:16");

    [TestMethod]
    public void ClassInheritingFromItselfIsAnError() => CheckDiagnostics("class A < A {}\n", "SOX3007@1:11");

    [TestMethod]
    public void SuperBindsReceiverAndHiddenSuperclassLocalOfTheScript()
    {
        var unit = CheckClean("""
            class A { m() { return 1 } }
            class B < A {
              m() { return super.m() + 1 }
            }
            """);
        var b = All<ClassStmt>(unit).Single(c => c.Name.Text == "B");
        var slot = b.SuperclassSymbol()!;
        var m = All<FunctionDecl>(unit).Where(f => f.Name?.Text == "m").Last().Info()!;
        var super = All<SuperExpr>(unit).Single();
        Assert.AreEqual(SymbolKind.Superclass, slot.Kind);
        Assert.AreSame(unit.ScriptInfo(), slot.DeclaringFunction);
        CollectionAssert.Contains(unit.ScriptInfo()!.Locals, slot);
        Assert.AreSame(slot, super.SuperclassSymbol());
        Assert.AreSame(m.This, super.ThisSymbol());
        Assert.IsTrue(slot.IsCaptured);
        CollectionAssert.AreEqual(new[] { slot }, m.Captures);
        Assert.AreEqual(SymbolKind.Global, b.Superclass!.Symbol()!.Kind);
        Assert.IsNull(All<ClassStmt>(unit)[0].SuperclassSymbol());
    }

    [TestMethod]
    public void SuperInALambdaCapturesReceiverAndSlotThroughTheMethod()
    {
        var unit = CheckClean("""
            fn make(Base) {
              class D < Base {
                m() { return fn() { return super.m } }
              }
              return D
            }
            """);
        var slot = All<ClassStmt>(unit).Single().SuperclassSymbol()!;
        var make = InfoOf(unit, "make");
        var m = InfoOf(unit, "m");
        var lambda = All<FunctionExpr>(unit).Single().Function.Info()!;
        Assert.AreSame(make, slot.DeclaringFunction);
        CollectionAssert.Contains(make.Locals, slot);
        CollectionAssert.AreEqual(new[] { slot }, m.Captures, "m captures the slot of make; its own receiver is a local of m");
        CollectionAssert.AreEquivalent(new[] { m.This, slot }, lambda.Captures);
        Assert.AreSame(make.Parameters[0], All<ClassStmt>(unit).Single().Superclass!.Symbol());
    }

    [TestMethod]
    public void ClassNameIsDeclaredBeforeItsMethods()
    {
        var unit = CheckClean("fn f() {\n  class C { m() { return C } }\n  return C\n}\n");
        var c = All<ClassStmt>(unit).Single().Symbol()!;
        Assert.AreEqual(SymbolKind.Local, c.Kind);
        Assert.IsTrue(Uses(unit, "C").All(u => ReferenceEquals(u.Symbol(), c)));
        Assert.IsTrue(c.IsCaptured);
    }

    [TestMethod]
    public void NestedClassWithoutSuperclassCannotUseTheOuterSuper() =>
        CheckDiagnostics("""
            class A {}
            class B < A {
              m() {
                class C { n() { return super.n } }
                return super.m
              }
            }
            """, "SOX3006@4:28");

    [TestMethod]
    public void ReturningAValueFromInitIsAnError() =>
        CheckDiagnostics("class A {\n  init() {\n    if true { return }\n    return 1\n  }\n}\n", "SOX3003@4:5");

    [TestMethod]
    public void LambdaInsideInitMayReturnAValue() =>
        CheckClean("class A {\n  init() { this.f = fn() { return 1 } }\n}\n");
}
