using System.Globalization;
using System.Text.RegularExpressions;
using Sox.Compiler.Passes;
using Sox.Toolchain.Tests.Cli;
using Sox.Toolchain.Tests.Debugging;

namespace Sox.Toolchain.Tests.ObjectFiles;

/// <summary>
/// <c>sox build -g --emit obj</c> for osx-arm64 and osx-x64: the DWARF that ELF objects carry, in <c>__DWARF,__debug_*</c>
/// sections (<c>S_ATTR_DEBUG</c>) with the relocations clang writes there — section-based <c>*_RELOC_UNSIGNED</c> for
/// addresses, none for offsets between debugging sections — checked with llvm-dwarfdump (<c>--verify</c>, the line
/// table's files and lines, each subprogram's address against the function's symbol from llvm-nm) and llvm-readobj.
/// The object holds both modules of <see cref="DebugProgram"/> (merged), so the second module's offsets and addresses
/// are not the trivial 0. Missing tools make the tests Inconclusive, naming the tool.
/// </summary>
[TestClass]
public sealed class MachODwarfTests
{
    [TestMethod]
    [DataRow("osx-arm64", "ARM64_RELOC_UNSIGNED")]
    [DataRow("osx-x64", "X86_64_RELOC_UNSIGNED")]
    public void ObjectsCarryVerifiedDwarfInTheDwarfSegment(string target, string unsigned)
    {
        var dwarfdump = DebugProgram.RequireTool("llvm-dwarfdump-19", "llvm-dwarfdump");
        var readobj = DebugProgram.RequireTool("llvm-readobj-19", "llvm-readobj");
        var nm = DebugProgram.RequireTool("llvm-nm-19", "llvm-nm");
        using var project = new TempProject();
        var obj = DebugProgram.Build(project, target, OptimizationLevel.O2, emitObject: true);

        var verify = ExternalTool.Run(dwarfdump, project.Root, "--verify", obj);
        Assert.AreEqual(0, verify.ExitCode, verify.StandardOutput + verify.StandardError);
        StringAssert.Contains(verify.StandardOutput, "No errors.");

        // Every DWARF section in __DWARF, marked debug; nothing left in the generic __SOX segment.
        var sections = ExternalTool.RunClean(readobj, project.Root, "--sections", obj);
        foreach (var name in new[] { "__debug_info", "__debug_abbrev", "__debug_line", "__debug_str", "__debug_aranges" })
            StringAssert.Matches(sections, new Regex($@"Name: {name} .*\n\s+Segment: __DWARF [^\n]*\n(?:[^\n]*\n){{7}}\s+Attributes \[ \(0x20000\)\n\s+Debug"), name);
        Assert.DoesNotContain("__SOX", sections);

        // Relocations in debugging sections: only addresses, section-based (r_extern 0) UNSIGNED of 8 bytes naming __text.
        var relocations = ExternalTool.RunClean(readobj, project.Root, "-r", obj);
        int addresses = 0;
        foreach (Match section in Regex.Matches(relocations, @"Section (__debug_\w+) \{\n(.*?)\n\s*\}", RegexOptions.Singleline))
            foreach (var line in section.Groups[2].Value.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            {
                Assert.AreEqual($"0 3 0 {unsigned} 0 __text", line[(line.IndexOf(' ', StringComparison.Ordinal) + 1)..], $"{section.Groups[1].Value}: {line}");
                addresses++;
            }
        // Two units' low_pc and each of the 7 subprograms', a DW_LNE_set_address per function's sequence (7), two aranges.
        Assert.AreEqual(9 + 7 + 2, addresses, relocations);

        // Each subprogram starts where its function's symbol is.
        var symbols = ExternalTool.RunClean(nm, project.Root, obj);
        var info = ExternalTool.RunClean(dwarfdump, project.Root, "--debug-info", obj);
        foreach (var (name, symbol) in new[] { ("add", @"_sox_fn_main_\d+_add"), ("twice", @"_sox_fn_main_\d+_twice"), ("square", @"_sox_fn_mathlib_\d+_square"), ("Point.init", @"_sox_fn_main_\d+_init") })
        {
            var address = Regex.Match(symbols, $@"^([0-9a-f]{{16}}) t {symbol}$", RegexOptions.Multiline);
            Assert.IsTrue(address.Success, $"{symbol} in\n{symbols}");
            StringAssert.Matches(info, new Regex($@"DW_AT_name\s+\(""{Regex.Escape(name)}""\)\n\s+DW_AT_low_pc\s+\(0x{address.Groups[1].Value}\)"), name);
        }

        // The line table names both files and maps the statements' lines (DebugProgram: add's body is main.sox 3-4,
        // square's mathlib.sox 3-4) to addresses inside their functions.
        var lines = ExternalTool.RunClean(dwarfdump, project.Root, "--debug-line", obj);
        var tables = Regex.Split(lines, "debug_line\\[").Skip(1).ToList();
        Assert.HasCount(2, tables, lines);
        AssertRows(tables.Single(t => t.Contains("name: \"main.sox\"", StringComparison.Ordinal)), symbols, @"_sox_fn_main_\d+_add", 3, 4);
        AssertRows(tables.Single(t => t.Contains("name: \"mathlib.sox\"", StringComparison.Ordinal)), symbols, @"_sox_fn_mathlib_\d+_square", 3, 4);
    }

    private static void AssertRows(string table, string symbols, string function, params int[] expected)
    {
        var start = ulong.Parse(Regex.Match(symbols, $@"^([0-9a-f]{{16}}) t {function}$", RegexOptions.Multiline).Groups[1].Value, NumberStyles.HexNumber, CultureInfo.InvariantCulture);
        var rows = Regex.Matches(table, @"^0x([0-9a-f]{16})\s+(\d+)\s+\d+\s+1\s.*is_stmt(.*)$", RegexOptions.Multiline)
            .Select(m => (Address: ulong.Parse(m.Groups[1].Value, NumberStyles.HexNumber, CultureInfo.InvariantCulture), Line: int.Parse(m.Groups[2].Value, CultureInfo.InvariantCulture), End: m.Groups[3].Value.Contains("end_sequence", StringComparison.Ordinal)))
            .ToList();
        var sequence = rows.SkipWhile(r => r.Address != start).TakeWhile(r => !r.End).ToList();
        Assert.IsNotEmpty(sequence, $"no sequence at 0x{start:x} in\n{table}");
        foreach (var line in expected) Assert.IsTrue(sequence.Any(r => r.Line == line), $"line {line} at 0x{start:x} in\n{table}");
    }
}
