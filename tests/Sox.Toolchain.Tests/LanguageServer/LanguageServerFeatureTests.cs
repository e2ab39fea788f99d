using System.Text.Json.Nodes;
using Sox.Compiler.Syntax.Formatting;
using Sox.Compiler.Text;
using Sox.Toolchain.Tests.Cli;

namespace Sox.Toolchain.Tests.LanguageServer;

/// <summary>
/// The syntax-level features on a fixture program, through the real server: the outline, folding ranges, semantic
/// tokens and formatting.
/// </summary>
[TestClass]
public sealed class LanguageServerFeatureTests
{
    private static readonly string s_text = Fixtures.Shapes;

    [TestMethod]
    public void DocumentSymbols_AreTheOutline_ClassesWithTheirMethods()
    {
        using var session = Session.Start();
        var symbols = session.Client.Request("textDocument/documentSymbol", session.Document)["result"]!.AsArray();
        var outline = symbols.Select(s => $"{s!["name"]}:{s["kind"]}").ToList();
        CollectionAssert.AreEqual(new[] { "m:2", "util:2", "count:13", "Shape:5", "Circle:5", "total:12", "circle_area:12" }, outline);

        var shape = symbols.Single(s => (string?)s!["name"] == "Shape")!;
        CollectionAssert.AreEqual(new[] { "init:9", "area:6" }, shape["children"]!.AsArray().Select(c => $"{c!["name"]}:{c["kind"]}").ToList());
        Assert.AreEqual(Fixtures.LineOf(s_text, "class Shape"), (int)shape["range"]!["start"]!["line"]!);
        Assert.AreEqual(Fixtures.LineOf(s_text, "class Circle") - 2, (int)shape["range"]!["end"]!["line"]!, "the class ends at its closing brace");
        var (line, character) = Fixtures.Find(s_text, "class Shape", offset: 6);
        Assert.AreEqual($"{line}:{character}", $"{shape["selectionRange"]!["start"]!["line"]}:{shape["selectionRange"]!["start"]!["character"]}");

        Assert.AreEqual("< Shape", (string?)symbols.Single(s => (string?)s!["name"] == "Circle")!["detail"]);
        Assert.AreEqual("fn(shapes)", (string?)symbols.Single(s => (string?)s!["name"] == "total")!["detail"]);
        Assert.AreEqual("#[test] fn()", (string?)symbols.Single(s => (string?)s!["name"] == "circle_area")!["detail"]);
        Assert.AreEqual(0, session.Client.ShutdownAndExit());
    }

