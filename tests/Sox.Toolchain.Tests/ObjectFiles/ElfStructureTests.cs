using Sox.Compiler.ObjectFiles;
using Sox.Compiler.ObjectFiles.Elf;

namespace Sox.Toolchain.Tests.ObjectFiles;

/// <summary>
/// Writes <see cref="SampleObjects.AllKinds"/> and checks what GNU readelf (and llvm-readobj) read back against
/// values computed by hand from the sample's documented layout; cross-checks the dumper against readelf.
/// </summary>
[TestClass]
public sealed class ElfStructureTests
{
    // Header-table order the writer promises: each section followed by its .rela, then note, symtab, strtab, shstrtab.
    private static readonly (string Name, string Type, string Flags, ulong Align, ulong Size)[] ExpectedSections =
    [
        (".text", "PROGBITS", "AX", 16, 0x30),
        (".rela.text", "RELA", "I", 8, 0),          // size depends on the machine; checked separately
        (".rodata", "PROGBITS", "A", 1, 10),
        (".data", "PROGBITS", "WA", 1, 4),
        (".data.rel.ro", "PROGBITS", "WA", 8, 16),
        (".rela.data.rel.ro", "RELA", "I", 8, 2 * 24),
        (".bss", "NOBITS", "WA", 16, 0x30),
        (".sox_lines", "PROGBITS", "A", 4, 8),
        (".sox.info", "PROGBITS", "", 1, 3),
        (".note.GNU-stack", "PROGBITS", "", 1, 0),
        (".symtab", "SYMTAB", "", 8, 0),
        (".strtab", "STRTAB", "", 1, 0),
        (".shstrtab", "STRTAB", "", 1, 0),
    ];

    private static readonly (string Name, string Binding, string Type, string Section, ulong Value, ulong Size)[] ExpectedSymbols =
    [
        ("", "LOCAL", "NOTYPE", "UND", 0, 0),
        ("sample.sox", "LOCAL", "FILE", "ABS", 0, 0),
        (".text", "LOCAL", "SECTION", ".text", 0, 0),
        (".rodata", "LOCAL", "SECTION", ".rodata", 0, 0),
        (".data", "LOCAL", "SECTION", ".data", 0, 0),
        (".data.rel.ro", "LOCAL", "SECTION", ".data.rel.ro", 0, 0),
        (".bss", "LOCAL", "SECTION", ".bss", 0, 0),
        (".sox_lines", "LOCAL", "SECTION", ".sox_lines", 0, 0),
        (".sox.info", "LOCAL", "SECTION", ".sox.info", 0, 0),
        ("helper", "LOCAL", "FUNC", ".text", 0x20, 0x10),
        ("message", "LOCAL", "OBJECT", ".rodata", 4, 6),
        ("table", "LOCAL", "OBJECT", ".data.rel.ro", 0, 16),
        ("scratch", "LOCAL", "OBJECT", ".bss", 0x10, 32),
        ("main", "GLOBAL", "FUNC", ".text", 0, 0x20),
        ("value", "GLOBAL", "OBJECT", ".data", 0, 4),
        ("counter", "GLOBAL", "OBJECT", ".bss", 0, 8),
        ("puts", "GLOBAL", "FUNC", "UND", 0, 0),
        ("sox_panic", "GLOBAL", "NOTYPE", "UND", 0, 0),
    ];
    private const int FirstGlobal = 13;

    // Local targets other than GOT entries become section symbol + offset; GOT relocations keep the local symbol.
    private static readonly RelocationRow[] ExpectedX64Relocations =
    [
        new(".text", 0x01, "R_X86_64_PLT32", "puts", -4),
        new(".text", 0x06, "R_X86_64_PLT32", ".text", 0x20 - 4),
        new(".text", 0x0b, "R_X86_64_PC32", ".rodata", 4 - 4),
        new(".text", 0x10, "R_X86_64_PC32", "value", -4),
        new(".text", 0x15, "R_X86_64_REX_GOTPCRELX", "scratch", -4),
        new(".text", 0x1a, "R_X86_64_REX_GOTPCRELX", "counter", -4),
        new(".text", 0x21, "R_X86_64_PLT32", "sox_panic", -4),
        new(".data.rel.ro", 0, "R_X86_64_64", "value", 8),
        new(".data.rel.ro", 8, "R_X86_64_PC32", ".rodata", 4 + 2),
    ];

