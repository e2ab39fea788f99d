using Sox.Compiler.Ir;
using Sox.Compiler.ObjectFiles;
using Sox.Compiler.ObjectFiles.Elf;

namespace Sox.Toolchain.Tests.ObjectFiles;

/// <summary>The format-neutral model's rules, and the writer's determinism and error cases.</summary>
[TestClass]
public sealed class ObjectModelTests
{
    [TestMethod]
    public void AppendShiftsEncoderRelocationsToSectionOffsets()
    {
        var text = new ObjectFile(ObjectMachine.X64).GetOrAddSection(ObjectSectionKind.Text);
        text.Append([0x90, 0x90, 0x90]);
        int at = text.Append([0xe8, 0, 0, 0, 0], [new SymbolRelocation(1, RelocationKind.X64Branch32, "f", -4)]);
        Assert.AreEqual(3, at);
        Assert.AreEqual(new SymbolRelocation(4, RelocationKind.X64Branch32, "f", -4), text.Relocations.Single());
        Assert.AreEqual(8, text.Size);
    }

    [TestMethod]
    public void AlignToPadsWithTheFillByteAndRaisesAlignment()
    {
        var rodata = new ObjectFile(ObjectMachine.Arm64).GetOrAddSection(ObjectSectionKind.ReadOnlyData);
        rodata.Append([1, 2, 3]);
        Assert.AreEqual(8, rodata.AlignTo(8, 0xcc));
        CollectionAssert.AreEqual(new byte[] { 1, 2, 3, 0xcc, 0xcc, 0xcc, 0xcc, 0xcc }, rodata.Bytes.ToArray());
        Assert.AreEqual(8, rodata.Alignment);
        Assert.AreEqual(8, rodata.AlignTo(4));
        Assert.AreEqual(8, rodata.Alignment);
        Assert.ThrowsExactly<ArgumentOutOfRangeException>(() => rodata.AlignTo(3));
    }

    [TestMethod]
    public void BssReservesWithoutBytes()
    {
        var bss = new ObjectFile(ObjectMachine.X64).GetOrAddSection(ObjectSectionKind.Bss);
        Assert.AreEqual(0, bss.Reserve(1));
        Assert.AreEqual(16, bss.Reserve(8, 16));
        Assert.AreEqual(24, bss.Size);
        Assert.AreEqual(0, bss.Bytes.Length);
        Assert.ThrowsExactly<InvalidOperationException>(() => bss.Append([1]));
    }

    [TestMethod]
    public void RelocationMustLieInsideTheBytes()
    {
        var data = new ObjectFile(ObjectMachine.X64).GetOrAddSection(ObjectSectionKind.Data);
        data.Append(new byte[12]);
        data.AddRelocation(new SymbolRelocation(4, RelocationKind.Absolute64, "x", 0));
        Assert.ThrowsExactly<ArgumentOutOfRangeException>(() => data.AddRelocation(new SymbolRelocation(5, RelocationKind.Absolute64, "x", 0)));
        Assert.ThrowsExactly<ArgumentOutOfRangeException>(() => data.AddRelocation(new SymbolRelocation(-1, RelocationKind.PcRelative32Data, "x", 0)));
    }

    [TestMethod]
    public void StandardSectionsAreSharedAndCustomNamesUnique()
    {
        var obj = new ObjectFile(ObjectMachine.X64);
        Assert.AreSame(obj.GetOrAddSection(ObjectSectionKind.Text), obj.GetOrAddSection(ObjectSectionKind.Text));
        Assert.AreEqual(".data.rel.ro", obj.GetOrAddSection(ObjectSectionKind.ReadOnlyAfterRelocation).Name);
        obj.AddCustomSection(".sox_lines", ObjectSectionFlags.Allocated);
        Assert.ThrowsExactly<InvalidOperationException>(() => obj.AddCustomSection(".sox_lines", ObjectSectionFlags.None));
        Assert.ThrowsExactly<ArgumentOutOfRangeException>(() => obj.GetOrAddSection(ObjectSectionKind.Custom));
    }

    [TestMethod]
    public void DeclaredExternalBecomesDefinedButNothingIsDefinedTwice()
    {
        var obj = new ObjectFile(ObjectMachine.X64);
        var text = obj.GetOrAddSection(ObjectSectionKind.Text);
        text.Append(new byte[4]);
        var declared = obj.DeclareExternal("f", ObjectSymbolType.Function);
        Assert.IsFalse(declared.IsDefined);
        var defined = obj.DefineSymbol("f", text, 0, 4, ObjectSymbolBinding.Local, ObjectSymbolType.Function);
        Assert.AreSame(declared, defined);
        Assert.AreSame(text, defined.Section);
        Assert.AreEqual(ObjectSymbolBinding.Local, defined.Binding);
        Assert.ThrowsExactly<InvalidOperationException>(() => obj.DefineSymbol("f", text, 0, 4, ObjectSymbolBinding.Global, ObjectSymbolType.Function));
        Assert.ThrowsExactly<ArgumentOutOfRangeException>(() => obj.DefineSymbol("g", text, 2, 4, ObjectSymbolBinding.Global, ObjectSymbolType.Function));
        Assert.AreSame(defined, obj.DeclareExternal("f"));
        Assert.AreEqual(1, obj.Symbols.Count);
    }

    [TestMethod]
    [DataRow(ObjectMachine.X64)]
    [DataRow(ObjectMachine.Arm64)]
    public void WritingIsDeterministic(ObjectMachine machine)
    {
        var writer = new ElfObjectWriter();
        var first = writer.Write(SampleObjects.AllKinds(machine));
        CollectionAssert.AreEqual(first, writer.Write(SampleObjects.AllKinds(machine)));
        CollectionAssert.AreEqual(first, new ElfObjectWriter().Write(SampleObjects.AllKinds(machine)));
    }

    [TestMethod]
    [DataRow(ObjectMachine.X64, RelocationKind.Arm64Call26)]
    [DataRow(ObjectMachine.Arm64, RelocationKind.X64Branch32)]
    public void RelocationOfTheOtherMachineIsRejected(ObjectMachine machine, RelocationKind kind)
    {
        var obj = new ObjectFile(machine);
        obj.GetOrAddSection(ObjectSectionKind.Text).Append(new byte[4], [new SymbolRelocation(0, kind, "f", 0)]);
        Assert.ThrowsExactly<NotSupportedException>(() => new ElfObjectWriter().Write(obj));
    }

    [TestMethod]
    public void SectionContentsLandAtAlignedOffsets()
    {
        // The header is 64 bytes; .rodata (align 1, 3 bytes) follows it, .data.rel.ro (align 8) must skip to 0x48.
        var obj = new ObjectFile(ObjectMachine.X64);
        obj.GetOrAddSection(ObjectSectionKind.ReadOnlyData).Append("ab\0"u8);
        obj.GetOrAddSection(ObjectSectionKind.ReadOnlyAfterRelocation).Append([1, 2, 3, 4, 5, 6, 7, 8]);
        var bytes = new ElfObjectWriter().Write(obj);
        CollectionAssert.AreEqual("ab\0"u8.ToArray(), bytes[0x40..0x43]);
        CollectionAssert.AreEqual(new byte[] { 1, 2, 3, 4, 5, 6, 7, 8 }, bytes[0x48..0x50]);
        StringAssert.Contains(ElfObjectDumper.Dump(bytes), "section [2] .data.rel.ro SHT_PROGBITS flags=WA align=8 offset=0x48 size=0x8 ");
    }
}
