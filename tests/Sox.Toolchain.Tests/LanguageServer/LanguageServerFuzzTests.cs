using System.Diagnostics;
using System.Text;
using Sox.Toolchain.Tests.Cli;
using Sox.Toolchain.Tests.Conformance;

namespace Sox.Toolchain.Tests.LanguageServer;

/// <summary>
/// Robustness (issue 14: "it never crashes or stops answering on any input"): thousands of random edits of real
/// programs — deletions, insertions of program fragments, junk characters — sent as incremental changes, interleaved
/// with every kind of request at random positions. Every request must be answered (a result or an error response, never
/// silence) and the server must still be running at the end, then shut down cleanly.
/// </summary>
[TestClass]
public sealed class LanguageServerFuzzTests
{
    private static readonly string[] s_methods =
    [
        "textDocument/documentSymbol", "textDocument/foldingRange", "textDocument/semanticTokens/full", "textDocument/formatting",
        "textDocument/definition", "textDocument/references", "textDocument/hover", "textDocument/completion",
        "textDocument/signatureHelp", "textDocument/prepareRename", "textDocument/rename", "workspace/symbol",
    ];

    private static readonly string[] s_fragments =
    [
        "{", "}", "(", ")", "[", "]", "\"", "\"unterminated", "/*", "*/", "//", "fn ", "class ", "var ", "import \"", "super.",
        "this.", ".", ",", "#[test]", "extern fn f(x: int): int", "\\u{110000}", "\n", "\r\n", "\t", "\0", "\uFFFF", "\uD800",
        "foreach var k, v in ", "switch x { case 1 { } default { } }", "return", "defer { }", "1.5e", "== != <= >=",
    ];

    [TestMethod]
    public void RandomEditsOfConformancePrograms_AreAllAnswered()
    {
        var programs = Directory.GetFiles(ConformanceProgram.Root, "*.sox", SearchOption.AllDirectories).Order(StringComparer.Ordinal).ToList();
        Assert.IsTrue(programs.Count > 50, "the conformance programs are the corpus");
        var random = new Random(1414);
        using var workspace = new TempProject();
        using var client = LspClient.Start();
        client.Initialize(workspace.Root);

        var clock = Stopwatch.StartNew();
        var pending = new List<(int Id, string Method)>();
        int edits = 0, requests = 0, documents = 0;
        // About 15 s of work: documents are opened, edited many times, and closed, while requests come in between.
        while (clock.Elapsed < TimeSpan.FromSeconds(12) || edits < 2000)
        {
            var source = programs[random.Next(programs.Count)];
            var name = $"doc{documents++}.sox";
            var text = File.ReadAllText(source);
            client.Open(name, text);
            var version = 1;
            for (var step = 0; step < 40; step++)
            {
                text = Edit(client, name, text, ++version, random);
                edits++;
                if (random.Next(3) == 0)
                {
                    pending.Add((client.SendRequest(s_methods[random.Next(s_methods.Length)], RequestParameters(client, name, text, random)), name));
                    requests++;
                }
            }
            // The answers so far: none may be missing (a bounded backlog keeps the test's memory flat).
            foreach (var (id, method) in pending) Assert.IsNotNull(client.Wait(id), method);
            pending.Clear();
            if (random.Next(2) == 0) client.Notify("textDocument/didClose", new { textDocument = new { uri = client.Uri(name) } });
            Assert.IsFalse(client.HasExited, $"the server exited after {edits} edits:\n{client.StandardError}");
        }
        Assert.IsFalse(client.HasExited);
        Assert.AreEqual(0, client.ShutdownAndExit(), client.StandardError);
        Console.WriteLine($"{edits} edits, {requests} requests over {documents} documents in {clock.Elapsed.TotalSeconds:F1} s");
        Assert.IsFalse(client.StandardError.Contains("internal error", StringComparison.Ordinal), client.StandardError);
    }

    /// <summary>One random incremental change (LSP positions, sometimes past a line's end) applied to our copy too.</summary>
    private static string Edit(LspClient client, string name, string text, int version, Random random)
    {
        var lines = new Sox.LanguageServer.TextLines(text);
        var startLine = random.Next(lines.Count + 1);
        var startCharacter = random.Next(0, 40);
        var endLine = Math.Min(lines.Count, startLine + (random.Next(4) == 0 ? random.Next(0, 4) : 0));
        var endCharacter = endLine == startLine ? startCharacter + random.Next(0, 12) : random.Next(0, 40);
        var start = lines.ToOffset(new Sox.LanguageServer.Protocol.Position(startLine, startCharacter));
        var end = Math.Max(start, lines.ToOffset(new Sox.LanguageServer.Protocol.Position(endLine, endCharacter)));
        var inserted = random.Next(4) switch
        {
            0 => "",
            1 => s_fragments[random.Next(s_fragments.Length)],
            2 => Junk(random),
            _ => text.Length == 0 ? "x" : text.Substring(random.Next(text.Length), 0) + text.Substring(random.Next(Math.Max(1, text.Length - 20)), Math.Min(20, text.Length)),
        };
        client.ChangeRange(name, version, startLine, startCharacter, endLine, endCharacter, inserted);
        // The server clamps the same way (LSP 3.17: a character past the line's end means the line's end).
        return string.Concat(text.AsSpan(0, start), inserted, text.AsSpan(end));
    }

    private static string Junk(Random random)
    {
        var junk = new StringBuilder();
        for (var i = random.Next(1, 12); i > 0; i--) junk.Append((char)random.Next(0, 0x3000));
        return junk.ToString();
    }

    private static object RequestParameters(LspClient client, string name, string text, Random random)
    {
        var lines = new Sox.LanguageServer.TextLines(text);
        var position = new { line = random.Next(lines.Count + 2) - 1, character = random.Next(0, 60) };
        return new
        {
            textDocument = new { uri = client.Uri(name) },
            position,
            context = new { includeDeclaration = random.Next(2) == 0 },
            newName = random.Next(3) == 0 ? "renamed" : "not a name",
            options = new { tabSize = 2, insertSpaces = true },
            query = random.Next(2) == 0 ? "" : "a",
        };
    }
}
