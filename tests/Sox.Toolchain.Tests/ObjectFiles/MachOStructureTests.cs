using Sox.Compiler.Ir;
using Sox.Compiler.ObjectFiles;
using Sox.Compiler.ObjectFiles.MachO;

namespace Sox.Toolchain.Tests.ObjectFiles;

/// <summary>
/// Writes <see cref="SampleObjects.AllKinds"/> as Mach-O and checks what llvm-readobj and llvm-objdump read back
/// against values computed by hand from the sample's documented layout; cross-checks the dumper against
/// llvm-readobj. Layout: sections in model order, zero-fill last, each at the next address aligned to it:
/// __text 0x0 (0x30), __TEXT,__const 0x30 (10), __data 0x3a (4), __DATA,__const 0x40 (16), __sox_lines 0x50 (8),
/// __sox_info 0x58 (3), __bss 0x60 (0x30).
/// </summary>
[TestClass]
public sealed class MachOStructureTests
{
    private const uint Code = (uint)(MachOSectionAttributes.S_ATTR_PURE_INSTRUCTIONS | MachOSectionAttributes.S_ATTR_SOME_INSTRUCTIONS);

    private static readonly (string Name, ulong Address, ulong Size, uint AlignLog2, uint Type, uint Attributes)[] ExpectedSections =
    [
        ("__TEXT,__text", 0x0, 0x30, 4, 0, Code),
        ("__TEXT,__const", 0x30, 10, 0, 0, 0),
        ("__DATA,__data", 0x3a, 4, 0, 0, 0),
        ("__DATA,__const", 0x40, 16, 3, 0, 0),
        ("__TEXT,__sox_lines", 0x50, 8, 2, 0, 0),
        ("__SOX,__sox_info", 0x58, 3, 0, 0, (uint)MachOSectionAttributes.S_ATTR_DEBUG),
        ("__DATA,__bss", 0x60, 0x30, 4, (uint)MachOSectionType.S_ZEROFILL, 0),
    ];

    // Locals in model order, then extdefs and undefined symbols each sorted by name; n_value = section addr + offset.
    private static readonly (string Name, bool External, uint TypeBits, int Section, ulong Value)[] ExpectedSymbols =
    [
        ("_helper", false, Nlist64.N_SECT, 1, 0x20),
        ("_message", false, Nlist64.N_SECT, 2, 0x34),
        ("_table", false, Nlist64.N_SECT, 4, 0x40),
        ("_scratch", false, Nlist64.N_SECT, 7, 0x70),
        ("_counter", true, Nlist64.N_SECT, 7, 0x60),
        ("_main", true, Nlist64.N_SECT, 1, 0x0),
        ("_value", true, Nlist64.N_SECT, 3, 0x3a),
        ("_puts", true, Nlist64.N_UNDF, 0, 0),
        ("_sox_panic", true, Nlist64.N_UNDF, 0, 0),
    ];

    // File order: each section's relocations in reverse model order, pairs (ADDEND/SUBTRACTOR first) kept together.
    private static readonly MachORelocationRow[] ExpectedArm64Relocations =
    [
        new(1, 0x28, "ARM64_RELOC_BRANCH26", true, 2, true, "_sox_panic"),
        new(1, 0x24, "ARM64_RELOC_GOT_LOAD_PAGEOFF12", false, 2, true, "_counter"),
        new(1, 0x20, "ARM64_RELOC_GOT_LOAD_PAGE21", true, 2, true, "_counter"),
        new(1, 0x1c, "ARM64_RELOC_GOT_LOAD_PAGEOFF12", false, 2, true, "_scratch"),
        new(1, 0x18, "ARM64_RELOC_GOT_LOAD_PAGE21", true, 2, true, "_scratch"),
        new(1, 0x14, "ARM64_RELOC_ADDEND", false, 2, false, "#8"),
        new(1, 0x14, "ARM64_RELOC_PAGEOFF12", false, 2, true, "_table"),
        new(1, 0x10, "ARM64_RELOC_PAGE21", true, 2, true, "_table"),
        new(1, 0x0c, "ARM64_RELOC_PAGEOFF12", false, 2, true, "_message"),
        new(1, 0x08, "ARM64_RELOC_PAGE21", true, 2, true, "_message"),
        new(1, 0x04, "ARM64_RELOC_BRANCH26", true, 2, true, "_helper"),
        new(1, 0x00, "ARM64_RELOC_BRANCH26", true, 2, true, "_puts"),
        new(4, 0x8, "ARM64_RELOC_SUBTRACTOR", false, 2, true, "_table"),
        new(4, 0x8, "ARM64_RELOC_UNSIGNED", false, 2, true, "_message"),
        new(4, 0x0, "ARM64_RELOC_UNSIGNED", false, 3, true, "_value"),
    ];

