using Sox.Compiler.Driver;
using Sox.Compiler.Semantics;
using Sox.Compiler.Syntax.Ast;
using static Sox.Toolchain.Tests.Semantics.SemanticsTestHelpers;

namespace Sox.Toolchain.Tests.Semantics;

/// <summary>Loading a program's modules (§6) through <see cref="FrontEnd.Check"/>.</summary>
[TestClass]
public sealed class ModuleLoaderTests
{
    private static FrontEndResult CheckTree(TempSourceTree tree, string entry)
    {
        var result = FrontEnd.Check(tree.PathOf(entry));
        AssertNoInternalError(result);
        if (result.Graph is { } graph) Register(graph);
        return result;
    }

    private static string[] Order(FrontEndResult result) => result.Graph!.Modules.Select(m => m.DisplayPath).ToArray();

    [TestMethod]
    public void ImportsResolveRelativeToTheImportingFileWithOrWithoutExtension()
    {
        using var tree = new TempSourceTree();
        tree.Write("main.sox", "import \"lib/a\"\nimport b \"lib/b.sox\"\nprint a + b\n");
        tree.Write("lib/a.sox", "import \"c\"\nreturn c\n");
        tree.Write("lib/b.sox", "return 2\n");
        tree.Write("lib/c.sox", "return 1\n");
        var result = CheckTree(tree, "main.sox");
        AssertDiagnostics(result);
        Assert.IsTrue(result.Success);
        CollectionAssert.AreEqual(new[] { "lib/c.sox", "lib/a.sox", "lib/b.sox", "main.sox" }, Order(result));

        var main = result.Graph!.Entry;
        Assert.AreSame(result.Graph.Modules[^1], main);
        var specs = All<ImportSpec>(main.Unit);
        Assert.AreEqual(Path.GetFullPath(tree.PathOf("lib/a.sox")), specs[0].ResolvedPath());
        Assert.AreEqual(Path.GetFullPath(tree.PathOf("lib/b.sox")), specs[1].ResolvedPath());
        Assert.AreEqual("a", specs[0].Symbol()!.Name);
        Assert.AreEqual("b", specs[1].Symbol()!.Name);
        Assert.AreSame(specs[0].Symbol(), Use(main.Unit, "a").Symbol());
        CollectionAssert.AreEqual(new[] { "lib/a.sox", "lib/b.sox" }, main.Imports.Select(m => m.DisplayPath).ToArray());
    }

    [TestMethod]
    public void AModuleImportedTwiceIsLoadedOnceAndShared()
    {
        using var tree = new TempSourceTree();
        tree.Write("main.sox", "import (\n  \"a\"\n  \"b\"\n)\nimport again \"shared.sox\"\n");
        tree.Write("a.sox", "import \"shared\"\n");
        tree.Write("b.sox", "import \"./shared\"\nimport \"shared\"\n");
        tree.Write("shared.sox", "return 1\n");
        var result = CheckTree(tree, "main.sox");
        AssertDiagnostics(result);
        CollectionAssert.AreEqual(new[] { "shared.sox", "a.sox", "b.sox", "main.sox" }, Order(result));
        var modules = result.Graph!.Modules;
        var shared = modules[0];
        Assert.AreSame(shared, modules[1].Imports.Single());
        Assert.AreSame(shared, modules[2].Imports.Single(), "two imports of one file are one edge");
        CollectionAssert.AreEqual(new[] { modules[1], modules[2], shared }, modules[3].Imports.ToArray());
    }

    [TestMethod]
    public void ImportsInsideFunctionsAreLoadedToo()
    {
        using var tree = new TempSourceTree();
        tree.Write("main.sox", "fn f() {\n  import \"inner\"\n  return inner\n}\n");
        tree.Write("inner.sox", "return 1\n");
        var result = CheckTree(tree, "main.sox");
        AssertDiagnostics(result);
        CollectionAssert.AreEqual(new[] { "inner.sox", "main.sox" }, Order(result));
        var spec = All<ImportSpec>(result.Graph!.Entry.Unit).Single();
        Assert.AreEqual(SymbolKind.Local, spec.Symbol()!.Kind);
        Assert.AreSame(spec.Symbol(), Use(result.Graph.Entry.Unit, "inner").Symbol());
    }

    [TestMethod]
    public void MissingModuleNamesTheWholeChain()
    {
        using var tree = new TempSourceTree();
        tree.Write("main.sox", "import \"lib/a\"\n");
        tree.Write("lib/a.sox", "var x = 1\nimport   \"missing\"\n");
        var result = CheckTree(tree, "main.sox");
        AssertDiagnostics(result, "SOX3101@2:10");
        var error = result.Diagnostics.Single();
        StringAssert.Contains(error.Message, "main.sox -> lib/a.sox -> lib/missing.sox");
        Assert.AreEqual(Path.GetFullPath(tree.PathOf("lib/a.sox")), Path.GetFullPath(error.Location.Path));
        Assert.IsFalse(result.Success);
        CollectionAssert.AreEqual(new[] { "lib/a.sox", "main.sox" }, Order(result));
    }

