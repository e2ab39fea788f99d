using System.Runtime.InteropServices;
using Sox.Compiler.CodeGen;
using Sox.Compiler.ObjectFiles;
using Sox.Compiler.ObjectFiles.Archives;
using Sox.Compiler.ObjectFiles.Coff;
using Sox.Compiler.ObjectFiles.Elf;
using Sox.Compiler.ObjectFiles.MachO;

namespace Sox.Toolchain.Tests.ObjectFiles.Archives;

/// <summary>
/// <see cref="StaticArchiveWriter"/>: the archives it writes (through LibObjectFile's <c>ar</c> model) are read by
/// llvm-ar/llvm-nm (member names, long names included, and the symbol table), and linkers pull members from them
/// by name: GNU ld for ELF, lld-link for COFF. Output is deterministic (no time stamps).
/// </summary>
[TestClass]
public sealed class StaticArchiveWriterTests
{
    internal const string LongName = "a_member_name_longer_than_sixteen_bytes.o";

    [TestMethod]
    public void FormatFollowsTheObjectFormat()
    {
        Assert.AreEqual(ArchiveFormat.Gnu, StaticArchiveWriter.FormatFor(ObjectFormat.Elf));
        Assert.AreEqual(ArchiveFormat.Gnu, StaticArchiveWriter.FormatFor(ObjectFormat.Coff));
        Assert.AreEqual(ArchiveFormat.Bsd, StaticArchiveWriter.FormatFor(ObjectFormat.MachO));
    }

    [TestMethod]
    public void DefinedSymbolsAreReadFromEachFormat()
    {
        var obj = SampleObjects.Program(ObjectMachine.X64);
        CollectionAssert.AreEquivalent(new[] { "main", "value", "counter" }, StaticArchiveWriter.DefinedSymbols(new ElfObjectWriter().Write(obj)).ToArray());
        CollectionAssert.AreEquivalent(new[] { "main", "value", "counter" }, StaticArchiveWriter.DefinedSymbols(new CoffObjectWriter().Write(obj)).ToArray());
        CollectionAssert.AreEquivalent(new[] { "_main", "_value", "_counter" }, StaticArchiveWriter.DefinedSymbols(new MachOObjectWriter().Write(obj)).ToArray());
        Assert.AreEqual(0, StaticArchiveWriter.DefinedSymbols("not an object"u8.ToArray()).Count);
    }

    [TestMethod]
    public void OutputIsDeterministic()
    {
        var members = Members(new ElfObjectWriter(), ObjectMachine.X64);
        var first = StaticArchiveWriter.Write(members, ArchiveFormat.Gnu);
        Thread.Sleep(1100);
        CollectionAssert.AreEqual(first, StaticArchiveWriter.Write(members, ArchiveFormat.Gnu));
    }

    [TestMethod]
    [DataRow(ArchiveFormat.Gnu, "elf", "main")]
    [DataRow(ArchiveFormat.Gnu, "coff", "main")]
    [DataRow(ArchiveFormat.Gnu, "macho", "_main")]
    [DataRow(ArchiveFormat.Bsd, "macho", "_main")]
    public void LlvmReadsMembersAndSymbolTable(ArchiveFormat format, string objectFormat, string main)
    {
        string nm = ExternalTool.Require("llvm-nm"), ar = ExternalTool.Require("llvm-ar");
        IObjectFileWriter writer = objectFormat switch { "elf" => new ElfObjectWriter(), "coff" => new CoffObjectWriter(), _ => new MachOObjectWriter() };
        using var dir = new TempDirectory();
        string archive = dir.File("libtest.a");
        File.WriteAllBytes(archive, StaticArchiveWriter.Write(Members(writer, ObjectMachine.X64), format));

        var names = ExternalTool.RunClean(ar, dir.Path, "t", archive).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        CollectionAssert.AreEqual(new[] { "short.o", LongName }, names);
        var armap = ExternalTool.RunClean(nm, dir.Path, "--print-armap", archive);
        StringAssert.Contains(armap, $"{main} in short.o");
        StringAssert.Contains(armap, $"{main.Replace("main", "other_answer")} in {LongName}");
    }

