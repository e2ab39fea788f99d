using Sox.LanguageServices;

namespace Sox.Toolchain.Tests.LanguageServices;

/// <summary><see cref="LanguageService.SignatureHelp"/> inside unfinished calls.</summary>
[TestClass]
public sealed class SignatureHelpTests
{
    private static MarkedWorkspace s_workspace = null!;

    [ClassInitialize]
    public static void Setup(TestContext _) => s_workspace = new MarkedWorkspace(
        ("main.sox", """
            import geo "lib/geometry"
            extern fn puts(s: cstring): int32
            fn add(a, b) { return a + b }
            var twice = fn (f, x) { return f(f(x)) }
            class Shape {
              init(name, sides) { this.name = name }
              scale(k) { return this.scale(k, /*@methodArg*/ }
            }
            class Square < Shape {}
            print add(1, /*@second*/
            print add(/*@first*/)
            print Square(/*@inheritedInit*/
            print len(/*@builtin*/
            print stringSubstring("abc", 1, /*@optional*/
            puts(/*@extern*/
            print geo.area(2, [1, 2], /*@member*/
            twice(/*@lambda*/
            print add(1, fn (x) { return x /*@nested*/ })
            print add(1, 2)/*@afterCall*/
            add(0, {k: 1, j: /*@table*/
            """),
        ("lib/geometry.sox", "fn area(w, h, unit) { return w * h }\nreturn {area: area}\n"));

    [ClassCleanup]
    public static void Cleanup() => s_workspace.Dispose();

    [TestMethod]
    [DataRow("second", "fn add(a, b)", 1)]
    [DataRow("first", "fn add(a, b)", 0)]
    [DataRow("inheritedInit", "Square(name, sides)", 0)]
    [DataRow("builtin", "len(x)", 0)]
    [DataRow("optional", "stringSubstring(s, start, [end])", 2)]
    [DataRow("extern", "extern fn puts(s: cstring): int32", 0)]
    [DataRow("member", "fn area(w, h, unit)", 2)]
    [DataRow("lambda", "fn twice(f, x)", 0)]
    [DataRow("methodArg", "Shape.scale(k)", 1)]
    public void ShowsTheCalleeAndTheActiveArgument(string mark, string label, int active)
    {
        var help = LanguageService.SignatureHelp(s_workspace.GraphOf(mark), s_workspace.FileOf(mark), s_workspace[mark]);
        Assert.IsNotNull(help, mark);
        Assert.AreEqual(label, help.Label, mark);
        Assert.AreEqual(active, help.ActiveParameter, mark);
        foreach (var parameter in help.Parameters) StringAssert.Contains(help.Label, parameter);
    }

    [TestMethod]
    public void InsideALambdaArgumentsBodyTheOuterCallIsNotShown() =>
        Assert.IsNull(LanguageService.SignatureHelp(s_workspace.Graph("main.sox"), s_workspace.PathOf("main.sox"), s_workspace["nested"]));

    [TestMethod]
    public void ATableLiteralArgumentStaysInTheCall()
    {
        var help = LanguageService.SignatureHelp(s_workspace.Graph("main.sox"), s_workspace.PathOf("main.sox"), s_workspace["table"]);
        Assert.AreEqual("fn add(a, b)", help?.Label);
        Assert.AreEqual(1, help?.ActiveParameter);
    }

    [TestMethod]
    public void NothingOutsideACall()
    {
        Assert.IsNull(LanguageService.SignatureHelp(s_workspace.Graph("main.sox"), s_workspace.PathOf("main.sox"), new LinePosition(0, 0)));
        Assert.IsNull(LanguageService.SignatureHelp(s_workspace.Graph("main.sox"), s_workspace.PathOf("main.sox"), s_workspace["afterCall"]));
    }
}
