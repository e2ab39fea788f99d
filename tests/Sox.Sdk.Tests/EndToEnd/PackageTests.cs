using System.IO.Compression;
using System.Text;
using System.Xml.Linq;
using Sox.Sdk.Tests.Infrastructure;

namespace Sox.Sdk.Tests.EndToEnd;

/// <summary>
/// The feed's packages as a user gets them (docs/sdk.md, "The feed: templates and the sox tool"): what each .nupkg
/// holds, read in-process, its metadata, and that nothing in it names the build machine's folders; and the sox tool
/// installed from the feed.
/// Pack warnings (NU5xxx) are not checked here: the build treats them as errors (Directory.Build.props).
/// </summary>
[TestClass]
public sealed class PackageTests
{
    private static readonly string s_runtimeSources = Path.Combine(TestEnvironment.RepositoryRoot, "Sox.Sdk", "runtime");

    [TestMethod]
    public void SdkPackage_HoldsTargetsTasksAndRuntime()
    {
        using var package = Open("Sox.Sdk", "MSBuildSdk", out var entries);
        foreach (var file in new[] { "Sdk/Sdk.props", "Sdk/Sdk.targets", "buildTransitive/Sox.Sdk.targets", "tasks/net10.0/Sox.Build.Tasks.dll", "tasks/net10.0/Sox.Compiler.dll" })
        {
            CollectionAssert.Contains(entries, file);
        }
        foreach (var file in Directory.GetFiles(Path.Combine(TestEnvironment.RepositoryRoot, "Sox.Sdk", "targets")))
        {
            CollectionAssert.Contains(entries, "targets/" + Path.GetFileName(file));
        }
        AssertHoldsRuntime(entries, "runtime/");
        StringAssert.Contains(Text(package, "targets/Sox.Sdk.Version.props"), $"<SoxSdkVersion>{TestEnvironment.SdkVersion}</SoxSdkVersion>");
    }

    [TestMethod]
    public void TemplatesPackage_HoldsEveryTemplate_PinnedToThisSdk()
    {
        using var package = Open("Sox.Templates", "Template", out var entries);
        var content = Path.Combine(TestEnvironment.RepositoryRoot, "Sox.Templates", "content");
        foreach (var file in Directory.GetFiles(content, "*", SearchOption.AllDirectories))
        {
            CollectionAssert.Contains(entries, "content/" + Path.GetRelativePath(content, file).Replace('\\', '/'));
        }
        foreach (var template in new[] { "sox-console", "sox-lib", "sox-shared", "sox-test" })
        {
            var json = Text(package, $"content/{template}/.template.config/template.json");
            StringAssert.Contains(json, $"\"value\": \"{TestEnvironment.SdkVersion}\"", $"{template} pins the SDK packed with it");
            Assert.IsFalse(json.Contains("@SoxSdkVersion@", StringComparison.Ordinal), $"{template}: the placeholder is replaced");
        }
    }

    [TestMethod]
    public void ToolPackage_HoldsTheSoxCommandAndTheRuntime()
    {
        using var package = Open("Sox.Cli", "DotnetTool", out var entries);
        CollectionAssert.Contains(entries, "tools/net10.0/any/sox.dll");
        var settings = XDocument.Parse(Text(package, "tools/net10.0/any/DotnetToolSettings.xml"));
        var command = settings.Descendants("Command").Single();
        Assert.AreEqual("sox", command.Attribute("Name")?.Value);
        Assert.AreEqual("sox.dll", command.Attribute("EntryPoint")?.Value);
        // RuntimeLibrary.LocateSources finds the runtime in runtime/ beside the tool's assembly.
        AssertHoldsRuntime(entries, "tools/net10.0/any/runtime/");
        // `sox lsp` needs the language server, its queries and the JSON-RPC package beside sox.dll.
        foreach (var assembly in new[] { "Sox.LanguageServer.dll", "Sox.LanguageServices.dll", "StreamJsonRpc.dll", "Microsoft.VisualStudio.Threading.dll", "Nerdbank.Streams.dll" })
            CollectionAssert.Contains(entries, "tools/net10.0/any/" + assembly);
    }

