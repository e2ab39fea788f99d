using Sox.Sdk.Tests.Infrastructure;

namespace Sox.Sdk.Tests.EndToEnd;

/// <summary>
/// Incremental builds of test-projects/calc (main.sox importing lib/math.sox and lib/format.sox), asserted from the
/// normal-verbosity log: which files SoxCompile compiled, whether the runtime compile and the link ran, and which
/// targets MSBuild skipped as up to date.
/// </summary>
[TestClass]
public sealed class IncrementalTests
{
    [TestMethod]
    public void NoOpBuild_RunsNeitherCompilerNorRuntimeCompileNorLinker()
    {
        var project = TestProject.FromSample("noop", "calc", "calc.soxproj");
        var first = project.Build().ShouldSucceed();
        CollectionAssert.AreEquivalent(new[] { "main.sox", "lib/math.sox", "lib/format.sox" }, first.CompiledFiles.ToArray());
        Assert.IsTrue(first.CompiledRuntime && first.Linked, first.Output);

        var second = project.Build().ShouldSucceed();
        Assert.AreEqual(0, second.CompiledFiles.Count, second.Output);
        Assert.IsFalse(second.CompiledRuntime, second.Output);
        Assert.IsFalse(second.Linked, second.Output);
        foreach (var target in new[] { "SoxCompile", "SoxCompileRuntime", "SoxLink" }) Assert.IsTrue(second.Skipped(target), target + "\n" + second.Output);
    }

    [TestMethod]
    public void TouchingOneFile_RecompilesThatFileAlone_AndRelinks()
    {
        var project = TestProject.FromSample("touch", "calc", "calc.soxproj");
        project.Build().ShouldSucceed();
        Touch(project.PathOf("lib/math.sox"));

        var build = project.Build().ShouldSucceed();
        CollectionAssert.AreEqual(new[] { "lib/math.sox" }, build.CompiledFiles.ToArray(), build.Output);
        Assert.IsFalse(build.CompiledRuntime, build.Output);
        Assert.IsTrue(build.Linked, build.Output);
    }

    [TestMethod]
    public void ChangingAnImport_RecompilesTheImporter_AndADeletedFileRelinks()
    {
        var project = TestProject.FromSample("imports", "calc", "calc.soxproj");
        project.Build().ShouldSucceed();

        // main.sox stops importing lib/format.sox, which is deleted: main recompiles, format's object goes, relink.
        project.Write("main.sox", """
            import "lib/math"

            fn main(argc, argv) {
              print "total " + str(math.sum([1, 2, 3]))
              return 0
            }
            """);
        File.Delete(project.PathOf("lib/format.sox"));
        var build = project.Build().ShouldSucceed();
        CollectionAssert.AreEqual(new[] { "main.sox" }, build.CompiledFiles.ToArray(), build.Output);
        Assert.IsTrue(build.Linked, build.Output);
        Assert.IsFalse(File.Exists(project.PathOf("obj/Debug/linux-x64/sox/lib_format.o")), "the deleted module's object is removed");
        var run = TestProject.Run(project.PathOf("bin/Debug/linux-x64/calc"), [], project.Directory).ShouldSucceed();
        Assert.AreEqual("total 6\n", run.Output);

        // An import that now names another module (lib/math → lib/sum) recompiles the importer because its key changed.
        File.Move(project.PathOf("lib/math.sox"), project.PathOf("lib/sum.sox"));
        project.Write("main.sox", File.ReadAllText(project.PathOf("main.sox")).Replace("\"lib/math\"", "math \"lib/sum\""));
        var renamed = project.Build().ShouldSucceed();
        CollectionAssert.AreEquivalent(new[] { "main.sox", "lib/sum.sox" }, renamed.CompiledFiles.ToArray(), renamed.Output);
        Assert.IsTrue(renamed.Linked);
    }

    [TestMethod]
    public void ChangingOptimisation_RecompilesAndRelinks_ButNotTheRuntime()
    {
        var project = TestProject.FromSample("optimize", "calc", "calc.soxproj");
        project.Build().ShouldSucceed();

        var optimized = project.Build("-p:SoxOptimize=true").ShouldSucceed();
        CollectionAssert.AreEquivalent(new[] { "main.sox", "lib/math.sox", "lib/format.sox" }, optimized.CompiledFiles.ToArray(), optimized.Output);
        Assert.IsFalse(optimized.CompiledRuntime, "the runtime's flags did not change");
        Assert.IsTrue(optimized.Linked);

        var again = project.Build("-p:SoxOptimize=true").ShouldSucceed();
        Assert.AreEqual(0, again.CompiledFiles.Count, again.Output);
        Assert.IsFalse(again.Linked, again.Output);
    }

    [TestMethod]
    public void DeletingTheOutput_RelinksOnly_AndLinkerFlagsRelinkOnly()
    {
        var project = TestProject.FromSample("relink", "calc", "calc.soxproj");
        project.Build().ShouldSucceed();
        File.Delete(project.PathOf("bin/Debug/linux-x64/calc"));

        var build = project.Build().ShouldSucceed();
        Assert.AreEqual(0, build.CompiledFiles.Count, build.Output);
        Assert.IsFalse(build.CompiledRuntime);
        Assert.IsTrue(build.Linked, build.Output);
        Assert.IsTrue(File.Exists(project.PathOf("bin/Debug/linux-x64/calc")));

        var flags = project.Build("-p:SoxLinkerArgs=-Wl%2C--build-id%3Dsha1").ShouldSucceed();
        Assert.AreEqual(0, flags.CompiledFiles.Count, flags.Output);
        Assert.IsTrue(flags.Linked, "a linker flag is in link.rsp, an input of SoxLink");
        StringAssert.Contains(File.ReadAllText(project.PathOf("obj/Debug/linux-x64/link.rsp")), "-Wl,--build-id=sha1");
    }

    [TestMethod]
    public void ImpossibleRuntimeIdentifier_IsOneSoxError()
    {
        var project = TestProject.FromSample("rid", "calc", "calc.soxproj");
        var build = project.Build("-p:RuntimeIdentifier=linux-riscv64").ShouldFail();
        StringAssert.Contains(build.Output, "error SOX5006");
        StringAssert.Contains(build.Output, "linux-riscv64");
        Assert.IsFalse(build.Output.Contains("error MSB", StringComparison.Ordinal), build.Output);
    }

    /// <summary>A newer timestamp than anything built so far (file system timestamps may be coarse).</summary>
    internal static void Touch(string path) => File.SetLastWriteTimeUtc(path, DateTime.UtcNow.AddSeconds(1));
}
