using Sox.Compiler.CodeGen;
using Sox.Compiler.CodeGen.Mir;

namespace Sox.Compiler.Targets.Arm64;

/// <summary>
/// Encodes an allocated machine function: the prologue of <see cref="FrameLayout"/>, every instruction, and the
/// epilogue before each return. Records (offset, line) pairs for the line table.
/// <code>
///   stp  x29, x30, [sp, #-16]!        ; frame record (AAPCS64 §6.2.3): [x29] = caller's x29, [x29+8] = LR
///   mov  x29, sp
///   sub  sp, sp, #BodySize            ; or mov x16, #BodySize; sub sp, sp, x16 beyond the imm12 forms
///   stp  x20, x19, [x29, #-16]        ; callee-saved registers at their FrameLayout offsets, in pairs where adjacent
///   adrp x16, sox_stack_limit         ; runtime-abi.md: below the limit the runtime reports "Stack overflow."
///   ldr  x16, [x16, :lo12:sox_stack_limit]
///   cmp  sp, x16
///   b.lo overflow
///   …
///   ldp  x20, x19, [x29, #-16]        ; epilogue, before every return
///   mov  sp, x29
///   ldp  x29, x30, [sp], #16
///   ret
/// </code>
/// SP stays 16-byte aligned throughout (AAPCS64 §6.2.2: SP mod 16 = 0 at every public interface; BodySize is a
/// multiple of 16), and nothing is pushed in the body: outgoing stack arguments are stored at SP + offset.
/// </summary>
public sealed partial class Arm64Emitter
{
    /// <summary>The runtime's lowest usable stack address (runtime-abi.md "Frames").</summary>
    public const string StackLimitSymbol = "sox_stack_limit";

    public const string StackOverflowSymbol = "sox_stack_overflow";

    /// <summary>The prologue's scratch (IP0): free there because no allocated value is live yet.</summary>
    private const Arm64Register PrologueScratch = Arm64Register.X16;

    /// <summary>Holds an address or offset that no immediate form can encode; see <see cref="Arm64Target"/> (X15).</summary>
    private const Arm64Register AddressScratch = Arm64Register.X15;

    private readonly Arm64Encoder _encoder;
    private readonly MachineFunction _function;
    private readonly FrameLayout _frame;
    private readonly Arm64Label[] _blockLabels;
    private readonly List<(Arm64Label Label, int Line)> _lines = new();
    private int _lastLine = -1;

    private Arm64Emitter(Arm64Encoder encoder, MachineFunction function, FrameLayout frame)
    {
        _encoder = encoder;
        _function = function;
        _frame = frame;
        _blockLabels = function.Blocks.Select(_ => encoder.CreateLabel()).ToArray();
    }

    /// <summary>
    /// Emits one function into <paramref name="encoder"/>. Positions are labels because the encoder settles
    /// branch sizes only when it finishes; read them from the finished code.
    /// </summary>
    public static Arm64EmittedFunction Emit(Arm64Encoder encoder, MachineFunction function, FrameLayout frame, bool checkStack)
    {
        var emitter = new Arm64Emitter(encoder, function, frame);
        var start = encoder.CreateLabel();
        encoder.Bind(start);
        emitter.EmitFunction(checkStack);
        var end = encoder.CreateLabel();
        encoder.Bind(end);
        return new Arm64EmittedFunction(function.Symbol, start, end, emitter._lines);
    }

    private void EmitFunction(bool checkStack)
    {
        var e = _encoder;
        var firstLine = _function.Blocks.SelectMany(b => b.Instructions).Select(i => i.Line).FirstOrDefault(l => l > 0);
        MarkLine(firstLine);
        e.Stp_x(Arm64Register.X29, Arm64Register.X30, Arm64Memory.PreIndex(Arm64Register.SP, -16));
        e.Mov_x_sp(Arm64Register.X29, Arm64Register.SP);
        AllocateBody(_frame.BodySize);
        SaveOrRestoreCalleeSaved(save: true);

        var overflow = e.CreateLabel();
        if (checkStack)
        {
            // The runtime is linked statically into the executable, so the direct page + low-12 pair reaches it.
            e.Adrp(PrologueScratch, StackLimitSymbol);
            e.Ldr_x(PrologueScratch, Arm64Memory.SymbolLow12(PrologueScratch, StackLimitSymbol));
            e.Cmp_x_extended(Arm64Register.SP, PrologueScratch);   // the shifted-register CMP cannot name SP
            e.B_cond(Arm64Condition.LO, overflow);
        }

        for (var b = 0; b < _function.Blocks.Count; b++)
        {
            e.Bind(_blockLabels[b]);
            var instructions = _function.Blocks[b].Instructions;
            for (var k = 0; k < instructions.Count; k++)
            {
                MarkLine(instructions[k].Line);
                if (k + 1 < instructions.Count && TryEmitInvertedBranch(instructions[k], instructions[k + 1], b))
                {
                    k++;
                    continue;
                }
                EmitInstruction(instructions[k], b);
            }
        }

        if (checkStack)
        {
            e.Bind(overflow);
            MarkLine(firstLine);
            e.Bl(StackOverflowSymbol);
            e.Udf(0);
        }
    }

