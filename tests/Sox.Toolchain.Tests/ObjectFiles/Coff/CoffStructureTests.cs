using System.Text;
using System.Text.RegularExpressions;
using Sox.Compiler.ObjectFiles;
using Sox.Compiler.ObjectFiles.Coff;

namespace Sox.Toolchain.Tests.ObjectFiles.Coff;

/// <summary>
/// Writes <see cref="CoffSampleObjects.AllKinds"/> as COFF and checks what llvm-readobj and llvm-objdump read back
/// against values computed by hand from the sample's documented layout: file header, section table (names, long
/// names through the string table, sizes, characteristics with alignment), the symbol table (.file, section symbols
/// with their section-definition records, storage classes, types), every relocation, the addends stored in the
/// fields, and the linker directives.
/// </summary>
[TestClass]
public sealed partial class CoffStructureTests
{
    private const uint Code = 0x6000_0020, ReadOnly = 0x4000_0040, Writable = 0xc000_0040, Bss = 0xc000_0080;
    private const uint Align1 = 0x10_0000, Align4 = 0x30_0000, Align8 = 0x40_0000, Align16 = 0x50_0000;
    private static readonly int DirectiveLength = (" -export:" + CoffSampleObjects.LongFunctionName).Length;

    // Number, name, the 8-byte name field, size, characteristics (alignment included).
    private static readonly (int, string, string, ulong, uint)[] ExpectedSections =
    [
        (1, ".text", ".text", 0x30, Code | Align16),
        (2, ".rdata", ".rdata", 10, ReadOnly | Align1),
        (3, ".data", ".data", 4, Writable | Align1),
        (4, ".rdata$sox_relro", "/4", 16, ReadOnly | Align8),
        (5, ".bss", ".bss", 0x30, Bss | Align16),
        (6, ".pdata", ".pdata", 12, ReadOnly | Align4),
        (7, ".xdata", ".xdata", 8, ReadOnly | Align4),
        (8, ".drectve", ".drectve", (ulong)DirectiveLength, 0x200 | 0x800 | Align1),
        (9, ".sox_lines", "/21", 8, ReadOnly | Align4),
        (10, ".sox.info", "/32", 3, ReadOnly | 0x0200_0000 | Align1),
        (11, ".rdata$.refptr", "/42", 16, ReadOnly | Align8),
    ];

    private static readonly int[] ExpectedRelocationCounts = [9, 0, 0, 2, 0, 3, 0, 0, 0, 0, 2];

    // Model symbols after .file and the section symbols: name, value, section, complex type, storage class.
    private static readonly (string, ulong, string, string, string)[] ExpectedSymbols =
    [
        ("main", 0, ".text (1)", "Function (0x2)", "External (0x2)"),
        (CoffSampleObjects.LongFunctionName, 0x10, ".text (1)", "Function (0x2)", "External (0x2)"),
        ("helper", 0x20, ".text (1)", "Function (0x2)", "Static (0x3)"),
        ("retry", 0x28, ".text (1)", "Null (0x0)", "Label (0x6)"),
        ("message", 4, ".rdata (2)", "Null (0x0)", "Static (0x3)"),
        ("value", 0, ".data (3)", "Null (0x0)", "External (0x2)"),
        ("table", 0, ".rdata$sox_relro (4)", "Null (0x0)", "Static (0x3)"),
        ("counter", 0, ".bss (5)", "Null (0x0)", "External (0x2)"),
        ("scratch", 0x10, ".bss (5)", "Null (0x0)", "Static (0x3)"),
        ("unwind_main", 0, ".xdata (7)", "Null (0x0)", "Static (0x3)"),
        ("puts", 0, "IMAGE_SYM_UNDEFINED (0)", "Function (0x2)", "External (0x2)"),
        ("sox_panic", 0, "IMAGE_SYM_UNDEFINED (0)", "Null (0x0)", "External (0x2)"),
        (".refptr.counter", 0, ".rdata$.refptr (11)", "Null (0x0)", "Static (0x3)"),
        (".refptr.scratch", 8, ".rdata$.refptr (11)", "Null (0x0)", "Static (0x3)"),
    ];

