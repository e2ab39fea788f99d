using Sox.Compiler.Ir;
using Sox.Compiler.ObjectFiles;
using Sox.Compiler.ObjectFiles.Archives;
using Sox.Compiler.ObjectFiles.MachO;

namespace Sox.Toolchain.Tests.ObjectFiles.Archives;

/// <summary>
/// The BSD variant <see cref="StaticArchiveWriter"/> writes for Mach-O (<see cref="BsdArchiveWriter"/>): the same bytes
/// <c>llvm-ar rcs --format=darwin</c> writes from the same files (names after the headers, 8-byte alignment,
/// <c>__.SYMDEF</c>, and <c>__.SYMDEF_64</c> past the 32-bit limit, which llvm-ar's <c>SYM64_THRESHOLD</c> lowers),
/// read back by llvm-ar/llvm-nm, and ld64.lld (lld's Mach-O port) pulls members out of it by symbol.
/// </summary>
[TestClass]
public sealed class BsdArchiveWriterTests
{
    /// <summary>Mach-O objects (arm64), one under a long name, a non-object member of odd size (padding), and two
    /// members of the same name from different folders (llvm-ar numbers their time stamps 1 and 2).</summary>
    private static string[] WriteInputs(TempDirectory dir)
    {
        var members = StaticArchiveWriterTests.Members(new MachOObjectWriter(), ObjectMachine.Arm64);
        Directory.CreateDirectory(dir.File("again"));
        File.WriteAllBytes(dir.File("short.o"), members[0].Item2);
        File.WriteAllBytes(dir.File(StaticArchiveWriterTests.LongName), members[1].Item2);
        File.WriteAllText(dir.File("notes.txt"), "odd");
        File.WriteAllBytes(dir.File(Path.Combine("again", "short.o")), members[1].Item2);
        string[] inputs = ["short.o", StaticArchiveWriterTests.LongName, "notes.txt", Path.Combine("again", "short.o")];
        // llvm-ar records a file's mode only when not deterministic; still, keep the inputs at 644 like ours.
        if (!OperatingSystem.IsWindows())
        {
            foreach (var input in inputs)
                File.SetUnixFileMode(dir.File(input), UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead);
        }
        return inputs;
    }

    [TestMethod]
    public void ArchiveIsByteIdenticalToLlvmArDarwin()
    {
        string ar = ExternalTool.Require("llvm-ar");
        using var dir = new TempDirectory();
        var inputs = WriteInputs(dir);
        ExternalTool.RunClean(ar, dir.Path, ["rcs", "--format=darwin", "llvm.a", .. inputs]);
        StaticArchiveWriter.Write(dir.File("sox.a"), inputs.Select(dir.File), ArchiveFormat.Bsd);
        AssertSameBytes(File.ReadAllBytes(dir.File("llvm.a")), File.ReadAllBytes(dir.File("sox.a")));
        StringAssert.StartsWith(System.Text.Encoding.ASCII.GetString(File.ReadAllBytes(dir.File("sox.a")), 0, 20), "!<arch>\n#1/12");
    }

    /// <summary>A C compiler's Mach-O objects (the osx runtime archive's members are clang's): common, hidden
    /// (<c>N_PEXT</c>), weak, local and undefined symbols are in the table exactly where llvm-ar puts them.</summary>
    [TestMethod]
    [DataRow("arm64-apple-macos11")]
    [DataRow("x86_64-apple-macos11")]
    public void ClangObjectsArchiveByteIdenticallyToLlvmArDarwin(string triple)
    {
        string ar = ExternalTool.Require("llvm-ar"), clang = ExternalTool.Require("clang");
        using var dir = new TempDirectory();
        File.WriteAllText(dir.File("kinds.c"), """
            int common_thing;
            __attribute__((visibility("hidden"))) int hidden_fn(void) { return 1; }
            __attribute__((weak)) int weak_fn(void) { return 2; }
            static int local_fn(void) { return 3; }
            int uses(void) { return local_fn() + hidden_fn(); }
            extern int elsewhere(void);
            int calls(void) { return elsewhere(); }
            """);
        File.WriteAllText(dir.File("other.c"), "const char *greeting = \"hi\";\n");
        ExternalTool.RunClean(clang, dir.Path, "--target=" + triple, "-fcommon", "-c", "kinds.c", "-o", "kinds.o");
        ExternalTool.RunClean(clang, dir.Path, "--target=" + triple, "-c", "other.c", "-o", "other.o");
        ExternalTool.RunClean(ar, dir.Path, "rcs", "--format=darwin", "llvm.a", "kinds.o", "other.o");
        StaticArchiveWriter.Write(dir.File("sox.a"), [dir.File("kinds.o"), dir.File("other.o")], ArchiveFormat.Bsd);
        AssertSameBytes(File.ReadAllBytes(dir.File("llvm.a")), File.ReadAllBytes(dir.File("sox.a")));
        CollectionAssert.AreEquivalent(new[] { "_common_thing", "_hidden_fn", "_weak_fn", "_uses", "_calls" },
            StaticArchiveWriter.DefinedSymbols(File.ReadAllBytes(dir.File("kinds.o"))).ToArray());
    }

