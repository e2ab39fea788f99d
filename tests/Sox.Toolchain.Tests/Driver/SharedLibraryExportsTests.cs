using Sox.Compiler.Driver;
using Sox.Toolchain.Tests.ObjectFiles;

namespace Sox.Toolchain.Tests.Driver;

/// <summary>
/// A shared library exports its <c>export fn</c>s and nothing else (<see cref="LinkCommand.ExportList"/>): not the
/// runtime's <c>sox_*</c> functions, not the modules' globals, not C functions linked in with it. Built by the
/// driver's own link (<c>sox build --emit shared</c>, the <see cref="LinkCommand"/> the SDK writes to
/// <c>link.rsp</c>) and read back with binutils' <c>nm -D</c>, independent of the linker that wrote it.
/// </summary>
[TestClass]
public sealed class SharedLibraryExportsTests
{
    private const string Library = """
        import "helper"
        var calls = 0
        export fn area(w: double, h: double): double { calls = calls + 1; return w * h }
        export fn twice(n: int): int { return helper.doubled(n) }
        fn notExported(x) { return x }
        """;

    private const string Helper = """
        fn doubled(n) { return n * 2 }
        export fn fromModule(): int { return 7 }
        """;

    private const string CHelper = "long c_helper(long x) { return x + 1; }\n";

    [TestMethod]
    [DataRow("linux-x64")]
    [DataRow("linux-arm64")]
    public void ElfSharedLibrary_ExportsOnlyItsExportFns(string rid)
    {
        var target = TargetPlatform.Find(rid) ?? throw new AssertFailedException(rid);
        if (CCompiler.Locate(target, null, out var tried) is null) Assert.Inconclusive($"needs a C compiler for {rid} ({tried})");
        var nm = ExternalTool.Require("nm");
        var directory = Path.Combine(Path.GetTempPath(), "sox-exports-" + Environment.ProcessId, rid);
        Directory.CreateDirectory(directory);
        File.WriteAllText(Path.Combine(directory, "lib.sox"), Library);
        File.WriteAllText(Path.Combine(directory, "helper.sox"), Helper);
        File.WriteAllText(Path.Combine(directory, "chelper.c"), CHelper);
        var output = Path.Combine(directory, "liblib.so");
        var build = NativeCompiler.Build(new BuildOptions
        {
            EntryPath = Path.Combine(directory, "lib.sox"), OutputPath = output, Target = rid, Emit = EmitKind.Shared,
            CSources = [Path.Combine(directory, "chelper.c")],
        });
        Assert.IsTrue(build.Success, string.Join("\n", build.Diagnostics));

        var dynamic = Symbols(nm, directory, "-D", "--defined-only", output);
        CollectionAssert.AreEqual(new[] { "area", "fromModule", "twice" }, dynamic.Select(s => s.Name).Order(StringComparer.Ordinal).ToArray(),
            "the dynamic symbol table holds the export fns of every module, and nothing else");
        Assert.IsTrue(dynamic.All(s => s.Type == 'T'), "each is a global function");
        // The rest is linked in, as local symbols: the runtime, the project's C.
        var all = Symbols(nm, directory, "--defined-only", output).GroupBy(s => s.Name).ToDictionary(g => g.Key, g => g.First().Type);
        Assert.AreEqual('t', all.GetValueOrDefault("sox_gc_stats"), "the runtime is in the library, local");
        Assert.AreEqual('t', all.GetValueOrDefault("c_helper"), "C code of the library is local too");
    }

    [TestMethod]
    public void ExportList_IsAVersionScriptOnElf_AnExportedSymbolsListOnMachO_AndNothingOnWindows()
    {
        Assert.AreEqual("{\n  global:\n    area;\n    twice;\n  local: *;\n};\n", LinkCommand.ExportList(TargetPlatform.Find("linux-x64")!, ["twice", "area", "twice"]));
        Assert.AreEqual("{\n  local: *;\n};\n", LinkCommand.ExportList(TargetPlatform.Find("linux-arm64")!, []), "no export fn: nothing exported");
        Assert.AreEqual("_area\n_twice\n", LinkCommand.ExportList(TargetPlatform.Find("osx-arm64")!, ["twice", "area"]));
        Assert.IsNull(LinkCommand.ExportList(TargetPlatform.Find("win-x64")!, ["area"]), "a DLL exports its .drectve names");
    }

    private static List<(string Name, char Type)> Symbols(string nm, string directory, params string[] arguments) =>
        ExternalTool.RunClean(nm, directory, arguments).Split('\n')
            .Select(l => l.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            .Where(p => p.Length == 3 && p[1].Length == 1)
            .Select(p => (p[2], p[1][0])).ToList();
}
