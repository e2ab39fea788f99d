using Sox.Compiler.CodeGen;
using Sox.Compiler.CodeGen.Emission;
using Sox.Compiler.Ir;
using Sox.Compiler.ObjectFiles.Debugging;
using static Sox.Compiler.ObjectFiles.Coff.CodeView.CodeViewBuiltinType;
using static Sox.Compiler.ObjectFiles.Coff.CodeView.CodeViewConstants;
using static Sox.Compiler.ObjectFiles.Coff.CodeView.CodeViewSubsectionKind;
using static Sox.Compiler.ObjectFiles.Coff.CodeView.CodeViewSymbolKind;

namespace Sox.Compiler.ObjectFiles.Coff.CodeView;

/// <summary>
/// Adds CodeView debugging information for one module to its COFF object (<c>sox build -g</c> for win-x64), what
/// MSVC and clang write and what <c>lld-link /DEBUG</c> (or <c>link /DEBUG</c>) turns into a PDB for Visual Studio
/// and WinDbg. Two non-allocated custom sections (COFF <c>CNT_INITIALIZED_DATA | MEM_READ | MEM_DISCARDABLE</c>,
/// 4-aligned), layouts from Microsoft's cvinfo.h and LLVM's <c>CodeViewDebug.cpp</c>:
/// <list type="bullet">
/// <item><c>.debug$T</c> (<see cref="CodeViewTypeTable"/>): the <c>SoxValue</c> struct, and per function an
/// <c>LF_ARGLIST</c> (its parameters: each 64-bit word a <c>SoxValue</c>, an unboxed double <c>double</c>), an
/// <c>LF_PROCEDURE</c> and an <c>LF_FUNC_ID</c> with its name.</item>
/// <item><c>.debug$S</c>, C13 subsections: <c>DEBUG_S_SYMBOLS</c> with <c>S_OBJNAME</c> and <c>S_COMPILE3</c>
/// (language <c>CV_CFL_C</c>: CodeView has no code for Sox, and Sox functions are C-level functions with the
/// Microsoft x64 convention; machine x64; producer <c>sox</c>); per function a <c>DEBUG_S_SYMBOLS</c> with
/// <c>S_GPROC32_ID</c> (<c>S_LPROC32_ID</c> for a module-local function: named as the user wrote it,
/// <see cref="DwarfDebugInfo.NameOf"/>, code size, debug start at the prologue's end, its <c>LF_FUNC_ID</c>, address),
/// <c>S_FRAMEPROC</c> (frame size, saved registers, variables addressed from RBP), its variables
/// (<see cref="CodeViewVariables"/>: <c>S_LOCAL</c> and <c>S_DEFRANGE_*</c>) and <c>S_PROC_ID_END</c>, then a
/// <c>DEBUG_S_LINES</c> subsection (one file block: a statement line entry per line-change point; no columns, which
/// the IR does not carry); <c>S_UDT SoxValue</c>; <c>DEBUG_S_FILECHKSMS</c> (the module's <c>.sox</c> file, no
/// checksum) and <c>DEBUG_S_STRINGTABLE</c> (its absolute path).</item>
/// </list>
/// Every code address is an <c>IMAGE_REL_AMD64_SECREL</c> + <c>IMAGE_REL_AMD64_SECTION</c> pair against the function's
/// own symbol (<see cref="RelocationKind.SectionRelative32"/>, <see cref="RelocationKind.SectionIndex16"/>), as clang
/// writes them. Nothing here touches <c>.text</c>: code is the same with and without <c>-g</c>.
/// </summary>
public static class CodeViewDebugInfo
{
    /// <summary>The producer named in <c>S_COMPILE3</c>.</summary>
    public const string Producer = "sox";