    /// <summary>The installed tool's <c>sox lsp</c> answers <c>initialize</c> and ends with 0 after <c>shutdown</c> and <c>exit</c>.</summary>
    [TestMethod]
    public void Tool_InstalledFromTheFeed_ServesTheLanguageServer()
    {
        var start = new System.Diagnostics.ProcessStartInfo(FeedPackages.SoxTool, ["lsp", "--stdio"])
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        using var process = System.Diagnostics.Process.Start(start)!;
        foreach (var message in new[]
        {
            """{"jsonrpc":"2.0","id":1,"method":"initialize","params":{"processId":null,"rootUri":null,"capabilities":{}}}""",
            """{"jsonrpc":"2.0","id":2,"method":"shutdown"}""",
            """{"jsonrpc":"2.0","method":"exit"}""",
        })
        {
            var body = System.Text.Encoding.UTF8.GetBytes(message);
            process.StandardInput.BaseStream.Write(System.Text.Encoding.ASCII.GetBytes($"Content-Length: {body.Length}\r\n\r\n"));
            process.StandardInput.BaseStream.Write(body);
        }
        process.StandardInput.BaseStream.Flush();
        var error = process.StandardError.ReadToEndAsync();
        var output = process.StandardOutput.ReadToEnd();
        Assert.IsTrue(process.WaitForExit(60_000), "the server ends after exit");
        Assert.AreEqual(0, process.ExitCode, error.Result);
        StringAssert.Contains(output, "\"capabilities\"");
    }

    /// <summary>Installed into a temporary tool path from the feed, <c>sox run</c> compiles the runtime and runs a program.</summary>
    [TestMethod]
    public void Tool_InstalledFromTheFeed_RunsAProgram()
    {
        TestProject.RequireCCompiler();
        var directory = TestEnvironment.NewFolder("sox-tool");
        File.WriteAllText(Path.Combine(directory, "hello.sox"), "fn main() { print \"Hello from the sox tool\" }\n");
        // A cache of its own: the runtime is compiled from the installed package's sources, not found from an earlier build.
        var run = TestProject.Run(FeedPackages.SoxTool, ["run", "hello.sox"], directory,
            new Dictionary<string, string?> { ["SOX_CACHE_DIR"] = Path.Combine(directory, "cache"), ["SOX_RUNTIME_DIR"] = null }).ShouldSucceed();
        Assert.AreEqual("Hello from the sox tool\n", run.Output);
    }

    /// <summary>Opens a package of this build and checks what every package of the feed has in common.</summary>
    private static ZipArchive Open(string id, string packageType, out List<string> entries)
    {
        var package = ZipFile.OpenRead(FeedPackages.PathOf(id));
        entries = package.Entries.Select(e => e.FullName).ToList();

        var nuspec = XDocument.Parse(Text(package, id + ".nuspec"));
        var metadata = nuspec.Root!.Elements().Single(e => e.Name.LocalName == "metadata");
        string? Value(string name) => metadata.Elements().SingleOrDefault(e => e.Name.LocalName == name)?.Value;
        Assert.AreEqual(id, Value("id"));
        Assert.AreEqual(TestEnvironment.SdkVersion, Value("version"), "every package of a build has the SDK's version");
        Assert.AreEqual("The Sox authors", Value("authors"));
        Assert.AreEqual("MIT", Value("license"));
        Assert.IsFalse(string.IsNullOrWhiteSpace(Value("description")), "a description");
        StringAssert.Contains(Value("tags"), "sox");
        Assert.AreEqual("icon.png", Value("icon"));
        Assert.AreEqual("README.md", Value("readme"));
        CollectionAssert.Contains(entries, "icon.png");
        CollectionAssert.Contains(entries, "README.md");
        var types = metadata.Descendants().Where(e => e.Name.LocalName == "packageType").Select(e => e.Attribute("name")?.Value).ToList();
        CollectionAssert.Contains(types, packageType);

        // Nothing from the build machine: no file (text, assembly or PDB) holds the repository's absolute path.
        var root = Encoding.UTF8.GetBytes(TestEnvironment.RepositoryRoot.TrimEnd(Path.DirectorySeparatorChar));
        foreach (var entry in package.Entries)
        {
            using var stream = entry.Open();
            using var bytes = new MemoryStream();
            stream.CopyTo(bytes);
            Assert.IsLessThan(0, bytes.ToArray().AsSpan().IndexOf(root), $"{id}: {entry.FullName} names the build machine's folder {TestEnvironment.RepositoryRoot}");
        }
        return package;
    }

    private static void AssertHoldsRuntime(List<string> entries, string folder)
    {
        foreach (var file in Directory.GetFiles(s_runtimeSources))
        {
            CollectionAssert.Contains(entries, folder + Path.GetFileName(file), "the runtime's sources travel with the package");
        }
    }

    private static string Text(ZipArchive package, string entry)
    {
        using var reader = new StreamReader(package.GetEntry(entry)?.Open() ?? throw new AssertFailedException($"the package has no {entry}"));
        return reader.ReadToEnd();
    }
}