    private static readonly CoffRelocationRow[] ExpectedRelocations =
    [
        new(1, 0x01, "IMAGE_REL_AMD64_REL32", "puts"),
        new(1, 0x06, "IMAGE_REL_AMD64_REL32", "helper"),
        new(1, 0x0b, "IMAGE_REL_AMD64_REL32", "message"),
        new(1, 0x10, "IMAGE_REL_AMD64_REL32_4", "value"),
        new(1, 0x15, "IMAGE_REL_AMD64_REL32", ".refptr.counter"),
        new(1, 0x1a, "IMAGE_REL_AMD64_REL32", "table"),
        new(1, 0x21, "IMAGE_REL_AMD64_REL32", "sox_panic"),
        new(1, 0x26, "IMAGE_REL_AMD64_REL32_1", "value"),
        new(1, 0x2b, "IMAGE_REL_AMD64_REL32", ".refptr.scratch"),
        new(4, 0x0, "IMAGE_REL_AMD64_ADDR64", "value"),
        new(4, 0x8, "IMAGE_REL_AMD64_REL32", "message"),
        new(6, 0x0, "IMAGE_REL_AMD64_ADDR32NB", "main"),
        new(6, 0x4, "IMAGE_REL_AMD64_ADDR32NB", "main"),
        new(6, 0x8, "IMAGE_REL_AMD64_ADDR32NB", "unwind_main"),
        new(11, 0x0, "IMAGE_REL_AMD64_ADDR64", "counter"),
        new(11, 0x8, "IMAGE_REL_AMD64_ADDR64", "scratch"),
    ];

    [TestMethod]
    public void ReadObjSeesTheFileHeader()
    {
        var report = CoffReport.ReadObj(Write());
        Assert.AreEqual("IMAGE_FILE_MACHINE_AMD64 (0x8664)", report.Machine);
        Assert.AreEqual(11ul, report.SectionCount);
        // .file + 1 aux, 11 section symbols + 11 aux, 14 model/undefined/slot symbols.
        Assert.AreEqual((ulong)(2 + 22 + ExpectedSymbols.Length), report.SymbolCount);
        // 4-byte size field + each long name once, NUL-terminated.
        string[] longNames = [".rdata$sox_relro", ".sox_lines", ".sox.info", ".rdata$.refptr", CoffSampleObjects.LongFunctionName, "unwind_main", "sox_panic", ".refptr.counter", ".refptr.scratch"];
        Assert.AreEqual((ulong)(4 + longNames.Sum(n => n.Length + 1)), report.StringTableSize);
    }

    [TestMethod]
    public void ReadObjSeesTheSectionTable()
    {
        var report = CoffReport.ReadObj(Write());
        var actual = report.Sections.Select(s => (s.Number, s.Name, s.RawName, s.RawDataSize, s.Characteristics)).ToList();
        CollectionAssert.AreEqual(ExpectedSections.ToList(), actual, string.Join("\n", actual));
        CollectionAssert.AreEqual(ExpectedRelocationCounts, report.Sections.Select(s => (int)s.RelocationCount).ToArray());
        ulong end = 20 + 11 * 40;
        foreach (var section in report.Sections)
        {
            if (section.Name == ".bss") Assert.AreEqual(0ul, section.PointerToRawData, "uninitialized data has no file bytes");
            else
            {
                Assert.AreEqual(0ul, section.PointerToRawData % 4, section.Name);
                Assert.IsTrue(section.PointerToRawData >= end, $"{section.Name} overlaps what precedes it");
                end = section.PointerToRawData + section.RawDataSize;
            }
            if (section.RelocationCount == 0) Assert.AreEqual(0ul, section.PointerToRelocations, section.Name);
            else
            {
                Assert.AreEqual(end, section.PointerToRelocations, $"{section.Name}: relocations follow the contents");
                end += section.RelocationCount * 10;
            }
        }
        Assert.AreEqual(end, report.PointerToSymbolTable);
    }

