using Sox.LanguageServices;

namespace Sox.Toolchain.Tests.LanguageServices;

/// <summary><see cref="LanguageService.References"/> over every graph of the workspace.</summary>
[TestClass]
public sealed class ReferencesTests
{
    private static MarkedWorkspace s_workspace = null!;

    [ClassInitialize]
    public static void Setup(TestContext _) => s_workspace = Programs.Create();

    [ClassCleanup]
    public static void Cleanup() => s_workspace.Dispose();

    private static Location[] References(string mark, bool includeDeclaration = true) =>
        LanguageService.References(s_workspace.AllGraphs(), s_workspace.FileOf(mark), s_workspace[mark], includeDeclaration).ToArray();

    [TestMethod]
    public void AParameterIsFoundInItsFunctionOnly()
    {
        CollectionAssert.AreEquivalent(new[] { s_workspace.At("aDecl", 1), s_workspace.At("aUse", 1) }, References("aUse"));
        CollectionAssert.AreEquivalent(new[] { s_workspace.At("aUse", 1) }, References("aUse", includeDeclaration: false));
    }

    [TestMethod]
    public void AnExportedGlobalIsFoundInItsModuleAndAsAliasMemberInImporters()
    {
        var expected = new[]
        {
            s_workspace.At("geoAreaDecl", 4), s_workspace.At("areaKey", 4), s_workspace.At("areaValue", 4), s_workspace.At("areaExport", 4),
        };
        CollectionAssert.AreEquivalent(expected, References("geoAreaDecl"));
        CollectionAssert.AreEquivalent(expected, References("areaExport"), "the same from the importer's side");
    }

    [TestMethod]
    public void AMethodIsFoundWithinItsClassFamily()
    {
        var expected = new[] { s_workspace.At("areaDecl", 4), s_workspace.At("areaOverride", 4), s_workspace.At("areaCall", 4) };
        CollectionAssert.AreEquivalent(expected, References("areaCall"));
    }

    [TestMethod]
    public void AModuleFileIsFoundByItsImportPaths()
    {
        var found = References("geoPath");
        CollectionAssert.AreEquivalent(new[] { s_workspace.At("geoPath", "\"lib/geometry\"".Length) }, found);
    }

    [TestMethod]
    public void AnUpvalueIsOneVariableWithItsDeclaration()
    {
        var found = References("nUpvalue");
        Assert.AreEqual(4, found.Length, string.Join(", ", found.AsEnumerable()));
        Assert.IsTrue(found.Contains(s_workspace.At("nDecl", 1)));
    }

    [TestMethod]
    public void SameNamedMembersOfUnrelatedClassesAreKeptApart()
    {
        using var workspace = new MarkedWorkspace(("m.sox", """
            class A { /*@a*/run() { return this./*@aUse*/run() } }
            class B { /*@b*/run() { return 2 } }
            print B()./*@bUse*/run()
            """));
        var found = LanguageService.References([workspace.Graph("m.sox")], workspace.PathOf("m.sox"), workspace["b"], true);
        CollectionAssert.AreEquivalent(new[] { workspace.At("b", 3), workspace.At("bUse", 3) }, found.ToArray());
    }
}
