using Sox.Compiler.Semantics;
using Sox.Compiler.Syntax.Ast;
using static Sox.Toolchain.Tests.Semantics.SemanticsTestHelpers;

namespace Sox.Toolchain.Tests.Semantics;

/// <summary>Globals, locals, builtins and the declaration rules of the resolver.</summary>
[TestClass]
public sealed class ResolverScopeTests
{
    [TestMethod]
    public void FunctionsBindGlobalsDeclaredLater()
    {
        var unit = CheckClean("fn f() { return g }\nvar g = 1\n");
        var use = Use(unit, "g");
        Assert.AreEqual(SymbolKind.Global, use.Symbol()!.Kind);
        Assert.IsTrue(use.Symbol()!.IsDefined);
        Assert.AreSame(VarDecl(unit, "g").Symbol(), use.Symbol());
    }

    [TestMethod]
    public void EveryTopLevelDeclarationIsOneGlobalPerName()
    {
        var unit = CheckClean("var a = 1\nvar a = 2\nfn f() {}\nclass C {}\nprint a\n");
        var decls = All<VarStmt>(unit);
        Assert.AreSame(decls[0].Symbol(), decls[1].Symbol());
        Assert.AreSame(decls[0].Symbol(), Use(unit, "a").Symbol());
        Assert.AreEqual(SymbolKind.Global, All<FunctionStmt>(unit).Single().Symbol()!.Kind);
        Assert.AreEqual(SymbolKind.Global, All<ClassStmt>(unit).Single().Symbol()!.Kind);
        Assert.IsNull(All<FunctionStmt>(unit).Single().Symbol()!.DeclaringFunction);
    }

    [TestMethod]
    public void TopLevelVarMayReadTheGlobalItDeclares()
    {
        var unit = CheckClean("var x = 1\nvar x = x + 1\n");
        Assert.AreSame(All<VarStmt>(unit)[1].Symbol(), Use(unit, "x").Symbol());
    }

    [TestMethod]
    public void LocalVarReadInItsOwnInitializerIsAnError() =>
        CheckDiagnostics("{\n  var x = x\n}\n", "SOX3001@2:11");

    [TestMethod]
    public void LocalVarReadInItsOwnInitializerFromALambdaIsAnError() =>
        CheckDiagnostics("fn f() {\n  var g = fn() { return g }\n}\n", "SOX3001@2:25");

    [TestMethod]
    public void RedeclaringInTheSameLocalScopeIsAnError() =>
        CheckDiagnostics("{\n  var a = 1\n  var a = 2\n}\n", "SOX3002@3:7");

    [TestMethod]
    public void DuplicateParameterIsAnError() => CheckDiagnostics("fn f(a, a) {}\n", "SOX3002@1:9");

    [TestMethod]
    public void BodyVariableCannotRedeclareAParameter() => CheckDiagnostics("fn f(a) { var a = 1 }\n", "SOX3002@1:15");

    [TestMethod]
    public void InnerBlocksShadowOuterLocals()
    {
        var unit = CheckClean("{\n  var a = 1\n  {\n    var a = 2\n    print a\n  }\n  print a\n}\n");
        var decls = All<VarStmt>(unit);
        var uses = Uses(unit, "a");
        Assert.AreSame(decls[1].Symbol(), uses[0].Symbol());
        Assert.AreSame(decls[0].Symbol(), uses[1].Symbol());
        Assert.AreNotSame(decls[0].Symbol(), decls[1].Symbol());
    }

    [TestMethod]
    public void TopLevelBlocksDeclareLocalsOfTheScript()
    {
        var unit = CheckClean("{\n  var a = 1\n  print a\n}\n");
        var symbol = VarDecl(unit, "a").Symbol()!;
        Assert.AreEqual(SymbolKind.Local, symbol.Kind);
        Assert.AreSame(unit.ScriptInfo(), symbol.DeclaringFunction);
        CollectionAssert.AreEqual(new[] { symbol }, unit.ScriptInfo()!.Locals);
        Assert.AreEqual("script", unit.ScriptInfo()!.DisplayName);
        Assert.AreEqual(FunctionKind.Script, unit.ScriptInfo()!.Kind);
    }