    /// <summary>
    /// Adds <c>.debug$S</c> and <c>.debug$T</c> for <paramref name="code"/>, whose bytes start at offset
    /// <paramref name="textBase"/> of <paramref name="text"/>, to <paramref name="obj"/>.
    /// </summary>
    public static void Add(ObjectFile obj, ObjectSection text, int textBase, CompiledCode code, DebugSource source)
    {
        ArgumentNullException.ThrowIfNull(obj);
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(code);
        ArgumentNullException.ThrowIfNull(source);

        var types = new CodeViewTypeTable();
        var symbols = new CodeViewSymbolSection();
        var w = symbols.Bytes;

        symbols.BeginSubsection(DEBUG_S_SYMBOLS);
        symbols.BeginRecord(S_OBJNAME);
        w.U32(0u);                        // signature: none (no precompiled types)
        w.String("");                     // the object's path is the linker's to know; clang writes it empty too
        symbols.EndRecord();
        symbols.BeginRecord(S_COMPILE3);
        w.U32((uint)CV_CFL_C);            // language in the low byte; no flags
        w.U16(CV_CFL_X64);
        for (int i = 0; i < 8; i++) w.U16(0);  // front-end and back-end versions
        w.String(Producer);
        symbols.EndRecord();
        symbols.EndSubsection();

        // The file block of every line subsection names the one file: the entry at offset 0 of DEBUG_S_FILECHKSMS.
        const int fileId = 0;
        foreach (var f in code.Functions.OrderBy(f => f.Offset))
        {
            if (f.Lines.Count == 0) continue;
            var symbol = f.Source.Symbol;
            if (f.Source.InLineTable) AddProcedure(symbols, types, f);
            AddLines(symbols, f, symbol, fileId);
        }

        symbols.BeginSubsection(DEBUG_S_SYMBOLS);
        symbols.BeginRecord(S_UDT);
        w.U32(types.SoxValue);
        w.String("SoxValue");
        symbols.EndRecord();
        symbols.EndSubsection();

        // DEBUG_S_FILECHKSMS: {u32 name offset in the string table, u8 checksum size, u8 kind, the checksum}, padded
        // to 4. The kind is CHKSUM_TYPE_MD5 (1) over the file's bytes, what clang writes and Visual Studio compares
        // with the file it opens; none (0) when the file cannot be read.
        var checksum = source.Checksum ?? [];
        symbols.BeginSubsection(DEBUG_S_FILECHKSMS);
        w.U32(1u);
        w.U8((byte)checksum.Length);
        w.U8(checksum.Length == 0 ? (byte)0 : (byte)1);
        w.Bytes(checksum);
        w.AlignTo4();
        symbols.EndSubsection();
        // DEBUG_S_STRINGTABLE: an empty string at offset 0, then the names.
        symbols.BeginSubsection(DEBUG_S_STRINGTABLE);
        w.U8(0);
        w.String(source.FullPath);
        symbols.EndSubsection();

        var typeSection = obj.AddCustomSection(".debug$T", ObjectSectionFlags.None, alignment: 4);
        typeSection.Append(types.ToArray());
        var symbolSection = obj.AddCustomSection(".debug$S", ObjectSectionFlags.None, alignment: 4);
        symbolSection.Append(symbols.Bytes.ToArray(), symbols.Relocations);
    }