    private static readonly MachORelocationRow[] ExpectedX64Relocations =
    [
        new(1, 0x21, "X86_64_RELOC_BRANCH", true, 2, true, "_sox_panic"),
        new(1, 0x1a, "X86_64_RELOC_GOT_LOAD", true, 2, true, "_counter"),
        new(1, 0x15, "X86_64_RELOC_GOT_LOAD", true, 2, true, "_scratch"),
        new(1, 0x10, "X86_64_RELOC_SIGNED", true, 2, true, "_value"),
        new(1, 0x0b, "X86_64_RELOC_SIGNED", true, 2, true, "_message"),
        new(1, 0x06, "X86_64_RELOC_BRANCH", true, 2, true, "_helper"),
        new(1, 0x01, "X86_64_RELOC_BRANCH", true, 2, true, "_puts"),
        new(4, 0x8, "X86_64_RELOC_SUBTRACTOR", false, 2, true, "_table"),
        new(4, 0x8, "X86_64_RELOC_UNSIGNED", false, 2, true, "_message"),
        new(4, 0x0, "X86_64_RELOC_UNSIGNED", false, 3, true, "_value"),
    ];

    [TestMethod]
    [DataRow(ObjectMachine.X64, MachOCpuType.CPU_TYPE_X86_64, MachOCpuSubtype.CPU_SUBTYPE_X86_64_ALL)]
    [DataRow(ObjectMachine.Arm64, MachOCpuType.CPU_TYPE_ARM64, MachOCpuSubtype.CPU_SUBTYPE_ARM64_ALL)]
    public void ReadObjSeesTheHeaderAndLoadCommands(ObjectMachine machine, MachOCpuType cpuType, MachOCpuSubtype cpuSubtype)
    {
        var report = ReadObj(Write(machine));
        int sizeOfCommands = SegmentCommand64.Size + 7 * Section64.Size + BuildVersionCommand.Size + SymtabCommand.Size + DysymtabCommand.Size;
        Assert.AreEqual(new MachOHeaderRow((uint)cpuType, (uint)cpuSubtype, MachHeader64.MH_OBJECT, 4, (uint)sizeOfCommands, MachHeader64.MH_SUBSECTIONS_VIA_SYMBOLS), report.Header);
        ulong dataStart = (ulong)(MachHeader64.Size + sizeOfCommands);
        Assert.AreEqual(new MachOSegmentRow("", 0, 0x90, dataStart, 0x5b, "rwx", "rwx", 7), report.Segment);
        Assert.AreEqual("LC_BUILD_VERSION macos 11.0 sdk 11.0", report.BuildVersion);
        Assert.AreEqual((0u, 4u, 4u, 3u, 7u, 2u), report.Dysymtab);

        var actual = report.Sections.Select(s => (s.QualifiedName, s.Address, s.Size, s.AlignLog2, s.Type, s.Attributes)).ToList();
        CollectionAssert.AreEqual(ExpectedSections.ToList(), actual, string.Join("\n", actual));
        foreach (var section in report.Sections)   // contents mirror the address space after the load commands
            Assert.AreEqual(section.Type == (uint)MachOSectionType.S_ZEROFILL ? 0 : dataStart + section.Address, (ulong)section.Offset, section.QualifiedName);
        var expectedRelocations = machine == ObjectMachine.X64 ? ExpectedX64Relocations : ExpectedArm64Relocations;
        Assert.AreEqual((uint)expectedRelocations.Count(r => r.Section == 1), report.Section("__TEXT,__text").RelocationCount);
        Assert.AreEqual((uint)expectedRelocations.Count(r => r.Section == 4), report.Section("__DATA,__const").RelocationCount);
    }

    [TestMethod]
    [DataRow(ObjectMachine.X64)]
    [DataRow(ObjectMachine.Arm64)]
    public void ReadObjSeesTheSymbolsGroupedAndSorted(ObjectMachine machine)
    {
        var actual = ReadObj(Write(machine)).Symbols.Select(s => (s.Name, s.External, s.TypeBits, s.Section, s.Value)).ToList();
        CollectionAssert.AreEqual(ExpectedSymbols.ToList(), actual, string.Join("\n", actual));
    }

