using Sox.Compiler.CodeGen;
using Sox.Compiler.Driver;
using Sox.Compiler.ObjectFiles.Coff;
using Sox.Compiler.Targets.X64;
using Sox.Toolchain.Tests.CodeGen;
using Sox.Toolchain.Tests.ObjectFiles;

namespace Sox.Toolchain.Tests.Cli;

/// <summary>
/// win-x64 as a driver target (docs/architecture.md "Targets"): backend, convention and COFF writer, the MinGW
/// link command (<c>app.exe</c>; <c>--emit shared</c> → <c>Name.dll</c> and <c>Name.lib</c>), Wine as the runner with
/// what to install when it is missing, and <c>sox build</c>/<c>sox run --target win-x64</c> end to end.
/// </summary>
[TestClass]
public sealed class WinTargetTests
{
    private static TargetPlatform Win => TargetPlatform.Find("win-x64")!;

    [TestMethod]
    public void WinX64UsesTheX64BackendWithTheMicrosoftConventionAndCoff()
    {
        Assert.AreSame(X64Target.WindowsX64, Win.Description);
        Assert.AreEqual(CallingConventionKind.MicrosoftX64, Win.Description.Convention);
        Assert.AreEqual(ObjectFormat.Coff, Win.Description.ObjectFormat);
        Assert.IsInstanceOfType<X64Backend>(Win.CreateBackend());
        Assert.IsInstanceOfType<CoffObjectWriter>(Win.ObjectWriter);
        Assert.AreEqual(".exe", Win.ExecutableExtension);
        Assert.AreEqual(".obj", Win.ObjectWriter.FileExtension);
    }

    [TestMethod]
    public void OnLinuxTheMinGwDriversLinkAndWineRuns()
    {
        if (OperatingSystem.IsWindows()) Assert.Inconclusive("on Windows programs run natively");
        CollectionAssert.AreEqual(new[] { "x86_64-w64-mingw32-gcc", "clang" }, Win.CCompilerCandidates.ToArray());
        CollectionAssert.AreEqual(new[] { "--target=x86_64-w64-windows-gnu", "-fuse-ld=lld" }, Win.CompilerArguments("clang").ToArray());
        Assert.IsEmpty(Win.CompilerArguments("x86_64-w64-mingw32-gcc"));
        Assert.AreEqual("wine64", Win.Runner);
        Assert.AreEqual("-all", Win.RunnerEnvironment["WINEDEBUG"]);
        Assert.IsNotNull(Win.PrepareRunner, "a persistent wineserver is started before programs run");
    }

    [TestMethod]
    public void AMissingWineIsReportedWithThePackagesToInstall()
    {
        if (OperatingSystem.IsWindows()) Assert.Inconclusive("on Windows programs run natively");
        var noWine = Win with { RunnerLocator = () => null };
        Assert.AreEqual("wine64", noWine.MissingRunner());
        StringAssert.Contains(noWine.ToolInstallHint, "wine64");
        StringAssert.Contains(noWine.ToolInstallHint, "mingw-w64");
        // Wine's loader is looked for on PATH and where Debian installs it off PATH.
        CollectionAssert.Contains(WineRunner.KnownLocations, "/usr/lib/wine/wine64");
        StringAssert.Contains(noWine.RunnerSearch, "/usr/lib/wine/wine64", "SOX5007 says where wine64 was looked for");
        var withWine = Win with { RunnerLocator = () => "/opt/wine/wine64" };
        Assert.IsNull(withWine.MissingRunner());
        CollectionAssert.AreEqual(new[] { "/opt/wine/wine64", "app.exe" }, withWine.RunCommand("app.exe").ToArray());
    }

    [TestMethod]
    public void LinkCommandsNameTheExeAndWriteAnImportLibraryBesideADll()
    {
        var toolchain = new LinkToolchain("/usr/bin/x86_64-w64-mingw32-gcc", []);
        var exe = LinkCommand.For(Win, toolchain, new LinkInputs { OutputPath = "/o/app.exe", ProgramObjects = ["/o/a.obj"], Runtime = ["/r/libsoxrt.a"] });
        CollectionAssert.AreEqual(new[] { "-o", "/o/app.exe", "/o/a.obj", "/r/libsoxrt.a", "-lm", "-lpthread" }, exe.Arguments.ToArray());
        var dll = LinkCommand.For(Win, toolchain, new LinkInputs
        {
            OutputPath = "/o/Name.dll", Kind = LinkOutputKind.SharedLibrary, ProgramObjects = ["/o/a.obj"], Runtime = ["/r/libsoxrt.a"],
        });
        CollectionAssert.AreEqual(new[] { "-shared", "-static-libgcc", "-Wl,--out-implib,/o/Name.lib", "-o", "/o/Name.dll", "/o/a.obj", "/r/libsoxrt.a", "-lm", "-lpthread" },
            dll.Arguments.ToArray());
        Assert.AreEqual("/o/app.exe", NativeCompiler.LinkOutputPath(Win, "/o/app", shared: false));
        Assert.AreEqual("/o/Name.dll", NativeCompiler.LinkOutputPath(Win, "/o/Name", shared: true));
        Assert.AreEqual("/o/app.exe", NativeCompiler.LinkOutputPath(Win, "/o/app.exe", shared: false));
        Assert.AreEqual("/o/app", NativeCompiler.LinkOutputPath(TargetPlatform.Find("linux-x64")!, "/o/app", shared: false));
    }

    [TestMethod]
    public void EmitObjWritesAnAmd64CoffObjectWithUnwindDataAndNeedsNoCCompiler()
    {
        using var dir = new TempDirectory();
        var source = Path.Combine(dir.Path, "p.sox");
        File.WriteAllText(source, "fn f(n) { return n + 1 }\nprint f(41)\n");
        var obj = Path.Combine(dir.Path, "p.obj");
        var run = CliRun.Of("build", "--target", "win-x64", "--emit", "obj", source, "-o", obj);
        Assert.AreEqual(0, run.ExitCode, run.Error);
        var bytes = File.ReadAllBytes(obj);
        Assert.AreEqual(0x8664, BitConverter.ToUInt16(bytes, 0), "IMAGE_FILE_MACHINE_AMD64");
        if (ExternalTool.Find("llvm-readobj") is not { } readobj) return;
        var unwind = ExternalTool.RunClean(readobj, dir.Path, "--unwind", obj);
        StringAssert.Contains(unwind, "StartAddress: sox_program_entry");
        StringAssert.Contains(unwind, "SET_FPREG reg=RBP");
    }

    [TestMethod]
    public void BuildWritesAppExeAndRunRunsItUnderWine()
    {
        WindowsX64BackendRunTests.RequireTools();
        using var dir = new TempDirectory();
        var source = Path.Combine(dir.Path, "app.sox");
        File.WriteAllText(source, "fn fib(n) { if (n < 2) return n; return fib(n - 1) + fib(n - 2) }\nprint fib(20)\nprint 1.5 * 3\n");
        var build = CliRun.Of("build", "--target", "win-x64", source, "-o", Path.Combine(dir.Path, "app"));
        Assert.AreEqual(0, build.ExitCode, build.Error);
        Assert.IsTrue(File.Exists(Path.Combine(dir.Path, "app.exe")), "-o app writes app.exe");
        var run = CliRun.Of("run", "--target", "win-x64", source);
        Assert.AreEqual(0, run.ExitCode, run.Error);
        Assert.AreEqual("6765\n4.5\n", run.Out.Replace("\r\n", "\n"));
    }
}
