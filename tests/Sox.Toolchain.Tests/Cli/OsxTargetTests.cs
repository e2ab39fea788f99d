using Sox.Compiler.Driver;
using Sox.Toolchain.Tests.ObjectFiles;

namespace Sox.Toolchain.Tests.Cli;

/// <summary>
/// <c>--target osx-arm64</c> / <c>osx-x64</c> through the command line off a Mac: objects and listings need no SDK;
/// linking without one is SOX5007 naming the SDK; running is SOX5012. Also <c>--emit obj</c> of a program with
/// imports, which merges the modules in the model, linked and run on the host.
/// </summary>
[TestClass]
public sealed class OsxTargetTests
{
    private const string Program = "import \"lib/util\"\nprint util.twice(21)\n";
    private const string Library = "return {twice: fn (x) { return 2 * x }}\n";

    private static string WriteProgram(TempProject project)
    {
        project.Write("lib/util.sox", Library);
        return project.Write("app.sox", Program);
    }

    private static void RequireNoMacAndNoSdk()
    {
        if (OperatingSystem.IsMacOS()) Assert.Inconclusive("on a Mac the osx targets link and run natively");
        if (!string.IsNullOrEmpty(Environment.GetEnvironmentVariable("SDKROOT"))) Assert.Inconclusive("SDKROOT is set: this machine has a macOS SDK");
    }

    [TestMethod]
    [DataRow("osx-arm64", 0x0100000Cu)]
    [DataRow("osx-x64", 0x01000007u)]
    public void EmitObjWritesOneMachOObjectWithoutAnSdk(string target, uint cpuType)
    {
        using var project = new TempProject();
        var output = Path.Combine(project.Root, "app.o");
        var build = CliRun.Of("build", "--target", target, "--emit", "obj", WriteProgram(project), "-o", output);
        Assert.AreEqual(0, build.ExitCode, build.Error);
        var bytes = File.ReadAllBytes(output);
        Assert.AreEqual(0xFEEDFACFu, BitConverter.ToUInt32(bytes, 0), "MH_MAGIC_64");
        Assert.AreEqual(cpuType, BitConverter.ToUInt32(bytes, 4));
        Assert.AreEqual(1u, BitConverter.ToUInt32(bytes, 12), "MH_OBJECT");
    }

    [TestMethod]
    public void EmitAsmListsArm64CodeForOsxArm64()
    {
        using var project = new TempProject();
        var output = Path.Combine(project.Root, "app.s");
        var build = CliRun.Of("build", "--target", "osx-arm64", "--emit", "asm", WriteProgram(project), "-o", output);
        Assert.AreEqual(0, build.ExitCode, build.Error);
        var listing = File.ReadAllText(output);
        StringAssert.Contains(listing, "function sox_program_entry");
        StringAssert.Contains(listing, "BlSymbol sox_mod_app_init");
    }

    [TestMethod]
    [DataRow("osx-arm64")]
    [DataRow("osx-x64")]
    public void LinkingWithoutAnSdkIsSox5007NamingWhatIsMissing(string target)
    {
        RequireNoMacAndNoSdk();
        using var project = new TempProject();
        var build = CliRun.Of("build", "--target", target, WriteProgram(project), "-o", Path.Combine(project.Root, "app"));
        Assert.AreEqual(1, build.ExitCode, build.Error);
        var error = build.ErrorLines.Single();
        StringAssert.Contains(error, "error SOX5007: ");
        StringAssert.Contains(error, "a macOS SDK (set SDKROOT) and 'clang'");
        StringAssert.Contains(error, "--emit obj");
        Assert.IsFalse(File.Exists(Path.Combine(project.Root, "app")));
    }

    [TestMethod]
    [DataRow("run")]
    [DataRow("test")]
    public void RunningForMacOSOffAMacIsSox5012(string command)
    {
        if (OperatingSystem.IsMacOS()) Assert.Inconclusive("a Mac runs osx programs");
        using var project = new TempProject();
        var run = CliRun.Of(command, "--target", "osx-arm64", WriteProgram(project));
        Assert.AreEqual(1, run.ExitCode, run.Error);
        StringAssert.Contains(run.ErrorLines.Single(), "error SOX5012: ");
        StringAssert.Contains(run.Error, "a Mac");
    }

    [TestMethod]
    public void TheMergedObjectOfAProgramWithImportsLinksWithTheRuntimeAndRuns()
    {
        if (!OperatingSystem.IsLinux()) Assert.Inconclusive("links for the Linux host");
        var platform = TargetPlatform.Find(TargetPlatform.Host)!;
        var cc = CCompiler.Locate(platform, null, out var tried) ?? throw new AssertInconclusiveException($"needs a C compiler ({tried})");
        using var project = new TempProject();
        var obj = Path.Combine(project.Root, "app.o");
        var build = CliRun.Of("build", "--emit", "obj", WriteProgram(project), "-o", obj);
        Assert.AreEqual(0, build.ExitCode, build.Error);

        var archive = RuntimeLibrary.Ensure(cc, platform, RuntimeLibrary.LocateSources(out _)!, BuildOptions.DefaultCacheDirectory(), out _);
        var exe = Path.Combine(project.Root, "app");
        var link = ProcessRunner.Run(cc.Path, [.. cc.TargetArguments, "-o", exe, obj, archive, "-lm", "-lpthread"]);
        Assert.AreEqual(0, link.ExitCode, link.Output);
        var run = ExternalTool.Run(exe, project.Root);
        Assert.AreEqual(0, run.ExitCode, run.StandardError);
        Assert.AreEqual("42\n", run.StandardOutput);
    }
}