    /// <summary>S_GPROC32_ID/S_LPROC32_ID … S_FRAMEPROC … S_PROC_ID_END in a symbols subsection of its own.</summary>
    private static void AddProcedure(CodeViewSymbolSection symbols, CodeViewTypeTable types, CompiledFunction f)
    {
        var w = symbols.Bytes;
        var ir = f.Source;
        var parameters = ir.Parameters.Select(p => p.Type == IrType.F64 ? (uint)T_REAL64 : types.SoxValue).ToList();
        uint? result = ir.ReturnType switch
        {
            IrType.F64 => (uint)T_REAL64,
            IrType.I64 => types.SoxValue,
            _ => null,
        };
        var name = DwarfDebugInfo.NameOf(ir);
        var id = types.FunctionId(name, parameters, result);
        var frame = Frame(f.Prologue);

        symbols.BeginSubsection(DEBUG_S_SYMBOLS);
        symbols.BeginRecord(ir.Linkage == Linkage.Global ? S_GPROC32_ID : S_LPROC32_ID);
        w.U32(0u);                        // parent, end, next: filled in by the linker
        w.U32(0u);
        w.U32(0u);
        w.U32(f.Size);
        w.U32(f.PrologueEnd is { } end && end < f.Size ? end : 0);   // debug start: where a function breakpoint goes
        w.U32(f.Size);                    // debug end
        w.U32(id);
        symbols.Address(ir.Symbol, 0);
        w.U8(frame.HasFramePointer ? CV_PFLAG_NOFPO : (byte)0);
        w.String(name);
        symbols.EndRecord();

        // S_FRAMEPROC: frame bytes, padding bytes, padding offset, callee-saved bytes, exception handler offset and
        // section, flags (which register addresses locals and parameters).
        symbols.BeginRecord(S_FRAMEPROC);
        w.U32(frame.FrameBytes);
        w.U32(0u);
        w.U32(0u);
        w.U32(frame.SavedBytes);
        w.U32(0u);
        w.U16(0);
        w.U32(frame.HasFramePointer ? FrameProcUsesFramePointer : 0u);
        symbols.EndRecord();

        CodeViewVariables.Add(symbols, f, types.SoxValue);

        symbols.BeginRecord(S_PROC_ID_END);
        symbols.EndRecord();
        symbols.EndSubsection();
    }

    /// <summary>
    /// DEBUG_S_LINES for one function: header {u32 offset, u16 section (the SECREL/SECTION pair), u16 flags (0: no
    /// columns), u32 code size}, then one file block {u32 file id, u32 line count, u32 block size} and its entries
    /// {u32 offset from the function's start, u32 line (24 bits) | statement bit}, one per line-change point (a later
    /// point at the same offset replaces an earlier one), as cvinfo.h <c>CV_Line_t</c> describes.
    /// </summary>
    private static void AddLines(CodeViewSymbolSection symbols, CompiledFunction f, string symbol, int fileId)
    {
        var rows = new List<(int Offset, int Line)>();
        foreach (var (offset, line) in f.Lines)
        {
            if (rows.Count > 0 && rows[^1].Offset == offset) rows[^1] = (offset, line);
            else rows.Add((offset, line));
        }
        var w = symbols.Bytes;
        symbols.BeginSubsection(DEBUG_S_LINES);
        symbols.Address(symbol, 0);
        w.U16(0);
        w.U32(f.Size);
        w.U32(fileId);
        w.U32(rows.Count);
        w.U32(12 + 8 * rows.Count);
        foreach (var (offset, line) in rows)
        {
            w.U32(offset);
            w.U32((uint)Math.Clamp(line, 0, 0xFF_FFFF) | CV_LINE_STATEMENT);
        }
        symbols.EndSubsection();
    }

    /// <summary>The frame as the recorded prologue built it (<see cref="PrologueStep"/>): bytes allocated below the
    /// saved registers, bytes of registers saved, and whether RBP was set up as the frame pointer.</summary>
    private static (int FrameBytes, int SavedBytes, bool HasFramePointer) Frame(FunctionPrologue? prologue)
    {
        if (prologue is null) return (0, 0, false);
        int frame = 0, saved = 0;
        bool framePointer = false;
        foreach (var (_, step) in prologue.Steps)
        {
            switch (step.Operation)
            {
                case PrologueOperation.PushNonvolatile: saved += 8; break;
                case PrologueOperation.Allocate: frame += step.Value; break;
                case PrologueOperation.SetFrameRegister: framePointer = true; break;
                case PrologueOperation.SaveNonvolatile: saved += 8; break;
                case PrologueOperation.SaveXmm128: saved += 16; break;
            }
        }
        return (frame, saved, framePointer);
    }
}
