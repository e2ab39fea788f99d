using Sox.Compiler.Diagnostics;
using Sox.Compiler.Driver;
using Sox.Compiler.Lowering;
using Sox.Compiler.Passes;

namespace Sox.Toolchain.Tests.ObjectFiles.Coff;

/// <summary>
/// A win-x64 module's <c>.drectve</c> names its <c>export fn</c>s, and only them (§9): the DLL exports what the
/// directives say, where with no directive at all the MinGW linkers would export every global symbol, the runtime's
/// internals and the module's initialiser included. Read back by llvm-readobj's <c>--coff-directives</c>.
/// </summary>
[TestClass]
public sealed class CoffExportDirectiveTests
{
    [TestMethod]
    public void ExportFns_AreExportDirectives_AndNothingElseIs()
    {
        ExternalTool.Require("llvm-readobj");
        var report = CoffReport.ReadObj(Compile("""
            fn helper(x) { return x * 2 }
            export fn twice(x: int): int { return helper(x) }
            export fn half(x: double): double { return x / 2 }
            """));
        Assert.AreEqual("-export:twice -export:half", report.Directives.Trim());
    }

    [TestMethod]
    public void AModuleWithoutExports_HasNoDirectiveSection()
    {
        ExternalTool.Require("llvm-readobj");
        var report = CoffReport.ReadObj(Compile("fn helper(x) { return x * 2 }\nprint helper(2)\n"));
        Assert.IsFalse(report.Sections.Any(s => s.Name == ".drectve"), "no .drectve without exports");
    }

    private static byte[] Compile(string source)
    {
        using var dir = new TempDirectory();
        var file = dir.File("lib.sox");
        File.WriteAllText(file, source);
        var front = FrontEnd.Check(file);
        Assert.IsTrue(front.Success, string.Join("\n", front.Diagnostics));
        var diagnostics = new DiagnosticBag();
        var bytes = ModuleCompiler.Compile(front.Graph!.Entry, true, TargetPlatform.Find("win-x64")!, OptimizationLevel.O2, EntryMode.Run, diagnostics);
        Assert.IsNotNull(bytes, string.Join("\n", diagnostics.Items));
        return bytes;
    }
}