    [TestMethod]
    [DataRow(ObjectMachine.X64)]
    [DataRow(ObjectMachine.Arm64)]
    public void ReadObjSeesEveryRelocationKind(ObjectMachine machine)
    {
        var expected = machine == ObjectMachine.X64 ? ExpectedX64Relocations : ExpectedArm64Relocations;
        var actual = ReadObj(Write(machine)).Relocations.ToList();
        CollectionAssert.AreEqual(expected, actual, string.Join("\n", actual));
    }

    [TestMethod]
    [DataRow(ObjectMachine.X64)]
    [DataRow(ObjectMachine.Arm64)]
    public void ImplicitAddendsAreStoredInTheFields(ObjectMachine machine)
    {
        // __DATA,__const: value+8 as a 64-bit pointer; message+2 - . at 8 as message - table + (2 - 8).
        var contents = ObjdumpContents(Write(machine));
        CollectionAssert.AreEqual(new byte[] { 8, 0, 0, 0, 0, 0, 0, 0, 0xfa, 0xff, 0xff, 0xff, 0, 0, 0, 0 }, contents["__DATA,__const"]);
        // x86-64 PC-relative fields hold addend + 4 = 0 for the usual -4; arm64 instructions keep no addend.
        CollectionAssert.AreEqual(new byte[0x30], contents["__TEXT,__text"]);
    }

    [TestMethod]
    [DataRow(ObjectMachine.X64)]
    [DataRow(ObjectMachine.Arm64)]
    public void DumpAgreesWithReadObj(ObjectMachine machine)
    {
        var bytes = Write(machine);
        var readObj = ReadObj(bytes);
        var dump = MachOReport.FromDump(MachOObjectDumper.Dump(bytes));
        Assert.AreEqual(readObj.Header, dump.Header);
        Assert.AreEqual(readObj.Segment, dump.Segment);
        Assert.AreEqual(readObj.BuildVersion, dump.BuildVersion);
        Assert.AreEqual(readObj.Dysymtab, dump.Dysymtab);
        CollectionAssert.AreEqual(readObj.Sections.ToList(), dump.Sections.ToList());
        CollectionAssert.AreEqual(readObj.Symbols.ToList(), dump.Symbols.ToList());
        CollectionAssert.AreEqual(readObj.Relocations.ToList(), dump.Relocations.ToList());
    }

    [TestMethod]
    [DataRow(ObjectMachine.X64, "X86_64", "GOT_LD")]
    [DataRow(ObjectMachine.Arm64, "ARM64", "GOTLDP")]
    public void LlvmObjdumpReadsTheObjectWithoutWarnings(ObjectMachine machine, string cpu, string someRelocation)
    {
        string tool = ExternalTool.Require("llvm-objdump");
        using var dir = new TempDirectory();
        File.WriteAllBytes(dir.File("sample.o"), Write(machine));
        string output = ExternalTool.RunClean(tool, dir.Path, "--macho", "--private-headers", "--section-headers", "--syms", "--reloc", "sample.o");
        StringAssert.Matches(output, new System.Text.RegularExpressions.Regex($@"MH_MAGIC_64\s+{cpu}\s+ALL\s+0x00\s+OBJECT\s+4\s+\d+\s+SUBSECTIONS_VIA_SYMBOLS"));
        StringAssert.Matches(output, new System.Text.RegularExpressions.Regex(@"platform macos\s+sdk 11\.0\s+minos 11\.0"));
        StringAssert.Contains(output, "attributes PURE_INSTRUCTIONS SOME_INSTRUCTIONS");
        StringAssert.Contains(output, "type S_ZEROFILL");
        StringAssert.Matches(output, new System.Text.RegularExpressions.Regex($@"True\s+long\s+True\s+{someRelocation}\s*False\s+_counter"));
        StringAssert.Matches(output, new System.Text.RegularExpressions.Regex(@"0000000000000020 l\s+F __TEXT,__text _helper"));
        StringAssert.Matches(output, new System.Text.RegularExpressions.Regex(@"\*UND\* _sox_panic"));
    }

