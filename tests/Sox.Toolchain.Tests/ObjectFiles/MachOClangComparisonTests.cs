using Sox.Compiler.ObjectFiles;
using Sox.Compiler.ObjectFiles.MachO;

namespace Sox.Toolchain.Tests.ObjectFiles;

/// <summary>
/// Assembles the same programs with clang's Mach-O assembler (<c>clang --target=arm64-apple-macos11 -c</c> /
/// <c>x86_64-apple-macos11</c>) and checks that MachOObjectWriter writes the same object: header, load commands,
/// section headers (addresses, offsets, alignment, flags, relocation offsets), section contents (implicit
/// addends included), every relocation entry in file order, and the symbols. Known differences, by design:
/// LLVM adds <c>ltmpN</c> section-start symbols on arm64 and orders local symbols its own way (compared as sets);
/// LLVM writes <c>sdk n/a</c> (the writer is told to as well here); and for x86-64 PC-relative data before a
/// section's first symbol LLVM writes a section-relative (non-extern) SUBTRACTOR where the writer names an
/// <c>ltmpN</c> anchor — checked explicitly below.
/// </summary>
[TestClass]
public sealed class MachOClangComparisonTests
{
    private static readonly MachOObjectWriter Writer = new() { SdkVersion = new Version(0, 0) };

    [TestMethod]
    [DataRow(ObjectMachine.Arm64)]
    [DataRow(ObjectMachine.X64)]
    public void ProgramMatchesClang(ObjectMachine machine) =>
        AssertSameObject(Writer.Write(SampleObjects.Program(machine)), Assemble(machine, MachOSampleObjects.ProgramAssembly(machine)), sectionRelativeSubtractor: null);

    [TestMethod]
    public void Arm64AddendsMatchClang() =>
        AssertSameObject(Writer.Write(MachOSampleObjects.Addends(ObjectMachine.Arm64)), Assemble(ObjectMachine.Arm64, MachOSampleObjects.AddendsAssembly(ObjectMachine.Arm64)), sectionRelativeSubtractor: null);

    [TestMethod]
    public void X64AddendsMatchClangExceptTheDataAnchor() =>
        AssertSameObject(Writer.Write(MachOSampleObjects.Addends(ObjectMachine.X64)), Assemble(ObjectMachine.X64, MachOSampleObjects.AddendsAssembly(ObjectMachine.X64)), sectionRelativeSubtractor: "__TEXT,__const");

    private static void AssertSameObject(byte[] ours, byte[] clang, string? sectionRelativeSubtractor)
    {
        var mine = MachOStructureTests.ReadObj(ours);
        var theirs = MachOStructureTests.ReadObj(clang);
        Assert.AreEqual(theirs.Header, mine.Header);
        Assert.AreEqual(theirs.Segment, mine.Segment);
        Assert.AreEqual(theirs.BuildVersion, mine.BuildVersion);
        CollectionAssert.AreEqual(theirs.Sections.ToList(), mine.Sections.ToList(), string.Join("\n", mine.Sections));

        // Symbols by name (LLVM orders locals differently and adds ltmpN on arm64); externals are sorted in both.
        var theirSymbols = theirs.Symbols.Where(s => !s.Name.StartsWith("ltmp", StringComparison.Ordinal)).Select(s => (s.Name, s.External, s.TypeBits, s.Section, s.Value)).ToList();
        var mySymbols = mine.Symbols.Where(s => !s.Name.StartsWith("ltmp", StringComparison.Ordinal)).Select(s => (s.Name, s.External, s.TypeBits, s.Section, s.Value)).ToList();
        CollectionAssert.AreEquivalent(theirSymbols, mySymbols, string.Join("\n", mySymbols));
        CollectionAssert.AreEqual(theirSymbols.Where(s => s.External).ToList(), mySymbols.Where(s => s.External).ToList());

        var theirContents = MachOStructureTests.ObjdumpContents(clang);
        var myContents = MachOStructureTests.ObjdumpContents(ours);
        CollectionAssert.AreEquivalent(theirContents.Keys.ToList(), myContents.Keys.ToList());
        var theirRelocations = theirs.Relocations.ToList();
        var myRelocations = mine.Relocations.ToList();
        if (sectionRelativeSubtractor is { } name)
        {
            // x86-64 `.long _value - .` at the start of a section without a symbol there: LLVM subtracts the section
            // (r_extern 0, r_symbolnum = its number; the field then holds -addr) where we subtract the ltmpN anchor.
            var section = mine.Section(name);
            int at = theirRelocations.FindIndex(r => r.Section == section.Number && r.Type == "X86_64_RELOC_SUBTRACTOR");
            Assert.AreEqual(new MachORelocationRow(section.Number, 0, "X86_64_RELOC_SUBTRACTOR", false, 2, false, "#" + section.Number), theirRelocations[at]);
            Assert.AreEqual(new MachORelocationRow(section.Number, 0, "X86_64_RELOC_SUBTRACTOR", false, 2, true, "ltmp" + (section.Number - 1)), myRelocations[at]);
            Assert.IsTrue(mine.Symbols.Any(s => s.Name == "ltmp" + (section.Number - 1) && !s.External && s.Section == section.Number && s.Value == section.Address));
            theirRelocations.RemoveAt(at);
            myRelocations.RemoveAt(at);
            Assert.AreEqual(-(int)section.Address, BitConverter.ToInt32(theirContents[name], 0));
            Assert.AreEqual(0, BitConverter.ToInt32(myContents[name], 0));
            theirContents[name] = theirContents[name][4..];
            myContents[name] = myContents[name][4..];
        }
        CollectionAssert.AreEqual(theirRelocations, myRelocations, string.Join("\n", myRelocations));
        foreach (var (section, bytes) in theirContents)
            CollectionAssert.AreEqual(bytes, myContents[section], section);
    }

    private static byte[] Assemble(ObjectMachine machine, string assembly)
    {
        string clang = ExternalTool.Require("clang");
        using var dir = new TempDirectory();
        File.WriteAllText(dir.File("sample.s"), assembly);
        ExternalTool.RunClean(clang, dir.Path, $"--target={(machine == ObjectMachine.X64 ? "x86_64" : "arm64")}-apple-macos11", "-c", "sample.s", "-o", "sample.o");
        return File.ReadAllBytes(dir.File("sample.o"));
    }
}
