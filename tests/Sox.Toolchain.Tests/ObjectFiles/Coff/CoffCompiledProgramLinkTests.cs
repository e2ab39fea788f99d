using System.Text.RegularExpressions;
using Sox.Compiler.Diagnostics;
using Sox.Compiler.Driver;
using Sox.Compiler.Lowering;
using Sox.Compiler.ObjectFiles;
using Sox.Compiler.ObjectFiles.Coff;
using Sox.Compiler.Passes;
using Sox.Toolchain.Tests.Conformance;

namespace Sox.Toolchain.Tests.ObjectFiles.Coff;

/// <summary>
/// Realistic relocations: conformance programs compiled by the real compiler for linux-x64 (System V convention, so
/// the programs are linked, never run), each module written as COFF instead of ELF, plus the runtime stub of
/// <see cref="RuntimeHeaderSymbols"/> also written as COFF. Every object is read by llvm-readobj without warnings and
/// has only the AMD64 types the writer maps to (REL32, REL32_1..5, ADDR64, and ADDR32NB which generated code does not
/// use yet) and only undefined symbols the runtime header declares or another module defines; the whole links with
/// lld-link and with GNU ld (MinGW), and in lld-link's image every direct call lands on the start of a function.
/// </summary>
[TestClass]
public sealed partial class CoffCompiledProgramLinkTests
{
    private static readonly HashSet<string> LegalTypes = new(StringComparer.Ordinal)
    {
        "IMAGE_REL_AMD64_REL32", "IMAGE_REL_AMD64_REL32_1", "IMAGE_REL_AMD64_REL32_2", "IMAGE_REL_AMD64_REL32_3",
        "IMAGE_REL_AMD64_REL32_4", "IMAGE_REL_AMD64_REL32_5", "IMAGE_REL_AMD64_ADDR64", "IMAGE_REL_AMD64_ADDR32NB",
    };

    [TestMethod]
    [DataRow("functions/closures_counter.sox")]
    [DataRow("classes/inheritance.sox")]
    [DataRow("expressions/string_concat.sox")]
    [DataRow("imports/nested_import.sox")]
    [DataRow("programs/json_printer.sox")]
    public void CompiledProgramLinksAsCoff(string program)
    {
        string lldLink = ExternalTool.Require("lld-link"), objdump = ExternalTool.Require("llvm-objdump");
        ExternalTool.Require("llvm-readobj");
        var runtime = RuntimeHeaderSymbols.Load();
        var front = FrontEnd.Check(Path.Combine(ConformanceProgram.Root, program));
        Assert.IsTrue(front.Success, string.Join("\n", front.Diagnostics));
        var target = TargetPlatform.Find("linux-x64")! with { ObjectWriter = new CoffObjectWriter() };
        using var dir = new TempDirectory();

        var objects = new List<string>();
        var defined = new HashSet<string>(StringComparer.Ordinal);
        var undefined = new HashSet<string>(StringComparer.Ordinal);
        foreach (var module in front.Graph!.Modules)
        {
            var diagnostics = new DiagnosticBag();
            var bytes = ModuleCompiler.Compile(module, module == front.Graph.Entry, target, OptimizationLevel.O2, EntryMode.Run, diagnostics);
            Assert.IsNotNull(bytes, string.Join("\n", diagnostics.Items));
            string name = module.MangledName + ".obj";
            File.WriteAllBytes(dir.File(name), bytes);
            objects.Add(name);
            var report = CoffReport.ReadObj(bytes);
            Assert.AreEqual("IMAGE_FILE_MACHINE_AMD64 (0x8664)", report.Machine);
            foreach (var relocation in report.Relocations)
                Assert.IsTrue(LegalTypes.Contains(relocation.Type), $"{name}: {relocation}");
            foreach (var symbol in report.Symbols.Where(s => s.StorageClass == "External (0x2)"))
                (symbol.Section == "IMAGE_SYM_UNDEFINED (0)" ? undefined : defined).Add(symbol.Name);
        }
        foreach (var name in undefined.Where(n => !defined.Contains(n)))
            Assert.IsTrue(runtime.Declares(name) || name == RuntimeHeaderSymbols.ProgramEntry, $"{program} references {name}, which sox_runtime.h does not declare");
        File.WriteAllBytes(dir.File("runtime.obj"), new CoffObjectWriter().Write(runtime.StubObject(ObjectMachine.X64)));
        objects.Add("runtime.obj");

        ExternalTool.RunClean(lldLink, dir.Path, ["/nologo", "/entry:main", "/subsystem:console", "/nodefaultlib", "/debug:symtab", "/out:program.exe", .. objects]);
        if (ExternalTool.Find("x86_64-w64-mingw32-gcc") is { } gcc)
            ExternalTool.RunClean(gcc, dir.Path, ["-nostdlib", "-Wl,-e,main", "-o", "program-gnu.exe", .. objects]);

        // Every direct call of the image goes to the first byte of a symbol (REL32 fields hold A + 4 = 0).
        string disassembly = ExternalTool.RunClean(objdump, dir.Path, "-d", "--no-show-raw-insn", "program.exe");
        var calls = CallLine().Matches(disassembly).Select(m => m.Groups[1].Value).ToList();
        Assert.IsNotEmpty(calls, "no direct calls in the image");
        var offTarget = calls.Where(t => t.Contains('+') || t.Contains('-')).Distinct().ToList();
        Assert.IsEmpty(offTarget, "calls into the middle of a symbol: " + string.Join(", ", offTarget));
    }

    [GeneratedRegex(@"\tcall[q]?\s+0x[0-9a-f]+ <([^>]+)>")]
    private static partial Regex CallLine();
}