    private static readonly RelocationRow[] ExpectedArm64Relocations =
    [
        new(".text", 0x00, "R_AARCH64_CALL26", "puts", 0),
        new(".text", 0x04, "R_AARCH64_CALL26", ".text", 0x20),
        new(".text", 0x08, "R_AARCH64_ADR_PREL_PG_HI21", ".rodata", 4),
        new(".text", 0x0c, "R_AARCH64_ADD_ABS_LO12_NC", ".rodata", 4),
        new(".text", 0x10, "R_AARCH64_ADR_PREL_PG_HI21", ".data.rel.ro", 0),
        new(".text", 0x14, "R_AARCH64_LDST64_ABS_LO12_NC", ".data.rel.ro", 8),
        new(".text", 0x18, "R_AARCH64_ADR_GOT_PAGE", "scratch", 0),
        new(".text", 0x1c, "R_AARCH64_LD64_GOT_LO12_NC", "scratch", 0),
        new(".text", 0x20, "R_AARCH64_ADR_GOT_PAGE", "counter", 0),
        new(".text", 0x24, "R_AARCH64_LD64_GOT_LO12_NC", "counter", 0),
        new(".text", 0x28, "R_AARCH64_CALL26", "sox_panic", 0),
        new(".data.rel.ro", 0, "R_AARCH64_ABS64", "value", 8),
        new(".data.rel.ro", 8, "R_AARCH64_PREL32", ".rodata", 4 + 2),
    ];

    [TestMethod]
    [DataRow(ObjectMachine.X64, "Advanced Micro Devices X86-64")]
    [DataRow(ObjectMachine.Arm64, "AArch64")]
    public void ReadElfSeesTheHeaderAndSections(ObjectMachine machine, string machineName)
    {
        var report = ReadElf(machine);
        Assert.AreEqual(machineName, report.Machine);
        StringAssert.StartsWith(report.FileType, "REL");

        CollectionAssert.AreEqual(ExpectedSections.Select(s => s.Name).ToList(), report.Sections.Select(s => s.Name).ToList());
        foreach (var expected in ExpectedSections)
        {
            var actual = report.Section(expected.Name);
            Assert.AreEqual(expected.Type, actual.Type, expected.Name);
            Assert.AreEqual(expected.Flags, actual.Flags, expected.Name);
            Assert.AreEqual(expected.Align, actual.Align, expected.Name);
            if (expected.Size != 0 || expected.Name == ".note.GNU-stack") Assert.AreEqual(expected.Size, actual.Size, expected.Name);
        }

        var symtab = report.Section(".symtab");
        Assert.AreEqual(24UL, symtab.EntrySize);
        Assert.AreEqual(report.Section(".strtab").Index, symtab.Link);
        Assert.AreEqual(FirstGlobal, symtab.Info);
        foreach (var (rela, target) in new[] { (".rela.text", ".text"), (".rela.data.rel.ro", ".data.rel.ro") })
        {
            Assert.AreEqual(24UL, report.Section(rela).EntrySize, rela);
            Assert.AreEqual(symtab.Index, report.Section(rela).Link, rela);
            Assert.AreEqual(report.Section(target).Index, report.Section(rela).Info, rela);
        }
        int textRelocations = (machine == ObjectMachine.X64 ? ExpectedX64Relocations : ExpectedArm64Relocations).Count(r => r.Section == ".text");
        Assert.AreEqual((ulong)(textRelocations * 24), report.Section(".rela.text").Size);
    }

    [TestMethod]
    [DataRow(ObjectMachine.X64)]
    [DataRow(ObjectMachine.Arm64)]
    public void ReadElfSeesTheSymbolsLocalsFirst(ObjectMachine machine)
    {
        var report = ReadElf(machine);
        var actual = report.Symbols.Select(s => (s.Name, s.Binding, s.Type, s.Section, s.Value, s.Size)).ToList();
        CollectionAssert.AreEqual(ExpectedSymbols.ToList(), actual, string.Join("\n", actual));
        Assert.IsTrue(report.Symbols.Take(FirstGlobal).All(s => s.Binding == "LOCAL"));
        Assert.IsTrue(report.Symbols.Skip(FirstGlobal).All(s => s.Binding == "GLOBAL"));
    }

