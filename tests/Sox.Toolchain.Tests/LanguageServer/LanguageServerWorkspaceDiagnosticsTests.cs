using System.Text.Json.Nodes;
using Sox.Toolchain.Tests.Cli;

namespace Sox.Toolchain.Tests.LanguageServer;

/// <summary>
/// Workspace diagnostics through the real server: the files of the workspace folder that nobody opened get their
/// diagnostics published from the workspace index (no <c>didOpen</c>), follow edits of open modules and files created
/// and deleted on disk, never replace an open buffer's, and are off with <c>initializationOptions.workspaceDiagnostics:
/// false</c>.
/// </summary>
[TestClass]
public sealed class LanguageServerWorkspaceDiagnosticsTests
{
    [TestMethod]
    public void ClosedFilesWithErrorsOrWarnings_ArePublished_WithoutDidOpen()
    {
        using var workspace = new TempProject();
        workspace.Write("broken.sox", "print 1\nfn f( {\n");
        workspace.Write("lib/warn.sox", "print nowhere\n");
        workspace.Write("clean.sox", "print 1\n");
        workspace.Write("bin/skipped.sox", "fn f( {\n");
        using var client = LspClient.Start();
        client.Initialize(workspace.Root);

        var broken = client.WaitForDiagnostics("broken.sox", d => d.Count > 0);
        Assert.IsTrue(broken.All(d => ((string?)d!["code"])!.StartsWith("SOX2", StringComparison.Ordinal) && (int)d["severity"]! == 1), broken.ToJsonString());
        Assert.AreEqual(1, (int)broken[0]!["range"]!["start"]!["line"]!, "the error is on the second line: " + broken.ToJsonString());
        var warning = client.WaitForDiagnostics("lib/warn.sox", d => d.Count > 0);
        Assert.AreEqual("SOX3014", (string?)warning[0]!["code"], warning.ToJsonString());
        Assert.AreEqual(2, (int)warning[0]!["severity"]!);
        LanguageServerDiagnosticsTests.AssertRange(warning[0]!["range"]!, 0, 6, 0, 13);
        // A closed file has no version: the diagnostics are of the file on disk.
        Assert.IsNull(Latest(client, "broken.sox")!["params"]!["version"], Latest(client, "broken.sox")!.ToJsonString());

        WaitForIndex(client);
        Assert.AreEqual(0, Published(client, "clean.sox").Count, "a clean closed file is not sent an empty list");
        Assert.AreEqual(0, Published(client, "bin/skipped.sox").Count, "bin/ is not indexed");
        Assert.AreEqual(1, Published(client, "broken.sox").Count, "each closed file once: " + string.Join("\n", Published(client, "broken.sox")));
        Assert.AreEqual(0, client.ShutdownAndExit());
    }

    [TestMethod]
    public void AnEditToAnOpenModule_ShowsAndClearsAClosedImportersError()
    {
        // app -> model -> util, util open. When util imports app, the build from model (closed: only the index analyses
        // it) reports the cycle where app closes it; the build from util (open) reports it in model.
        using var workspace = new TempProject();
        workspace.Write("app.sox", "import model \"model\"\nprint model\n");
        workspace.Write("model.sox", "import util \"util\"\nreturn {util: util}\n");
        const string util = "return {twice: fn (x) { return 2 * x }}\n";
        workspace.Write("util.sox", util);
        using var client = LspClient.Start();
        client.Initialize(workspace.Root);
        client.Open("util.sox", util);
        client.WaitForDiagnostics("util.sox", d => d.Count == 0);
        WaitForIndex(client);
        Assert.AreEqual(0, Published(client, "app.sox").Count);

        client.ChangeFull("util.sox", 2, "import app \"app\"\n" + util);
        var inApp = client.WaitForDiagnostics("app.sox", d => d.Any(x => (string?)x!["code"] == "SOX3102"));
        LanguageServerDiagnosticsTests.AssertRange(inApp.Single(x => (string?)x!["code"] == "SOX3102")!["range"]!, 0, 13, 0, 20);
        client.WaitForDiagnostics("model.sox", d => d.Any(x => (string?)x!["code"] == "SOX3102"));

        // Fixed in the buffer (never saved): the closed importer's error goes.
        client.ChangeFull("util.sox", 3, util);
        client.WaitForDiagnostics("app.sox", d => d.Count == 0);
        client.WaitForDiagnostics("model.sox", d => d.Count == 0);
        Assert.AreEqual(0, client.ShutdownAndExit());
    }

