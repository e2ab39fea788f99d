using Sox.LanguageServices;

namespace Sox.Toolchain.Tests.LanguageServices;

/// <summary><see cref="LanguageService.WorkspaceSymbols"/>.</summary>
[TestClass]
public sealed class WorkspaceSymbolTests
{
    [TestMethod]
    public void FindsDeclarationsOfEveryFileByQuery()
    {
        using var workspace = Programs.Create();
        var found = LanguageService.WorkspaceSymbols(workspace.AllGraphs(), "area");
        Assert.IsTrue(found.Any(s => s is { Name: "area", Kind: SoxSymbolKind.Function } && s.Location.Path == workspace.PathOf("lib/geometry.sox")));
        Assert.IsTrue(found.Any(s => s is { Name: "area", Kind: SoxSymbolKind.Method, Container: "Shape" }));
        Assert.IsTrue(found.Any(s => s is { Name: "area", Kind: SoxSymbolKind.Method, Container: "Square" }));
        Assert.IsFalse(found.Any(s => s.Name == "add"));
        Assert.AreEqual(1, found.Count(s => s.Kind == SoxSymbolKind.Function), "lib/geometry.sox is in two graphs but listed once");

        var all = LanguageService.WorkspaceSymbols(workspace.AllGraphs(), "");
        Assert.IsTrue(all.Any(s => s is { Name: "Shape", Kind: SoxSymbolKind.Class }));
        Assert.IsTrue(all.Any(s => s is { Name: "puts", Kind: SoxSymbolKind.Extern }));
        Assert.IsTrue(all.Any(s => s is { Name: "counter", Kind: SoxSymbolKind.Global }));
        Assert.IsTrue(all.Any(s => s is { Name: "side", Kind: SoxSymbolKind.Field, Container: "Square" }));
        Assert.IsTrue(LanguageService.WorkspaceSymbols(workspace.AllGraphs(), "mkc").Any(s => s.Name == "makeCounter"), "characters in order");
    }
}
