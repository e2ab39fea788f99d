using Microsoft.Build.Framework;
using Microsoft.Build.Utilities;
using Sox.Build.Tasks;
using Sox.Compiler.Driver;

namespace Sox.Sdk.Tests.Tasks;

/// <summary>
/// <c>SoxResolveToolchain</c> and <c>SoxWriteLinkCommand</c> for win-x64 on a simulated Windows host
/// (<see cref="HostEnvironment"/>'s test constructor: Program Files folders in a temporary folder, a fake vswhere):
/// the SDK's side of the Windows toolchain search and of the MSVC-style link.
/// </summary>
[TestClass]
public sealed class WindowsToolchainTaskTests
{
    private sealed class RecordingEngine : IBuildEngine
    {
        public List<BuildErrorEventArgs> Errors { get; } = [];
        public bool ContinueOnError => false;
        public int LineNumberOfTaskNode => 0;
        public int ColumnNumberOfTaskNode => 0;
        public string ProjectFileOfTaskNode => "test.soxproj";
        public bool BuildProjectFile(string projectFileName, string[] targetNames, System.Collections.IDictionary globalProperties, System.Collections.IDictionary targetOutputs) => false;
        public void LogCustomEvent(CustomBuildEventArgs e) { }
        public void LogErrorEvent(BuildErrorEventArgs e) => Errors.Add(e);
        public void LogMessageEvent(BuildMessageEventArgs e) { }
        public void LogWarningEvent(BuildWarningEventArgs e) { }
    }

    private string _root = "";

    [TestInitialize]
    public void CreateRoot() => _root = Directory.CreateTempSubdirectory("sox-wintask").FullName;

    [TestCleanup]
    public void DeleteRoot() => Directory.Delete(_root, recursive: true);

