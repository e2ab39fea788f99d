using Sox.Compiler.CodeGen;
using Sox.Compiler.CodeGen.Mir;

namespace Sox.Compiler.Targets.Arm64;

public sealed partial class Arm64Emitter
{
    /// <inheritdoc />
    protected override void EmitInstruction(MachineInstr instr, int blockIndex)
    {
        var o = instr.Operands;
        var e = _encoder;
        switch ((Arm64Opcode)instr.Opcode)
        {
            case Arm64Opcode.MovRR:
                if (Reg(o[0]) != Reg(o[1])) e.Mov_x(Reg(o[0]), Reg(o[1]));
                break;
            case Arm64Opcode.MovRI: e.Mov_x_imm(Reg(o[0]), o[1].Value); break;
            case Arm64Opcode.LdrRM: e.Ldr_x(Reg(o[0]), Memory(o[1], 8)); break;
            case Arm64Opcode.StrMR: e.Str_x(Reg(o[1]), Memory(o[0], 8)); break;
            case Arm64Opcode.Ldr32RM: e.Ldr_w(Reg(o[0]), Memory(o[1], 4)); break;
            case Arm64Opcode.Str32MR: e.Str_w(Reg(o[1]), Memory(o[0], 4)); break;
            case Arm64Opcode.LdrbRM: e.Ldrb_w(Reg(o[0]), Memory(o[1], 1)); break;
            case Arm64Opcode.StrbMR: e.Strb_w(Reg(o[1]), Memory(o[0], 1)); break;
            case Arm64Opcode.AddrFrame: EmitFrameAddress(Reg(o[0]), o[1]); break;
            case Arm64Opcode.AddrSymbol:
                e.Adrp(Reg(o[0]), o[1].Symbol!, o[1].Value);
                e.Add_x_lo12(Reg(o[0]), Reg(o[0]), o[1].Symbol!, o[1].Value);
                break;
            case Arm64Opcode.AddRR: e.Add_x_shifted(Reg(o[0]), Reg(o[1]), Reg(o[2])); break;
            case Arm64Opcode.SubRR: e.Sub_x_shifted(Reg(o[0]), Reg(o[1]), Reg(o[2])); break;
            case Arm64Opcode.AndRR: e.And_x_shifted(Reg(o[0]), Reg(o[1]), Reg(o[2])); break;
            case Arm64Opcode.OrrRR: e.Orr_x_shifted(Reg(o[0]), Reg(o[1]), Reg(o[2])); break;
            case Arm64Opcode.EorRR: e.Eor_x_shifted(Reg(o[0]), Reg(o[1]), Reg(o[2])); break;
            case Arm64Opcode.MulRR: e.Mul_x(Reg(o[0]), Reg(o[1]), Reg(o[2])); break;
            case Arm64Opcode.LslvRR: e.Lslv_x(Reg(o[0]), Reg(o[1]), Reg(o[2])); break;
            case Arm64Opcode.LsrvRR: e.Lsrv_x(Reg(o[0]), Reg(o[1]), Reg(o[2])); break;
            case Arm64Opcode.AsrvRR: e.Asrv_x(Reg(o[0]), Reg(o[1]), Reg(o[2])); break;
            case Arm64Opcode.AddRI: AddImmediate(Reg(o[0]), Reg(o[1]), o[2].Value); break;
            case Arm64Opcode.SubRI: SubImmediate(Reg(o[0]), Reg(o[1]), o[2].Value); break;
            case Arm64Opcode.AndRI: e.And_x_imm(Reg(o[0]), Reg(o[1]), (ulong)o[2].Value); break;
            case Arm64Opcode.OrrRI: e.Orr_x_imm(Reg(o[0]), Reg(o[1]), (ulong)o[2].Value); break;
            case Arm64Opcode.EorRI: e.Eor_x_imm(Reg(o[0]), Reg(o[1]), (ulong)o[2].Value); break;
            case Arm64Opcode.LslRI: e.Lsl_x_imm(Reg(o[0]), Reg(o[1]), (int)o[2].Value); break;
            case Arm64Opcode.LsrRI: e.Lsr_x_imm(Reg(o[0]), Reg(o[1]), (int)o[2].Value); break;
            case Arm64Opcode.AsrRI: e.Asr_x_imm(Reg(o[0]), Reg(o[1]), (int)o[2].Value); break;
            case Arm64Opcode.CmpRR: e.Cmp_x_shifted(Reg(o[0]), Reg(o[1])); break;
            case Arm64Opcode.CmpRI: CompareImmediate(Reg(o[0]), o[1].Value); break;
            case Arm64Opcode.Cset: e.Cset_x(Reg(o[0]), (Arm64Condition)o[1].Value); break;
            case Arm64Opcode.FcmpRR: e.Fcmp_d(Reg(o[0]), Reg(o[1])); break;
            case Arm64Opcode.FmovRR:
                if (Reg(o[0]) != Reg(o[1])) e.Fmov_d(Reg(o[0]), Reg(o[1]));
                break;
            case Arm64Opcode.LdrDRM: e.Ldr_d(Reg(o[0]), Memory(o[1], 8)); break;
            case Arm64Opcode.StrDMR: e.Str_d(Reg(o[1]), Memory(o[0], 8)); break;
            case Arm64Opcode.FaddRR: e.Fadd_d(Reg(o[0]), Reg(o[1]), Reg(o[2])); break;
            case Arm64Opcode.FsubRR: e.Fsub_d(Reg(o[0]), Reg(o[1]), Reg(o[2])); break;
            case Arm64Opcode.FmulRR: e.Fmul_d(Reg(o[0]), Reg(o[1]), Reg(o[2])); break;
            case Arm64Opcode.FdivRR: e.Fdiv_d(Reg(o[0]), Reg(o[1]), Reg(o[2])); break;
            case Arm64Opcode.FmovDI: e.Fmov_d_imm(Reg(o[0]), BitConverter.Int64BitsToDouble(o[1].Value)); break;
            case Arm64Opcode.FmovDX: e.Fmov_d_x(Reg(o[0]), Reg(o[1])); break;
            case Arm64Opcode.FmovXD: e.Fmov_x_d(Reg(o[0]), Reg(o[1])); break;
            case Arm64Opcode.ScvtfDX: e.Scvtf_d_x(Reg(o[0]), Reg(o[1])); break;
            case Arm64Opcode.FcvtzsXD: e.Fcvtzs_x_d(Reg(o[0]), Reg(o[1])); break;
            case Arm64Opcode.FcvtSD: e.Fcvt_s_d(Reg(o[0]), Reg(o[1])); break;
            case Arm64Opcode.FcvtDS: e.Fcvt_d_s(Reg(o[0]), Reg(o[1])); break;
            case Arm64Opcode.StrSMR: e.Str_s(Reg(o[1]), Memory(o[0], 4)); break;
            case Arm64Opcode.BlSymbol: e.Bl(o[0].Symbol!); break;
            case Arm64Opcode.Blr: e.Blr(Reg(o[0])); break;
            case Arm64Opcode.B:
                if (o[0].BlockIndex != NextBlock(blockIndex)) e.B(BlockLabel(o[0].BlockIndex));
                break;
            case Arm64Opcode.BCond: e.B_cond((Arm64Condition)o[0].Value, BlockLabel(o[1].BlockIndex)); break;
            case Arm64Opcode.Cbnz: e.Cbnz_x(Reg(o[0]), BlockLabel(o[1].BlockIndex)); break;
            case Arm64Opcode.Ret: EmitEpilogue(); break;
            case Arm64Opcode.Udf: e.Udf(0); break;
            default: throw new InvalidOperationException($"no encoding for {(Arm64Opcode)instr.Opcode}");
        }
    }

