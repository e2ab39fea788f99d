using System.Buffers.Binary;
using Sox.Compiler.Ir;
using Sox.Compiler.ObjectFiles;
using Sox.Compiler.ObjectFiles.Coff;

namespace Sox.Toolchain.Tests.ObjectFiles.Coff;

/// <summary>
/// The model → COFF relocation mapping, read back from the written bytes with the spec records (no tools needed):
/// the type chosen for each kind and addend and the implicit addend stored in the field (PE Format, "COFF
/// Relocations"; REL32 counts from the end of the 4-byte field, REL32_k from k bytes further).
/// </summary>
[TestClass]
public sealed class CoffRelocationMappingTests
{
    [TestMethod]
    [DataRow(RelocationKind.X64Branch32, -4L, CoffAmd64RelocationType.IMAGE_REL_AMD64_REL32, 0L)]
    [DataRow(RelocationKind.X64PcRelative32, -4L, CoffAmd64RelocationType.IMAGE_REL_AMD64_REL32, 0L)]
    [DataRow(RelocationKind.X64PcRelative32, -5L, CoffAmd64RelocationType.IMAGE_REL_AMD64_REL32_1, 0L)]
    [DataRow(RelocationKind.X64PcRelative32, -6L, CoffAmd64RelocationType.IMAGE_REL_AMD64_REL32_2, 0L)]
    [DataRow(RelocationKind.X64PcRelative32, -7L, CoffAmd64RelocationType.IMAGE_REL_AMD64_REL32_3, 0L)]
    [DataRow(RelocationKind.X64PcRelative32, -8L, CoffAmd64RelocationType.IMAGE_REL_AMD64_REL32_4, 0L)]
    [DataRow(RelocationKind.X64PcRelative32, -9L, CoffAmd64RelocationType.IMAGE_REL_AMD64_REL32_5, 0L)]
    [DataRow(RelocationKind.X64PcRelative32, -10L, CoffAmd64RelocationType.IMAGE_REL_AMD64_REL32, -6L)]
    [DataRow(RelocationKind.X64PcRelative32, 12L, CoffAmd64RelocationType.IMAGE_REL_AMD64_REL32, 16L)]
    [DataRow(RelocationKind.X64PcRelative32, 0L, CoffAmd64RelocationType.IMAGE_REL_AMD64_REL32, 4L)]
    [DataRow(RelocationKind.PcRelative32Data, 0L, CoffAmd64RelocationType.IMAGE_REL_AMD64_REL32, 4L)]
    [DataRow(RelocationKind.PcRelative32Data, -4L, CoffAmd64RelocationType.IMAGE_REL_AMD64_REL32, 0L)]
    [DataRow(RelocationKind.Absolute64, 0L, CoffAmd64RelocationType.IMAGE_REL_AMD64_ADDR64, 0L)]
    [DataRow(RelocationKind.Absolute64, -0x1_0000_0000L, CoffAmd64RelocationType.IMAGE_REL_AMD64_ADDR64, -0x1_0000_0000L)]
    [DataRow(RelocationKind.ImageRelative32, 0L, CoffAmd64RelocationType.IMAGE_REL_AMD64_ADDR32NB, 0L)]
    [DataRow(RelocationKind.ImageRelative32, 0x20L, CoffAmd64RelocationType.IMAGE_REL_AMD64_ADDR32NB, 0x20L)]
    public void KindAndAddendMapToTypeAndStoredField(RelocationKind kind, long addend, CoffAmd64RelocationType type, long field)
    {
        var obj = new ObjectFile(ObjectMachine.X64);
        var text = obj.GetOrAddSection(ObjectSectionKind.Text);
        text.Append(Enumerable.Repeat((byte)0xcc, 16).ToArray(), [new SymbolRelocation(4, kind, "target", addend)]);
        var read = Read(new CoffObjectWriter().Write(obj));
        var (relocation, contents) = read.Sections[0];
        Assert.AreEqual(new CoffRelocation(4, read.SymbolIndex("target"), (ushort)type), relocation.Single());
        int width = kind == RelocationKind.Absolute64 ? 8 : 4;
        long stored = width == 8 ? BinaryPrimitives.ReadInt64LittleEndian(contents.AsSpan(4)) : BinaryPrimitives.ReadInt32LittleEndian(contents.AsSpan(4));
        Assert.AreEqual(field, stored);
        Assert.IsTrue(contents.Take(4).Concat(contents.Skip(4 + width)).All(b => b == 0xcc), "only the field changes");
    }

