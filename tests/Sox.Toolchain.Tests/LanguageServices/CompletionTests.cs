using Sox.LanguageServices;

namespace Sox.Toolchain.Tests.LanguageServices;

/// <summary><see cref="LanguageService.Completion"/>, mostly on half-typed code as an editor sends it.</summary>
[TestClass]
public sealed class CompletionTests
{
    private static string[] Labels(MarkedWorkspace workspace, string file, string mark) =>
        LanguageService.Completion(workspace.Graph(file), workspace.PathOf(file), workspace[mark]).Select(i => i.Label).ToArray();

    [TestMethod]
    public void ThisDotAtTheEndOfALineProposesTheClassMembersWithInheritedOnes()
    {
        using var workspace = new MarkedWorkspace(("m.sox", """
            class Base {
              init(x) { this.x = x }
              baseMethod() { return 1 }
            }
            class Child < Base {
              own() {
                this./*@cursor*/
              }
              other() { this.y = 2 }
            }
            """));
        var labels = Labels(workspace, "m.sox", "cursor");
        foreach (var expected in new[] { "own", "other", "y", "baseMethod", "init", "x" }) CollectionAssert.Contains(labels, expected);
        CollectionAssert.DoesNotContain(labels, "while", "no keywords after a dot");
    }

    [TestMethod]
    public void AliasDotProposesTheModulesReturnedTable()
    {
        using var workspace = new MarkedWorkspace(
            ("main.sox", "import math \"lib/mathx\"\nprint math./*@cursor*/\n"),
            ("lib/mathx.sox", "fn square(x) { return x * x }\nvar pi = 3.14\nreturn {square: square, pi: pi, cube: fn (x) { return x * x * x }}\n"));
        var items = LanguageService.Completion(workspace.Graph("main.sox"), workspace.PathOf("main.sox"), workspace["cursor"]);
        CollectionAssert.AreEquivalent(new[] { "square", "pi", "cube" }, items.Select(i => i.Label).ToArray());
        Assert.AreEqual("fn square(x)", items.Single(i => i.Label == "square").Detail);
        Assert.AreEqual(SoxSymbolKind.Function, items.Single(i => i.Label == "cube").Kind);
    }

    [TestMethod]
    public void AModuleTableBuiltByAssignmentsCompletesAndNavigates()
    {
        using var workspace = new MarkedWorkspace(
            ("main.sox", "import \"lib/m\"\nm./*@cursor*/\nprint m./*@use*/twice(2)\n"),
            ("lib/m.sox", "var M = Table()\nfn /*@decl*/twice(x) { return 2 * x }\nM.twice = twice\nM.name = \"m\"\nreturn M\n"));
        CollectionAssert.AreEquivalent(new[] { "twice", "name" }, Labels(workspace, "main.sox", "cursor"));
        var found = LanguageService.Definition(workspace.Graph("main.sox"), workspace.PathOf("main.sox"), workspace["use"]);
        CollectionAssert.AreEqual(new[] { workspace.At("decl", 5) }, found.ToArray());
    }

    [TestMethod]
    public void NamesInScopeKeywordsBuiltinsAndSnippets()
    {
        using var workspace = new MarkedWorkspace(("m.sox", """
            var top = 1
            fn outer(param) {
              var inner = 2
              { var blockOnly = 3 }
              /*@cursor*/
            }
            fn later() { var hidden = 1 }
            """));
        var items = LanguageService.Completion(workspace.Graph("m.sox"), workspace.PathOf("m.sox"), workspace["cursor"]);
        var labels = items.Select(i => i.Label).ToArray();
        foreach (var expected in new[] { "top", "outer", "param", "inner", "later", "len", "mathSqrt", "while", "foreach", "#[test]" })
        {
            CollectionAssert.Contains(labels, expected);
        }
        CollectionAssert.DoesNotContain(labels, "blockOnly", "a closed block's local");
        CollectionAssert.DoesNotContain(labels, "hidden", "another function's local");
        var snippet = items.Single(i => i.Label == "#[test]");
        Assert.IsTrue(snippet.IsSnippet);
        StringAssert.Contains(snippet.InsertText, "fn ${1:TestName}(t)");
        Assert.AreEqual(SoxSymbolKind.Parameter, items.Single(i => i.Label == "param").Kind);
    }

    [TestMethod]
    public void NothingInCommentsStringsOrNewNames()
    {
        using var workspace = new MarkedWorkspace(("m.sox", "// a comment /*@comment*/\nvar s = \"str/*@string*/ing\"\nvar /*@newName*/\n"));
        Assert.AreEqual(0, Labels(workspace, "m.sox", "comment").Length);
        Assert.AreEqual(0, Labels(workspace, "m.sox", "string").Length);
        Assert.AreEqual(0, Labels(workspace, "m.sox", "newName").Length);
    }

    [TestMethod]
    public void DeclarationsThePaserDroppedStillComplete()
    {
        using var workspace = new MarkedWorkspace(("m.sox", "fn f() {\n  var ok = 1\n  var = broken(\n  /*@cursor*/\n"));
        CollectionAssert.Contains(Labels(workspace, "m.sox", "cursor"), "f");
    }
}
