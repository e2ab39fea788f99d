using Sox.Compiler.Semantics;
using Sox.Compiler.Syntax.Ast;
using static Sox.Toolchain.Tests.Semantics.SemanticsTestHelpers;

namespace Sox.Toolchain.Tests.Semantics;

/// <summary><c>#[test]</c> functions (§7) and <c>extern</c>/<c>export</c> declarations (§9).</summary>
[TestClass]
public sealed class ResolverNativeTests
{
    [TestMethod]
    public void TestFunctionMustTakeExactlyOneParameter() =>
        CheckDiagnostics("#[test]\nfn ok(t) {}\n#[test]\nfn none() {}\n#[test]\nfn two(t, u) {}\n", "SOX3010@4:4", "SOX3010@6:4");

    [TestMethod]
    public void ExternDeclaresAGlobalAtTopLevel()
    {
        var unit = CheckClean("extern fn puts(s: cstring): int\nextern fn printf(fmt: cstring, ...): int\nfn f() { puts(\"hi\") }\n");
        var puts = All<ExternFnStmt>(unit)[0].Symbol()!;
        Assert.AreEqual(SymbolKind.Global, puts.Kind);
        Assert.AreSame(puts, Use(unit, "puts").Symbol());
    }

    [TestMethod]
    public void UnknownCTypesAreErrors() =>
        CheckDiagnostics("extern fn f(x: long, y: double): string\n", "SOX3011@1:16", "SOX3011@1:34");

    [TestMethod]
    public void VoidOnlyAsAReturnType() =>
        CheckDiagnostics("extern fn f(x: void): void\nexport fn g(y: void): void {}\n", "SOX3012@1:16", "SOX3012@2:16");

    [TestMethod]
    public void ExternAndExportOnlyAtTopLevel() =>
        CheckDiagnostics("""
            fn f() {
              extern fn puts(s: cstring): int
            }
            {
              export fn area(w: double, h: double): double { return w * h }
            }
            """, "SOX3013@2:3", "SOX3013@5:3");

    [TestMethod]
    public void ExportBodyIsAFunctionWithItsParameters()
    {
        var unit = CheckClean("export fn area(w: double, h: double): double { return w * h }\nprint area(2, 3)\n");
        var export = All<ExportFnStmt>(unit).Single();
        var info = export.Function.Info()!;
        Assert.AreEqual(FunctionKind.Export, info.Kind);
        Assert.AreEqual("area", info.DisplayName);
        CollectionAssert.AreEqual(new[] { "w", "h" }, info.Parameters.Select(p => p.Name).ToArray());
        Assert.AreSame(info.Parameters[0], Use(unit, "w").Symbol());
        Assert.AreEqual(SymbolKind.Global, export.Symbol()!.Kind);
        Assert.AreSame(export.Symbol(), Use(unit, "area").Symbol());
    }
}
