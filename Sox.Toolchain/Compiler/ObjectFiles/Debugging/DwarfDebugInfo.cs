using LibObjectFile.Dwarf;
using Sox.Compiler.CodeGen;
using Sox.Compiler.Ir;
using Sox.Compiler.Syntax.Ast;

namespace Sox.Compiler.ObjectFiles.Debugging;

/// <summary>
/// Adds DWARF debugging information for one module to its object (<c>sox build -g</c>), written with
/// LibObjectFile's DWARF model (<c>DwarfFile</c>) and stored as ordinary non-allocated custom sections with
/// relocations, so that every object writer and the merger treat it like any other section:
/// <list type="bullet">
/// <item><c>.debug_line</c>: one line-number program (DWARF 4 §6.2; version 4, the newest LibObjectFile 2.3.1 writes)
/// with the module's file, one sequence per function, a row at each point where the source line changes —
/// each marked <c>is_stmt</c>, since the emitter records a point only where a new statement's code starts, so a
/// debugger stepping by line stops once per statement — and a <c>prologue_end</c> row where the prologue ends
/// (§6.2.2), where debuggers put a function's breakpoint. Each row's column is the 1-based column of the first token
/// of the statement or expression whose code starts there, as lowering stamped it on the IR; 0 ("unknown", §6.2.2)
/// where it did not (compiler-made code).</item>
/// <item><c>.debug_info</c>/<c>.debug_abbrev</c>/<c>.debug_str</c>: one <c>DW_TAG_compile_unit</c> per module (§3.1.1:
/// name, comp_dir, producer, language, low_pc/high_pc over the module's <c>.text</c>, stmt_list) holding a
/// <c>DW_TAG_subprogram</c> per function (§3.3: the name the user wrote, <see cref="NameOf"/>, low_pc/high_pc,
/// decl_file, decl_line). Language: <c>DW_LANG_C99</c> — DWARF has no code for Sox, and Sox functions are C-level
/// functions (System V/AAPCS calls, C names), so debuggers treat frames and values as C; a vendor code
/// (<c>DW_LANG_lo_user</c>) would only make them fall back to a minimal language.</item>
/// <item><c>.debug_aranges</c> (§6.1.2): the CU's address range, for debuggers' quick lookup.</item>
/// </list>
/// Addresses are <see cref="RelocationKind.Absolute64"/> relocations against a local symbol at the module's
/// <c>.text</c> start (ELF: the section symbol, R_X86_64_64/R_AARCH64_ABS64); references between debugging sections
/// (abbrev offset, string offsets, stmt_list, aranges' info offset) are 32-bit section offsets (§7.4),
/// <see cref="RelocationKind.Absolute32"/> against a local symbol at each section's start, so a link that
/// concatenates many modules' sections keeps every offset right. LibObjectFile records all of these but
/// <c>DW_AT_stmt_list</c>, which is added here. Nothing here touches <c>.text</c>: code is the same with and without
/// <c>-g</c>.
/// </summary>
public static class DwarfDebugInfo
{
    /// <summary>The <c>DW_AT_producer</c> string.</summary>
    public const string Producer = "sox";

