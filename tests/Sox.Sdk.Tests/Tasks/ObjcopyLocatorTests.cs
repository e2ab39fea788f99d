using Sox.Build.Tasks.Internal;
using Sox.Compiler.Driver;

namespace Sox.Sdk.Tests.Tasks;

/// <summary>Which objcopy <c>StripSymbols</c> runs, on a simulated Linux host whose PATH is one folder.</summary>
[TestClass]
public sealed class ObjcopyLocatorTests
{
    private string _bin = "";

    [TestInitialize]
    public void CreateFolder() => _bin = Directory.CreateTempSubdirectory("sox-objcopy").FullName;

    [TestCleanup]
    public void DeleteFolder() => Directory.Delete(_bin, recursive: true);

    private HostEnvironment Host(params string[] programs)
    {
        foreach (var program in programs) File.WriteAllText(Path.Combine(_bin, program), "");
        return new HostEnvironment(false, new Dictionary<string, string> { ["PATH"] = _bin });
    }

    private static TargetPlatform Target(string rid) => TargetPlatform.Find(rid)!;

    [TestMethod]
    public void ACrossCompiler_TakesTheObjcopyNamedLikeIt()
    {
        var host = Host("objcopy", "llvm-objcopy", "aarch64-linux-gnu-objcopy");
        Assert.AreEqual(Path.Combine(_bin, "aarch64-linux-gnu-objcopy"), ObjcopyLocator.Find("aarch64-linux-gnu-gcc", Target("linux-arm64"), host));
    }

    [TestMethod]
    public void WithoutTheCrossObjcopy_LlvmObjcopyOfAnyVersion_ReadsEveryTarget()
    {
        var host = Host("objcopy", "llvm-objcopy-19");
        Assert.AreEqual(Path.Combine(_bin, "llvm-objcopy-19"), ObjcopyLocator.Find("clang", Target("linux-arm64"), host));
    }

    [TestMethod]
    public void TheHostsGnuObjcopy_IsTakenOnlyForTheHostsOwnMachine()
    {
        var host = Host("objcopy");
        var arm64 = Target("linux-arm64");
        var x64 = Target("linux-x64");
        // The target another machine runs (it has a runner, qemu) needs an objcopy that reads its ELF machine.
        Assert.AreEqual(arm64.Runner is null ? Path.Combine(_bin, "objcopy") : null, ObjcopyLocator.Find("clang", arm64, host));
        Assert.AreEqual(x64.Runner is null ? Path.Combine(_bin, "objcopy") : null, ObjcopyLocator.Find("gcc", x64, host));
        CollectionAssert.DoesNotContain(ObjcopyLocator.Candidates("clang-19", x64).ToList(), "clang-objcopy", "a versioned clang is no cross prefix");
    }
}
