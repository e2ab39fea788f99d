using Sox.Compiler.Driver;
using Sox.Toolchain.Tests.Cli;
using Sox.Toolchain.Tests.CodeGen;
using Sox.Toolchain.Tests.ObjectFiles;

namespace Sox.Toolchain.Tests.Driver;

/// <summary><c>sox build --windows-toolchain msvc|mingw</c> end to end on this (Linux) machine.</summary>
[TestClass]
public sealed class WindowsToolchainOptionTests
{
    [TestMethod]
    public void AnUnknownFlavour_IsAUsageError()
    {
        using var dir = new TempDirectory();
        var source = Path.Combine(dir.Path, "p.sox");
        File.WriteAllText(source, "print 1\n");
        var run = CliRun.Of("build", "--target", "win-x64", "--windows-toolchain", "cygwin", source, "-o", Path.Combine(dir.Path, "p.exe"));
        Assert.AreNotEqual(0, run.ExitCode);
        StringAssert.Contains(run.Error, "--windows-toolchain takes msvc, mingw");
    }

    [TestMethod]
    public void MinGW_Chosen_BuildsAProgramThatRunsUnderWine()
    {
        var (_, platform) = WindowsX64BackendRunTests.RequireTools();
        using var dir = new TempDirectory();
        var source = Path.Combine(dir.Path, "p.sox");
        File.WriteAllText(source, "fn f(n) { return n * 2 }\nprint f(21)\n");
        var exe = Path.Combine(dir.Path, "p.exe");
        var build = CliRun.Of("build", "--target", "win-x64", "--windows-toolchain", "mingw", source, "-o", exe);
        Assert.AreEqual(0, build.ExitCode, build.Error);
        var (exit, stdout, stderr) = WindowsX64BackendRunTests.RunUnderWine(platform, exe);
        Assert.AreEqual(0, exit, stderr);
        Assert.AreEqual("42\n", stdout);
    }

    [TestMethod]
    public void Msvc_OnLinux_CompilesTheRuntimeForTheMsvcTripleWithoutFPic()
    {
        // Without the MSVC headers and libraries (a Windows SDK) the build cannot succeed here; what it shows is that
        // the MSVC-style flags reach clang: the failure is a missing header, not clang's "unsupported option '-fPIC'".
        var clang = ProcessRunner.FindOnPath("clang") ?? throw new AssertInconclusiveException("needs clang (Debian package clang)");
        using var dir = new TempDirectory();
        var source = Path.Combine(dir.Path, "p.sox");
        File.WriteAllText(source, "print 1\n");
        var build = CliRun.Of("build", "--target", "win-x64", "--windows-toolchain", "msvc", "--cc", clang, source, "-o", Path.Combine(dir.Path, "p.exe"));
        if (build.ExitCode == 0) return;
        StringAssert.Contains(build.Error, "SOX5004");
        Assert.IsFalse(build.Error.Contains("-fPIC", StringComparison.Ordinal), build.Error);
    }
}
