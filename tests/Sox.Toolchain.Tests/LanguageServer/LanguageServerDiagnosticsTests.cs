using System.Text.Json.Nodes;
using Sox.Toolchain.Tests.Cli;

namespace Sox.Toolchain.Tests.LanguageServer;

/// <summary>
/// Diagnostics as the user types (debounced), with the compiler's codes and the token's range, and across modules: an
/// edit to a module re-publishes its importers' diagnostics, open buffers overlay the disk, deleted files are noticed.
/// </summary>
[TestClass]
public sealed class LanguageServerDiagnosticsTests
{
    [TestMethod]
    public void Errors_AppearAndDisappear_AsTheDocumentIsEdited()
    {
        using var workspace = new TempProject();
        using var client = LspClient.Start();
        client.Initialize(workspace.Root);
        client.Open("main.sox", "var answer = 42\nprint answer\n");
        client.WaitForDiagnostics("main.sox", d => d.Count == 0);

        // Incremental edit: "print answer" -> "print answer +" (an expression is missing).
        client.ChangeRange("main.sox", 2, 1, 12, 1, 12, " +");
        var errors = client.WaitForDiagnostics("main.sox", d => d.Count > 0);
        var error = errors[0]!;
        Assert.AreEqual("SOX2001", (string?)error["code"], errors.ToJsonString());
        Assert.AreEqual(1, (int)error["severity"]!);
        Assert.AreEqual("sox", (string?)error["source"]);

        // An unknown escape: the range is the token the compiler points at.
        client.ChangeFull("main.sox", 3, "var s = \"a\\qb\"\nprint s\n");
        var escape = client.WaitForDiagnostics("main.sox", d => d.Count > 0 && (string?)d[0]!["code"] == "SOX1004");
        AssertRange(escape[0]!["range"]!, 0, 10, 0, 11);

        // Fixed: the diagnostics are cleared.
        client.ChangeFull("main.sox", 4, "var s = \"ab\"\nprint s\n");
        client.WaitForDiagnostics("main.sox", d => d.Count == 0);
        Assert.AreEqual(0, client.ShutdownAndExit());
    }

    [TestMethod]
    public void AnEditToAModule_RepublishesItsImporters_DirectAndTransitive()
    {
        using var workspace = new TempProject();
        workspace.Write("lib/b.sox", "return {v: 1}\n");
        workspace.Write("lib/a.sox", "import b \"b\"\nreturn {b: b}\n");
        using var client = LspClient.Start();
        client.Initialize(workspace.Root);
        client.Open("main.sox", "import a \"lib/a\"\nprint a\n");
        client.Open("lib/b.sox", "return {v: 1}\n");
        client.WaitForDiagnostics("main.sox", d => d.Count == 0);

        // b (imported through a) now imports main. The build from main reports the cycle where b closes it; the build
        // from b where a does (a is not open: it is published for its importers).
        client.ChangeFull("lib/b.sox", 2, "import m \"../main\"\nreturn {v: 1}\n");
        var inB = client.WaitForDiagnostics("lib/b.sox", d => d.Any(x => (string?)x!["code"] == "SOX3102"));
        AssertRange(inB.First(x => (string?)x!["code"] == "SOX3102")!["range"]!, 0, 9, 0, 18);
        Assert.IsNotNull(inB.First(x => (string?)x!["code"] == "SOX3102")!["relatedInformation"], "the cycle's modules are related locations");
        var inA = client.WaitForDiagnostics("lib/a.sox", d => d.Any(x => (string?)x!["code"] == "SOX3102"));
        AssertRange(inA.First(x => (string?)x!["code"] == "SOX3102")!["range"]!, 0, 9, 0, 12);

        client.ChangeFull("lib/b.sox", 3, "return {v: 1}\n");
        client.WaitForDiagnostics("lib/b.sox", d => d.Count == 0);
        client.WaitForDiagnostics("lib/a.sox", d => d.Count == 0);
        client.WaitForDiagnostics("main.sox", d => d.Count == 0);
        Assert.AreEqual(0, client.ShutdownAndExit());
    }

    [TestMethod]
    public void OpenBuffers_OverlayTheDisk_AndDeletedFilesAreNoticed()
    {
        using var workspace = new TempProject();
        var libPath = workspace.Write("lib.sox", "return {x: 1}\n");
        using var client = LspClient.Start();
        client.Initialize(workspace.Root);
        client.Open("main.sox", "import lib \"lib\"\nimport extra \"extra\"\nprint lib\n");
        var missing = client.WaitForDiagnostics("main.sox", d => d.Count == 1);
        Assert.AreEqual("SOX3101", (string?)missing[0]!["code"], "extra.sox exists nowhere yet");

        // An unsaved buffer is a module its importers see.
        client.Open("extra.sox", "return {y: 2}\n");
        client.WaitForDiagnostics("main.sox", d => d.Count == 0);

        // A module deleted on disk: the importer's import is missing again.
        File.Delete(libPath);
        client.Notify("workspace/didChangeWatchedFiles", new { changes = new[] { new { uri = client.Uri("lib.sox"), type = 3 } } });
        var deleted = client.WaitForDiagnostics("main.sox", d => d.Count == 1);
        Assert.AreEqual("SOX3101", (string?)deleted[0]!["code"]);
        Assert.AreEqual(0, (int)deleted[0]!["range"]!["start"]!["line"]!);

        // The open document's own file deleted under it: the buffer is still what is checked.
        client.ChangeFull("main.sox", 2, "import extra \"extra\"\nprint extra\n");
        client.WaitForDiagnostics("main.sox", d => d.Count == 0);
        Assert.AreEqual(0, client.ShutdownAndExit());
    }

    [TestMethod]
    public void AnImportedFileThatIsNotOpen_GetsItsOwnDiagnostics()
    {
        using var workspace = new TempProject();
        workspace.Write("broken.sox", "fn f( {\n");
        using var client = LspClient.Start();
        client.Initialize(workspace.Root);
        client.Open("main.sox", "import broken \"broken\"\nprint broken\n");
        var imported = client.WaitForDiagnostics("broken.sox", d => d.Count > 0);
        Assert.IsTrue(imported.All(d => ((string?)d!["code"])!.StartsWith("SOX2", StringComparison.Ordinal)), imported.ToJsonString());
        client.WaitForDiagnostics("main.sox", d => d.Count == 0);
        Assert.AreEqual(0, client.ShutdownAndExit());
    }

    internal static void AssertRange(JsonNode range, int line, int character, int endLine, int endCharacter)
    {
        var actual = $"{range["start"]!["line"]}:{range["start"]!["character"]}-{range["end"]!["line"]}:{range["end"]!["character"]}";
        Assert.AreEqual($"{line}:{character}-{endLine}:{endCharacter}", actual);
    }
}
