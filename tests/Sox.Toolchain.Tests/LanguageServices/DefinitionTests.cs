using Sox.LanguageServices;

namespace Sox.Toolchain.Tests.LanguageServices;

/// <summary><see cref="LanguageService.Definition"/> on the marked fixture (<see cref="Programs"/>).</summary>
[TestClass]
public sealed class DefinitionTests
{
    private static MarkedWorkspace s_workspace = null!;

    [ClassInitialize]
    public static void Setup(TestContext _) => s_workspace = Programs.Create();

    [ClassCleanup]
    public static void Cleanup() => s_workspace.Dispose();

    private static void AssertDefinition(string from, string to, int length)
    {
        var found = LanguageService.Definition(s_workspace.GraphOf(from), s_workspace.FileOf(from), s_workspace[from]);
        CollectionAssert.AreEqual(new[] { s_workspace.At(to, length) }, found.ToArray(), $"definition at {from}: {string.Join(", ", found)}");
    }

    [TestMethod]
    [DataRow("aUse", "aDecl", 1, DisplayName = "parameter")]
    [DataRow("nUpvalue", "nDecl", 1, DisplayName = "upvalue")]
    [DataRow("addUse", "addDecl", 3, DisplayName = "global function")]
    [DataRow("counterUse", "counterDecl", 7, DisplayName = "assigned global")]
    [DataRow("squareUse", "squareDecl", 6, DisplayName = "class")]
    [DataRow("superRef", "shapeDecl", 5, DisplayName = "superclass name")]
    [DataRow("superKw", "shapeDecl", 5, DisplayName = "super keyword")]
    [DataRow("thisKw", "shapeDecl", 5, DisplayName = "this")]
    [DataRow("nameUse", "nameField", 4, DisplayName = "field by its first assignment")]
    [DataRow("areaCall", "areaDecl", 4, DisplayName = "method of this")]
    [DataRow("sideUse", "sideField", 4, DisplayName = "field of a subclass")]
    [DataRow("sqDescribe", "describeDecl", 8, DisplayName = "inherited method of an instance")]
    [DataRow("superInit", "shapeInit", 4, DisplayName = "super.init")]
    [DataRow("geoUse", "geoAlias", 3, DisplayName = "module alias")]
    [DataRow("areaExport", "geoAreaDecl", 4, DisplayName = "module member across files")]
    [DataRow("helperUse", "helperDecl", 6, DisplayName = "module member of an unaliased import")]
    [DataRow("putsCall", "putsDecl", 4, DisplayName = "extern fn")]
    [DataRow("areaValue", "geoAreaDecl", 4, DisplayName = "exported global")]
    public void GoesToTheDeclaration(string from, string to, int length) => AssertDefinition(from, to, length);

    [TestMethod]
    public void AnImportPathGoesToTheFile()
    {
        var found = LanguageService.Definition(s_workspace.GraphOf("utilPath"), s_workspace.FileOf("utilPath"), s_workspace["utilPath"]);
        CollectionAssert.AreEqual(new[] { new Location(s_workspace.PathOf("lib/util.sox"), default) }, found.ToArray());
    }

    [TestMethod]
    public void AnUnaliasedImportNameGoesToItsImport()
    {
        var found = LanguageService.Definition(s_workspace.GraphOf("utilUse"), s_workspace.FileOf("utilUse"), s_workspace["utilUse"]);
        CollectionAssert.AreEqual(new[] { s_workspace.At("utilPath", "\"lib/util\"".Length) }, found.ToArray());
    }

    [TestMethod]
    public void ABuiltinHasNoDeclaration()
    {
        Assert.AreEqual(0, LanguageService.Definition(s_workspace.GraphOf("lenUse"), s_workspace.FileOf("lenUse"), s_workspace["lenUse"]).Count);
    }

    [TestMethod]
    public void AMethodOfAnUnknownReceiverGoesToEveryClassDeclaringIt()
    {
        using var workspace = new MarkedWorkspace(("m.sox", """
            class A { /*@a*/run() { return 1 } }
            class B { /*@b*/run() { return 2 } }
            fn go(x) { return x./*@use*/run() }
            """));
        var found = LanguageService.Definition(workspace.Graph("m.sox"), workspace.PathOf("m.sox"), workspace["use"]);
        CollectionAssert.AreEquivalent(new[] { workspace.At("a", 3), workspace.At("b", 3) }, found.ToArray());
    }

    [TestMethod]
    public void HalfTypedCodeStillNavigatesWhatParsed()
    {
        using var workspace = new MarkedWorkspace(("m.sox", """
            fn /*@decl*/helper(x) { return x }
            fn broken() {
              var y = /*@use*/helper(1) +
            """));
        var found = LanguageService.Definition(workspace.Graph("m.sox"), workspace.PathOf("m.sox"), workspace["use"]);
        CollectionAssert.AreEqual(new[] { workspace.At("decl", 6) }, found.ToArray());
    }
}
