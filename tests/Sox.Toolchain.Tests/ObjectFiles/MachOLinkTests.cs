using Sox.Compiler.ObjectFiles;
using Sox.Compiler.ObjectFiles.MachO;

namespace Sox.Toolchain.Tests.ObjectFiles;

/// <summary>
/// Links Mach-O objects into macOS executables with lld's Mach-O port (<c>ld64.lld</c>) against a text-based stub
/// of libSystem that the test writes, then follows every patched instruction and pointer of the output with
/// llvm-objdump: each must reach the symbol (plus addend) the model named. Running the programs needs a Mac; the
/// structure tests and these links are what is verified without one.
/// </summary>
[TestClass]
public sealed class MachOLinkTests
{
    // tbd v4 (TAPI text stub): what ld64 reads in place of /usr/lib/libSystem.B.dylib from an SDK.
    private const string LibSystemStub = """
        --- !tapi-tbd
        tbd-version:     4
        targets:         [ x86_64-macos, arm64-macos ]
        install-name:    '/usr/lib/libSystem.B.dylib'
        current-version: 1311
        exports:
          - targets:         [ x86_64-macos, arm64-macos ]
            symbols:         [ ___stderrp, _printf, _puts, dyld_stub_binder ]
        ...

        """;

    [TestMethod]
    public void Arm64ProgramLinksAndEveryReferenceResolves()
    {
        var image = Link(ObjectMachine.Arm64, SampleObjects.Program(ObjectMachine.Arm64));
        ulong main = image.Symbol("_main");
        AssertCallsStub(image, image.Arm64BranchTarget(main + 0x14), main + 0x14, "_puts");
        Assert.AreEqual((image.Symbol("_message"), false), image.Arm64PageTarget(main + 0x0c));
        Assert.AreEqual((image.Symbol("_pointer"), true), image.Arm64PageTarget(main + 0x18));
        Assert.AreEqual((image.Symbol("_delta"), false), image.Arm64PageTarget(main + 0x24));
        AssertReachesThroughGotOrDirectly(image, image.Arm64PageTarget(main + 0x3c), image.Symbol("_counter"));
        Assert.AreEqual(image.Symbol("_helper"), image.Arm64BranchTarget(main + 0x54));
        AssertProgramData(image);
    }

    [TestMethod]
    public void X64ProgramLinksAndEveryReferenceResolves()
    {
        var image = Link(ObjectMachine.X64, SampleObjects.Program(ObjectMachine.X64));
        ulong main = image.Symbol("_main");
        AssertCallsStub(image, image.X64PcRelativeTarget(main + 0x11), main + 0x10, "_puts");
        Assert.AreEqual(image.Symbol("_message"), image.X64PcRelativeTarget(main + 0x0c));
        Assert.AreEqual(image.Symbol("_pointer"), image.X64PcRelativeTarget(main + 0x18));
        Assert.AreEqual(image.Symbol("_delta"), image.X64PcRelativeTarget(main + 0x21));
        // movq counter@GOTPCREL(%rip) (8b) may be relaxed to leaq (8d) since counter is defined in the image.
        bool isLoad = image.Bytes(main + 0x2e, 1)[0] == 0x8b;
        AssertReachesThroughGotOrDirectly(image, (image.X64PcRelativeTarget(main + 0x30), isLoad), image.Symbol("_counter"));
        Assert.AreEqual(image.Symbol("_helper"), image.X64PcRelativeTarget(main + 0x3d));
        AssertProgramData(image);
    }

    [TestMethod]
    public void Arm64AddendsAndDylibGotEntriesResolve()
    {
        var image = Link(ObjectMachine.Arm64, MachOSampleObjects.Addends(ObjectMachine.Arm64));
        ulong main = image.Symbol("_main");
        AssertBoundGotEntry(image, image.Arm64PageTarget(main), "___stderrp");
        Assert.AreEqual((image.Symbol("_message") + 4, false), image.Arm64PageTarget(main + 0x08));
        Assert.AreEqual(image.Symbol("_helper") + 4, image.Arm64BranchTarget(main + 0x10));
        AssertAddendsData(image);
    }

    [TestMethod]
    public void X64AddendsAndDylibGotEntriesResolve()
    {
        var image = Link(ObjectMachine.X64, MachOSampleObjects.Addends(ObjectMachine.X64));
        ulong main = image.Symbol("_main");
        Assert.AreEqual(0x8b, image.Bytes(main + 1, 1)[0], "a GOT load of a dylib symbol stays a load");
        AssertBoundGotEntry(image, (image.X64PcRelativeTarget(main + 0x03), true), "___stderrp");
        Assert.AreEqual(image.Symbol("_value"), image.X64PcRelativeTarget(main + 0x09, trailing: 4));
        Assert.AreEqual(image.Symbol("_message") + 4, image.X64PcRelativeTarget(main + 0x14));
        Assert.AreEqual(image.Symbol("_value"), image.X64PcRelativeTarget(main + 0x1a, trailing: 1));
        Assert.AreEqual(image.Symbol("_value"), image.X64PcRelativeTarget(main + 0x22, trailing: 2));
        Assert.AreEqual(image.Symbol("_helper") + 1, image.X64PcRelativeTarget(main + 0x29));
        AssertAddendsData(image);
    }

