using System.Runtime.InteropServices;
using Sox.Compiler.CodeGen;
using Sox.Compiler.Driver;
using Sox.Compiler.Targets.Arm64;
using Sox.Toolchain.Tests.ObjectFiles;

namespace Sox.Toolchain.Tests.Arm64;

/// <summary>linux-arm64 as a driver target: registration, compiler arguments per candidate, the qemu runner, SOX5007.</summary>
[TestClass]
public sealed class Arm64TargetPlatformTests
{
    private static bool HostIsArm64 => RuntimeInformation.OSArchitecture == Architecture.Arm64;

    [TestMethod]
    public void LinuxArm64IsRegisteredWithTheArm64Backend()
    {
        var platform = TargetPlatform.Find("linux-arm64");
        Assert.IsNotNull(platform);
        Assert.AreSame(Arm64Target.LinuxArm64, platform.Description);
        Assert.IsInstanceOfType<Arm64Backend>(platform.CreateBackend());
        Assert.AreEqual(CallingConventionKind.Aapcs64, platform.Description.Convention);
    }

    [TestMethod]
    public void CrossCompilersGetTheirOwnArguments()
    {
        if (HostIsArm64) Assert.Inconclusive("on an arm64 host linux-arm64 uses the native compilers");
        var platform = TargetPlatform.Find("linux-arm64")!;
        CollectionAssert.AreEqual(new[] { "aarch64-linux-gnu-gcc", "clang" }, platform.CCompilerCandidates.ToArray());
        Assert.IsEmpty(platform.CompilerArguments("aarch64-linux-gnu-gcc"));
        CollectionAssert.AreEqual(new[] { "--target=aarch64-linux-gnu", "-fuse-ld=lld" }, platform.CompilerArguments("/usr/bin/clang").ToArray());
    }

    [TestMethod]
    public void ProgramsRunUnderQemuWithTheCrossSysroot()
    {
        if (HostIsArm64) Assert.Inconclusive("on an arm64 host programs run natively");
        var platform = TargetPlatform.Find("linux-arm64")!;
        var command = platform.RunCommand("/tmp/p").ToArray();
        // The runner is named as found on PATH (a full path), or by name when it is not installed.
        Assert.AreEqual("qemu-aarch64", Path.GetFileName(command[0]));
        CollectionAssert.AreEqual(new[] { "-L", "/usr/aarch64-linux-gnu", "/tmp/p" }, command[1..]);
    }

    [TestMethod]
    public void AMissingCrossCompilerIsSox5007NamingTheTool()
    {
        if (HostIsArm64) Assert.Inconclusive("on an arm64 host linux-arm64 is not a cross target");
        using var dir = new TempDirectory();
        var source = Path.Combine(dir.Path, "hello.sox");
        File.WriteAllText(source, "print 1\n");
        var result = NativeCompiler.Build(new BuildOptions
        {
            EntryPath = source, OutputPath = Path.Combine(dir.Path, "hello"), Target = "linux-arm64", CCompiler = "no-such-aarch64-gcc",
        });
        Assert.IsFalse(result.Success);
        var error = result.Diagnostics.Single(d => d.IsError);
        Assert.AreEqual("SOX5007", error.Code);
        StringAssert.Contains(error.Message, "'no-such-aarch64-gcc'");
        StringAssert.Contains(error.Message, "linux-arm64");
    }
}