    [TestMethod]
    public void GotLoadsGoThroughOneRefptrSlotPerTarget()
    {
        var obj = new ObjectFile(ObjectMachine.X64);
        var text = obj.GetOrAddSection(ObjectSectionKind.Text);
        text.Append(new byte[24],
        [
            new SymbolRelocation(3, RelocationKind.X64GotLoad32, "imported", -4),
            new SymbolRelocation(10, RelocationKind.X64GotLoad32, "other", -4),
            new SymbolRelocation(17, RelocationKind.X64GotLoad32, "imported", -4),
        ]);
        var read = Read(new CoffObjectWriter().Write(obj));
        Assert.AreEqual(".rdata$.refptr", read.Names[1]);
        uint imported = read.SymbolIndex(".refptr.imported"), other = read.SymbolIndex(".refptr.other");
        CollectionAssert.AreEqual(new[] { imported, other, imported }, read.Sections[0].Relocations.Select(r => r.SymbolTableIndex).ToArray());
        Assert.IsTrue(read.Sections[0].Relocations.All(r => r.Type == (ushort)CoffAmd64RelocationType.IMAGE_REL_AMD64_REL32));
        CollectionAssert.AreEqual(new[]
        {
            new CoffRelocation(0, read.SymbolIndex("imported"), (ushort)CoffAmd64RelocationType.IMAGE_REL_AMD64_ADDR64),
            new CoffRelocation(8, read.SymbolIndex("other"), (ushort)CoffAmd64RelocationType.IMAGE_REL_AMD64_ADDR64),
        }, read.Sections[1].Relocations);
    }

    [TestMethod]
    [DataRow(RelocationKind.Arm64Call26, 0L)]
    [DataRow(RelocationKind.Arm64AdrPage21, 0L)]
    [DataRow(RelocationKind.Arm64GotLoad64Low12, 0L)]
    [DataRow(RelocationKind.X64PcRelative32, 0x8000_0000L)]
    [DataRow(RelocationKind.ImageRelative32, -0x8000_0001L)]
    public void InexpressibleRelocationsAreRejected(RelocationKind kind, long addend)
    {
        var obj = new ObjectFile(ObjectMachine.X64);
        obj.GetOrAddSection(ObjectSectionKind.Text).Append(new byte[8], [new SymbolRelocation(0, kind, "target", addend)]);
        Assert.ThrowsExactly<NotSupportedException>(() => new CoffObjectWriter().Write(obj));
    }

    [TestMethod]
    public void Arm64ObjectsAreRejected()
    {
        Assert.ThrowsExactly<NotSupportedException>(() => new CoffObjectWriter().Write(new ObjectFile(ObjectMachine.Arm64)));
    }

    [TestMethod]
    public void SectionsAlignToTheirModelAlignmentUpTo8192()
    {
        var obj = new ObjectFile(ObjectMachine.X64);
        obj.AddCustomSection(".big", ObjectSectionFlags.Allocated, 8192).Append([1]);
        var header = CoffSectionHeader.Read(new CoffObjectWriter().Write(obj).AsSpan(CoffFileHeader.Size));
        Assert.AreEqual(CoffSectionCharacteristics.IMAGE_SCN_ALIGN_8192BYTES, header.Characteristics & CoffSectionCharacteristics.IMAGE_SCN_ALIGN_MASK);
        Assert.AreEqual(8192, CoffSectionAlignment.AlignmentOf(header.Characteristics));
        var tooBig = new ObjectFile(ObjectMachine.X64);
        tooBig.AddCustomSection(".huge", ObjectSectionFlags.Allocated, 16384);
        Assert.ThrowsExactly<NotSupportedException>(() => new CoffObjectWriter().Write(tooBig));
    }

