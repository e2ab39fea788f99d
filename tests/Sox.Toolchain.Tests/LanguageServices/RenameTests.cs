using Sox.LanguageServices;

namespace Sox.Toolchain.Tests.LanguageServices;

/// <summary><see cref="LanguageService.PrepareRename"/> and <see cref="LanguageService.Rename"/>.</summary>
[TestClass]
public sealed class RenameTests
{
    private static MarkedWorkspace s_workspace = null!;

    [ClassInitialize]
    public static void Setup(TestContext _) => s_workspace = Programs.Create();

    [ClassCleanup]
    public static void Cleanup() => s_workspace.Dispose();

    private static RenameResult Rename(string mark, string newName) =>
        LanguageService.Rename(s_workspace.AllGraphs(), s_workspace.FileOf(mark), s_workspace[mark], newName);

    /// <summary>Applies edits to a file's text (from the end, so earlier ranges stay valid).</summary>
    private static string Apply(string path, IReadOnlyList<TextEdit> edits)
    {
        var lines = File.ReadAllText(path).Split('\n');
        foreach (var edit in edits.OrderByDescending(e => e.Range.Start.Line).ThenByDescending(e => e.Range.Start.Character))
        {
            Assert.AreEqual(edit.Range.Start.Line, edit.Range.End.Line);
            var line = lines[edit.Range.Start.Line];
            lines[edit.Range.Start.Line] = line[..edit.Range.Start.Character] + edit.NewText + line[edit.Range.End.Character..];
        }
        return string.Join('\n', lines);
    }

    [TestMethod]
    public void ALocalIsRenamedInItsFunctionAndClosures()
    {
        var result = Rename("nUpvalue", "count");
        Assert.IsNull(result.Error);
        var main = Apply(s_workspace.PathOf("main.sox"), result.Edits.Single().Value);
        StringAssert.Contains(main, "var count = 0\n  return fn () { count = count + 1 return count }");
    }

    [TestMethod]
    public void AnExportedGlobalIsRenamedInEveryFile()
    {
        var result = Rename("areaExport", "surface");
        Assert.IsNull(result.Error);
        Assert.AreEqual(2, result.Edits.Count);
        StringAssert.Contains(Apply(s_workspace.PathOf("lib/geometry.sox"), result.Edits[s_workspace.PathOf("lib/geometry.sox")]),
            "fn surface(w, h) { return w * h }\nreturn {surface: surface, unit: unit}");
        StringAssert.Contains(Apply(s_workspace.PathOf("main.sox"), result.Edits[s_workspace.PathOf("main.sox")]), "print geo.surface(2, 3)");
    }

    [TestMethod]
    public void RenamingAnUnaliasedImportGivesItAnAlias()
    {
        var result = Rename("utilUse", "u");
        Assert.IsNull(result.Error);
        var main = Apply(s_workspace.PathOf("main.sox"), result.Edits.Single().Value);
        StringAssert.Contains(main, "import u \"lib/util\"");
        StringAssert.Contains(main, "print u.helper()");
    }

    [TestMethod]
    public void AMethodOfOneClassFamilyIsRenamed()
    {
        var result = Rename("areaDecl", "size");
        Assert.IsNull(result.Error);
        var main = Apply(s_workspace.PathOf("main.sox"), result.Edits.Single().Value);
        StringAssert.Contains(main, "str(this.size())");
        StringAssert.Contains(main, "  size() { return 0 }");
        StringAssert.Contains(main, "  size() { return this.side * this.side }");
    }

    [TestMethod]
    [DataRow("addUse", "1st", "not an identifier")]
    [DataRow("addUse", "while", "keyword")]
    [DataRow("addUse", "len", "built-in")]
    [DataRow("addUse", "counter", "already a global")]
    [DataRow("aUse", "b", "already names a variable visible at line 6")]
    [DataRow("lenUse", "length", "built-in function")]
    [DataRow("thisKw", "self", "keyword")]
    [DataRow("geoPath", "g", "import path")]
    public void RefusesWithAReason(string mark, string newName, string reason)
    {
        var result = Rename(mark, newName);
        Assert.IsNotNull(result.Error);
        StringAssert.Contains(result.Error, reason);
        Assert.AreEqual(0, result.Edits.Count);
    }

    [TestMethod]
    public void PrepareRenameGivesTheNameOrTheReason()
    {
        var ok = LanguageService.PrepareRename(s_workspace.AllGraphs(), s_workspace.FileOf("aUse"), s_workspace["aUse"]);
        Assert.IsNull(ok.Error);
        Assert.AreEqual("a", ok.Placeholder);
        Assert.AreEqual(s_workspace.At("aUse", 1).Range, ok.Range);
        var refused = LanguageService.PrepareRename(s_workspace.AllGraphs(), s_workspace.FileOf("lenUse"), s_workspace["lenUse"]);
        Assert.IsNull(refused.Range);
        StringAssert.Contains(refused.Error, "built-in");
    }
}
