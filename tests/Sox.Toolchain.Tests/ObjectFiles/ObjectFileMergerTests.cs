using Sox.Compiler.Ir;
using Sox.Compiler.ObjectFiles;

namespace Sox.Toolchain.Tests.ObjectFiles;

/// <summary><see cref="ObjectFileMerger"/>: what <c>ld -r</c> would do, in the model (<c>sox build --emit obj</c>).</summary>
[TestClass]
public sealed class ObjectFileMergerTests
{
    private static ObjectFile Module(string name, int codeBytes, string calls, bool withData)
    {
        var obj = new ObjectFile(ObjectMachine.X64, name + ".sox");
        var text = obj.GetOrAddSection(ObjectSectionKind.Text);
        text.AlignTo(16);
        var code = new byte[codeBytes];
        code[0] = 0xe8;
        int at = text.Append(code, [new SymbolRelocation(1, RelocationKind.X64Branch32, calls, -4)]);
        obj.DefineSymbol($"sox_mod_{name}_init", text, at, codeBytes, ObjectSymbolBinding.Global, ObjectSymbolType.Function);
        obj.DeclareExternal(calls);
        if (withData)
        {
            var data = obj.GetOrAddSection(ObjectSectionKind.Data);
            data.AlignTo(8);
            int d = data.Append(new byte[8], [new SymbolRelocation(0, RelocationKind.Absolute64, $"sox_mod_{name}_init", 0)]);
            obj.DefineSymbol($"sox_globals_{name}", data, d, 8, ObjectSymbolBinding.Local, ObjectSymbolType.Object);
        }
        var bss = obj.GetOrAddSection(ObjectSectionKind.Bss);
        obj.DefineSymbol($"sox_scratch_{name}", bss, bss.Reserve(4, 4), 4, ObjectSymbolBinding.Local, ObjectSymbolType.Object);
        return obj;
    }

    [TestMethod]
    public void SectionsConcatenateAlignedAndSymbolsAndRelocationsMoveWithTheirBytes()
    {
        var merged = ObjectFileMerger.Merge([Module("app", 5, "sox_mod_lib_init", withData: false), Module("lib", 9, "sox_print", withData: true)]);

        var text = merged.GetOrAddSection(ObjectSectionKind.Text);
        Assert.AreEqual(16 + 9, text.Size, "lib's code starts at the next multiple of 16");
        CollectionAssert.AreEqual(new[] { 1, 17 }, text.Relocations.Select(r => r.Offset).ToArray());
        Assert.AreEqual(16, merged.FindSymbol("sox_mod_lib_init")!.Offset);
        Assert.AreSame(text, merged.FindSymbol("sox_mod_lib_init")!.Section, "app's external call now names a symbol defined here");
        Assert.IsFalse(merged.FindSymbol("sox_print")!.IsDefined);

        var bss = merged.GetOrAddSection(ObjectSectionKind.Bss);
        Assert.AreEqual(8, bss.Size);
        Assert.AreEqual(4, merged.FindSymbol("sox_scratch_lib")!.Offset);
        var data = merged.GetOrAddSection(ObjectSectionKind.Data);
        Assert.AreEqual(new SymbolRelocation(0, RelocationKind.Absolute64, "sox_mod_lib_init", 0), data.Relocations.Single());
        Assert.AreEqual(ObjectSymbolBinding.Local, merged.FindSymbol("sox_globals_lib")!.Binding);
        Assert.AreEqual("app.sox", merged.SourceFileName);
    }

    [TestMethod]
    public void TheSameNameDefinedTwiceOrAnotherMachineIsAnError()
    {
        Assert.ThrowsExactly<InvalidOperationException>(() => ObjectFileMerger.Merge([Module("a", 5, "f", false), Module("a", 5, "g", false)]));
        Assert.ThrowsExactly<ArgumentException>(() => ObjectFileMerger.Merge([Module("a", 5, "f", false), new ObjectFile(ObjectMachine.Arm64)]));
    }
}