    [TestMethod]
    public void MoreThan65534RelocationsUseTheOverflowRecord()
    {
        const int count = 70_000;
        var obj = new ObjectFile(ObjectMachine.X64);
        var data = obj.GetOrAddSection(ObjectSectionKind.Data);
        data.Append(new byte[count * 8], Enumerable.Range(0, count).Select(i => new SymbolRelocation(i * 8, RelocationKind.Absolute64, "target", i)));
        var bytes = new CoffObjectWriter().Write(obj);
        var header = CoffSectionHeader.Read(bytes.AsSpan(CoffFileHeader.Size));
        Assert.AreEqual(ushort.MaxValue, header.NumberOfRelocations);
        Assert.IsTrue(header.Characteristics.HasFlag(CoffSectionCharacteristics.IMAGE_SCN_LNK_NRELOC_OVFL));
        var first = CoffRelocation.Read(bytes.AsSpan((int)header.PointerToRelocations));
        Assert.AreEqual(new CoffRelocation(count + 1, 0, 0), first);
        Assert.AreEqual(new CoffRelocation((count - 1) * 8, 2, (ushort)CoffAmd64RelocationType.IMAGE_REL_AMD64_ADDR64),
            CoffRelocation.Read(bytes.AsSpan((int)header.PointerToRelocations + count * CoffRelocation.Size)));
        // llvm-readobj follows the overflow convention and sees every relocation.
        var report = CoffReport.ReadObj(bytes);
        Assert.AreEqual(count, report.Relocations.Count);
        Assert.AreEqual(new CoffRelocationRow(1, (count - 1) * 8, "IMAGE_REL_AMD64_ADDR64", "target"), report.Relocations[^1]);
    }

    /// <summary>A written object read back: section names, each section's relocations and contents, symbol indexes.</summary>
    internal sealed record ReadBack(List<string> Names, List<(List<CoffRelocation> Relocations, byte[] Contents)> Sections, Dictionary<string, uint> Symbols)
    {
        public uint SymbolIndex(string name) => Symbols.TryGetValue(name, out uint index) ? index : throw new AssertFailedException($"no symbol {name}");
    }

    internal static ReadBack Read(byte[] bytes)
    {
        var file = CoffFileHeader.Read(bytes);
        Assert.AreEqual(CoffMachine.IMAGE_FILE_MACHINE_AMD64, file.Machine);
        var strings = bytes[(int)(file.PointerToSymbolTable + file.NumberOfSymbols * CoffSymbol.Size)..];
        string Name(uint offset) { var rest = strings.AsSpan((int)offset); return System.Text.Encoding.UTF8.GetString(rest[..rest.IndexOf((byte)0)]); }
        var names = new List<string>();
        var sections = new List<(List<CoffRelocation>, byte[])>();
        for (int i = 0; i < file.NumberOfSections; i++)
        {
            var header = CoffSectionHeader.Read(bytes.AsSpan(CoffFileHeader.Size + i * CoffSectionHeader.Size));
            names.Add(header.Name.StartsWith('/') ? Name(uint.Parse(header.Name[1..], System.Globalization.CultureInfo.InvariantCulture)) : header.Name);
            var relocations = Enumerable.Range(0, header.NumberOfRelocations)
                .Select(r => CoffRelocation.Read(bytes.AsSpan((int)header.PointerToRelocations + r * CoffRelocation.Size))).ToList();
            sections.Add((relocations, header.PointerToRawData == 0 ? [] : bytes.AsSpan((int)header.PointerToRawData, (int)header.SizeOfRawData).ToArray()));
        }
        var symbols = new Dictionary<string, uint>(StringComparer.Ordinal);
        for (uint i = 0; i < file.NumberOfSymbols; i++)
        {
            var symbol = CoffSymbol.Read(bytes.AsSpan((int)(file.PointerToSymbolTable + i * CoffSymbol.Size)));
            symbols.TryAdd(symbol.ShortName ?? Name(symbol.NameOffset), i);
            i += symbol.NumberOfAuxSymbols;
        }
        return new ReadBack(names, sections, symbols);
    }
}