    [TestMethod]
    public void EmptyObjectIsStillWellFormed()
    {
        var report = ReadObj(new MachOObjectWriter().Write(new ObjectFile(ObjectMachine.Arm64)));
        Assert.AreEqual(0, report.Sections.Count);
        Assert.AreEqual(0, report.Symbols.Count);
        Assert.AreEqual(0u, report.Segment.SectionCount);
        Assert.AreEqual((0u, 0u, 0u, 0u, 0u, 0u), report.Dysymtab);
    }

    [TestMethod]
    public void OutputIsDeterministic()
    {
        foreach (var machine in new[] { ObjectMachine.X64, ObjectMachine.Arm64 })
            CollectionAssert.AreEqual(Write(machine), Write(machine), machine.ToString());
    }

    [TestMethod]
    public void MinimumAndSdkVersionsAreWritten()
    {
        var bytes = new MachOObjectWriter { MinimumOSVersion = new Version(12, 3), SdkVersion = new Version(13, 1, 2) }.Write(SampleObjects.AllKinds(ObjectMachine.Arm64));
        Assert.AreEqual("LC_BUILD_VERSION macos 12.3 sdk 13.1.2", ReadObj(bytes).BuildVersion);
    }

    [TestMethod]
    [DataRow(ObjectMachine.Arm64, RelocationKind.Arm64GotPage21, 8L)]
    [DataRow(ObjectMachine.Arm64, RelocationKind.Arm64GotLoad64Low12, 8L)]
    [DataRow(ObjectMachine.X64, RelocationKind.X64GotLoad32, 0L)]
    [DataRow(ObjectMachine.Arm64, RelocationKind.Arm64AdrPage21, 0x80_0000L)]
    [DataRow(ObjectMachine.Arm64, RelocationKind.X64Branch32, -4L)]
    [DataRow(ObjectMachine.X64, RelocationKind.Arm64Call26, 0L)]
    public void InexpressibleRelocationsAreRejected(ObjectMachine machine, RelocationKind kind, long addend)
    {
        var obj = new ObjectFile(machine);
        var text = obj.GetOrAddSection(ObjectSectionKind.Text);
        text.Append(new byte[8], [new SymbolRelocation(0, kind, "target", addend)]);
        Assert.ThrowsExactly<NotSupportedException>(() => new MachOObjectWriter().Write(obj));
    }

    [TestMethod]
    public void LargestArm64AddendsTravelInAddendRelocations()
    {
        var obj = new ObjectFile(ObjectMachine.Arm64);
        var text = obj.GetOrAddSection(ObjectSectionKind.Text);
        text.Append(new byte[8], [new SymbolRelocation(0, RelocationKind.Arm64AdrPage21, "target", 0x7f_ffff), new SymbolRelocation(4, RelocationKind.Arm64AddLow12, "target", -0x80_0000)]);
        var relocations = MachOReport.FromDump(MachOObjectDumper.Dump(new MachOObjectWriter().Write(obj))).Relocations;
        CollectionAssert.AreEqual(new[] { "#8388608", "_target", "#8388607", "_target" }, relocations.Select(r => r.Target).ToArray());
        StringAssert.Contains(MachOObjectDumper.Dump(new MachOObjectWriter().Write(obj)), "ARM64_RELOC_ADDEND pcrel=0 length=2 extern=0 addend=-8388608");
    }

    private static byte[] Write(ObjectMachine machine) => new MachOObjectWriter().Write(SampleObjects.AllKinds(machine));

    internal static MachOReport ReadObj(byte[] bytes)
    {
        string tool = ExternalTool.Require("llvm-readobj");
        using var dir = new TempDirectory();
        File.WriteAllBytes(dir.File("object.o"), bytes);
        return MachOReport.FromReadObj(ExternalTool.RunClean(tool, dir.Path, [.. MachOReport.ReadObjArguments, "object.o"]));
    }

    /// <summary>Each section's contents as <c>llvm-objdump --macho -s</c> prints them, by <c>SEG,sect</c>.</summary>
    internal static Dictionary<string, byte[]> ObjdumpContents(byte[] bytes)
    {
        string tool = ExternalTool.Require("llvm-objdump");
        using var dir = new TempDirectory();
        File.WriteAllBytes(dir.File("object.o"), bytes);
        return MachOLinkedImage.ParseContents(ExternalTool.RunClean(tool, dir.Path, "--macho", "-s", "object.o"));
    }
}
