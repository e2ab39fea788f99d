using System.Buffers.Binary;
using System.Text;
using Sox.Compiler.CodeGen;
using Sox.Compiler.Ir;

namespace Sox.Compiler.ObjectFiles;

/// <summary>
/// Builds the format-neutral <see cref="ObjectFile"/> of one module from its machine code and IR data items,
/// and defines the module's line table (runtime-abi.md "Frames, traces and stack overflow"):
/// <code>
/// SoxCodeTable     { u32 count; u32 reserved; SoxFunctionLines* functions; SoxCodeTable* next; const char* file; }  32 bytes, .data
/// SoxFunctionLines { const void* start; u32 size; u32 lineCount; const char* name; const SoxLineEntry* lines; }     32 bytes, .data.rel.ro
/// SoxLineEntry     { u32 offset; u32 line; }                                                                         8 bytes, .rodata
/// </code>
/// </summary>
public static class ObjectBuilder
{
    /// <summary>The object of <paramref name="module"/>: its code as <paramref name="code"/> holds it, its data items and its line table (naming <paramref name="sourceFile"/>), for <paramref name="target"/>'s machine.</summary>
    public static ObjectFile Build(IrModule module, CompiledCode code, TargetDescription target, string? sourceFile) =>
        Build(module, code, target, sourceFile, debug: null);

    /// <summary>
    /// The object of <paramref name="module"/> as <see cref="Build(IrModule, CompiledCode, TargetDescription, string?)"/>
    /// makes it, plus, when <paramref name="debug"/> is set (<c>sox build -g</c>), debugging information for its
    /// functions: DWARF for ELF and Mach-O (<see cref="Debugging.DwarfDebugInfo"/>), CodeView for COFF
    /// (<see cref="Coff.CodeView.CodeViewDebugInfo"/>), and on ELF their call frame information
    /// (<see cref="Debugging.CallFrameInformation"/>, <c>.eh_frame</c>). The code and
    /// every other section are the same either way.
    /// </summary>
    public static ObjectFile Build(IrModule module, CompiledCode code, TargetDescription target, string? sourceFile, Debugging.DebugSource? debug)
    {
        var obj = new ObjectFile(target.Architecture == TargetArchitecture.X64 ? ObjectMachine.X64 : ObjectMachine.Arm64, sourceFile);
        var text = obj.GetOrAddSection(ObjectSectionKind.Text);
        text.AlignTo(16);
        var textBase = text.Append(code.Code, code.Relocations);
        foreach (var f in code.Functions)
        {
            obj.DefineSymbol(f.Source.Symbol, text, textBase + f.Offset, f.Size,
                f.Source.Linkage == Linkage.Global ? ObjectSymbolBinding.Global : ObjectSymbolBinding.Local, ObjectSymbolType.Function);
        }

        if (target.ObjectFormat == ObjectFormat.Coff)
        {
            AddUnwindTables(obj, code, "__sox_xdata_" + module.Name);
            AddExportDirectives(obj, code);
        }
        foreach (var item in module.Data) AddData(obj, item);
        AddLineTable(obj, module, code, sourceFile);
        // DWARF for ELF and Mach-O (whose writer puts .debug_* into __DWARF); CodeView for COFF, which is what Windows
        // debuggers read and what the linker turns into a PDB. .eh_frame on ELF only: COFF has .pdata/.xdata, and
        // Mach-O's linker would derive compact unwind from it, which is not written yet.
        if (debug is not null && target.ObjectFormat == ObjectFormat.Coff)
            Coff.CodeView.CodeViewDebugInfo.Add(obj, text, textBase, code, debug);
        else if (debug is not null)
        {
            Debugging.DwarfDebugInfo.Add(obj, text, textBase, code, debug, "__sox_dbg_" + module.Name);
            if (target.ObjectFormat == ObjectFormat.Elf)
                Debugging.CallFrameInformation.Add(obj, text, textBase, code, "__sox_cfi_" + module.Name + "_text");
        }

        // Everything referred to but not defined here comes from the runtime, other modules or C.
        // In order of first reference (a declared name is found by the next reference to it).
        foreach (var section in obj.Sections.ToArray())
        {
            var relocations = section.Relocations;
            for (var i = 0; i < relocations.Count; i++)
            {
                if (obj.FindSymbol(relocations[i].Symbol) is null) obj.DeclareExternal(relocations[i].Symbol);
            }
        }
        return obj;
    }

    /// <summary>
    /// Windows x64: one <c>UNWIND_INFO</c> in <c>.xdata</c> per function (<see cref="Coff.WindowsUnwindInfo"/>, from the
    /// prologue the emitter recorded) and one <c>RUNTIME_FUNCTION</c> in <c>.pdata</c> {begin, end, unwind info}, each word
    /// an image-relative relocation (<see cref="RelocationKind.ImageRelative32"/>) against the function's symbol or
    /// the module's <c>.xdata</c> symbol (<paramref name="xdataSymbol"/>, named after the module so merged objects keep one each). Every function has an entry: one without would be taken for a leaf whose
    /// return address is at RSP.
    /// </summary>
    private static void AddUnwindTables(ObjectFile obj, CompiledCode code, string xdataSymbol)
    {
        if (code.Functions.Count == 0) return;
        var xdata = obj.GetOrAddSection(ObjectSectionKind.UnwindInfo);
        var pdata = obj.GetOrAddSection(ObjectSectionKind.FunctionTable);
        xdata.AlignTo(4);
        pdata.AlignTo(4);
        obj.DefineSymbol(xdataSymbol, xdata, xdata.Size, 0, ObjectSymbolBinding.Local, ObjectSymbolType.Object);
        var xdataBase = xdata.Size;
        foreach (var f in code.Functions)
        {
            var prologue = f.Prologue ?? throw new InvalidOperationException($"{f.Source.Symbol} has no recorded prologue for its unwind data.");
            xdata.AlignTo(4);
            var info = xdata.Append(Coff.WindowsUnwindInfo.Encode(prologue));
            var entry = pdata.Append(new byte[12]);
            pdata.AddRelocation(new SymbolRelocation(entry, RelocationKind.ImageRelative32, f.Source.Symbol, 0));
            pdata.AddRelocation(new SymbolRelocation(entry + 4, RelocationKind.ImageRelative32, f.Source.Symbol, f.Size));
            pdata.AddRelocation(new SymbolRelocation(entry + 8, RelocationKind.ImageRelative32, xdataSymbol, info - xdataBase));
        }
    }

