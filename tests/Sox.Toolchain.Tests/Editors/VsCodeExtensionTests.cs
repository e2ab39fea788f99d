using System.Globalization;
using System.IO.Compression;
using System.Text.Json;
using System.Text.RegularExpressions;
using Sox.Toolchain.Tests.ObjectFiles;

namespace Sox.Toolchain.Tests.Editors;

/// <summary>
/// The VS Code extension built as a user gets it: <c>npm test</c> passes — the grammar on every annotated sample
/// (vscode-tmgrammar-test, VS Code's own TextMate engine) and on the compiler's front-end corpus, and the client with
/// VS Code faked (node --test) — and <c>build/vscode-extension</c> packages a .vsix holding the manifest, the
/// grammar, the language configuration, the snippets, the compiled client and only its runtime packages.
/// Inconclusive without Node.js; npm ci runs only when node_modules is stale (<see cref="VsCodeExtension"/>).
/// </summary>
[TestClass]
public sealed class VsCodeExtensionTests
{
    [TestMethod]
    public void TheGrammarAndClientTestsPass()
    {
        // The packaging compiles the client that the client tests load.
        var (package, _) = VsCodeExtension.Package();
        Assert.AreEqual(0, package.ExitCode, $"build/vscode-extension failed:\n{package.StandardOutput}{package.StandardError}");
        var samples = Directory.GetFiles(Path.Combine(VsCodeExtension.Folder, "test", "grammar"), "*.sox");
        Assert.IsGreaterThanOrEqualTo(6, samples.Length, "the annotated samples are missing");

        // --ignore-scripts skips only the pretest compile (npm still runs the test script itself).
        var run = ExternalTool.Run(VsCodeExtension.RequireNpm(), VsCodeExtension.Folder, "test", "--silent", "--ignore-scripts");

        Assert.AreEqual(0, run.ExitCode, $"npm test failed:\n{run.StandardOutput}{run.StandardError}");
        // Each sample was run and passed (a glob matching nothing would also exit 0).
        foreach (var sample in samples)
            StringAssert.Contains(run.StandardOutput, $"test/grammar/{Path.GetFileName(sample)} run successfuly", run.StandardOutput);
        // node --test (TAP): the client (how it finds and starts `sox lsp`, the notification without it) and the grammar
        // over the compiler's front-end corpus.
        var passed = Regex.Match(run.StandardOutput, @"^# pass (\d+)$", RegexOptions.Multiline);
        Assert.IsTrue(passed.Success && int.Parse(passed.Groups[1].Value, CultureInfo.InvariantCulture) >= 9, run.StandardOutput);
        StringAssert.Contains(run.StandardOutput, "# fail 0", run.StandardOutput);
    }

    [TestMethod]
    public void TheBuildScriptPackagesAVsixWithTheGrammarAndTheClient()
    {
        var (run, folder) = VsCodeExtension.Package();
        using var cleanup = new DeleteFolder(folder);

        Assert.AreEqual(0, run.ExitCode, $"build/vscode-extension failed:\n{run.StandardOutput}{run.StandardError}");
        var version = VsCodeExtension.SoxVersion();
        var vsix = Path.Combine(folder, $"sox-{version}.vsix");
        Assert.IsTrue(File.Exists(vsix), $"no {vsix}:\n{run.StandardOutput}");
        using var zip = ZipFile.OpenRead(vsix);
        var entries = zip.Entries.Select(e => e.FullName).ToHashSet(StringComparer.Ordinal);

        foreach (var file in new[]
        {
            "extension.vsixmanifest", "extension/package.json", "extension/syntaxes/sox.tmLanguage.json",
            "extension/language-configuration.json", "extension/snippets/sox.json", "extension/out/extension.js",
            "extension/icon.png", "extension/LICENSE.txt", "extension/node_modules/vscode-languageclient/package.json",
        })
            Assert.Contains(file, entries, $"the .vsix lacks {file}");

        using var manifest = JsonDocument.Parse(Read(zip, "extension/package.json"));
        var root = manifest.RootElement;
        Assert.AreEqual(version, root.GetProperty("version").GetString(), "the .vsix carries the repository's SoxVersion");
        Assert.AreEqual("MIT", root.GetProperty("license").GetString());
        Assert.AreEqual("./out/extension.js", root.GetProperty("main").GetString());
        var contributes = root.GetProperty("contributes");
        Assert.AreEqual(".sox", contributes.GetProperty("languages")[0].GetProperty("extensions")[0].GetString());
        Assert.AreEqual("source.sox", contributes.GetProperty("grammars")[0].GetProperty("scopeName").GetString());
        Assert.IsTrue(contributes.GetProperty("configuration").GetProperty("properties").TryGetProperty("sox.server.path", out _));

        // The packed files are the repository's, unchanged (the grammar, the configuration, the snippets).
        foreach (var file in new[] { "syntaxes/sox.tmLanguage.json", "language-configuration.json", "snippets/sox.json" })
            Assert.AreEqual(File.ReadAllText(Path.Combine(VsCodeExtension.Folder, file)), Read(zip, "extension/" + file), file);
        // The client starts `sox lsp` through vscode-languageclient.
        var client = Read(zip, "extension/out/extension.js");
        StringAssert.Contains(client, "vscode-languageclient/node");
        StringAssert.Contains(client, "\"lsp\"");

        // Only runtime packages: no devDependency (the compiler, the packager, the grammar test runner), no sources.
        foreach (var dev in root.GetProperty("devDependencies").EnumerateObject().Select(p => p.Name))
            Assert.IsFalse(entries.Any(e => e.StartsWith($"extension/node_modules/{dev}/", StringComparison.Ordinal)), $"the .vsix packs the devDependency {dev}");
        Assert.IsFalse(entries.Any(e => e.StartsWith("extension/src/", StringComparison.Ordinal) || e.StartsWith("extension/test/", StringComparison.Ordinal)),
            "the .vsix packs sources or tests");
    }

    private sealed class DeleteFolder(string path) : IDisposable
    {
        public void Dispose()
        {
            try
            {
                Directory.Delete(path, recursive: true);
            }
            catch (IOException)
            {
                // A leftover temporary folder is harmless.
            }
        }
    }

    private static string Read(ZipArchive zip, string name)
    {
        using var reader = new StreamReader(zip.GetEntry(name)!.Open());
        return reader.ReadToEnd();
    }
}
