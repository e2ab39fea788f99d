using Sox.Compiler.CodeGen;
using Sox.Compiler.Ir;
using static Sox.Compiler.ObjectFiles.Coff.CodeView.CodeViewSymbolKind;

namespace Sox.Compiler.ObjectFiles.Coff.CodeView;

/// <summary>
/// A function's Sox variables (<see cref="DebugVariable"/>, the format-neutral model DWARF also writes) as CodeView
/// symbols inside its procedure (cvinfo.h, LLVM <c>CodeViewDebug::emitLocalVariable</c>): per variable an
/// <c>S_LOCAL</c> {type <c>SoxValue</c>, flags — <c>fIsParam</c> for a parameter, <c>fIsOptimizedOut</c> when it is kept
/// nowhere —, name}, followed by one record per range where it lives:
/// <list type="bullet">
/// <item>in a register: <c>S_DEFRANGE_REGISTER</c> {u16 CodeView register, u16 may-have-no-name 0, range};</item>
/// <item>in a frame slot: <c>S_DEFRANGE_FRAMEPOINTER_REL</c> {i32 offset from the frame register S_FRAMEPROC names,
/// RBP, range};</item>
/// <item>in memory at a register plus an offset (a captured variable whose cell pointer is in a register):
/// <c>S_DEFRANGE_REGISTER_REL</c> {u16 register, u16 flags 0, i32 offset, range}.</item>
/// </list>
/// A range is {u32 offset (SECREL), u16 section (SECTION) — against the function's symbol —, u16 length}, with no
/// gaps; a range longer than 0xFFFF bytes is written as several. A location CodeView cannot express — a value behind
/// two pointers, such as a captured variable whose cell pointer is in a frame slot — is left out, so the debugger
/// shows the variable as unavailable there rather than a wrong value.
/// </summary>
internal static class CodeViewVariables
{
    private const ushort IsParameter = 0x0001;
    private const ushort IsOptimizedOut = 0x0100;

    public static void Add(CodeViewSymbolSection symbols, CompiledFunction f, uint type)
    {
        var w = symbols.Bytes;
        foreach (var variable in f.Variables)
        {
            var ranges = variable.Ranges.Where(r => r.End > r.Start && Expressible(r.Location)).ToList();
            symbols.BeginRecord(S_LOCAL);
            w.U32(type);
            w.U16((variable.Kind == DebugVariableKind.Parameter ? IsParameter : 0) | (ranges.Count == 0 ? IsOptimizedOut : 0));
            w.String(variable.Name);
            symbols.EndRecord();
            foreach (var range in ranges)
            {
                for (int start = range.Start; start < range.End; start += ushort.MaxValue)
                {
                    int length = Math.Min(ushort.MaxValue, range.End - start);
                    var location = range.Location;
                    if (location.Base == DebugLocationBase.FrameSlot)
                    {
                        symbols.BeginRecord(S_DEFRANGE_FRAMEPOINTER_REL);
                        w.U32(unchecked((uint)location.Number));
                    }
                    else if (location.Indirections.Count == 0)
                    {
                        symbols.BeginRecord(S_DEFRANGE_REGISTER);
                        w.U16(Register(location.Number));
                        w.U16(0);
                    }
                    else
                    {
                        symbols.BeginRecord(S_DEFRANGE_REGISTER_REL);
                        w.U16(Register(location.Number));
                        w.U16(0);
                        w.U32(unchecked((uint)location.Indirections[0]));
                    }
                    symbols.Address(f.Source.Symbol, start);
                    w.U16(length);
                    symbols.EndRecord();
                }
            }
        }
    }

    /// <summary>Register, frame slot, or the word at a register plus an offset; not a frame slot's pointer followed,
    /// nor two pointers.</summary>
    private static bool Expressible(DebugLocation location) => location.Base switch
    {
        DebugLocationBase.FrameSlot => location.Indirections.Count == 0,
        _ => location.Indirections.Count <= 1,
    };

    /// <summary>
    /// The CodeView number (cvinfo.h <c>CV_HREG_e</c>, AMD64) of a physical register of
    /// <see cref="TargetDescription"/>'s numbering (general registers by hardware encoding, XMM from
    /// <see cref="TargetDescription.FloatBase"/>): RAX 328, RBX 329, RCX 330, RDX 331, RSI 332, RDI 333, RBP 334,
    /// RSP 335, R8–R15 336–343, XMM0–15 154–169.
    /// </summary>
    public static int Register(int physical)
    {
        if (physical >= TargetDescription.FloatBase) return 154 + (physical - TargetDescription.FloatBase);
        return physical switch
        {
            0 => 328,
            1 => 330,
            2 => 331,
            3 => 329,
            4 => 335,
            5 => 334,
            6 => 332,
            7 => 333,
            _ => 336 + (physical - 8),
        };
    }
}