    [TestMethod]
    public void FilesDeletedAndCreatedOnDisk_AreClearedAndNoticed()
    {
        using var workspace = new TempProject();
        var brokenPath = workspace.Write("shapes.sox", "class Shape {\n  area() { return 0 \n}\n");
        workspace.Write("main.sox", "import shapes \"shapes\"\nprint shapes\n");
        using var client = LspClient.Start();
        client.Initialize(workspace.Root);
        client.WaitForDiagnostics("shapes.sox", d => d.Count > 0);
        WaitForIndex(client);
        Assert.AreEqual(0, Published(client, "main.sox").Count, "the importer has no error of its own");

        // Deleted: its diagnostics are cleared, and the closed importer's import is missing.
        File.Delete(brokenPath);
        Changed(client, ("shapes.sox", 3));
        client.WaitForDiagnostics("shapes.sox", d => d.Count == 0);
        var missing = client.WaitForDiagnostics("main.sox", d => d.Count > 0);
        Assert.AreEqual("SOX3101", (string?)missing[0]!["code"], missing.ToJsonString());
        LanguageServerDiagnosticsTests.AssertRange(missing[0]!["range"]!, 0, 14, 0, 22);

        // Renamed back into place (created, fixed): the importer's error goes, and the new file has nothing to report.
        workspace.Write("shapes.sox", "class Shape {\n  area() { return 0 }\n}\nreturn {Shape: Shape}\n");
        Changed(client, ("shapes.sox", 1));
        client.WaitForDiagnostics("main.sox", d => d.Count == 0);
        WaitForIndex(client);
        Assert.AreEqual(0, Latest(client, "shapes.sox")!["params"]!["diagnostics"]!.AsArray().Count);
        Assert.AreEqual(0, client.ShutdownAndExit());
    }

    [TestMethod]
    public void AnOpenBuffer_WinsOverItsFile_AndClosingItShowsTheFileAgain()
    {
        using var workspace = new TempProject();
        workspace.Write("broken.sox", "print (1\n");
        using var client = LspClient.Start();
        client.Initialize(workspace.Root);
        client.WaitForDiagnostics("broken.sox", d => d.Count > 0);

        // Fixed in the editor, not saved: the buffer's (versioned) diagnostics, and nothing from the disk after them.
        client.Open("broken.sox", "print (1)\n", version: 7);
        client.WaitForDiagnostics("broken.sox", d => d.Count == 0);
        WaitForIndex(client);
        Thread.Sleep(300);
        var latest = Latest(client, "broken.sox")!;
        Assert.AreEqual(0, latest["params"]!["diagnostics"]!.AsArray().Count, latest.ToJsonString());
        Assert.AreEqual(7, (int?)latest["params"]!["version"], latest.ToJsonString());

        // Closed without saving: the file on disk is what the workspace has again.
        client.Notify("textDocument/didClose", new { textDocument = new { uri = client.Uri("broken.sox") } });
        client.WaitForDiagnostics("broken.sox", d => d.Count > 0);
        Assert.IsNull(Latest(client, "broken.sox")!["params"]!["version"]);
        Assert.AreEqual(0, client.ShutdownAndExit());
    }

    [TestMethod]
    public void AChangedFile_IsNeverPublishedWithAnAnalysisOlderThanTheChange()
    {
        // b.sox (closed) is reported by its own index entry and by the open a.sox's program. Changed on disk, the index
        // re-analyses it at once, a.sox after the 200 ms pause: the union of the new own result and a.sox's old one
        // (both errors) must never be sent.
        using var workspace = new TempProject();
        workspace.Write("b.sox", "print (1\n");
        using var client = LspClient.Start();
        client.Initialize(workspace.Root);
        client.Open("a.sox", "import b \"b\"\nprint b\n");
        client.WaitForDiagnostics("b.sox", d => d.Count == 1 && (int)d[0]!["range"]!["start"]!["line"]! <= 1);
        WaitForIndex(client);
        client.ClearNotifications();

        workspace.Write("b.sox", "print 1\n\n\nvar = 3\n");
        Changed(client, ("b.sox", 2));
        client.WaitForDiagnostics("b.sox", d => d.Count > 0 && d.All(x => (int)x!["range"]!["start"]!["line"]! == 3));
        WaitForIndex(client);
        Thread.Sleep(500);
        var sent = Published(client, "b.sox");
        Assert.IsTrue(sent.All(n => n["params"]!["diagnostics"]!.AsArray().All(x => (int)x!["range"]!["start"]!["line"]! == 3)),
            "only the new error, ever: " + string.Join("\n", sent.Select(n => n.ToJsonString())));
        Assert.AreEqual(0, client.ShutdownAndExit());
    }

