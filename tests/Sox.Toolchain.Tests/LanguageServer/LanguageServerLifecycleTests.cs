using System.Text;
using System.Text.Json.Nodes;
using Sox.Toolchain.Tests.Cli;

namespace Sox.Toolchain.Tests.LanguageServer;

/// <summary>
/// <c>sox lsp</c> as an editor drives it, over real stdio in a child process: the lifecycle (LSP 3.17 "Lifecycle
/// Messages"), errors for what it does not know, and that no input stops it answering.
/// </summary>
[TestClass]
public sealed class LanguageServerLifecycleTests
{
    [TestMethod]
    public void Initialize_AnnouncesTheCapabilities_AndShutdownThenExitEndsWithZero()
    {
        using var workspace = new TempProject();
        using var client = LspClient.Start();
        var result = client.Initialize(workspace.Root);
        var capabilities = result["capabilities"]!;
        Assert.AreEqual(2, (int)capabilities["textDocumentSync"]!["change"]!, "incremental sync");
        Assert.IsTrue((bool)capabilities["textDocumentSync"]!["openClose"]!);
        Assert.IsTrue((bool)capabilities["documentSymbolProvider"]!);
        Assert.IsTrue((bool)capabilities["foldingRangeProvider"]!);
        Assert.IsTrue((bool)capabilities["documentFormattingProvider"]!);
        var legend = capabilities["semanticTokensProvider"]!["legend"]!["tokenTypes"]!.AsArray().Select(t => (string)t!).ToList();
        CollectionAssert.IsSubsetOf(new[] { "keyword", "function", "method", "class", "parameter", "variable", "property", "string", "number", "comment", "operator" }, legend);
        Assert.AreEqual("sox", (string?)result["serverInfo"]!["name"]);
        Assert.AreEqual(0, client.ShutdownAndExit());
    }

    [TestMethod]
    public void Transcript_RecordsEveryMessageBothWays()
    {
        using var workspace = new TempProject();
        var transcript = Path.Combine(workspace.Root, "session.jsonl");
        using (var client = LspClient.Start(null, "--transcript", transcript))
        {
            client.Initialize(workspace.Root);
            client.Open("a.sox", "print 1 +\n");
            client.WaitForDiagnostics("a.sox", d => d.Count == 1);
            Assert.AreEqual(0, client.ShutdownAndExit());
        }
        var lines = File.ReadAllLines(transcript).Select(l => JsonNode.Parse(l)!).ToList();
        var fromClient = lines.Where(l => (string?)l["from"] == "client").Select(l => (string?)l["message"]!["method"]).ToList();
        CollectionAssert.AreEqual(new[] { "initialize", "initialized", "textDocument/didOpen", "shutdown", "exit" }, fromClient);
        var fromServer = lines.Where(l => (string?)l["from"] == "server").Select(l => l["message"]!).ToList();
        Assert.IsTrue(fromServer.Any(m => (int?)m["id"] == 1 && m["result"]?["capabilities"] is not null), "the initialize response");
        Assert.IsTrue(fromServer.Any(m => (string?)m["method"] == "textDocument/publishDiagnostics"));
    }

    [TestMethod]
    public void ExitWithoutShutdown_EndsWithOne()
    {
        using var workspace = new TempProject();
        using var client = LspClient.Start();
        client.Initialize(workspace.Root);
        client.Notify("exit", null);
        Assert.IsTrue(WaitForExit(client));
        Assert.AreEqual(1, client.ExitCode);
    }