    /// <summary>Our physical numbering (V at 32 + n) to the encoder's registers.</summary>
    private static Arm64Register Reg(int physical) => physical >= TargetDescription.FloatBase
        ? (Arm64Register)((int)Arm64Register.V0 + physical - TargetDescription.FloatBase)
        : physical == Arm64Target.Sp ? Arm64Register.SP : (Arm64Register)physical;

    private static Arm64Register Reg(MachineOperand operand) => Reg(operand.Register.PhysicalNumber);

    /// <summary>
    /// Resolves a memory operand of an access of <paramref name="size"/> bytes. Frame slots are addressed from SP
    /// (SP is fixed in the body, and the offsets are then positive, so the scaled imm12 form reaches 32 KiB for
    /// 8-byte accesses), falling back to FP for the unscaled −256…255 range; incoming arguments from FP,
    /// outgoing ones from SP.
    /// </summary>
    private Arm64Memory Memory(MachineOperand operand, int size)
    {
        switch (operand.Kind)
        {
            case OperandKind.Memory: return Memory(Reg(operand), operand.Value, size);
            case OperandKind.FrameSlot:
                var fromFp = Frame.FrameSlotOffset(operand);
                var fromSp = Frame.BodySize + fromFp;
                return Fits(fromSp, size) || !Fits(fromFp, size)
                    ? Memory(Arm64Register.SP, fromSp, size)
                    : Memory(Arm64Register.X29, fromFp, size);
            case OperandKind.OutgoingArgument: return Memory(Arm64Register.SP, operand.Value, size);
            case OperandKind.IncomingArgument: return Memory(Arm64Register.X29, Function.Target.IncomingArgumentsOffset + operand.Value, size);
            default: throw new InvalidOperationException($"{operand} is not a memory operand");
        }
    }