    [TestMethod]
    [DataRow(ObjectMachine.X64)]
    [DataRow(ObjectMachine.Arm64)]
    public void ReadElfSeesEveryRelocationKind(ObjectMachine machine)
    {
        var expected = machine == ObjectMachine.X64 ? ExpectedX64Relocations : ExpectedArm64Relocations;
        var actual = ReadElf(machine).Relocations.ToList();
        CollectionAssert.AreEqual(expected, actual, string.Join("\n", actual));
    }

    [TestMethod]
    [DataRow(ObjectMachine.X64)]
    [DataRow(ObjectMachine.Arm64)]
    public void DumpAgreesWithReadElf(ObjectMachine machine)
    {
        var bytes = new ElfObjectWriter().Write(SampleObjects.AllKinds(machine));
        var readelf = ReadElf(bytes);
        var dump = ElfReport.FromDump(ElfObjectDumper.Dump(bytes));
        Assert.AreEqual(machine == ObjectMachine.X64 ? "EM_X86_64" : "EM_AARCH64", dump.Machine);
        Assert.AreEqual("ET_REL", dump.FileType);
        CollectionAssert.AreEqual(readelf.Sections.ToList(), dump.Sections.ToList());
        CollectionAssert.AreEqual(readelf.Symbols.ToList(), dump.Symbols.ToList());
        CollectionAssert.AreEqual(readelf.Relocations.ToList(), dump.Relocations.ToList());
    }

    [TestMethod]
    [DataRow(ObjectMachine.X64, "R_X86_64_REX_GOTPCRELX")]
    [DataRow(ObjectMachine.Arm64, "R_AARCH64_LD64_GOT_LO12_NC")]
    public void LlvmReadObjReadsTheObjectWithoutWarnings(ObjectMachine machine, string someRelocation)
    {
        string tool = ExternalTool.Require("llvm-readobj");
        using var dir = new TempDirectory();
        File.WriteAllBytes(dir.File("sample.o"), new ElfObjectWriter().Write(SampleObjects.AllKinds(machine)));
        string output = ExternalTool.RunClean(tool, dir.Path, "--file-headers", "--sections", "--symbols", "--relocations", "sample.o");
        StringAssert.Contains(output, machine == ObjectMachine.X64 ? "Machine: EM_X86_64" : "Machine: EM_AARCH64");
        StringAssert.Contains(output, "Type: Relocatable");
        StringAssert.Contains(output, "Name: .note.GNU-stack");
        StringAssert.Contains(output, someRelocation + " scratch");
        Assert.AreEqual(18, System.Text.RegularExpressions.Regex.Matches(output, @"^\s*Symbol \{", System.Text.RegularExpressions.RegexOptions.Multiline).Count);
    }

    [TestMethod]
    public void EmptyObjectIsStillWellFormed()
    {
        var report = ReadElf(new ElfObjectWriter().Write(new ObjectFile(ObjectMachine.X64)));
        CollectionAssert.AreEqual(new[] { ".note.GNU-stack", ".symtab", ".strtab", ".shstrtab" }, report.Sections.Select(s => s.Name).ToArray());
        Assert.AreEqual(1, report.Symbols.Count);
        Assert.AreEqual(1, report.Section(".symtab").Info);
    }

    private static ElfReport ReadElf(ObjectMachine machine) => ReadElf(new ElfObjectWriter().Write(SampleObjects.AllKinds(machine)));

    private static ElfReport ReadElf(byte[] bytes)
    {
        string readelf = ExternalTool.Require("readelf");
        using var dir = new TempDirectory();
        File.WriteAllBytes(dir.File("object.o"), bytes);
        return ElfReport.FromReadElf(ExternalTool.RunClean(readelf, dir.Path, "-hSsrW", "object.o"));
    }
}
