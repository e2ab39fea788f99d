using Sox.Compiler.Diagnostics;
using Sox.Compiler.Driver;
using Sox.Compiler.ObjectFiles;
using Sox.Compiler.Passes;
using Sox.Toolchain.Tests.Conformance;

namespace Sox.Toolchain.Tests.Debugging;

/// <summary>
/// Debugging information never changes the generated code: for every conformance program, at -O0 and -O2, for
/// linux-x64 and linux-arm64, each module's object with <c>-g</c> has the same sections, bytes and relocations as
/// without, plus only <c>.debug_*</c> sections and <c>.eh_frame</c> (call frame information, allocated but outside
/// <c>.text</c>). Compiled in-process, not linked, to stay fast.
/// </summary>
[TestClass]
public sealed class DebugInfoCodeTests
{
    [TestMethod]
    [DataRow("linux-x64")]
    [DataRow("linux-arm64")]
    public void CodeIsTheSameWithAndWithoutDebugInfo(string target)
    {
        var platform = TargetPlatform.Find(target) ?? throw new InvalidOperationException(target);
        int modules = 0;
        foreach (var relative in ConformanceProgram.All())
        {
            var graph = FrontEnd.Check(ConformanceProgram.Load(relative).Path).Graph;
            if (graph is null) continue;   // the error programs
            foreach (var level in new[] { OptimizationLevel.O0, OptimizationLevel.O2 })
            {
                foreach (var module in graph.Modules)
                {
                    var plain = Compile(module, module == graph.Entry, platform, level, debug: false);
                    var debug = Compile(module, module == graph.Entry, platform, level, debug: true);
                    if (plain is null || debug is null) continue;
                    AssertSameCode($"{relative} {module.DisplayPath} {target} {level}", plain, debug);
                    modules++;
                }
            }
        }
        Assert.IsGreaterThanOrEqualTo(300, modules);
    }

    private static ObjectFile? Compile(Sox.Compiler.Semantics.SourceModule module, bool isEntry, TargetPlatform platform, OptimizationLevel level, bool debug) =>
        LargeStack.Run("debug-info-test", () =>
            ModuleCompiler.CompileModule(module, isEntry, new ModuleCompileOptions(platform, level) { Debug = debug }, new DiagnosticBag())?.Object);

    private static void AssertSameCode(string context, ObjectFile plain, ObjectFile debug)
    {
        var extra = debug.Sections.Where(s => plain.Sections.All(p => p.Name != s.Name)).Select(s => s.Name).ToList();
        Assert.IsTrue(extra.Count > 0 && extra.All(n => n.StartsWith(".debug_", StringComparison.Ordinal) || n == ".eh_frame"), $"{context}: extra sections {string.Join(", ", extra)}");
        Assert.IsTrue(debug.Sections.Any(s => s.Name == ".eh_frame") || !plain.Sections.Any(s => s.Kind == ObjectSectionKind.Text && s.Size > 0), $"{context}: no .eh_frame with -g");
        foreach (var section in plain.Sections)
        {
            var other = debug.Sections.Single(s => s.Name == section.Name);
            Assert.IsTrue(section.Bytes.SequenceEqual(other.Bytes), $"{context}: {section.Name} differs with -g");
            CollectionAssert.AreEqual(section.Relocations.ToList(), other.Relocations.ToList(), $"{context}: {section.Name} relocations differ with -g");
        }
    }
}