    [TestMethod]
    public void ThreeFileCycleNamesTheCycleAtTheImportThatClosesIt()
    {
        using var tree = new TempSourceTree();
        tree.Write("a.sox", "import \"b\"\n");
        tree.Write("b.sox", "import \"c.sox\"\n");
        tree.Write("c.sox", "print 1\nimport \"a\"\n");
        var result = CheckTree(tree, "a.sox");
        AssertDiagnostics(result, "SOX3102@2:8");
        var error = result.Diagnostics.Single();
        StringAssert.Contains(error.Message, "a.sox -> b.sox -> c.sox -> a.sox");
        Assert.AreEqual(Path.GetFullPath(tree.PathOf("c.sox")), Path.GetFullPath(error.Location.Path));
        CollectionAssert.AreEqual(new[] { "c.sox", "b.sox", "a.sox" }, Order(result));
    }

    [TestMethod]
    public void SelfImportIsACycle()
    {
        using var tree = new TempSourceTree();
        tree.Write("main.sox", "import \"main\"\n");
        var result = CheckTree(tree, "main.sox");
        AssertDiagnostics(result, "SOX3102@1:8");
        StringAssert.Contains(result.Diagnostics[0].Message, "main.sox -> main.sox");
    }

    [TestMethod]
    public void EachModuleHasItsOwnGlobals()
    {
        using var tree = new TempSourceTree();
        tree.Write("main.sox", "import \"lib\"\nvar x = 1\nprint y\n");
        tree.Write("lib.sox", "var y = 2\nprint x\nreturn y\n");
        var result = CheckTree(tree, "main.sox");
        AssertDiagnostics(result, "SOX3014@2:7", "SOX3014@3:7");
        var lib = result.Graph!.Modules[0];
        var main = result.Graph.Modules[1];
        Assert.AreNotSame(VarDecl(main.Unit, "x").Symbol(), Use(lib.Unit, "x").Symbol());
        CollectionAssert.AreEqual(new[] { "y", "x" }, lib.Globals.Select(g => g.Name).ToArray());
        CollectionAssert.AreEqual(new[] { "lib", "x", "y" }, main.Globals.Select(g => g.Name).ToArray());
    }

    [TestMethod]
    public void DiagnosticsComeInDependencyOrderThenByPosition()
    {
        using var tree = new TempSourceTree();
        tree.Write("main.sox", "break\nimport \"lib\"\n");
        tree.Write("lib.sox", "{\n  var a = 1\n  var a = a\n}\ncontinue\n");
        var result = CheckTree(tree, "main.sox");
        AssertDiagnostics(result, "SOX3002@3:7", "SOX3001@3:11", "SOX3009@5:1", "SOX3008@1:1");
        StringAssert.EndsWith(result.Diagnostics[0].Location.Path, "lib.sox");
        StringAssert.EndsWith(result.Diagnostics[3].Location.Path, "main.sox");
    }

    [TestMethod]
    public void ImportWhosePathDoesNotEndInAnIdentifierNeedsAnAlias()
    {
        using var tree = new TempSourceTree();
        tree.Write("main.sox", "import \"my-lib\"\nimport ok \"my-lib\"\nimport \"lib/print\"\n");
        tree.Write("my-lib.sox", "return 1\n");
        tree.Write("lib/print.sox", "return 2\n");
        var result = CheckTree(tree, "main.sox");
        AssertDiagnostics(result, "SOX3104@1:8", "SOX3104@3:8");
        Assert.AreEqual("ok", All<ImportSpec>(result.Graph!.Entry.Unit)[1].Symbol()!.Name);
    }

    [TestMethod]
    public void MangledNamesAreUniqueCIdentifiers()
    {
        using var tree = new TempSourceTree();
        tree.Write("main.sox", "import (\n  \"lib/math\"\n  x \"lib_math\"\n  y \"9lives\"\n  z \"my-mod\"\n)\n");
        tree.Write("lib/math.sox", "");
        tree.Write("lib_math.sox", "");
        tree.Write("9lives.sox", "");
        tree.Write("my-mod.sox", "");
        var result = CheckTree(tree, "main.sox");
        AssertDiagnostics(result);
        var names = result.Graph!.Modules.Select(m => m.MangledName).ToArray();
        CollectionAssert.AreEqual(new[] { "lib_math", "lib_math_2", "m9lives", "my_mod", "main" }, names);
        foreach (var name in names) StringAssert.Matches(name, new System.Text.RegularExpressions.Regex("^[A-Za-z_][A-Za-z0-9_]*$"));
    }

    [TestMethod]
    public void MissingEntryFileIsReported()
    {
        using var tree = new TempSourceTree();
        var result = FrontEnd.Check(tree.PathOf("nope.sox"));
        AssertDiagnostics(result, "SOX5001@0:0");
        Assert.IsNull(result.Graph);
        Assert.IsFalse(result.Success);
    }

    [TestMethod]
    public void CheckSourceReadsImportsRelativeToTheGivenPath()
    {
        using var tree = new TempSourceTree();
        tree.Write("lib/util.sox", "return 3\n");
        var result = FrontEnd.CheckSource(tree.PathOf("main.sox"), "import \"lib/util\"\nprint util\n");
        AssertNoInternalError(result);
        AssertDiagnostics(result);
        CollectionAssert.AreEqual(new[] { "lib/util.sox", "main.sox" }, Order(result));
    }
}