    [TestMethod]
    public void LocalsCollectEveryBlockOfTheBody()
    {
        var unit = CheckClean("fn f(p) {\n  var a = 1\n  { var b = 2 }\n  for var i = 0; i < 1; i = i + 1 { var c }\n  print p\n}\n");
        var info = InfoOf(unit, "f");
        CollectionAssert.AreEqual(new[] { "a", "b", "i", "c" }, info.Locals.Select(l => l.Name).ToArray());
        CollectionAssert.AreEqual(new[] { "p" }, info.Parameters.Select(l => l.Name).ToArray());
        Assert.AreEqual(SymbolKind.Parameter, info.Parameters[0].Kind);
        Assert.AreSame(info.Parameters[0], Use(unit, "p").Symbol());
    }

    [TestMethod]
    public void UndefinedNameWarnsOncePerNameAndSharesOneSymbol()
    {
        var (unit, result) = Check("print foo\nfn f() { return foo }\nprint bar\n");
        AssertDiagnostics(result, "SOX3014@1:7", "SOX3014@3:7");
        Assert.IsTrue(result.Success, "SOX3014 is a warning (§10: globals are late-bound)");
        var uses = Uses(unit, "foo");
        Assert.AreSame(uses[0].Symbol(), uses[1].Symbol());
        Assert.AreEqual(SymbolKind.Global, uses[0].Symbol()!.Kind);
        Assert.IsFalse(uses[0].Symbol()!.IsDefined);
    }

    [TestMethod]
    public void NameDeclaredOnlyInABlockIsNotAGlobal()
    {
        var (unit, result) = Check("{ var hidden = 1 }\nfn f() { return hidden }\n");
        AssertDiagnostics(result, "SOX3014@2:17");
        Assert.IsFalse(Use(unit, "hidden").Symbol()!.IsDefined);
    }

    [TestMethod]
    public void BuiltinsBindWhenNoGlobalShadowsThem()
    {
        var unit = CheckClean("print clock()\nprint len(\"ab\")\nprint clock()\n");
        var clocks = Uses(unit, "clock");
        Assert.AreEqual(SymbolKind.Builtin, clocks[0].Symbol()!.Kind);
        Assert.AreSame(clocks[0].Symbol(), clocks[1].Symbol());
        Assert.AreEqual(SymbolKind.Builtin, Use(unit, "len").Symbol()!.Kind);
    }

    [TestMethod]
    public void AGlobalDeclaredAnywhereShadowsTheBuiltin()
    {
        var unit = CheckClean("fn f() { return len(1) }\nfn len(x) { return 42 }\n");
        var use = Use(unit, "len");
        Assert.AreEqual(SymbolKind.Global, use.Symbol()!.Kind);
        Assert.AreSame(All<FunctionStmt>(unit)[1].Symbol(), use.Symbol());
    }

    [TestMethod]
    public void ALocalShadowsTheBuiltin()
    {
        var unit = CheckClean("fn f(clock) { return clock }\n");
        Assert.AreEqual(SymbolKind.Parameter, Use(unit, "clock").Symbol()!.Kind);
    }

    [TestMethod]
    public void AssigningToABuiltinIsAnError() => CheckDiagnostics("clock = 1\n", "SOX3016@1:1");

    [TestMethod]
    public void AssignmentBindsLikeAReadAndToUndefinedGlobalsWarns()
    {
        var (unit, result) = Check("var a\nfn f() { var b\n  b = 1\n  a = 2\n  c = 3\n}\n");
        AssertDiagnostics(result, "SOX3014@5:3");
        var assigns = All<AssignExpr>(unit);
        Assert.AreSame(VarDecl(unit, "b").Symbol(), assigns[0].Symbol());
        Assert.AreSame(VarDecl(unit, "a").Symbol(), assigns[1].Symbol());
        Assert.IsFalse(assigns[2].Symbol()!.IsDefined);
    }

    [TestMethod]
    public void LocalFunctionIsDeclaredBeforeItsBodyForRecursion()
    {
        var unit = CheckClean("fn outer() {\n  fn inner(n) { return inner(n - 1) }\n  return inner\n}\n");
        var declared = All<FunctionStmt>(unit).Single(f => f.Function.Name!.Text == "inner").Symbol()!;
        Assert.AreEqual(SymbolKind.Local, declared.Kind);
        Assert.IsTrue(Uses(unit, "inner").All(u => ReferenceEquals(u.Symbol(), declared)));
        Assert.IsTrue(declared.IsCaptured, "the recursive reference is an upvalue of inner, as in clox");
        CollectionAssert.AreEqual(new[] { declared }, InfoOf(unit, "inner").Captures);
    }
}