    /// <summary>
    /// <c>[base, #offset]</c> when LDR/STR (unsigned offset, scaled imm12) or LDUR/STUR (signed imm9) can encode it
    /// (Arm ARM C6.2.166, C6.2.202); otherwise the offset goes into the address scratch X15 and the register-offset
    /// form <c>[base, x15]</c> is used (C6.2.168 LDR (register)).
    /// </summary>
    private Arm64Memory Memory(Arm64Register @base, long offset, int size)
    {
        if (Fits(offset, size)) return Arm64Memory.At(@base, offset);
        _encoder.Mov_x_imm(AddressScratch, offset);
        return Arm64Memory.Indexed(@base, AddressScratch);
    }

    private static bool Fits(long offset, int size) =>
        offset is >= -256 and <= 255 || (offset >= 0 && offset % size == 0 && offset / size <= 4095);

    /// <summary><c>add xd, sp, #off</c> for a frame slot; a larger offset goes through X15 with ADD (extended register), which can read SP.</summary>
    private void EmitFrameAddress(Arm64Register destination, MachineOperand operand)
    {
        var offset = Frame.BodySize + Frame.FrameSlotOffset(operand);
        if (Arm64InstructionSelector.IsAddSubImmediate(offset))
        {
            AddImmediate(destination, Arm64Register.SP, offset);
            return;
        }
        _encoder.Mov_x_imm(AddressScratch, offset);
        _encoder.Add_x_extended(destination, Arm64Register.SP, AddressScratch, Arm64Extend.Uxtx);
    }

    /// <summary>ADD (immediate): imm12, or imm12 LSL #12 for a multiple of 4096 (the selector checked the range).</summary>
    private void AddImmediate(Arm64Register rd, Arm64Register rn, long value)
    {
        if (value <= 4095) _encoder.Add_x_imm(rd, rn, (int)value);
        else _encoder.Add_x_imm(rd, rn, (int)(value >> 12), shift12: true);
    }

    private void SubImmediate(Arm64Register rd, Arm64Register rn, long value)
    {
        if (value <= 4095) _encoder.Sub_x_imm(rd, rn, (int)value);
        else _encoder.Sub_x_imm(rd, rn, (int)(value >> 12), shift12: true);
    }

    /// <summary><c>cmp xn, #imm</c> (SUBS) or, for a negative value, <c>cmn xn, #−imm</c> (ADDS), which sets the same flags.</summary>
    private void CompareImmediate(Arm64Register rn, long value)
    {
        var magnitude = Math.Abs(value);
        var (imm, shift) = magnitude <= 4095 ? ((int)magnitude, false) : ((int)(magnitude >> 12), true);
        if (value >= 0) _encoder.Cmp_x_imm(rn, imm, shift);
        else _encoder.Cmn_x_imm(rn, imm, shift);
    }
}
