using Sox.Sdk.Tests.Infrastructure;

namespace Sox.Sdk.Tests.EndToEnd;

/// <summary>test-projects/hello: the README's sample builds with dotnet build, in Debug and Release.</summary>
[TestClass]
public sealed class HelloTests
{
    [TestMethod]
    public void Hello_BuildsIntoBinConfigurationRid_AndRuns()
    {
        var project = TestProject.FromSample("hello", "hello", "hello.soxproj");
        project.Build().ShouldSucceed();

        var program = project.PathOf("bin/Debug/linux-x64/hello");
        Assert.IsTrue(File.Exists(program), "the program is under bin/$(Configuration)/$(RuntimeIdentifier)/");
        Assert.IsTrue(File.Exists(project.PathOf("obj/Debug/linux-x64/sox/hello.o")), "objects are under obj/");
        var run = TestProject.Run(program, [], project.Directory).ShouldSucceed();
        StringAssert.StartsWith(run.Output, "Hello, world from Sox!\n[0,1,4,9,16]\n");
    }

    [TestMethod]
    public void ReleaseAndDebug_BuildSideBySide_WithTheirOptimisation()
    {
        var project = TestProject.FromSample("release-debug", "hello", "hello.soxproj");
        project.Build().ShouldSucceed();
        var release = project.Build("-c", "Release").ShouldSucceed();
        CollectionAssert.AreEqual(new[] { "hello.sox" }, release.CompiledFiles.ToArray(), "Release compiles into its own folder");

        StringAssert.Contains(File.ReadAllText(project.PathOf("obj/Debug/linux-x64/sox/sox.rsp")), "--optimize\nfalse\n");
        StringAssert.Contains(File.ReadAllText(project.PathOf("obj/Release/linux-x64/sox/sox.rsp")), "--optimize\ntrue\n");
        StringAssert.Contains(File.ReadAllText(project.PathOf("obj/Release/linux-x64/sox/hello.d")), ";O2;");
        StringAssert.Contains(File.ReadAllText(project.PathOf("obj/Debug/linux-x64/sox/hello.d")), ";O0;");
        foreach (var configuration in new[] { "Debug", "Release" })
        {
            var run = TestProject.Run(project.PathOf($"bin/{configuration}/linux-x64/hello"), [], project.Directory).ShouldSucceed();
            StringAssert.Contains(run.Output, "{\"fib(20)\": 6765, \"pi\": 3.14159}");
        }
    }

    /// <summary>issue 5: RuntimeIdentifier picks the backend, object format, C compiler and runtime build.</summary>
    [TestMethod]
    public void LinuxArm64_BuildsWithTheCrossToolchain_AndRunsUnderQemu()
    {
        foreach (var tool in new[] { "aarch64-linux-gnu-gcc", "qemu-aarch64" })
        {
            if (!TestProject.OnPath(tool)) Assert.Inconclusive($"needs {tool}");
        }
        var project = TestProject.FromSample("arm64", "hello", "hello.soxproj");
        project.Build("-p:RuntimeIdentifier=linux-arm64").ShouldSucceed();
        var program = project.PathOf("bin/Debug/linux-arm64/hello");
        Assert.IsTrue(File.Exists(program), "the program is under bin/Debug/linux-arm64/");
        var bytes = File.ReadAllBytes(program);
        Assert.AreEqual(183, BitConverter.ToUInt16(bytes, 18), "e_machine is EM_AARCH64");
        var run = TestProject.Run("qemu-aarch64", ["-L", "/usr/aarch64-linux-gnu", program], project.Directory).ShouldSucceed();
        StringAssert.StartsWith(run.Output, "Hello, world from Sox!\n[0,1,4,9,16]\n");

        // dotnet run -r linux-arm64 runs it under qemu, as `sox run --target linux-arm64` does, never "Exec format error".
        var calc = TestProject.FromSample("arm64-run", "calc", "calc.soxproj");
        var dotnetRun = calc.DotNet("run", "--project", calc.ProjectFile, "-r", "linux-arm64", "--", "1", "2", "39.5");
        Assert.AreEqual(3, dotnetRun.ExitCode, dotnetRun.Output);
        StringAssert.Contains(dotnetRun.Output, "sum = 42.5\n");
    }
}
