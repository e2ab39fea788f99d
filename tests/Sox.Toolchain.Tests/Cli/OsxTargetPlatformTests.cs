using Sox.Compiler.CodeGen;
using Sox.Compiler.Driver;
using Sox.Compiler.ObjectFiles.MachO;
using Sox.Compiler.Targets.Arm64;
using Sox.Compiler.Targets.X64;
using Sox.Toolchain.Tests.ObjectFiles;

namespace Sox.Toolchain.Tests.Cli;

/// <summary>osx-arm64 and osx-x64 as driver targets: backend, ABI, object writer, and the C compiler driver off a Mac.</summary>
[TestClass]
public sealed class OsxTargetPlatformTests
{
    [TestMethod]
    public void OsxArm64UsesTheArm64BackendWithApplesConventionAndMachO()
    {
        var platform = TargetPlatform.Find("osx-arm64")!;
        Assert.AreSame(Arm64Target.OsxArm64, platform.Description);
        Assert.AreEqual(CallingConventionKind.AppleArm64, platform.Description.Convention);
        Assert.AreEqual(ObjectFormat.MachO, platform.Description.ObjectFormat);
        Assert.DoesNotContain(18, platform.Description.AllocatableGeneral, "X18 is Apple's platform register");
        Assert.IsInstanceOfType<Arm64Backend>(platform.CreateBackend());
        Assert.IsInstanceOfType<MachOObjectWriter>(platform.ObjectWriter);
    }

    [TestMethod]
    public void OsxX64UsesTheX64BackendWithSysVAndMachO()
    {
        var platform = TargetPlatform.Find("osx-x64")!;
        Assert.AreSame(X64Target.OsxX64, platform.Description);
        Assert.AreEqual(CallingConventionKind.SysVAmd64, platform.Description.Convention);
        Assert.AreEqual(ObjectFormat.MachO, platform.Description.ObjectFormat);
        Assert.IsInstanceOfType<X64Backend>(platform.CreateBackend());
        Assert.IsInstanceOfType<MachOObjectWriter>(platform.ObjectWriter);
    }

    [TestMethod]
    public void OffAMacClangGetsTheTargetLldAndTheSdkAsSysroot()
    {
        if (OperatingSystem.IsMacOS()) Assert.Inconclusive("on a Mac clang finds the SDK itself");
        using var sdk = new TempDirectory();
        // A variable of this test's own, so parallel tests never see it.
        var variable = "SOX_TEST_SDKROOT_" + Guid.NewGuid().ToString("N");
        var platform = TargetPlatform.Find("osx-arm64")! with { Sysroot = new TargetSysroot(variable, "a macOS SDK") };
        CollectionAssert.AreEqual(new[] { "clang" }, platform.CCompilerCandidates.ToArray());
        CollectionAssert.AreEqual(new[] { "--target=arm64-apple-macos11", "-fuse-ld=lld" }, platform.CompilerArguments("/usr/bin/clang").ToArray());
        CollectionAssert.AreEqual(new[] { "llvm-ar" }, platform.Archivers.ToArray(), "GNU ar writes no index for Mach-O members");
        Assert.IsNotNull(platform.RunRequirement);
        try
        {
            Environment.SetEnvironmentVariable(variable, sdk.Path);
            CollectionAssert.AreEqual(new[] { "--target=arm64-apple-macos11", "-fuse-ld=lld", "-isysroot", sdk.Path },
                platform.CompilerArguments("clang").ToArray());
            if (ExternalTool.Find("clang") is null) return;
            var cc = CCompiler.Locate(platform, null, out _);
            Assert.IsNotNull(cc);
            CollectionAssert.Contains(cc.TargetArguments.ToList(), sdk.Path);
        }
        finally
        {
            Environment.SetEnvironmentVariable(variable, null);
        }
    }

    [TestMethod]
    public void WithoutTheSdkNoCompilerIsFoundAndSox5007SaysWhatIsMissing()
    {
        if (OperatingSystem.IsMacOS()) Assert.Inconclusive("on a Mac clang finds the SDK itself");
        var platform = TargetPlatform.Find("osx-x64")! with { Sysroot = new TargetSysroot("SOX_TEST_UNSET_" + Guid.NewGuid().ToString("N"), "a macOS SDK") };
        Assert.IsNull(CCompiler.Locate(platform, null, out var tried, out var needed));
        Assert.AreEqual("'clang'", tried);
        StringAssert.StartsWith(needed, "a macOS SDK (set SOX_TEST_UNSET_");
        StringAssert.Contains(needed, "is not set");
        // A compiler named explicitly that is not the cross clang (an osxcross wrapper, say) is used as it is.
        if (ExternalTool.Find("gcc") is { } gcc) Assert.IsNotNull(CCompiler.Locate(platform, gcc, out _));
    }
}