    [TestMethod]
    public void ReadObjSeesTheSymbolTable()
    {
        var bytes = Write();
        var report = CoffReport.ReadObj(bytes);
        var file = report.Symbols[0];
        Assert.AreEqual((".file", "IMAGE_SYM_DEBUG (-2)", "File (0x67)", 1, "sample.sox"), (file.Name, file.Section, file.StorageClass, file.AuxCount, file.FileName));

        var contents = ObjdumpContents(bytes);
        for (int i = 0; i < ExpectedSections.Length; i++)
        {
            var (number, name, _, size, _) = ExpectedSections[i];
            var symbol = report.Symbols[1 + i];
            Assert.AreEqual((name, 0ul, $"{name} ({number})", "Static (0x3)", 1), (symbol.Name, symbol.Value, symbol.Section, symbol.StorageClass, symbol.AuxCount));
            ulong checksum = name == ".bss" ? 0 : JamCrcFromZero(contents[name]);
            Assert.AreEqual((size, (ulong)ExpectedRelocationCounts[i], checksum, 0ul, 0ul), symbol.Definition, name);
        }
        var actual = report.Symbols.Skip(1 + ExpectedSections.Length).Select(s => (s.Name, s.Value, s.Section, s.ComplexType, s.StorageClass)).ToList();
        CollectionAssert.AreEqual(ExpectedSymbols.ToList(), actual, string.Join("\n", actual));
    }

    [TestMethod]
    public void ReadObjSeesEveryRelocation()
    {
        var actual = CoffReport.ReadObj(Write()).Relocations.ToList();
        CollectionAssert.AreEqual(ExpectedRelocations, actual, string.Join("\n", actual));
    }

    [TestMethod]
    public void ImplicitAddendsAreStoredInTheFields()
    {
        var contents = ObjdumpContents(Write());
        // .text: every PC-relative field holds A + 4 (0 for the usual -4; the -5/-8 forms are REL32_1/REL32_4 with 0)
        // except table+8: A = 4, stored 8.
        var text = new byte[0x30];
        text[0x1a] = 8;
        CollectionAssert.AreEqual(text, contents[".text"]);
        // value+8 as ADDR64; message+2 - P as REL32: 2 + 4.
        CollectionAssert.AreEqual(new byte[] { 8, 0, 0, 0, 0, 0, 0, 0, 6, 0, 0, 0, 0, 0, 0, 0 }, contents[".rdata$sox_relro"]);
        CollectionAssert.AreEqual(new byte[] { 0, 0, 0, 0, 0x10, 0, 0, 0, 0, 0, 0, 0 }, contents[".pdata"]);
        CollectionAssert.AreEqual(new byte[16], contents[".rdata$.refptr"]);
        CollectionAssert.AreEqual("abc\0hello\0"u8.ToArray(), contents[".rdata"]);
    }

    [TestMethod]
    public void ReadObjSeesTheLinkerDirectives()
    {
        Assert.AreEqual("-export:" + CoffSampleObjects.LongFunctionName, CoffReport.ReadObj(Write()).Directives.Trim());
    }

    [TestMethod]
    public void LlvmObjdumpReadsTheObjectWithoutWarnings()
    {
        string tool = ExternalTool.Require("llvm-objdump");
        using var dir = new TempDirectory();
        File.WriteAllBytes(dir.File("sample.obj"), Write());
        string output = ExternalTool.RunClean(tool, dir.Path, "--section-headers", "--syms", "--reloc", "sample.obj");
        StringAssert.Contains(output, "file format coff-x86-64");
        StringAssert.Matches(output, new Regex(@"0000000000000010 IMAGE_REL_AMD64_REL32_4\s+value"));
        StringAssert.Matches(output, new Regex(@"\(sec  1\)\(fl 0x00\)\(ty  20\)\(scl   3\) \(nx 0\) 0x00000020 helper"));
        StringAssert.Contains(output, CoffSampleObjects.LongFunctionName);
        StringAssert.Contains(output, ".rdata$sox_relro");
    }