    [TestMethod]
    public void SixtyFourBitSymbolTableIsByteIdenticalToLlvmArDarwin()
    {
        string ar = ExternalTool.Require("llvm-ar"), nm = ExternalTool.Require("llvm-nm");
        using var dir = new TempDirectory();
        var inputs = WriteInputs(dir);
        // SYM64_THRESHOLD: llvm-ar's stand-in for 4 GiB, so that __.SYMDEF_64 is tested without a 4 GiB archive.
        var result = ExternalTool.RunWith(ar, dir.Path, new Dictionary<string, string> { ["SYM64_THRESHOLD"] = "100" }, ["rcs", "--format=darwin", "llvm.a", .. inputs]);
        Assert.AreEqual(0, result.ExitCode, result.StandardError);
        var members = inputs.Select(i => (Path.GetFileName(i), File.ReadAllBytes(dir.File(i)))).ToList();
        var ours = BsdArchiveWriter.Write([.. members.Select(m => (m.Item1, m.Item2, StaticArchiveWriter.DefinedSymbols(m.Item2), StaticArchiveWriter.DefinedSymbols(m.Item2).Count > 0 || m.Item1.EndsWith(".o", StringComparison.Ordinal)))], offsetLimit: 100);
        File.WriteAllBytes(dir.File("sox.a"), ours);
        StringAssert.Contains(System.Text.Encoding.ASCII.GetString(ours, 0, 100), BsdArchiveWriter.SymbolTable64Name);
        AssertSameBytes(File.ReadAllBytes(dir.File("llvm.a")), ours);
        StringAssert.Contains(ExternalTool.RunClean(nm, dir.Path, "--print-armap", "sox.a"), "_other_answer in " + StaticArchiveWriterTests.LongName);
    }

    [TestMethod]
    public void LlvmListsMembersAndEveryDefinedGlobalInTheSymbolTable()
    {
        string ar = ExternalTool.Require("llvm-ar"), nm = ExternalTool.Require("llvm-nm");
        using var dir = new TempDirectory();
        var inputs = WriteInputs(dir);
        StaticArchiveWriter.Write(dir.File("sox.a"), inputs.Select(dir.File), ArchiveFormat.Bsd);
        var names = ExternalTool.RunClean(ar, dir.Path, "t", "sox.a").Split('\n', StringSplitOptions.RemoveEmptyEntries);
        CollectionAssert.AreEqual(new[] { "short.o", StaticArchiveWriterTests.LongName, "notes.txt", "short.o" }, names);
        // The "Archive map" block comes first, ended by a blank line; the members' own symbols follow.
        var armap = ExternalTool.RunClean(nm, dir.Path, "--print-armap", "sox.a").Split("\n\n")[0];
        StringAssert.StartsWith(armap, "Archive map");
        foreach (var symbol in new[] { "_main", "_value", "_counter" }) StringAssert.Contains(armap, symbol + " in short.o");
        StringAssert.Contains(armap, "_other_answer in " + StaticArchiveWriterTests.LongName);
        Assert.IsFalse(armap.Contains("_helper", StringComparison.Ordinal), "a local symbol is not in the table:\n" + armap);
        // Member data round-trips (the reader the writer uses to flatten archives, and llvm-ar's extraction).
        var back = BsdArchiveReader.Members(File.ReadAllBytes(dir.File("sox.a")));
        CollectionAssert.AreEqual(File.ReadAllBytes(dir.File("notes.txt")), back[2].Contents[..3]);
        CollectionAssert.AreEqual(File.ReadAllBytes(dir.File(StaticArchiveWriterTests.LongName)), back[1].Contents[..File.ReadAllBytes(dir.File(StaticArchiveWriterTests.LongName)).Length]);
    }