    [TestMethod]
    public void FoldingRanges_CoverBlocksCommentRunsAndImports()
    {
        using var session = Session.Start();
        var ranges = session.Client.Request("textDocument/foldingRange", session.Document)["result"]!.AsArray()
            .Select(r => $"{r!["startLine"]}-{r["endLine"]}:{(string?)r["kind"] ?? "code"}").ToList();
        int L(string snippet, int occurrence = 1) => Fixtures.LineOf(s_text, snippet, occurrence);
        CollectionAssert.IsSubsetOf(new[]
        {
            "0-1:comment",
            $"{L("import (")}-{L("import util")}:imports",
            $"{L("/* A block")}-{L("comment */")}:comment",
            $"{L("class Shape")}-{L("class Circle") - 3}:code",
            $"{L("init(name)")}-{L("this.name = name")}:code",
            $"{L("foreach var s")}-{L("sum = sum + s")}:code",
        }, ranges, string.Join(", ", ranges));
        Assert.IsFalse(ranges.Any(r => r.StartsWith($"{L("area() { return")}-", StringComparison.Ordinal)), "a one-line block does not fold");
        Assert.AreEqual(0, session.Client.ShutdownAndExit());
    }

    [TestMethod]
    public void SemanticTokens_ClassifyKeywordsNamesLiteralsAndComments()
    {
        using var session = Session.Start();
        var result = session.Client.Request("textDocument/semanticTokens/full", session.Document)["result"]!;
        var legend = session.Legend;
        var tokens = Decode(result["data"]!.AsArray(), legend);
        string At(string snippet, int occurrence = 1, int offset = 0)
        {
            var (line, character) = Fixtures.Find(s_text, snippet, occurrence, offset);
            return tokens.TryGetValue((line, character), out var token) ? token : $"nothing at {line}:{character}";
        }

        Assert.AreEqual("comment", At("// Shapes"));
        Assert.AreEqual("comment", At("   comment */"), "each line of a block comment");
        Assert.AreEqual("keyword", At("import ("));
        Assert.AreEqual("namespace+declaration", At("m \"math\""));
        Assert.AreEqual("string", At("\"math\""));
        Assert.AreEqual("class+declaration", At("class Shape", 1, 6));
        Assert.AreEqual("class", At("< Shape", 1, 2), "the superclass");
        Assert.AreEqual("method+declaration", At("init(name)"));
        Assert.AreEqual("parameter+declaration", At("name)", 1));
        Assert.AreEqual("property", At("name = name", 1));
        Assert.AreEqual("parameter", At("name = name", 1, 7));
        Assert.AreEqual("method", At("init(\"circle\")"));
        Assert.AreEqual("number", At("3.14"));
        Assert.AreEqual("operator", At("* this.r"));
        Assert.AreEqual("function+declaration", At("total"));
        Assert.AreEqual("parameter", At("shapes {"));
        Assert.AreEqual("method", At("area()", 3), "a.m() is a method call");
        Assert.AreEqual("variable+declaration", At("sum = 0"));
        Assert.AreEqual("decorator", At("#[test]"));
        Assert.AreEqual("class", At("Circle(1)"));
        Assert.AreEqual("function+defaultLibrary", At("len("));
        Assert.AreEqual("variable", At("count + m"));
        Assert.AreEqual("namespace", At("m.pi"));
        Assert.AreEqual("property", At(".pi", 1, 1));
        Assert.AreEqual(0, session.Client.ShutdownAndExit());
    }

    [TestMethod]
    public void Formatting_GivesEditsThatMakeTheDocumentWhatSoxFmtWrites()
    {
        using var session = Session.Start();
        const string messy = "fn add(a,b){\n    return a+b;\n}\nvar t={a:1,b:[1,2]};   \n\n\nprint add( 1 ,2 )\n\n\n";
        session.Client.Open("messy.sox", messy);
        var edits = session.Client.Request("textDocument/formatting", new { textDocument = new { uri = session.Client.Uri("messy.sox") }, options = new { tabSize = 4, insertSpaces = true } })["result"]!.AsArray();
        var expected = SourceFormatter.Format(new SourceText("messy.sox", messy)).Text;
        Assert.AreEqual(expected, Fixtures.Apply(messy, edits));
        Assert.IsTrue(edits.Count < 6, "edits per changed line run, not one per character");
        Assert.IsFalse(edits.Any(e => (string?)e!["newText"] == expected), "not a whole-document replacement");

        session.Client.Open("broken.sox", "fn f( {\n");
        var none = session.Client.Request("textDocument/formatting", new { textDocument = new { uri = session.Client.Uri("broken.sox") }, options = new { tabSize = 2, insertSpaces = true } });
        Assert.AreEqual(0, none["result"]!.AsArray().Count, "a file with syntax errors is left alone");
        Assert.AreEqual(0, session.Client.ShutdownAndExit());
    }

    /// <summary>"type+modifier+…" by (line, character) from LSP's relative encoding.</summary>
    internal static Dictionary<(int, int), string> Decode(JsonArray data, IReadOnlyList<string> legend)
    {
        string[] modifiers = ["declaration", "defaultLibrary"];
        var tokens = new Dictionary<(int, int), string>();
        int line = 0, character = 0;
        for (var i = 0; i + 4 < data.Count; i += 5)
        {
            var deltaLine = (int)data[i]!;
            line += deltaLine;
            character = deltaLine == 0 ? character + (int)data[i + 1]! : (int)data[i + 1]!;
            var bits = (int)data[i + 4]!;
            tokens[(line, character)] = string.Join("+", new[] { legend[(int)data[i + 3]!] }.Concat(modifiers.Where((_, b) => (bits & (1 << b)) != 0)));
        }
        return tokens;
    }

    /// <summary>A server with the fixture open.</summary>
    private sealed class Session : IDisposable
    {
        private readonly TempProject _workspace = new();

        private Session()
        {
            Fixtures.WriteShapes(_workspace);
            Client = LspClient.Start();
            var capabilities = Client.Initialize(_workspace.Root)["capabilities"]!;
            Legend = capabilities["semanticTokensProvider"]!["legend"]!["tokenTypes"]!.AsArray().Select(t => (string)t!).ToList();
            Client.Open("shapes.sox", s_text);
        }

        public LspClient Client { get; }

        public IReadOnlyList<string> Legend { get; }

        public object Document => new { textDocument = new { uri = Client.Uri("shapes.sox") } };

        public static Session Start() => new();

        public void Dispose()
        {
            Client.Dispose();
            _workspace.Dispose();
        }
    }
}