    /// <summary>
    /// Windows: a DLL exports what its objects' <c>.drectve</c> sections name (<c>-export:</c>, as
    /// <c>__declspec(dllexport)</c> makes C compilers write), so a Sox DLL exports its <c>export fn</c>s and nothing
    /// else. It matters beyond tidiness: with no explicit export at all, the MinGW linkers export every global symbol
    /// (GNU ld's "auto-export"), the runtime's internals included.
    /// </summary>
    private static void AddExportDirectives(ObjectFile obj, CompiledCode code)
    {
        var exported = code.Functions.Where(f => f.Source.IsExported).ToList();
        if (exported.Count == 0) return;
        var directives = obj.GetOrAddSection(ObjectSectionKind.LinkerDirectives);
        foreach (var f in exported) directives.Append(Coff.CoffLinkerDirectives.Export(f.Source.Symbol));
    }

    private static ObjectSection SectionFor(ObjectFile obj, DataSection section) => obj.GetOrAddSection(section switch
    {
        DataSection.Data => ObjectSectionKind.Data,
        DataSection.ReadOnlyRelocated => ObjectSectionKind.ReadOnlyAfterRelocation,
        _ => ObjectSectionKind.ReadOnlyData,
    });

    private static void AddData(ObjectFile obj, DataItem item)
    {
        var section = SectionFor(obj, item.Section);
        section.AlignTo(item.Alignment);
        var offset = section.Append(item.Bytes, item.Relocations);
        obj.DefineSymbol(item.Symbol, section, offset, item.Bytes.Length,
            item.Linkage == Linkage.Global ? ObjectSymbolBinding.Global : ObjectSymbolBinding.Local, ObjectSymbolType.Object);
    }

    private static void AddLineTable(ObjectFile obj, IrModule module, CompiledCode code, string? sourceFile)
    {
        var functions = code.Functions.Where(f => f.Source.InLineTable).ToList();
        var prefix = "__sox_lt_" + module.Name;
        var records = new byte[32 * functions.Count];
        var recordItem = new DataItem(prefix + "_functions", Linkage.Local, DataSection.ReadOnlyRelocated, DataKind.Other, 8, records);
        for (var i = 0; i < functions.Count; i++)
        {
            var f = functions[i];
            var entries = new byte[8 * Math.Max(1, f.Lines.Count)];
            for (var k = 0; k < f.Lines.Count; k++)
            {
                BinaryPrimitives.WriteUInt32LittleEndian(entries.AsSpan(8 * k), (uint)f.Lines[k].Offset);
                BinaryPrimitives.WriteUInt32LittleEndian(entries.AsSpan(8 * k + 4), (uint)f.Lines[k].Line);
            }
            var linesSymbol = $"{prefix}_lines{i}";
            AddData(obj, new DataItem(linesSymbol, Linkage.Local, DataSection.ReadOnly, DataKind.Other, 4, entries));

            var record = records.AsSpan(32 * i);
            recordItem.AddPointer(32 * i, f.Source.Symbol);
            BinaryPrimitives.WriteUInt32LittleEndian(record[8..], (uint)f.Size);
            BinaryPrimitives.WriteUInt32LittleEndian(record[12..], (uint)f.Lines.Count);
            if (f.Source.TraceName is { } name)
            {
                var nameSymbol = $"{prefix}_name{i}";
                AddData(obj, CString(nameSymbol, name));
                recordItem.AddPointer(32 * i + 16, nameSymbol);
            }
            recordItem.AddPointer(32 * i + 24, linesSymbol);
        }
        if (functions.Count > 0) AddData(obj, recordItem);

        var table = new byte[32];
        BinaryPrimitives.WriteUInt32LittleEndian(table, (uint)functions.Count);
        var tableItem = new DataItem(module.LineTableSymbol, Linkage.Global, DataSection.Data, DataKind.Other, 8, table);
        if (functions.Count > 0) tableItem.AddPointer(8, recordItem.Symbol);
        if (sourceFile is not null)
        {
            AddData(obj, CString(prefix + "_file", sourceFile));
            tableItem.AddPointer(24, prefix + "_file");
        }
        AddData(obj, tableItem);
    }

    private static DataItem CString(string symbol, string text)
    {
        var bytes = Encoding.UTF8.GetBytes(text + "\0");
        return new DataItem(symbol, Linkage.Local, DataSection.ReadOnly, DataKind.CString, 1, bytes);
    }
}