    [TestMethod]
    public void BsdArchiveInputsAreFlattenedIntoTheirMembers()
    {
        string ar = ExternalTool.Require("llvm-ar"), nm = ExternalTool.Require("llvm-nm");
        using var dir = new TempDirectory();
        var inputs = WriteInputs(dir);
        StaticArchiveWriter.Write(dir.File("libinner.a"), inputs.Take(2).Select(dir.File), ArchiveFormat.Bsd);
        StaticArchiveWriter.Write(dir.File("libouter.a"), [dir.File("notes.txt"), dir.File("libinner.a")], ArchiveFormat.Bsd);
        var names = ExternalTool.RunClean(ar, dir.Path, "t", "libouter.a").Split('\n', StringSplitOptions.RemoveEmptyEntries);
        CollectionAssert.AreEqual(new[] { "notes.txt", "short.o", StaticArchiveWriterTests.LongName }, names);
        StringAssert.Contains(ExternalTool.RunClean(nm, dir.Path, "--print-armap", "libouter.a"), "_main in short.o");
    }

    /// <summary>An object outside the archive calls <c>other_answer</c>; ld64.lld must take the member defining it
    /// (found only through <c>__.SYMDEF</c>) and bind the call to it. A dylib with dynamic lookup needs no macOS SDK.</summary>
    [TestMethod]
    [DataRow(ObjectMachine.Arm64, "arm64")]
    [DataRow(ObjectMachine.X64, "x86_64")]
    public void Ld64LldResolvesACallFromTheArchive(ObjectMachine machine, string arch)
    {
        var (linker, flavor) = MachOLinkTests.FindLinker();
        string objdump = ExternalTool.Require("llvm-objdump"), nm = ExternalTool.Require("llvm-nm");
        using var dir = new TempDirectory();
        var writer = new MachOObjectWriter();
        File.WriteAllBytes(dir.File("libanswer.a"), StaticArchiveWriter.Write(StaticArchiveWriterTests.Members(writer, machine), ArchiveFormat.Bsd));
        File.WriteAllBytes(dir.File("caller.o"), writer.Write(Caller(machine)));
        ExternalTool.RunClean(linker, dir.Path, [.. flavor, "-arch", arch, "-platform_version", "macos", "11.0", "11.0", "-dylib",
            "-undefined", "dynamic_lookup", "-o", "libcaller.dylib", "caller.o", "libanswer.a"]);

        var symbols = ExternalTool.RunClean(nm, dir.Path, "libcaller.dylib");
        StringAssert.Contains(symbols, " T _other_answer");
        Assert.IsFalse(symbols.Contains("_main", StringComparison.Ordinal), "only the member that defines the symbol is taken:\n" + symbols);
        var disassembly = ExternalTool.RunClean(objdump, dir.Path, "-d", "libcaller.dylib");
        var call = disassembly.Split('\n').SkipWhile(l => !l.Contains("<_caller>:", StringComparison.Ordinal)).Skip(1).First();
        StringAssert.Contains(call, "<_other_answer>", disassembly);
    }

    /// <summary>Global <c>caller</c>: a call to the undefined <c>other_answer</c>, then return.</summary>
    private static ObjectFile Caller(ObjectMachine machine)
    {
        var obj = new ObjectFile(machine, "caller.sox");
        var text = obj.GetOrAddSection(ObjectSectionKind.Text);
        byte[] code = machine == ObjectMachine.X64 ? [0xe8, 0, 0, 0, 0, 0xc3] : [0x00, 0x00, 0x00, 0x94, 0xc0, 0x03, 0x5f, 0xd6];
        obj.DefineSymbol("caller", text, text.Append(code), code.Length, ObjectSymbolBinding.Global, ObjectSymbolType.Function);
        obj.DeclareExternal("other_answer", ObjectSymbolType.Function);
        text.AddRelocation(machine == ObjectMachine.X64
            ? new SymbolRelocation(1, RelocationKind.X64Branch32, "other_answer", -4)
            : new SymbolRelocation(0, RelocationKind.Arm64Call26, "other_answer", 0));
        return obj;
    }

    private static void AssertSameBytes(byte[] expected, byte[] actual)
    {
        int first = Enumerable.Range(0, Math.Min(expected.Length, actual.Length)).FirstOrDefault(i => expected[i] != actual[i], -1);
        Assert.IsTrue(first < 0 && expected.Length == actual.Length,
            $"differs from llvm-ar's at byte {(first < 0 ? Math.Min(expected.Length, actual.Length) : first)} (sizes {expected.Length}, {actual.Length})");
    }
}