    [TestMethod]
    public void DumpAgreesWithReadObj()
    {
        var bytes = Write();
        var report = CoffReport.ReadObj(bytes);
        var dump = CoffObjectDumper.Dump(bytes).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        var sections = dump.Select(l => DumpSection().Match(l)).Where(m => m.Success)
            .Select(m => (int.Parse(m.Groups[1].Value), m.Groups[2].Value, m.Groups[3].Value, Convert.ToUInt64(m.Groups[4].Value, 16))).ToList();
        CollectionAssert.AreEqual(report.Sections.Select(s => (s.Number, s.Name, s.RawName, s.RawDataSize)).ToList(), sections);
        var symbols = dump.Select(l => DumpSymbol().Match(l)).Where(m => m.Success)
            .Select(m => (m.Groups[1].Value, m.Groups[2].Value, Convert.ToUInt64(m.Groups[3].Value, 16))).ToList();
        CollectionAssert.AreEqual(report.Symbols.Select(s => (s.Name, s.StorageClass.Split(' ')[0].ToUpperInvariant(), s.Value)).ToList(), symbols);
        var relocations = dump.Select(l => DumpRelocation().Match(l)).Where(m => m.Success)
            .Select(m => (m.Groups[1].Value, Convert.ToUInt64(m.Groups[2].Value, 16), m.Groups[3].Value, m.Groups[4].Value)).ToList();
        CollectionAssert.AreEqual(report.Relocations.Select(r => (report.Sections[r.Section - 1].Name, r.Offset, r.Type, r.Symbol)).ToList(), relocations);
        CollectionAssert.Contains(dump, "relocation .text+0x1a IMAGE_REL_AMD64_REL32 table field=0x8");
        CollectionAssert.Contains(dump, "symbol [0] .file FILE section=DEBUG value=0x0 type=0x0 aux=1 file=sample.sox");
    }

    [TestMethod]
    public void ChecksumIsTheCrcMicrosoftAndLlvmWrite()
    {
        // clang --target=x86_64-w64-windows-gnu writes CheckSum 0x672D789D for an .rdata holding "hello\0".
        var obj = new ObjectFile(ObjectMachine.X64);
        obj.GetOrAddSection(ObjectSectionKind.ReadOnlyData).Append("hello\0"u8);
        var report = CoffReport.ReadObj(new CoffObjectWriter().Write(obj));
        Assert.AreEqual(0x672D789Dul, report.Symbol(".rdata").Definition!.Value.Checksum);
    }

    [TestMethod]
    public void EmptyObjectIsStillWellFormed()
    {
        var report = CoffReport.ReadObj(new CoffObjectWriter().Write(new ObjectFile(ObjectMachine.X64)));
        Assert.AreEqual(0, report.Sections.Count);
        Assert.AreEqual(0, report.Symbols.Count);
        Assert.AreEqual(4ul, report.StringTableSize);
    }

    [TestMethod]
    public void OutputIsDeterministic() => CollectionAssert.AreEqual(Write(), Write());

    [TestMethod]
    public void LongNamesGoToTheStringTable()
    {
        // Exactly 8 bytes stays in the field (no NUL); 9 goes to the table, for sections and symbols alike.
        var obj = new ObjectFile(ObjectMachine.X64);
        var eight = obj.AddCustomSection(".abcdefg", ObjectSectionFlags.Allocated);
        var nine = obj.AddCustomSection(".abcdefgh", ObjectSectionFlags.Allocated);
        obj.DefineSymbol("abcdefgh", eight, eight.Append([1]), 1, ObjectSymbolBinding.Global, ObjectSymbolType.Object);
        obj.DefineSymbol("abcdefghi", nine, nine.Append([2]), 1, ObjectSymbolBinding.Global, ObjectSymbolType.Object);
        obj.DefineSymbol("s\u00e9same_\u00e9", nine, 0, 1, ObjectSymbolBinding.Global, ObjectSymbolType.Object);   // 8 chars, 10 UTF-8 bytes
        var bytes = new CoffObjectWriter().Write(obj);
        var report = CoffReport.ReadObj(bytes);
        Assert.AreEqual((".abcdefg", ".abcdefg"), (report.Sections[0].Name, report.Sections[0].RawName));
        Assert.AreEqual((".abcdefgh", "/4"), (report.Sections[1].Name, report.Sections[1].RawName));
        CollectionAssert.IsSubsetOf(new[] { "abcdefgh", "abcdefghi", "s\u00e9same_\u00e9" }, report.Symbols.Select(s => s.Name).ToArray());
        // The table: size, then ".abcdefgh\0" (also the section symbol's name), "abcdefghi\0", the UTF-8 name.
        var header = CoffFileHeader.Read(bytes);
        var table = bytes.AsSpan((int)(header.PointerToSymbolTable + header.NumberOfSymbols * CoffSymbol.Size));
        var expected = Encoding.UTF8.GetBytes(".abcdefgh\0abcdefghi\0s\u00e9same_\u00e9\0");
        Assert.AreEqual(4 + expected.Length, BitConverter.ToInt32(table));
        CollectionAssert.AreEqual(expected, table[4..].ToArray());
    }