    private string Touch(params string[] parts)
    {
        var path = Path.Combine([_root, .. parts]);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, "");
        // The task checks the execute bit off Windows, where this test runs on the real file system.
        if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        return path;
    }

    private HostEnvironment WindowsHost(string vswhereOutput) => new(true, new Dictionary<string, string>
    {
        ["PATH"] = Path.Combine(_root, "Windows"),
        ["PATHEXT"] = ".COM;.EXE;.BAT;.CMD",
        ["ProgramFiles"] = Path.Combine(_root, "Program Files"),
        ["ProgramFiles(x86)"] = Path.Combine(_root, "Program Files (x86)"),
    }, (_, _) => new ProcessRunner.Result(0, vswhereOutput, ""));

    [TestMethod]
    public void Resolve_FindsVisualStudiosClang_MsvcStyle_WithItsLlvmLib()
    {
        Touch("Program Files (x86)", "Microsoft Visual Studio", "Installer", "vswhere.exe");
        var clang = Touch("VS", "VC", "Tools", "Llvm", "x64", "bin", "clang.exe");
        var llvmLib = Touch("VS", "VC", "Tools", "Llvm", "x64", "bin", "llvm-lib.exe");
        var engine = new RecordingEngine();
        var task = new SoxResolveToolchain { BuildEngine = engine, RuntimeIdentifier = "win-x64", NeedsArchiver = true, Host = WindowsHost(Path.Combine(_root, "VS")) };

        Assert.IsTrue(task.Execute(), string.Join("\n", engine.Errors.Select(e => e.Message)));

        Assert.AreEqual(clang, task.CCompilerPath);
        Assert.AreEqual(llvmLib, task.ArchiverPath);
        Assert.AreEqual("msvc", task.ResolvedWindowsToolchain);
        CollectionAssert.AreEqual(new[] { "--target=x86_64-pc-windows-msvc", "-fuse-ld=lld" }, task.TargetArguments);
        CollectionAssert.DoesNotContain(task.RuntimeCompileFlags, "-fPIC");
    }

    [TestMethod]
    public void Resolve_NothingInstalled_IsOneSox5003NamingThePlacesTheComponentAndSoxCC()
    {
        Touch("Program Files (x86)", "Microsoft Visual Studio", "Installer", "vswhere.exe");
        var engine = new RecordingEngine();
        var task = new SoxResolveToolchain { BuildEngine = engine, RuntimeIdentifier = "win-x64", Host = WindowsHost("") };

        Assert.IsFalse(task.Execute());

        Assert.AreEqual(1, engine.Errors.Count);
        Assert.AreEqual("SOX5003", engine.Errors[0].Code);
        foreach (var part in new[] { "'clang' on PATH", "vswhere found no installation", Path.Combine(_root, "Program Files", "LLVM", "bin", "clang.exe"), "C++ Clang tools for Windows", "llvm-project/releases", "<SoxCC>", "<SoxWindowsToolchain> to mingw" })
        {
            StringAssert.Contains(engine.Errors[0].Message, part);
        }
    }

    [TestMethod]
    public void Resolve_AMissingSoxCC_IsReportedAsSuch_AndNothingElseIsSearched()
    {
        Touch("Program Files", "LLVM", "bin", "clang.exe");
        var engine = new RecordingEngine();
        var task = new SoxResolveToolchain { BuildEngine = engine, RuntimeIdentifier = "win-x64", CCompiler = @"C:\nowhere\clang.exe", Host = WindowsHost("") };
        Assert.IsFalse(task.Execute());
        Assert.AreEqual("SOX5003", engine.Errors.Single().Code);
        StringAssert.Contains(engine.Errors[0].Message, "The C compiler named by SoxCC");
    }

    [TestMethod]
    public void Resolve_AnUnknownWindowsToolchain_IsSox6006()
    {
        var engine = new RecordingEngine();
        var task = new SoxResolveToolchain { BuildEngine = engine, RuntimeIdentifier = "win-x64", WindowsToolchain = "cygwin", Host = WindowsHost("") };
        Assert.IsFalse(task.Execute());
        Assert.AreEqual("SOX6006", engine.Errors.Single().Code);
        StringAssert.Contains(engine.Errors[0].Message, "msvc, mingw");
    }

    [TestMethod]
    public void Resolve_MinGWChosen_TakesTheGccOnPath()
    {
        var gcc = Touch("Windows", "gcc.exe");
        Touch("Windows", "clang.exe");
        var engine = new RecordingEngine();
        var task = new SoxResolveToolchain { BuildEngine = engine, RuntimeIdentifier = "win-x64", WindowsToolchain = "mingw", Host = WindowsHost("") };
        Assert.IsTrue(task.Execute(), string.Join("\n", engine.Errors.Select(e => e.Message)));
        Assert.AreEqual(gcc, task.CCompilerPath);
        Assert.AreEqual("mingw", task.ResolvedWindowsToolchain);
        CollectionAssert.Contains(task.RuntimeCompileFlags, "-fPIC");
    }

    [TestMethod]
    public void WriteLinkCommand_MsvcStaticLibrary_IsLlvmLibWithAWindowsSyntaxResponseFile()
    {
        var rsp = Path.Combine(_root, "obj", "link.rsp");
        var task = new SoxWriteLinkCommand
        {
            BuildEngine = new RecordingEngine(),
            RuntimeIdentifier = "win-x64",
            OutputType = "Library",
            OutputPath = Path.Combine(_root, "bin", "Greeter.lib"),
            ResponseFile = rsp,
            CCompiler = "clang",
            TargetArguments = ["--target=x86_64-pc-windows-msvc", "-fuse-ld=lld"],
            Archiver = Path.Combine(_root, "llvm", "llvm-lib.exe"),
            ProgramObjects = [new TaskItem(Path.Combine(_root, "obj", "a b.obj"))],
        };
        Assert.IsTrue(task.Execute());
        Assert.AreEqual(Path.Combine(_root, "llvm", "llvm-lib.exe"), task.Tool);
        var expected = LinkCommand.Archive(task.Archiver, task.OutputPath, [Path.Combine(_root, "obj", "a b.obj")], HostEnvironment.Current);
        Assert.AreEqual(ResponseFileSyntax.Windows, expected.Syntax);
        Assert.AreEqual(ResponseFile.Format(expected.Arguments, ResponseFileSyntax.Windows), File.ReadAllText(rsp));
        StringAssert.StartsWith(File.ReadAllText(rsp), "/out:");
    }

    [TestMethod]
    [DataRow(@"C:\src\a b.c:3:14: error: use of undeclared identifier 'x'", @"C:\src\a b.c", 3, 14, "error")]
    [DataRow(@"D:/work/util.c:12:1: warning: unused", "D:/work/util.c", 12, 1, "warning")]
    [DataRow("/home/u/util.c:7: fatal error: x.h: No such file", "/home/u/util.c", 7, 0, "fatal error")]
    public void CompilerDiagnostics_KeepTheirLocation_WithAWindowsDrive(string line, string file, int lineNumber, int column, string kind)
    {
        var match = SoxNativeTool.GccDiagnostic().Match(line);
        Assert.IsTrue(match.Success, line);
        Assert.AreEqual(file, match.Groups["file"].Value);
        Assert.AreEqual(lineNumber, int.Parse(match.Groups["line"].Value));
        Assert.AreEqual(column, match.Groups["col"].Success ? int.Parse(match.Groups["col"].Value) : 0);
        Assert.AreEqual(kind, match.Groups["kind"].Value);
    }
}