    [TestMethod]
    public void ArchiveInputsAreFlattenedIntoTheirMembers()
    {
        string ar = ExternalTool.Require("llvm-ar"), nm = ExternalTool.Require("llvm-nm");
        using var dir = new TempDirectory();
        var members = Members(new ElfObjectWriter(), ObjectMachine.X64);
        string inner = dir.File("libinner.a"), first = dir.File("first.o"), outer = dir.File("libouter.a");
        File.WriteAllBytes(inner, StaticArchiveWriter.Write(members, ArchiveFormat.Gnu));
        File.WriteAllBytes(first, members[1].Item2);
        StaticArchiveWriter.Write(outer, [first, inner], ArchiveFormat.Gnu);

        var names = ExternalTool.RunClean(ar, dir.Path, "t", outer).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        CollectionAssert.AreEqual(new[] { "first.o", "short.o", LongName }, names);
        StringAssert.Contains(ExternalTool.RunClean(nm, dir.Path, "--print-armap", outer), "main in short.o");
    }

    [TestMethod]
    public void GccLinksAProgramFromAGnuArchive()
    {
        if (!OperatingSystem.IsLinux() || RuntimeInformation.OSArchitecture != Architecture.X64) Assert.Inconclusive("needs an x86-64 Linux host");
        string gcc = ExternalTool.Require("gcc");
        using var dir = new TempDirectory();
        string archive = dir.File("libprogram.a"), program = dir.File("program");
        File.WriteAllBytes(archive, StaticArchiveWriter.Write(Members(new ElfObjectWriter(), ObjectMachine.X64), ArchiveFormat.Gnu));
        // main comes only from the archive: the link works only if the symbol table names it.
        ExternalTool.RunClean(gcc, dir.Path, "-o", program, archive);
        var run = ExternalTool.Run(program, dir.Path);
        Assert.AreEqual("hello from sox\n", run.StandardOutput, run.StandardError);
        Assert.AreEqual(42, run.ExitCode);
    }

    [TestMethod]
    public void LldLinkResolvesASymbolFromACoffGnuArchive()
    {
        string lldLink = ExternalTool.Require("lld-link");
        using var dir = new TempDirectory();
        string archive = dir.File("libprogram.a"), dll = dir.File("answer.dll");
        File.WriteAllBytes(archive, StaticArchiveWriter.Write(Members(new CoffObjectWriter(), ObjectMachine.X64), ArchiveFormat.Gnu));
        // /include pulls the member that defines other_answer in by name; /noentry /dll needs no C runtime.
        var result = ExternalTool.Run(lldLink, dir.Path, "/dll", "/noentry", "/machine:x64", "/include:other_answer", "/export:other_answer", "/out:" + dll, archive);
        Assert.AreEqual(0, result.ExitCode, result.StandardError + result.StandardOutput);
        Assert.IsTrue(File.Exists(dll));
    }

    /// <summary>The sample program (defines main) as "short.o" and a second object defining <c>other_answer</c>
    /// under a name longer than the 16 bytes of a member header.</summary>
    internal static List<(string, byte[])> Members(IObjectFileWriter writer, ObjectMachine machine)
    {
        var other = new ObjectFile(machine, "other.sox");
        var text = other.GetOrAddSection(ObjectSectionKind.Text);
        byte[] code = machine == ObjectMachine.X64 ? [0xb8, 42, 0, 0, 0, 0xc3] : [0x40, 0x05, 0x80, 0x52, 0xc0, 0x03, 0x5f, 0xd6];
        other.DefineSymbol("other_answer", text, text.Append(code), code.Length, ObjectSymbolBinding.Global, ObjectSymbolType.Function);
        return [("short.o", writer.Write(SampleObjects.Program(machine))), (LongName, writer.Write(other))];
    }
}