    /// <summary>
    /// Adds the debugging sections for <paramref name="code"/>, whose bytes start at offset <paramref name="textBase"/>
    /// of <paramref name="text"/>, to <paramref name="obj"/>. <paramref name="symbolPrefix"/> makes the local symbols
    /// it defines unique per module (merged objects keep each module's own).
    /// </summary>
    public static void Add(ObjectFile obj, ObjectSection text, int textBase, CompiledCode code, DebugSource source, string symbolPrefix)
    {
        ArgumentNullException.ThrowIfNull(obj);
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(code);
        ArgumentNullException.ThrowIfNull(source);

        var dwarf = new DwarfFile();
        var file = new DwarfFileName(Path.GetFileName(source.FullPath)) { Directory = Path.GetDirectoryName(source.FullPath) };
        var lineTable = new DwarfLineProgramTable { AddressSize = DwarfAddressSize.Bit64, Version = 4 };
        lineTable.FileNames.Add(file);
        dwarf.LineSection.LineTables.Add(lineTable);

        var unit = new DwarfDIECompileUnit
        {
            Name = source.FullPath,
            CompDir = source.CompilationDirectory,
            Producer = Producer,
            Language = DwarfLanguageKind.C99,
            LowPC = (ulong)textBase,
            HighPC = code.Code.Length,
            StmtList = lineTable,
        };
        var valueType = DwarfVariables.AddValueType(unit);
        var locations = new DwarfLocationLists();
        var locationReferences = new List<DwarfAttribute>();
        foreach (var f in code.Functions)   // in offset order (CompiledCode)
        {
            if (f.Lines.Count == 0) continue;
            lineTable.LineSequences.Add(Sequence(f, textBase, file));
            if (!f.Source.InLineTable) continue;
            var subprogram = new DwarfDIESubprogram
            {
                Name = NameOf(f.Source),
                LowPC = (ulong)(textBase + f.Offset),
                HighPC = f.Size,
                DeclLine = (ulong)(f.Source.DeclarationLine > 0 ? f.Source.DeclarationLine : f.Lines[0].Line),
                External = f.Source.Linkage == Linkage.Global ? true : null,
            };
            // DW_AT_decl_file is an index into the line program's file_names, 1 for its only file (DWARF 4 §2.14);
            // LibObjectFile's DeclFile property writes no valid index for a file it did not read, so the number is set.
            subprogram.Attributes.Add(new DwarfAttribute { Kind = DwarfAttributeKind.DeclFile, ValueAsU64 = 1, Encoding = DwarfAttributeEncoding.Constant });
            DwarfVariables.Add(subprogram, f, (ulong)f.Offset, valueType, obj.Machine, locations, locationReferences);
            unit.Children.Add(subprogram);
        }
        var compilationUnit = new DwarfCompilationUnit { AddressSize = DwarfAddressSize.Bit64, Version = 4, Root = unit };
        dwarf.InfoSection.Units.Add(compilationUnit);
        dwarf.AddressRangeTable.AddressSize = DwarfAddressSize.Bit64;
        dwarf.AddressRangeTable.Unit = compilationUnit;
        dwarf.AddressRangeTable.Ranges.Add(new DwarfAddressRange(0, (ulong)textBase, (ulong)code.Code.Length));

        var context = new DwarfWriterContext
        {
            IsLittleEndian = true,
            AddressSize = DwarfAddressSize.Bit64,
            EnableRelocation = true,
            DebugAbbrevStream = new MemoryStream(),
            DebugLineStream = new MemoryStream(),
            DebugInfoStream = new MemoryStream(),
            DebugStringStream = new MemoryStream(),
            DebugAddressRangeStream = new MemoryStream(),
        };
        dwarf.Write(context);

        string textSymbol = symbolPrefix + "_text", infoSymbol = symbolPrefix + "_info", abbrevSymbol = symbolPrefix + "_abbrev",
            lineSymbol = symbolPrefix + "_line", strSymbol = symbolPrefix + "_str";
        obj.DefineSymbol(textSymbol, text, 0, 0, ObjectSymbolBinding.Local, ObjectSymbolType.None);
        var info = AddSection(obj, ".debug_info", context.DebugInfoStream, infoSymbol);
        AddSection(obj, ".debug_abbrev", context.DebugAbbrevStream, abbrevSymbol);
        var line = AddSection(obj, ".debug_line", context.DebugLineStream, lineSymbol);
        AddSection(obj, ".debug_str", context.DebugStringStream, strSymbol);
        var aranges = AddSection(obj, ".debug_aranges", context.DebugAddressRangeStream, symbolPrefix + "_aranges");

        AddRelocations(info, dwarf.InfoSection.Relocations);
        AddRelocations(line, dwarf.LineSection.Relocations);
        AddRelocations(aranges, dwarf.AddressRangeTable.Relocations);
        // DW_AT_stmt_list (DW_FORM_sec_offset) is an offset into .debug_line; LibObjectFile records no relocation
        // for it, and without one every module's unit would point at the first module's line program once linked.
        var stmtList = unit.FindAttributeByKey(DwarfAttributeKind.StmtList)
            ?? throw new InvalidOperationException("The compile unit has no DW_AT_stmt_list.");
        info.AddRelocation(new SymbolRelocation((int)stmtList.Position, RelocationKind.Absolute32, lineSymbol, (long)lineTable.Position));
        // DW_AT_location as a sec_offset into .debug_loc (§2.6.2), which DwarfLocationLists wrote: relocated here like
        // DW_AT_stmt_list. The lists' own addresses are offsets from the unit's low_pc and need none.
        if (!locations.IsEmpty)
        {
            var locSymbol = symbolPrefix + "_loc";
            AddSection(obj, ".debug_loc", locations.ToArray(), locSymbol);
            foreach (var attribute in locationReferences)
            {
                info.AddRelocation(new SymbolRelocation((int)attribute.Position, RelocationKind.Absolute32, locSymbol, (long)attribute.ValueAsU64));
            }
        }

        void AddRelocations(ObjectSection section, List<DwarfRelocation> relocations)
        {
            for (var n = 0; n < relocations.Count; n++)   // indexed: List<DwarfRelocation>'s enumerator would be JIT-compiled
            {
                var r = relocations[n];
                var kind = r.Size == DwarfAddressSize.Bit64 ? RelocationKind.Absolute64 : RelocationKind.Absolute32;
                var symbol = r.Target switch
                {
                    DwarfRelocationTarget.Code => textSymbol,
                    DwarfRelocationTarget.DebugString => strSymbol,
                    DwarfRelocationTarget.DebugAbbrev => abbrevSymbol,
                    DwarfRelocationTarget.DebugInfo => infoSymbol,
                    _ => throw new NotSupportedException($"DWARF relocation target {r.Target}."),
                };
                section.AddRelocation(new SymbolRelocation((int)r.Offset, kind, symbol, (long)r.Addend));
            }
        }
    }

