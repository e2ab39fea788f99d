using Sox.Compiler.Ir;
using Sox.Compiler.ObjectFiles;
using Sox.Compiler.ObjectFiles.Coff;

namespace Sox.Toolchain.Tests.ObjectFiles.Coff;

/// <summary>COFF objects the tests write, built through the public model exactly as a code generator would.</summary>
internal static class CoffSampleObjects
{
    /// <summary>The long global function name of <see cref="AllKinds"/> (over 8 bytes: string table).</summary>
    public const string LongFunctionName = "sox_function_with_a_long_name";

    /// <summary>
    /// Every section kind, local/global/label/undefined symbols and every x64 relocation kind, each PC-relative one in
    /// the shapes the writer distinguishes. Layout (hand-computed, asserted by the tests), COFF section numbers:
    /// 1 .text 0x30 bytes: main (global func 0..0x10), <see cref="LongFunctionName"/> (global func 0x10..0x20), helper
    /// (local func 0x20..0x30), retry (local label, no type, at 0x28);
    /// 2 .rdata: "abc\0" then message (local object) at 4, 6 bytes;
    /// 3 .data: value (global object) at 0, 4 bytes;
    /// 4 .rdata$sox_relro (align 8): table (local object) at 0, 16 bytes: Absolute64 → value+8 at 0,
    /// PcRelative32Data → message+2 at 8;
    /// 5 .bss: counter (global object) at 0, 8 bytes; scratch (local object) at 0x10 (align 16), 32 bytes;
    /// 6 .pdata: one RUNTIME_FUNCTION for main (ImageRelative32 main, main+0x10, unwind_main);
    /// 7 .xdata: unwind_main (local object) at 0, 8 bytes;
    /// 8 .drectve: " -export:" + <see cref="LongFunctionName"/>;
    /// 9 .sox_lines (custom, allocated, align 4) 8 bytes; 10 .sox.info (custom, not allocated) 3 bytes;
    /// 11 .rdata$.refptr: the GOT-load slots .refptr.counter (0) and .refptr.scratch (8);
    /// externals: puts (declared, function) and sox_panic (only named by a relocation).
    /// </summary>
    public static ObjectFile AllKinds()
    {
        var obj = new ObjectFile(ObjectMachine.X64, "sample.sox");
        var text = obj.GetOrAddSection(ObjectSectionKind.Text);
        var rodata = obj.GetOrAddSection(ObjectSectionKind.ReadOnlyData);
        var data = obj.GetOrAddSection(ObjectSectionKind.Data);
        var relro = obj.GetOrAddSection(ObjectSectionKind.ReadOnlyAfterRelocation);
        var bss = obj.GetOrAddSection(ObjectSectionKind.Bss);
        var pdata = obj.GetOrAddSection(ObjectSectionKind.FunctionTable);
        var xdata = obj.GetOrAddSection(ObjectSectionKind.UnwindInfo);
        var directives = obj.GetOrAddSection(ObjectSectionKind.LinkerDirectives);
        var lines = obj.AddCustomSection(".sox_lines", ObjectSectionFlags.Allocated, 4);
        var info = obj.AddCustomSection(".sox.info", ObjectSectionFlags.None);

        text.Append(new byte[0x30]);
        obj.DefineSymbol("main", text, 0, 0x10, ObjectSymbolBinding.Global, ObjectSymbolType.Function);
        obj.DefineSymbol(LongFunctionName, text, 0x10, 0x10, ObjectSymbolBinding.Global, ObjectSymbolType.Function);
        obj.DefineSymbol("helper", text, 0x20, 0x10, ObjectSymbolBinding.Local, ObjectSymbolType.Function);
        obj.DefineSymbol("retry", text, 0x28, 0, ObjectSymbolBinding.Local, ObjectSymbolType.None);
        rodata.Append("abc\0"u8);
        obj.DefineSymbol("message", rodata, rodata.Append("hello\0"u8), 6, ObjectSymbolBinding.Local, ObjectSymbolType.Object);
        obj.DefineSymbol("value", data, data.Append([1, 0, 0, 0]), 4, ObjectSymbolBinding.Global, ObjectSymbolType.Object);
        relro.Append(new byte[16]);
        relro.AddRelocation(new SymbolRelocation(0, RelocationKind.Absolute64, "value", 8));
        relro.AddRelocation(new SymbolRelocation(8, RelocationKind.PcRelative32Data, "message", 2));
        obj.DefineSymbol("table", relro, 0, 16, ObjectSymbolBinding.Local, ObjectSymbolType.Object);
        obj.DefineSymbol("counter", bss, bss.Reserve(8, 8), 8, ObjectSymbolBinding.Global, ObjectSymbolType.Object);
        obj.DefineSymbol("scratch", bss, bss.Reserve(32, 16), 32, ObjectSymbolBinding.Local, ObjectSymbolType.Object);
        pdata.Append(new byte[12],
        [
            new SymbolRelocation(0, RelocationKind.ImageRelative32, "main", 0),
            new SymbolRelocation(4, RelocationKind.ImageRelative32, "main", 0x10),
            new SymbolRelocation(8, RelocationKind.ImageRelative32, "unwind_main", 0),
        ]);
        obj.DefineSymbol("unwind_main", xdata, xdata.Append([1, 4, 1, 0, 4, 0x42, 0, 0]), 8, ObjectSymbolBinding.Local, ObjectSymbolType.Object);
        directives.Append(CoffLinkerDirectives.Export(LongFunctionName));
        lines.Append([1, 2, 3, 4, 5, 6, 7, 8]);
        info.Append("sox"u8);
        obj.DeclareExternal("puts", ObjectSymbolType.Function);

        text.AddRelocation(new SymbolRelocation(0x01, RelocationKind.X64Branch32, "puts", -4));
        text.AddRelocation(new SymbolRelocation(0x06, RelocationKind.X64Branch32, "helper", -4));
        text.AddRelocation(new SymbolRelocation(0x0b, RelocationKind.X64PcRelative32, "message", -4));
        text.AddRelocation(new SymbolRelocation(0x10, RelocationKind.X64PcRelative32, "value", -8));      // imm32 follows
        text.AddRelocation(new SymbolRelocation(0x15, RelocationKind.X64GotLoad32, "counter", -4));
        text.AddRelocation(new SymbolRelocation(0x1a, RelocationKind.X64PcRelative32, "table", 4));       // table+8
        text.AddRelocation(new SymbolRelocation(0x21, RelocationKind.X64Branch32, "sox_panic", -4));
        text.AddRelocation(new SymbolRelocation(0x26, RelocationKind.X64PcRelative32, "value", -5));      // imm8 follows
        text.AddRelocation(new SymbolRelocation(0x2b, RelocationKind.X64GotLoad32, "scratch", -4));
        return obj;
    }
}