    [TestMethod]
    public void UnknownMethod_IsMethodNotFound_AndARequestBeforeInitializeIsServerNotInitialized()
    {
        using var workspace = new TempProject();
        using var client = LspClient.Start();
        var early = client.Request("textDocument/documentSymbol", new { textDocument = new { uri = "file:///nowhere.sox" } });
        Assert.AreEqual(-32002, (int)early["error"]!["code"]!, early.ToJsonString());
        client.Initialize(workspace.Root);
        var unknown = client.Request("sox/noSuchMethod", new { });
        Assert.AreEqual(-32601, (int)unknown["error"]!["code"]!, unknown.ToJsonString());
        // Notifications the server does not handle are ignored, not fatal.
        client.Notify("$/setTrace", new { value = "off" });
        client.Notify("sox/unknownNotification", new { x = 1 });
        var bad = client.Request("textDocument/foldingRange", new { textDocument = 42 });
        Assert.IsNotNull(bad["error"], "parameters of the wrong shape are an error response");
        Assert.AreEqual(0, client.ShutdownAndExit());
    }

    [TestMethod]
    public void CancelRequest_IsAccepted_AndTheRequestIsStillAnswered()
    {
        using var workspace = new TempProject();
        using var client = LspClient.Start();
        client.Initialize(workspace.Root);
        var text = string.Concat(Enumerable.Range(0, 3000).Select(i => $"fn f{i}(a, b) {{ return a + b * {i} }}\n"));
        client.Open("big.sox", text);
        var id = client.SendRequest("textDocument/semanticTokens/full", new { textDocument = new { uri = client.Uri("big.sox") } });
        client.Notify("$/cancelRequest", new { id });
        var response = client.Wait(id);
        // Either it finished first or it was cancelled (LSP's RequestCancelled, -32800): answered either way.
        Assert.IsTrue(response["result"] is not null || (int?)response["error"]?["code"] == -32800, response.ToJsonString()[..Math.Min(200, response.ToJsonString().Length)]);
        Assert.AreEqual(0, client.ShutdownAndExit());
    }

    [TestMethod]
    public void BinaryJunkAndHugeFiles_AreAnswered()
    {
        using var workspace = new TempProject();
        using var client = LspClient.Start();
        client.Initialize(workspace.Root);
        var random = new Random(14);
        var junk = new char[50_000];
        for (var i = 0; i < junk.Length; i++) junk[i] = (char)random.Next(0, 0xD7FF);
        client.Open("junk.sox", new string(junk));
        var huge = new StringBuilder();
        for (var i = 0; i < 10_000; i++) huge.Append("var x").Append(i).Append(" = {a: [1, 2, \"s\"], b: fn (q) { return q * 2 }}\n");
        client.Open("huge.sox", huge.ToString());
        client.Open("deep.sox", new string('(', 100_000));
        foreach (var file in new[] { "junk.sox", "huge.sox", "deep.sox" })
        {
            foreach (var method in new[] { "textDocument/documentSymbol", "textDocument/foldingRange", "textDocument/semanticTokens/full", "textDocument/formatting" })
            {
                var response = client.Request(method, new { textDocument = new { uri = client.Uri(file) }, options = new { tabSize = 2, insertSpaces = true } });
                Assert.IsNotNull(response["result"], $"{method} on {file}: {Shorten(response)}");
            }
        }
        client.WaitForDiagnostics("junk.sox", d => d.Count > 0);
        // Raw junk on the wire: not JSON at all, and JSON that is no message.
        client.SendRaw(Encoding.UTF8.GetBytes("\u0001\u0002 not json {"));
        client.SendRaw(Encoding.UTF8.GetBytes("[1, 2, 3]"));
        var after = client.Request("textDocument/foldingRange", new { textDocument = new { uri = client.Uri("huge.sox") } });
        Assert.IsNotNull(after["result"], Shorten(after));
        Assert.AreEqual(0, client.ShutdownAndExit());
    }

    private static string Shorten(JsonObject message)
    {
        var json = message.ToJsonString();
        return json.Length > 300 ? json[..300] + "…" : json;
    }

    private static bool WaitForExit(LspClient client)
    {
        var deadline = DateTime.UtcNow + LspClient.Timeout;
        while (!client.HasExited && DateTime.UtcNow < deadline) Thread.Sleep(50);
        return client.HasExited;
    }
}