    /// <summary>
    /// <c>sub sp, sp, #n</c> with the 12-bit immediate, or its <c>lsl #12</c> form (Arm ARM C6.2.314 SUB (immediate));
    /// other sizes go through IP0 with SUB (extended register), the form whose operands may be SP (C6.2.313).
    /// </summary>
    private void AllocateBody(int size)
    {
        if (size == 0) return;
        if (Arm64InstructionSelector.IsAddSubImmediate(size))
        {
            SubImmediate(Arm64Register.SP, Arm64Register.SP, size);
            return;
        }
        _encoder.Mov_x_imm(PrologueScratch, size);
        _encoder.Sub_x_extended(Arm64Register.SP, Arm64Register.SP, PrologueScratch, Arm64Extend.Uxtx);
    }

    /// <summary>
    /// Callee-saved registers live at FP-relative negative offsets (<see cref="FrameLayout"/>); two neighbours of
    /// one register file share an STP/LDP (imm7 × 8: −512…504, Arm ARM C6.2.273), the rest use STR/LDR through
    /// <see cref="Memory"/>, which falls back to the address scratch for offsets no form reaches.
    /// </summary>
    private void SaveOrRestoreCalleeSaved(bool save)
    {
        var saved = _frame.CalleeSaved;
        for (var i = 0; i < saved.Count; i++)
        {
            var (register, offset) = saved[i];
            var isFloat = TargetDescription.ClassOf(register) == RegisterClass.Float;
            if (i + 1 < saved.Count && saved[i + 1] is var (next, nextOffset)
                && TargetDescription.ClassOf(next) == TargetDescription.ClassOf(register)
                && nextOffset == offset - 8 && nextOffset is >= -512 and <= 504)
            {
                var pair = Arm64Memory.At(Arm64Register.X29, nextOffset);
                if (save && isFloat) _encoder.Stp_d(Reg(next), Reg(register), pair);
                else if (save) _encoder.Stp_x(Reg(next), Reg(register), pair);
                else if (isFloat) _encoder.Ldp_d(Reg(next), Reg(register), pair);
                else _encoder.Ldp_x(Reg(next), Reg(register), pair);
                i++;
                continue;
            }
            var memory = Memory(Arm64Register.X29, offset, 8);
            if (save && isFloat) _encoder.Str_d(Reg(register), memory);
            else if (save) _encoder.Str_x(Reg(register), memory);
            else if (isFloat) _encoder.Ldr_d(Reg(register), memory);
            else _encoder.Ldr_x(Reg(register), memory);
        }
    }

    private void EmitEpilogue()
    {
        SaveOrRestoreCalleeSaved(save: false);
        _encoder.Mov_x_sp(Arm64Register.SP, Arm64Register.X29);
        _encoder.Ldp_x(Arm64Register.X29, Arm64Register.X30, Arm64Memory.PostIndex(Arm64Register.SP, 16));
        _encoder.Ret();
    }

    /// <summary>
    /// <c>b.cond next; b other</c>, where <c>next</c> is the following block, becomes <c>b.!cond other</c> (and
    /// <c>cbnz</c> becomes <c>cbz</c>). Inverting the condition code is exact even after FCMP: each code and its
    /// inverse test complementary flag predicates (Arm ARM C1.2.4), so an unordered result still takes the same path.
    /// </summary>
    private bool TryEmitInvertedBranch(MachineInstr conditional, MachineInstr jump, int blockIndex)
    {
        if (jump.Opcode != (int)Arm64Opcode.B) return false;
        var other = _blockLabels[jump.Operands[0].BlockIndex];
        switch ((Arm64Opcode)conditional.Opcode)
        {
            case Arm64Opcode.BCond when conditional.Operands[1].BlockIndex == blockIndex + 1:
                _encoder.B_cond(((Arm64Condition)conditional.Operands[0].Value).Invert(), other);
                return true;
            case Arm64Opcode.Cbnz when conditional.Operands[1].BlockIndex == blockIndex + 1:
                _encoder.Cbz_x(Reg(conditional.Operands[0]), other);
                return true;
            default:
                return false;
        }
    }

    private void MarkLine(int line)
    {
        if (line <= 0 || line == _lastLine) return;
        var label = _encoder.CreateLabel();
        _encoder.Bind(label);
        _lines.Add((label, line));
        _lastLine = line;
    }
}
