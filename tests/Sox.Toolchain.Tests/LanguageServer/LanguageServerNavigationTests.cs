using Sox.Toolchain.Tests.Cli;
namespace Sox.Toolchain.Tests.LanguageServer;

/// <summary>
/// The semantic queries (Sox.LanguageServices) through the real server: positions, URIs and kinds mapped to LSP, across
/// the fixture and the modules it imports.
/// </summary>
[TestClass]
public sealed class LanguageServerNavigationTests
{
    private static readonly string s_text = Fixtures.Shapes;

    [TestMethod]
    public void Definition_References_AndHover()
    {
        using var workspace = new TempProject();
        Fixtures.WriteShapes(workspace);
        using var client = LspClient.Start();
        client.Initialize(workspace.Root);
        client.Open("shapes.sox", s_text);

        // Circle(1) -> class Circle.
        var definition = client.Request("textDocument/definition", At(client, "Circle(1)"))["result"]!.AsArray();
        Assert.AreEqual(1, definition.Count, definition.ToJsonString());
        Assert.AreEqual(client.Uri("shapes.sox"), (string?)definition[0]!["uri"]);
        var (line, character) = Fixtures.Find(s_text, "class Circle", offset: 6);
        Assert.AreEqual(line, (int)definition[0]!["range"]!["start"]!["line"]!);
        Assert.AreEqual(character, (int)definition[0]!["range"]!["start"]!["character"]!);

        // m.pi -> the key in math.sox's returned table, in a file that is not open.
        var member = client.Request("textDocument/definition", At(client, ".pi", offset: 1))["result"]!.AsArray();
        Assert.IsTrue(member.Any(l => (string?)l!["uri"] == client.Uri("math.sox")), member.ToJsonString());

        // References of the parameter `shapes`: its declaration and its use.
        var references = client.Request("textDocument/references", new
        {
            textDocument = new { uri = client.Uri("shapes.sox") },
            position = Position("total(shapes)", 6),
            context = new { includeDeclaration = true },
        })["result"]!.AsArray();
        Assert.AreEqual(2, references.Count, references.ToJsonString());

        var hover = client.Request("textDocument/hover", At(client, "len("))["result"]!;
        Assert.AreEqual("markdown", (string?)hover["contents"]!["kind"]);
        StringAssert.Contains((string?)hover["contents"]!["value"], "len");
        var nothing = client.Request("textDocument/hover", At(client, "// Shapes", offset: 4));
        Assert.IsNull(nothing["error"], nothing.ToJsonString());
        Assert.AreEqual(0, client.ShutdownAndExit());
    }

    [TestMethod]
    public void Completion_SignatureHelp_Rename_AndWorkspaceSymbols()
    {
        using var workspace = new TempProject();
        Fixtures.WriteShapes(workspace);
        using var client = LspClient.Start();
        var capabilities = client.Initialize(workspace.Root)["capabilities"]!;
        CollectionAssert.Contains(capabilities["completionProvider"]!["triggerCharacters"]!.AsArray().Select(c => (string?)c).ToList(), ".");
        CollectionAssert.IsSubsetOf(new[] { "(", "," }, capabilities["signatureHelpProvider"]!["triggerCharacters"]!.AsArray().Select(c => (string?)c).ToList());
        Assert.IsTrue((bool)capabilities["renameProvider"]!["prepareProvider"]!);
        client.Open("shapes.sox", s_text);

        // After "m." the members of math.sox's table.
        var members = client.Request("textDocument/completion", At(client, ".pi", offset: 1))["result"]!["items"]!.AsArray();
        Assert.IsTrue(members.Any(i => (string?)i!["label"] == "pi"), members.ToJsonString());
        // In a body: names in scope, keywords and snippets.
        var items = client.Request("textDocument/completion", At(client, "var sum", offset: 0))["result"]!["items"]!.AsArray();
        Assert.IsTrue(items.Any(i => (string?)i!["label"] == "total" && (int)i["kind"]! == 3), "a function");
        Assert.IsTrue(items.Any(i => (int)i!["kind"]! == 15 && (int)i["insertTextFormat"]! == 2), "a snippet");

        // Inside total(...)'s argument list (a call added to the buffer).
        client.ChangeFull("shapes.sox", 2, s_text + "print total([1], \n");
        var lines = (s_text + "print total([1], \n").Split('\n');
        var help = client.Request("textDocument/signatureHelp", new
        {
            textDocument = new { uri = client.Uri("shapes.sox") },
            position = new { line = lines.Length - 2, character = "print total([1], ".Length },
        })["result"]!;
        StringAssert.Contains((string?)help["signatures"]![0]!["label"], "shapes");
        client.ChangeFull("shapes.sox", 3, s_text);

        var prepare = client.Request("textDocument/prepareRename", At(client, "sum = 0"))["result"]!;
        Assert.AreEqual("sum", (string?)prepare["placeholder"]);
        var builtin = client.Request("textDocument/prepareRename", At(client, "len("));
        Assert.AreEqual(-32803, (int)builtin["error"]!["code"]!, "a built-in cannot be renamed, and the answer says why");
        var rename = client.Request("textDocument/rename", new
        {
            textDocument = new { uri = client.Uri("shapes.sox") },
            position = Position("sum = 0"),
            newName = "acc",
        })["result"]!;
        var edits = rename["changes"]![client.Uri("shapes.sox")]!.AsArray();
        Assert.AreEqual(4, edits.Count, "var sum, sum = sum + …, return sum: " + edits.ToJsonString());
        Assert.IsFalse(Fixtures.Apply(s_text, edits).Contains("sum", StringComparison.Ordinal));

        var symbols = client.Request("workspace/symbol", new { query = "circ" })["result"]!.AsArray();
        Assert.IsTrue(symbols.Any(s => (string?)s!["name"] == "Circle" && (int)s["kind"]! == 5), symbols.ToJsonString());
        Assert.AreEqual(0, client.ShutdownAndExit());
    }

    private static object Position(string snippet, int offset = 0)
    {
        var (line, character) = Fixtures.Find(s_text, snippet, 1, offset);
        return new { line, character };
    }

    private static object At(LspClient client, string snippet, int offset = 0) =>
        new { textDocument = new { uri = client.Uri("shapes.sox") }, position = Position(snippet, offset) };
}