    [TestMethod]
    public void SectionNamesPastSevenDigitOffsetsUseBase64()
    {
        // A first section name of 10,000,000 bytes puts the second at offset 4 + 10,000,001 = 10,000,005, which "/N"
        // (seven digits) cannot hold: "//" and six base-64 digits, most significant first.
        var obj = new ObjectFile(ObjectMachine.X64);
        obj.AddCustomSection("." + new string('x', 9_999_999), ObjectSectionFlags.Allocated).Append([1]);
        obj.AddCustomSection(".second_section", ObjectSectionFlags.Allocated).Append([2]);
        var bytes = new CoffObjectWriter().Write(obj);
        Assert.AreEqual("/4", CoffSectionHeader.Read(bytes.AsSpan(CoffFileHeader.Size)).Name);
        Assert.AreEqual("//AAmJaF", CoffSectionHeader.Read(bytes.AsSpan(CoffFileHeader.Size + CoffSectionHeader.Size)).Name);
        Assert.AreEqual(".second_section", CoffReport.ReadObj(bytes).Sections[1].Name);
    }

    private static byte[] Write() => new CoffObjectWriter().Write(CoffSampleObjects.AllKinds());

    /// <summary>CRC-32, reflected polynomial 0xEDB88320, initial value 0, no final inversion; bit by bit.</summary>
    internal static ulong JamCrcFromZero(byte[] data)
    {
        uint crc = 0;
        foreach (byte b in data)
        {
            crc ^= b;
            for (int k = 0; k < 8; k++) crc = (crc & 1) != 0 ? (crc >> 1) ^ 0xedb8_8320 : crc >> 1;
        }
        return crc;
    }

    /// <summary>Each section's contents as <c>llvm-objdump -s</c> prints them, by section name.</summary>
    internal static Dictionary<string, byte[]> ObjdumpContents(byte[] bytes)
    {
        string tool = ExternalTool.Require("llvm-objdump");
        using var dir = new TempDirectory();
        File.WriteAllBytes(dir.File("object.obj"), bytes);
        var result = new Dictionary<string, List<byte>>(StringComparer.Ordinal);
        List<byte>? current = null;
        foreach (var line in ExternalTool.RunClean(tool, dir.Path, "-s", "object.obj").Split('\n'))
        {
            Match m;
            if ((m = SectionTitle().Match(line)).Success) result[m.Groups[1].Value] = current = [];
            else if (current is not null && (m = ContentLine().Match(line.PadRight(48))).Success)
            {
                var hex = m.Groups[1].Value.Replace(" ", "");
                for (int i = 0; i < hex.Length; i += 2) current.Add(Convert.ToByte(hex.Substring(i, 2), 16));
            }
        }
        return result.ToDictionary(p => p.Key, p => p.Value.ToArray(), StringComparer.Ordinal);
    }

    [GeneratedRegex(@"^section \[(\d+)\] (\S+) raw=(\S+) .* size=0x([0-9a-f]+) ")]
    private static partial Regex DumpSection();
    [GeneratedRegex(@"^symbol \[\d+\] (\S+) (\S+) section=\S+ value=0x([0-9a-f]+) ")]
    private static partial Regex DumpSymbol();
    [GeneratedRegex(@"^relocation (\S+)\+0x([0-9a-f]+) (\S+) (\S+) field=")]
    private static partial Regex DumpRelocation();
    [GeneratedRegex(@"^Contents of section (.+):$")]
    private static partial Regex SectionTitle();
    [GeneratedRegex(@"^ [0-9a-f]{4,} (.{35})")]
    private static partial Regex ContentLine();
}
