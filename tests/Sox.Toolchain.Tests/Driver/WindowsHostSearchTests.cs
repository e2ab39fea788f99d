using Sox.Compiler.Driver;

namespace Sox.Toolchain.Tests.Driver;

/// <summary>
/// The C compiler search for win-x64 on a simulated Windows host (<see cref="HostEnvironment"/>'s test constructor):
/// fake environment variables whose folders (PATH, <c>ProgramFiles</c>, <c>ProgramFiles(x86)</c>) are in a temporary
/// folder, and a fake <c>vswhere</c>. The same code runs on a real Windows host with <see cref="HostEnvironment.Current"/>;
/// only the file system under the folders and the probe's output are stand-ins. The last tests check that a Linux
/// host searches exactly as before.
/// </summary>
[TestClass]
public sealed class WindowsHostSearchTests
{
    private static readonly TargetPlatform Win = TargetPlatform.Find("win-x64")!;

    private string _root = "";

    [TestInitialize]
    public void CreateRoot() => _root = Directory.CreateTempSubdirectory("sox-winhost").FullName;

    [TestCleanup]
    public void DeleteRoot() => Directory.Delete(_root, recursive: true);

    /// <summary>Creates an empty file (the search only looks for files) and returns its path.</summary>
    private string Touch(params string[] parts)
    {
        var path = Path.Combine([_root, .. parts]);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, "");
        return path;
    }

    private string Folder(params string[] parts) => Path.Combine([_root, .. parts]);

    /// <summary>The variables a Windows machine has, pointing into the temporary folder, plus <paramref name="extra"/>.</summary>
    private Dictionary<string, string> WindowsVariables(params (string Name, string Value)[] extra)
    {
        // Case-insensitive as Windows' own: "PATH" in extra replaces "Path".
        var variables = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
        {
            ["Path"] = Folder("Windows", "System32"),
            ["PATHEXT"] = ".COM;.EXE;.BAT;.CMD;.VBS;.VBE;.JS;.JSE;.WSF;.WSH;.MSC",
            ["ProgramFiles"] = Folder("Program Files"),
            ["ProgramFiles(x86)"] = Folder("Program Files (x86)"),
        };
        foreach (var (name, value) in extra) variables[name] = value;
        return variables;
    }

    private sealed class FakeVswhere(string output, int exitCode = 0)
    {
        public List<(string Tool, IReadOnlyList<string> Arguments)> Calls { get; } = [];

        public ProcessRunner.Result? Run(string tool, IReadOnlyList<string> arguments)
        {
            Calls.Add((tool, arguments));
            return new ProcessRunner.Result(exitCode, output, "");
        }
    }

    private string InstallVswhere() => Touch("Program Files (x86)", "Microsoft Visual Studio", "Installer", "vswhere.exe");

    private static CCompiler? Locate(HostEnvironment host, out string tried, string? explicitCompiler = null, ToolchainFlavor? flavor = null) =>
        CCompiler.Locate(Win, explicitCompiler, flavor, host, out tried, out _);

    [TestMethod]
    public void Path_FindsClangAsClangExeThroughPathext_AndUsesItMsvcStyle()
    {
        var clang = Touch("LLVM", "bin", "clang.exe");
        // A quoted entry, as Windows allows in PATH, and the variable spelled "Path" as Windows does.
        var host = new HostEnvironment(true, WindowsVariables(("Path", Folder("Windows") + ";\"" + Folder("LLVM", "bin") + "\"")));

        var cc = Locate(host, out _);

        Assert.IsNotNull(cc);
        Assert.AreEqual(clang, cc.Path);
        Assert.AreEqual(ToolchainFlavor.Msvc, cc.Flavor);
        CollectionAssert.AreEqual(new[] { "--target=x86_64-pc-windows-msvc", "-fuse-ld=lld" }, cc.TargetArguments.ToArray());
        Assert.AreEqual(clang, host.FindProgram("clang"));
        Assert.AreEqual(clang, host.FindProgram("clang.exe"));
    }

    [TestMethod]
    public void Path_AFileWithoutAnExecutableExtensionIsNoProgram()
    {
        Touch("bin", "clang");
        Touch("bin", "clang.txt");
        var host = new HostEnvironment(true, WindowsVariables(("PATH", Folder("bin"))));
        Assert.IsNull(host.FindProgram("clang"));
        // Without PATHEXT, cmd.exe's default list applies.
        var exe = Touch("bin2", "clang.exe");
        var bare = new HostEnvironment(true, new Dictionary<string, string> { ["PATH"] = Folder("bin2") });
        CollectionAssert.AreEqual(new[] { ".COM", ".EXE", ".BAT", ".CMD" }, bare.ExecutableExtensions.ToArray());
        Assert.AreEqual(exe, bare.FindProgram("clang"));
    }

    [TestMethod]
    public void CC_WinsOverPath_AndAGccIsMinGWStyle()
    {
        Touch("LLVM", "bin", "clang.exe");
        var gcc = Touch("mingw64", "bin", "gcc.exe");
        var host = new HostEnvironment(true, WindowsVariables(("PATH", Folder("LLVM", "bin")), ("CC", Path.Combine(Folder("mingw64", "bin"), "gcc"))));

        var cc = Locate(host, out var tried);

        Assert.IsNotNull(cc);
        Assert.AreEqual(gcc, cc.Path);
        Assert.AreEqual(ToolchainFlavor.Gnu, cc.Flavor);
        Assert.AreEqual(0, cc.TargetArguments.Count, "a MinGW gcc targets Windows itself");
        StringAssert.StartsWith(tried, "CC=");
    }

    [TestMethod]
    public void CC_NamingClang_IsFoundOnPathAndIsMsvcStyle()
    {
        var clang = Touch("LLVM", "bin", "clang.exe");
        var host = new HostEnvironment(true, WindowsVariables(("PATH", Folder("LLVM", "bin")), ("CC", "clang")));
        var cc = Locate(host, out _);
        Assert.AreEqual(clang, cc?.Path);
        Assert.AreEqual(ToolchainFlavor.Msvc, cc!.Flavor);
    }

    [TestMethod]
    public void ExplicitCompiler_IsTheOnlyPlace_AndVswhereIsNotRun()
    {
        InstallVswhere();
        var vswhere = new FakeVswhere(Folder("VS"));
        var host = new HostEnvironment(true, WindowsVariables(), vswhere.Run);

        Assert.IsNull(Locate(host, out var tried, explicitCompiler: "no-such-clang"));
        Assert.AreEqual("'no-such-clang'", tried);
        Assert.AreEqual(0, vswhere.Calls.Count);
    }

    [TestMethod]
    public void Vswhere_FindsVisualStudiosClang_WithTheDocumentedQuery()
    {
        var vswherePath = InstallVswhere();
        var clang = Touch("VS", "2022", "BuildTools", "VC", "Tools", "Llvm", "x64", "bin", "clang.exe");
        var llvmLib = Touch("VS", "2022", "BuildTools", "VC", "Tools", "Llvm", "x64", "bin", "llvm-lib.exe");
        var vswhere = new FakeVswhere(Folder("VS", "2022", "BuildTools") + "\r\n");
        var host = new HostEnvironment(true, WindowsVariables(), vswhere.Run);

        var cc = Locate(host, out var tried);

        Assert.IsNotNull(cc, tried);
        Assert.AreEqual(clang, cc.Path);
        Assert.AreEqual(ToolchainFlavor.Msvc, cc.Flavor);
        Assert.AreEqual(1, vswhere.Calls.Count);
        Assert.AreEqual(vswherePath, vswhere.Calls[0].Tool);
        CollectionAssert.AreEqual(new[]
        {
            "-latest", "-prerelease", "-products", "*", "-requires", "Microsoft.VisualStudio.Component.VC.Llvm.Clang", "-property", "installationPath",
        }, vswhere.Calls[0].Arguments.ToArray());
        // The archiver is the one beside that clang, though nothing is on PATH.
        Assert.AreEqual(llvmLib, RuntimeLibrary.ArchiverFor(cc.Path, Win, cc.Flavor, host));
    }

    [TestMethod]
    public void Vswhere_WithoutTheClangComponent_FallsBackToProgramFilesLlvm()
    {
        InstallVswhere();
        var clang = Touch("Program Files", "LLVM", "bin", "clang.exe");
        Touch("Program Files", "LLVM", "bin", "llvm-ar.exe");
        // -requires filters out every installation: vswhere prints nothing and succeeds.
        var host = new HostEnvironment(true, WindowsVariables(), new FakeVswhere("").Run);

        var cc = Locate(host, out var tried);

        Assert.IsNotNull(cc, tried);
        Assert.AreEqual(clang, cc.Path);
        Assert.AreEqual(ToolchainFlavor.Msvc, cc.Flavor);
        StringAssert.Contains(tried, "vswhere found no installation with the component Microsoft.VisualStudio.Component.VC.Llvm.Clang");
        Assert.AreEqual(Path.Combine(Folder("Program Files", "LLVM", "bin"), "llvm-ar.exe"), RuntimeLibrary.ArchiverFor(cc.Path, Win, cc.Flavor, host));
    }

    [TestMethod]
    public void Nothing_TheErrorNamesEveryPlaceWhatToInstallAndWhatToSet()
    {
        InstallVswhere();
        var host = new HostEnvironment(true, WindowsVariables(("CC", "my-cc")), new FakeVswhere("").Run);

        Assert.IsNull(Locate(host, out var tried));

        string[] places =
        [
            "CC='my-cc'",
            "'clang' on PATH (with PATHEXT .COM;.EXE;",
            "Visual Studio's LLVM (vswhere found no installation with the component Microsoft.VisualStudio.Component.VC.Llvm.Clang",
            "'" + Path.Combine(Folder("Program Files", "LLVM", "bin"), "clang.exe") + "'",
            "'gcc' on PATH",
            "'x86_64-w64-mingw32-gcc' on PATH",
        ];
        var at = -1;
        foreach (var place in places)
        {
            var next = tried.IndexOf(place, StringComparison.Ordinal);
            Assert.IsTrue(next > at, $"'{place}' should follow the places before it in: {tried}");
            at = next;
        }
        var hint = WindowsToolchain.InstallHint(null, "<SoxCC>", "<SoxWindowsToolchain>");
        foreach (var part in new[] { "\"C++ Clang tools for Windows\"", "Microsoft.VisualStudio.Component.VC.Llvm.Clang", "https://github.com/llvm/llvm-project/releases", "<SoxCC>", "CC environment variable", "<SoxWindowsToolchain> to mingw" })
        {
            StringAssert.Contains(hint, part);
        }
        StringAssert.Contains(WindowsToolchain.InstallHint(ToolchainFlavor.Gnu, "--cc", "--windows-toolchain"), "MinGW-w64");
    }

    [TestMethod]
    public void NoVisualStudio_TheErrorSaysVswhereIsMissing()
    {
        var host = new HostEnvironment(true, WindowsVariables(), new FakeVswhere("unused").Run);
        Assert.IsNull(Locate(host, out var tried, flavor: ToolchainFlavor.Msvc));
        StringAssert.Contains(tried, "vswhere.exe' not found");
        Assert.IsFalse(tried.Contains("gcc", StringComparison.Ordinal), "MSVC-style chosen: no MinGW gcc is looked for");
    }

    [TestMethod]
    public void MinGWChosen_SkipsVisualStudio_AndGivesClangTheGnuTriple()
    {
        InstallVswhere();
        var vswhere = new FakeVswhere(Folder("VS"));
        var clang = Touch("llvm-mingw", "bin", "clang.exe");
        var host = new HostEnvironment(true, WindowsVariables(("PATH", Folder("llvm-mingw", "bin"))), vswhere.Run);

        var cc = Locate(host, out _, flavor: ToolchainFlavor.Gnu);

        Assert.AreEqual(clang, cc?.Path);
        Assert.AreEqual(ToolchainFlavor.Gnu, cc!.Flavor);
        CollectionAssert.AreEqual(new[] { "--target=x86_64-w64-windows-gnu", "-fuse-ld=lld" }, cc.TargetArguments.ToArray());
        Assert.AreEqual(0, vswhere.Calls.Count);
    }

    [TestMethod]
    public void Auto_WithOnlyAMinGWGccOnPath_TakesItMinGWStyle()
    {
        var gcc = Touch("msys64", "ucrt64", "bin", "gcc.exe");
        var host = new HostEnvironment(true, WindowsVariables(("PATH", Folder("msys64", "ucrt64", "bin"))));
        var cc = Locate(host, out _);
        Assert.AreEqual(gcc, cc?.Path);
        Assert.AreEqual(ToolchainFlavor.Gnu, cc!.Flavor);
        Assert.AreEqual(ToolchainFlavor.Gnu, LinkToolchain.Of(cc).Flavor);
    }

    [TestMethod]
    public void Defaults_MsvcOnAWindowsHost_MinGWElsewhere()
    {
        Assert.AreEqual(ToolchainFlavor.Msvc, new HostEnvironment(true, new Dictionary<string, string>()).DefaultWindowsFlavor);
        Assert.AreEqual(ToolchainFlavor.Gnu, new HostEnvironment(false, new Dictionary<string, string>()).DefaultWindowsFlavor);
        Assert.AreEqual(';', new HostEnvironment(true, new Dictionary<string, string>()).PathListSeparator);
        Assert.AreEqual(':', new HostEnvironment(false, new Dictionary<string, string>()).PathListSeparator);
        Assert.IsTrue(ToolchainFlavors.TryParse("MSVC", out var msvc) && msvc == ToolchainFlavor.Msvc);
        Assert.IsTrue(ToolchainFlavors.TryParse("mingw", out var mingw) && mingw == ToolchainFlavor.Gnu);
        Assert.IsTrue(ToolchainFlavors.TryParse("", out var none) && none is null);
        Assert.IsFalse(ToolchainFlavors.TryParse("cygwin", out _));
    }

    // ---- A Linux host: the search and its messages exactly as before ----

    [TestMethod]
    public void LinuxHost_CrossSearchIsTheMinGWListOnPath()
    {
        var gcc = Touch("usr", "bin", "x86_64-w64-mingw32-gcc");
        Touch("usr", "bin", "clang");
        var host = new HostEnvironment(false, new Dictionary<string, string> { ["PATH"] = Folder("nothing") + ":" + Folder("usr", "bin") });

        var cc = Locate(host, out _);

        Assert.AreEqual(gcc, cc?.Path);
        Assert.AreEqual(ToolchainFlavor.Gnu, cc!.Flavor);
        Assert.AreEqual(0, cc.TargetArguments.Count);
    }

    [TestMethod]
    public void LinuxHost_ClangGetsTheMinGWTriple_OrTheMsvcOneWhenChosen()
    {
        Touch("usr", "bin", "clang");
        var host = new HostEnvironment(false, new Dictionary<string, string> { ["PATH"] = Folder("usr", "bin") });
        CollectionAssert.AreEqual(new[] { "--target=x86_64-w64-windows-gnu", "-fuse-ld=lld" }, Locate(host, out _)!.TargetArguments.ToArray());
        var msvc = Locate(host, out _, flavor: ToolchainFlavor.Msvc)!;
        Assert.AreEqual(ToolchainFlavor.Msvc, msvc.Flavor);
        CollectionAssert.AreEqual(new[] { "--target=x86_64-pc-windows-msvc", "-fuse-ld=lld" }, msvc.TargetArguments.ToArray());
    }

    [TestMethod]
    public void LinuxHost_NothingFound_TriedAndNeededAreAsBefore()
    {
        Touch("bin", "clang.exe");
        var host = new HostEnvironment(false, new Dictionary<string, string> { ["PATH"] = Folder("bin"), ["PATHEXT"] = ".EXE" });
        Assert.IsNull(CCompiler.Locate(Win, null, null, host, out var tried, out var needed));
        Assert.AreEqual("'x86_64-w64-mingw32-gcc', 'clang'", tried);
        Assert.AreEqual("'x86_64-w64-mingw32-gcc' or 'clang', not found on PATH", needed);
        Assert.AreEqual(0, host.ExecutableExtensions.Count, "PATHEXT means nothing off Windows");
    }

    [TestMethod]
    public void LinuxHost_NativeTargetSearchIsCCThenTheCandidates()
    {
        var linux = TargetPlatform.Find("linux-x64")!;
        var gcc = Touch("usr", "bin", linux.CCompilerCandidates[^1]);
        var host = new HostEnvironment(false, new Dictionary<string, string> { ["PATH"] = Folder("usr", "bin") });
        var cc = CCompiler.Locate(linux, null, null, host, out var tried, out _);
        Assert.AreEqual(gcc, cc?.Path);
        Assert.AreEqual(string.Join(", ", linux.CCompilerCandidates.Select(c => $"'{c}'")), tried);
        Assert.AreEqual(ToolchainFlavor.Gnu, cc!.Flavor);

        var named = Touch("opt", "bin", "my-cc");
        var withCC = new HostEnvironment(false, new Dictionary<string, string> { ["PATH"] = Folder("usr", "bin"), ["CC"] = named });
        Assert.AreEqual(named, CCompiler.Locate(linux, null, null, withCC, out _, out _)?.Path, "CC wins over the candidates");
    }

    /// <summary>issue 13: a CC that names no program is reported, not silently replaced by another compiler.</summary>
    [TestMethod]
    public void LinuxHost_ACCThatIsNotThere_IsAnError_NotAFallback()
    {
        var linux = TargetPlatform.Find("linux-x64")!;
        Touch("usr", "bin", linux.CCompilerCandidates[^1]);
        var host = new HostEnvironment(false, new Dictionary<string, string> { ["PATH"] = Folder("usr", "bin"), ["CC"] = "no-such-cc" });
        Assert.IsNull(CCompiler.Locate(linux, null, null, host, out var tried, out _));
        StringAssert.Contains(tried, "'no-such-cc' (named by the CC environment variable");
    }
}
