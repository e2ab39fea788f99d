using Sox.Compiler.CodeGen;
using Sox.Compiler.CodeGen.Emission;
using Sox.Compiler.CodeGen.Mir;

namespace Sox.Compiler.Targets.Arm64;

/// <summary>
/// The AArch64 half of <see cref="FunctionEmitter"/>: the prologue of <see cref="FrameLayout"/>, the stack-overflow
/// check, every instruction, and the epilogue before each return.
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
public sealed partial class Arm64Emitter : FunctionEmitter
{
    /// <summary>The prologue's scratch (IP0): free there because no allocated value is live yet.</summary>
    private const Arm64Register PrologueScratch = Arm64Register.X16;

    /// <summary>Holds an address or offset that no immediate form can encode; see <see cref="Arm64Target"/> (X15).</summary>
    private const Arm64Register AddressScratch = Arm64Register.X15;

    private readonly Arm64Encoder _encoder;

    /// <summary>An emitter of <paramref name="function"/>, laid out as <paramref name="frame"/>, into <paramref name="encoder"/>.</summary>
    public Arm64Emitter(Arm64Encoder encoder, MachineFunction function, FrameLayout frame) : base(encoder, function, frame) => _encoder = encoder;

    /// <summary>The frame record, FP, the body and the callee-saved registers (see the class summary); each step
    /// recorded for call frame information.</summary>
    protected override void EmitPrologue()
    {
        _encoder.Stp_x(Arm64Register.X29, Arm64Register.X30, Arm64Memory.PreIndex(Arm64Register.SP, -16));
        RecordPrologueStep(new PrologueStep(PrologueOperation.PushPair, (int)Arm64Register.X29, 16, (int)Arm64Register.X30));
        _encoder.Mov_x_sp(Arm64Register.X29, Arm64Register.SP);
        RecordPrologueStep(new PrologueStep(PrologueOperation.SetFrameRegister, (int)Arm64Register.X29, 0));
        AllocateBody(Frame.BodySize);
        if (Frame.BodySize > 0) RecordPrologueStep(new PrologueStep(PrologueOperation.Allocate, 0, Frame.BodySize));
        SaveOrRestoreCalleeSaved(save: true);
    }

    /// <summary>
    /// SP against the runtime's limit through IP0. The runtime is linked statically into the executable, so the
    /// direct page + low-12 pair reaches it.
    /// </summary>
    protected override void EmitStackCheck(Label overflow)
    {
        _encoder.Adrp(PrologueScratch, StackLimitSymbol);
        _encoder.Ldr_x(PrologueScratch, Arm64Memory.SymbolLow12(PrologueScratch, StackLimitSymbol));
        _encoder.Cmp_x_extended(Arm64Register.SP, PrologueScratch);   // the shifted-register CMP cannot name SP
        _encoder.B_cond(Arm64Condition.LO, overflow);
    }

    /// <summary><c>bl sox_stack_overflow; udf #0</c>.</summary>
    protected override void EmitStackOverflowCall()
    {
        _encoder.Bl(StackOverflowSymbol);
        _encoder.Udf(0);
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
    /// <see cref="Memory(Arm64Register, long, int)"/>, which falls back to the address scratch for offsets no form reaches.
    /// </summary>
    private void SaveOrRestoreCalleeSaved(bool save)
    {
        var saved = Frame.CalleeSaved;
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
                if (save)
                {
                    RecordPrologueStep(new PrologueStep(PrologueOperation.SaveNonvolatile, next, nextOffset));
                    RecordPrologueStep(new PrologueStep(PrologueOperation.SaveNonvolatile, register, offset));
                }
                i++;
                continue;
            }
            var memory = Memory(Arm64Register.X29, offset, 8);
            if (save && isFloat) _encoder.Str_d(Reg(register), memory);
            else if (save) _encoder.Str_x(Reg(register), memory);
            else if (isFloat) _encoder.Ldr_d(Reg(register), memory);
            else _encoder.Ldr_x(Reg(register), memory);
            if (save) RecordPrologueStep(new PrologueStep(PrologueOperation.SaveNonvolatile, register, offset));
        }
    }

    /// <summary>Restores the callee-saved registers, then <c>mov sp, x29; ldp x29, x30, [sp], #16; ret</c>.</summary>
    protected override void EmitEpilogue()
    {
        RecordEpilogueStep(new PrologueStep(PrologueOperation.EpilogueStart, 0, 0));
        SaveOrRestoreCalleeSaved(save: false);
        _encoder.Mov_x_sp(Arm64Register.SP, Arm64Register.X29);
        _encoder.Ldp_x(Arm64Register.X29, Arm64Register.X30, Arm64Memory.PostIndex(Arm64Register.SP, 16));
        RecordEpilogueStep(new PrologueStep(PrologueOperation.PopFrame, 0, 0));
        _encoder.Ret();
        RecordEpilogueStep(new PrologueStep(PrologueOperation.EpilogueEnd, 0, 0));
    }

    /// <summary>
    /// <c>b.cond next; b other</c>, where <c>next</c> is the following block, becomes <c>b.!cond other</c> (and
    /// <c>cbnz</c> becomes <c>cbz</c>). Inverting the condition code is exact even after FCMP: each code and its
    /// inverse test complementary flag predicates (Arm ARM C1.2.4), so an unordered result still takes the same path.
    /// </summary>
    protected override bool TryEmitPair(MachineInstr conditional, MachineInstr jump, int blockIndex)
    {
        if (jump.Opcode != (int)Arm64Opcode.B) return false;
        var other = BlockLabel(jump.Operands[0].BlockIndex);
        switch ((Arm64Opcode)conditional.Opcode)
        {
            case Arm64Opcode.BCond when conditional.Operands[1].BlockIndex == NextBlock(blockIndex):
                _encoder.B_cond(((Arm64Condition)conditional.Operands[0].Value).Invert(), other);
                return true;
            case Arm64Opcode.Cbnz when conditional.Operands[1].BlockIndex == NextBlock(blockIndex):
                _encoder.Cbz_x(Reg(conditional.Operands[0]), other);
                return true;
            default:
                return false;
        }
    }
}
