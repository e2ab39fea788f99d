using Sox.Sdk.Tests.Infrastructure;

namespace Sox.Sdk.Tests.EndToEnd;

/// <summary>
/// issue 5 item 7: <c>&lt;RuntimeIdentifier&gt;osx-arm64&lt;/RuntimeIdentifier&gt;</c> (and osx-x64) picks the Mach-O
/// backend, macOS file names and clang with a macOS SDK. Off a Mac there is no SDK here: the build stops with SOX5007
/// naming SDKROOT; with SDKROOT naming any folder the toolchain resolves, so the compile step can be checked alone.
/// </summary>
[TestClass]
public sealed class MacOSTargetTests
{
    private static void RequireOffAMac()
    {
        if (OperatingSystem.IsMacOS()) Assert.Inconclusive("on a Mac the osx targets build natively (covered by the host tests)");
    }

    [TestMethod]
    [DataRow("Exe", "hello")]
    [DataRow("Library", "libhello.a")]
    [DataRow("SharedLibrary", "libhello.dylib")]
    public void OsxOutputs_AreNamedAsOnMacOS(string outputType, string fileName)
    {
        var project = TestProject.FromSample("osx-names-" + outputType, "hello", "hello.soxproj");
        var evaluation = project.DotNet("msbuild", project.ProjectFile, "-getProperty:TargetPath",
            "-p:RuntimeIdentifier=osx-arm64", $"-p:OutputType={outputType}").ShouldSucceed();
        Assert.AreEqual(project.PathOf(Path.Combine("bin", "Debug", "osx-arm64", fileName)), evaluation.Output.Trim());
    }

    [TestMethod]
    [DataRow("osx-arm64")]
    [DataRow("osx-x64")]
    public void Osx_WithoutAnSdk_IsOneSox5007NamingSdkroot(string rid)
    {
        RequireOffAMac();
        var project = TestProject.FromSample("osx-no-sdk-" + rid, "hello", "hello.soxproj");
        var build = project.BuildWith(new Dictionary<string, string?> { ["SDKROOT"] = null }, $"-p:RuntimeIdentifier={rid}").ShouldFail();
        StringAssert.Contains(build.Output, "error SOX5007: Building for RuntimeIdentifier " + rid + " needs a macOS SDK (set SDKROOT)");
        StringAssert.Contains(build.Output, "--emit obj");
        Assert.IsFalse(build.Output.Contains("error MSB", StringComparison.Ordinal), build.Output);
        Assert.IsFalse(build.CompiledRuntime);
    }

    [TestMethod]
    public void OsxArm64_CompilesMachOObjects_AndLinksADylibWithApplesFlags()
    {
        RequireOffAMac();
        if (!TestProject.OnPath("clang")) Assert.Inconclusive("needs clang");
        var project = TestProject.FromSample("osx-compile", "hello", "hello.soxproj");
        // An empty folder is no SDK, but it lets the toolchain resolve, so SoxCompile and the link's flags can be checked.
        var sdk = TestEnvironment.NewFolder("fake-sdk");
        project.BuildWith(new Dictionary<string, string?> { ["SDKROOT"] = sdk }, "-t:SoxCompile;_SoxWriteLinkResponseFile",
            "-p:RuntimeIdentifier=osx-arm64", "-p:OutputType=SharedLibrary").ShouldSucceed();

        var obj = File.ReadAllBytes(project.PathOf("obj/Debug/osx-arm64/sox/hello.o"));
        Assert.AreEqual(0xFEEDFACFu, BitConverter.ToUInt32(obj, 0), "MH_MAGIC_64");
        Assert.AreEqual(0x0100000Cu, BitConverter.ToUInt32(obj, 4), "CPU_TYPE_ARM64");
        // One argument a line, quoted where the response-file syntax needs it.
        var link = File.ReadAllLines(project.PathOf("obj/Debug/osx-arm64/link.rsp")).Select(l => l.Trim('"')).ToArray();
        foreach (var flag in new[] { "--target=arm64-apple-macos11", "-fuse-ld=lld", "-isysroot", "-dynamiclib", "-Wl,-install_name,@rpath/libhello.dylib" })
            CollectionAssert.Contains(link, flag, string.Join("\n", link));
        CollectionAssert.DoesNotContain(link, "-Wl,-Bsymbolic", "ld64 has no -Bsymbolic");
    }
}
