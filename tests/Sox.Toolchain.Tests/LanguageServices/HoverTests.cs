using Sox.LanguageServices;

namespace Sox.Toolchain.Tests.LanguageServices;

/// <summary><see cref="LanguageService.Hover"/>: what a name is, where it is declared, signatures and descriptions.</summary>
[TestClass]
public sealed class HoverTests
{
    private static MarkedWorkspace s_workspace = null!;

    [ClassInitialize]
    public static void Setup(TestContext _) => s_workspace = Programs.Create();

    [ClassCleanup]
    public static void Cleanup() => s_workspace.Dispose();

    [TestMethod]
    [DataRow("addUse", new[] { "fn add(a, b)", "function (global)", "line 5 of `main.sox`", "Adds two numbers." }, DisplayName = "global function with its comment")]
    [DataRow("aUse", new[] { "parameter of `add`", "line 5" }, DisplayName = "parameter")]
    [DataRow("nUpvalue", new[] { "upvalue", "`makeCounter`", "line 18" }, DisplayName = "upvalue")]
    [DataRow("lenUse", new[] { "len(x)", "built-in function", "length of a string" }, DisplayName = "built-in")]
    [DataRow("putsCall", new[] { "extern fn puts(s: cstring): int32", "C function", "Writes a line to standard output." }, DisplayName = "extern fn")]
    [DataRow("squareUse", new[] { "class Square < Shape", "create with `Square(side)`" }, DisplayName = "class")]
    [DataRow("areaCall", new[] { "Shape.area()", "method of class `Shape`" }, DisplayName = "method")]
    [DataRow("nameUse", new[] { "field of class `Shape`", "line 9" }, DisplayName = "field")]
    [DataRow("geoUse", new[] { "module `lib/geometry.sox`", "`area`, `unit`" }, DisplayName = "module alias")]
    [DataRow("areaExport", new[] { "fn area(w, h)", "member `area` of module `lib/geometry.sox`", "The area of a w by h rectangle." }, DisplayName = "module member")]
    [DataRow("counterUse", new[] { "global variable", "line 3" }, DisplayName = "global variable")]
    [DataRow("thisKw", new[] { "instance of class `Shape`" }, DisplayName = "this")]
    public void DescribesTheName(string mark, string[] expected)
    {
        var hover = LanguageService.Hover(s_workspace.GraphOf(mark), s_workspace.FileOf(mark), s_workspace[mark]);
        Assert.IsNotNull(hover, mark);
        foreach (var text in expected) StringAssert.Contains(hover.Markdown, text, $"hover at {mark}:\n{hover.Markdown}");
        Assert.AreEqual(s_workspace[mark], hover.Range.Start, "the range is the hovered name");
    }

    [TestMethod]
    public void NothingBetweenNames()
    {
        var graph = s_workspace.Graph("main.sox");
        Assert.IsNull(LanguageService.Hover(graph, s_workspace.PathOf("main.sox"), new LinePosition(3, 3)), "in a comment");
        Assert.IsNull(LanguageService.Hover(graph, s_workspace.PathOf("main.sox"), new LinePosition(500, 0)), "past the end");
        Assert.IsNull(LanguageService.Hover(graph, s_workspace.PathOf("elsewhere.sox"), new LinePosition(0, 0)), "another file");
    }
}