    [TestMethod]
    public void TheSettingTurnsItOff()
    {
        using var workspace = new TempProject();
        workspace.Write("broken.sox", "fn f( {\n");
        workspace.Write("clean.sox", "print 1\n");
        using var client = LspClient.Start();
        client.Initialize(workspace.Root, initializationOptions: new { workspaceDiagnostics = false });
        client.Open("clean.sox", "print 1\n");
        client.WaitForDiagnostics("clean.sox", d => d.Count == 0);
        WaitForIndex(client);
        Thread.Sleep(500);
        Assert.AreEqual(0, Published(client, "broken.sox").Count, "off: a file nobody opened or imports is not published");

        // Still on for the programs of open documents: an open importer publishes the module's errors.
        client.Open("main.sox", "import broken \"broken\"\nprint broken\n");
        client.WaitForDiagnostics("broken.sox", d => d.Count > 0);
        Assert.AreEqual(0, client.ShutdownAndExit());
    }

    [TestMethod]
    public void ACancelledWorkspaceQuery_StopsWaitingForTheIndex()
    {
        // Enough files that the first indexing outlasts the moment of the cancellation.
        using var workspace = new TempProject();
        var body = string.Concat(Enumerable.Range(0, 200).Select(i => $"fn f{i}(a) {{ return a * {i} }}\n"));
        for (var i = 0; i < 300; i++) workspace.Write($"m{i:D3}.sox", body);
        using var client = LspClient.Start();
        client.Initialize(workspace.Root);
        var id = client.SendRequest("workspace/symbol", new { query = "f1" });
        Thread.Sleep(200);
        var started = DateTime.UtcNow;
        client.Notify("$/cancelRequest", new { id });
        var response = client.Wait(id);
        var waited = DateTime.UtcNow - started;
        if (response["result"] is not null && waited < TimeSpan.FromSeconds(0.5))
            Assert.Inconclusive($"the index finished before the cancellation ({response["result"]!.AsArray().Count} symbols): nothing to cancel");
        Assert.AreEqual(-32800, (int?)response["error"]?["code"], $"RequestCancelled after {waited.TotalSeconds:0.00} s: {Shorten(response)}");
        Assert.IsTrue(waited < TimeSpan.FromSeconds(1.5), $"answered {waited.TotalSeconds:0.00} s after the cancellation (the index wait is 2 s)");
        Assert.AreEqual(0, client.ShutdownAndExit());
    }

    /// <summary>A workspace query waits for the index (at most 2 s, then again): once it returns, the first indexing is done.</summary>
    private static void WaitForIndex(LspClient client)
    {
        var response = client.Request("workspace/symbol", new { query = "zzz_nothing" });
        Assert.IsNull(response["error"], response.ToJsonString());
        response = client.Request("workspace/symbol", new { query = "zzz_nothing" });
        Assert.IsNull(response["error"], response.ToJsonString());
    }

    private static List<JsonObject> Published(LspClient client, string relative) =>
        client.Notifications("textDocument/publishDiagnostics").Where(n => (string?)n["params"]!["uri"] == client.Uri(relative)).ToList();

    private static JsonObject? Latest(LspClient client, string relative) => Published(client, relative).LastOrDefault();

    private static void Changed(LspClient client, params (string Relative, int Type)[] changes) =>
        client.Notify("workspace/didChangeWatchedFiles", new { changes = changes.Select(c => new { uri = client.Uri(c.Relative), type = c.Type }).ToArray() });

    private static string Shorten(JsonObject response)
    {
        var json = response.ToJsonString();
        return json.Length <= 300 ? json : json[..300];
    }
}