    private static void AssertProgramData(MachOLinkedImage image)
    {
        ulong pointer = image.Symbol("_pointer"), delta = image.Symbol("_delta"), value = image.Symbol("_value");
        Assert.AreEqual(value, image.Pointer(pointer), "pointer = &value");
        Assert.IsTrue(image.Rebases.Contains(pointer), "dyld slides pointer");
        Assert.IsTrue(image.IsIn(pointer, "__DATA_CONST,__const"), "__DATA,__const goes to the read-only-after-fixups segment");
        Assert.AreEqual((long)value - (long)delta, image.Int32(delta), "delta = value - &delta");
    }

    private static void AssertAddendsData(MachOLinkedImage image)
    {
        ulong message = image.Symbol("_message"), pointer = image.Symbol("_pointer"), value = image.Symbol("_value");
        ulong delta = message - 4;   // the section's first word, before any symbol
        Assert.AreEqual((long)value - (long)delta, image.Int32(delta), "delta = value - &delta");
        Assert.AreEqual(message + 2, image.Pointer(pointer), "pointer = message + 2");
        Assert.IsTrue(image.Rebases.Contains(pointer), "dyld slides pointer");
    }

    private static void AssertCallsStub(MachOLinkedImage image, ulong target, ulong call, string symbol)
    {
        Assert.IsTrue(image.IsIn(target, "__TEXT,__stubs"), $"call at 0x{call:x} goes to 0x{target:x}, not a stub");
        StringAssert.Contains(image.Instruction(call), "symbol stub for: " + symbol);
        Assert.IsTrue(image.Binds.Any(b => b.Symbol == symbol), $"{symbol} is bound");
    }

    private static void AssertReachesThroughGotOrDirectly(MachOLinkedImage image, (ulong Address, bool IsLoad) reference, ulong symbol)
    {
        if (!reference.IsLoad) { Assert.AreEqual(symbol, reference.Address, "relaxed GOT load"); return; }
        Assert.IsTrue(image.IsIn(reference.Address, "__DATA_CONST,__got"), $"0x{reference.Address:x} is not a GOT entry");
        Assert.AreEqual(symbol, image.Pointer(reference.Address));
    }

    private static void AssertBoundGotEntry(MachOLinkedImage image, (ulong Address, bool IsLoad) reference, string symbol)
    {
        Assert.IsTrue(reference.IsLoad, "loads its GOT entry");
        Assert.IsTrue(image.IsIn(reference.Address, "__DATA_CONST,__got"), $"0x{reference.Address:x} is not a GOT entry");
        Assert.IsTrue(image.Binds.Contains((reference.Address, symbol)), $"the GOT entry at 0x{reference.Address:x} is not bound to {symbol}");
    }

    private static MachOLinkedImage Link(ObjectMachine machine, ObjectFile obj)
    {
        var (linker, flavor) = FindLinker();
        string objdump = ExternalTool.Require("llvm-objdump");
        using var dir = new TempDirectory();
        var writer = new MachOObjectWriter();
        File.WriteAllBytes(dir.File("program" + writer.FileExtension), writer.Write(obj));
        File.WriteAllText(dir.File("libSystem.tbd"), LibSystemStub);
        ExternalTool.RunClean(linker, dir.Path, [.. flavor, "-arch", machine == ObjectMachine.X64 ? "x86_64" : "arm64",
            "-platform_version", "macos", "11.0", "11.0", "-o", "program", "program.o", "libSystem.tbd"]);
        return MachOLinkedImage.Parse(ExternalTool.RunClean(objdump, dir.Path, [.. MachOLinkedImage.ObjdumpArguments, "program"]));
    }

    /// <summary><c>ld64.lld</c>, or the <c>lld</c> multi-call binary told to act as it (Debian's lld package puts only
    /// a versioned <c>ld64.lld-N</c> on PATH).</summary>
    internal static (string Path, string[] Flavor) FindLinker()
    {
        if (ExternalTool.Find("ld64.lld") is { } ld64) return (ld64, []);
        if (ExternalTool.Find("lld") is { } lld) return (lld, ["-flavor", "darwin"]);
        Assert.Inconclusive("needs ld64.lld (package lld)");
        throw new InvalidOperationException();
    }
}