    /// <summary>The name a debugger shows for <paramref name="function"/>, as the user wrote it: <c>fib</c>;
    /// <c>Point.init</c> and <c>Point.area</c> for an initializer and a method; <c>&lt;fn at line N&gt;</c> and
    /// <c>&lt;defer at line N&gt;</c> for lambdas and defer bodies (N: the declaration's line); <c>&lt;script&gt;</c>
    /// for a module's top level; the symbol for code the compiler made up (the program entry, thunks).</summary>
    public static string NameOf(IrFunction function)
    {
        ArgumentNullException.ThrowIfNull(function);
        if (function.Source is not { } info) return function.Symbol;
        return info.Kind switch
        {
            FunctionKind.Script => "<script>",
            FunctionKind.Method or FunctionKind.Initializer when info.ClassName is { } owner => $"{owner}.{info.DisplayName}",
            FunctionKind.Lambda => $"<fn at line {function.DeclarationLine}>",
            FunctionKind.Defer => $"<defer at line {function.DeclarationLine}>",
            _ => function.TraceName ?? info.DisplayName,
        };
    }

    /// <summary>One function's rows: one per line-change point with its column (a later point at the same address
    /// replaces an earlier one), a <c>prologue_end</c> row, and the end of the sequence at the function's last byte + 1.</summary>
    private static DwarfLineSequence Sequence(CompiledFunction f, int textBase, DwarfFileName file)
    {
        // Rows as parallel arrays (room for one inserted prologue_end row) rather than a list of tuples, a generic
        // instantiation ReadyToRun cannot precompile (docs/performance.md, "Debug information").
        var capacity = f.Lines.Count + 1;
        var offsets = new int[capacity];
        var lines = new int[capacity];
        var columns = new int[capacity];
        var prologueAt = -1;
        var count = 0;
        for (var k = 0; k < f.Lines.Count; k++)
        {
            var (offset, line) = f.Lines[k];
            var column = k < f.Columns.Count ? f.Columns[k] : 0;
            if (count == 0 || offsets[count - 1] != offset) count++;
            offsets[count - 1] = offset;
            lines[count - 1] = line;
            columns[count - 1] = column;
        }
        if (f.PrologueEnd is { } end && end < f.Size)
        {
            var at = 0;
            while (at < count && offsets[at] < end) at++;
            if (at < count && offsets[at] == end) prologueAt = at;
            else
            {
                // The line in effect at the prologue's end continues past it (§6.2.5.1: a row per address of interest).
                var inEffect = Math.Max(0, at - 1);
                int line = lines[inEffect], column = columns[inEffect];
                Array.Copy(offsets, at, offsets, at + 1, count - at);
                Array.Copy(lines, at, lines, at + 1, count - at);
                Array.Copy(columns, at, columns, at + 1, count - at);
                offsets[at] = end;
                lines[at] = line;
                columns[at] = column;
                prologueAt = at;
                count++;
            }
        }

        var sequence = new DwarfLineSequence();
        for (var r = 0; r < count; r++)
        {
            sequence.Add(new DwarfLine
            {
                File = file,
                Address = (ulong)(textBase + f.Offset + offsets[r]),
                Line = (uint)lines[r],
                Column = (uint)columns[r],
                IsStatement = true,
                IsPrologueEnd = r == prologueAt,
            });
        }
        // The last row is written as DW_LNE_end_sequence: the first address past the function (§6.2.5.3).
        sequence.Add(new DwarfLine { File = file, Address = (ulong)(textBase + f.Offset + f.Size), Line = (uint)lines[count - 1] });
        return sequence;
    }

    private static ObjectSection AddSection(ObjectFile obj, string name, Stream? contents, string symbol) =>
        AddSection(obj, name, ((MemoryStream)contents!).ToArray(), symbol);

    private static ObjectSection AddSection(ObjectFile obj, string name, byte[] contents, string symbol)
    {
        var section = obj.AddCustomSection(name, ObjectSectionFlags.None);
        section.Append(contents);
        obj.DefineSymbol(symbol, section, 0, 0, ObjectSymbolBinding.Local, ObjectSymbolType.None);
        return section;
    }
}
