using Sox.Compiler.CodeGen.Mir;
using Sox.Compiler.Ir;

namespace Sox.Compiler.Targets.X64;

public sealed partial class X64Emitter
{
    /// <inheritdoc />
    protected override void EmitInstruction(MachineInstr instr, int blockIndex)
    {
        var o = instr.Operands;
        var e = _encoder;
        switch ((X64Opcode)instr.Opcode)
        {
            case X64Opcode.MovRR:
                if (Reg(o[0]) != Reg(o[1])) e.Mov_rm64_r64(Reg(o[0]), Reg(o[1]));
                break;
            case X64Opcode.MovRI: e.Mov_r64_imm(Reg(o[0]), o[1].Value); break;
            case X64Opcode.MovRM: e.Mov_r64_rm64(Reg(o[0]), Memory(o[1])); break;
            case X64Opcode.MovMR: e.Mov_rm64_r64(Memory(o[0]), Reg(o[1])); break;
            case X64Opcode.Mov32RM: e.Mov_r32_rm32(Reg(o[0]), Memory(o[1])); break;
            case X64Opcode.Mov32MR: e.Mov_rm32_r32(Memory(o[0]), Reg(o[1])); break;
            case X64Opcode.Movzx8RM: e.Movzx_r32_rm8(Reg(o[0]), Memory(o[1])); break;
            case X64Opcode.Mov8MR: e.Mov_rm8_r8(Memory(o[0]), Reg(o[1])); break;
            case X64Opcode.Lea: e.Lea_r64_m(Reg(o[0]), Memory(o[1])); break;
            case X64Opcode.LeaSymbol: e.Lea_r64_m(Reg(o[0]), X64Memory.RipRelative(o[1].Symbol!, o[1].Value)); break;
            case X64Opcode.AddRR: e.Alu_rm64_r64(X64AluOp.Add, Reg(o[0]), Reg(o[1])); break;
            case X64Opcode.SubRR: e.Alu_rm64_r64(X64AluOp.Sub, Reg(o[0]), Reg(o[1])); break;
            case X64Opcode.AndRR: e.Alu_rm64_r64(X64AluOp.And, Reg(o[0]), Reg(o[1])); break;
            case X64Opcode.OrRR: e.Alu_rm64_r64(X64AluOp.Or, Reg(o[0]), Reg(o[1])); break;
            case X64Opcode.XorRR: e.Alu_rm64_r64(X64AluOp.Xor, Reg(o[0]), Reg(o[1])); break;
            case X64Opcode.ImulRR: e.Imul_r64_rm64(Reg(o[0]), Reg(o[1])); break;
            case X64Opcode.AddRI: e.Alu_rm64_imm(X64AluOp.Add, Reg(o[0]), (int)o[1].Value); break;
            case X64Opcode.SubRI: e.Alu_rm64_imm(X64AluOp.Sub, Reg(o[0]), (int)o[1].Value); break;
            case X64Opcode.AndRI: e.Alu_rm64_imm(X64AluOp.And, Reg(o[0]), (int)o[1].Value); break;
            case X64Opcode.OrRI: e.Alu_rm64_imm(X64AluOp.Or, Reg(o[0]), (int)o[1].Value); break;
            case X64Opcode.XorRI: e.Alu_rm64_imm(X64AluOp.Xor, Reg(o[0]), (int)o[1].Value); break;
            case X64Opcode.ImulRRI: e.Imul_r64_rm64_imm(Reg(o[0]), Reg(o[1]), (int)o[2].Value); break;
            case X64Opcode.ShlRI: e.Shl_rm64_imm8(Reg(o[0]), (byte)o[1].Value); break;
            case X64Opcode.ShrRI: e.Shr_rm64_imm8(Reg(o[0]), (byte)o[1].Value); break;
            case X64Opcode.SarRI: e.Sar_rm64_imm8(Reg(o[0]), (byte)o[1].Value); break;
            case X64Opcode.ShlRCl: e.Shl_rm64_CL(Reg(o[0])); break;
            case X64Opcode.ShrRCl: e.Shr_rm64_CL(Reg(o[0])); break;
            case X64Opcode.SarRCl: e.Sar_rm64_CL(Reg(o[0])); break;
            case X64Opcode.CmpRR: e.Alu_rm64_r64(X64AluOp.Cmp, Reg(o[0]), Reg(o[1])); break;
            case X64Opcode.CmpRI: e.Alu_rm64_imm(X64AluOp.Cmp, Reg(o[0]), (int)o[1].Value); break;
            case X64Opcode.TestRR: e.Test_rm64_r64(Reg(o[0]), Reg(o[1])); break;
            case X64Opcode.SetccZx:
                e.Setcc_rm8(Condition(o[1].Value), Reg(o[0]));
                e.Movzx_r32_rm8(Reg(o[0]), Reg(o[0]));
                break;
            case X64Opcode.FloatSet: EmitFloatSet(Reg(o[0]), Reg(o[1]), Reg(o[2]), (FloatCondition)o[3].Value, Reg(o[4])); break;
            case X64Opcode.MovsdRR:
                if (Reg(o[0]) != Reg(o[1])) e.Movapd_xmm_xmmm128(Reg(o[0]), Reg(o[1]));
                break;
            case X64Opcode.MovsdRM: e.Movsd_xmm_xmmm64(Reg(o[0]), Memory(o[1])); break;
            case X64Opcode.MovsdMR: e.Movsd_xmmm64_xmm(Memory(o[0]), Reg(o[1])); break;
            case X64Opcode.AddsdRR: e.Addsd_xmm_xmmm64(Reg(o[0]), Reg(o[1])); break;
            case X64Opcode.SubsdRR: e.Subsd_xmm_xmmm64(Reg(o[0]), Reg(o[1])); break;
            case X64Opcode.MulsdRR: e.Mulsd_xmm_xmmm64(Reg(o[0]), Reg(o[1])); break;
            case X64Opcode.DivsdRR: e.Divsd_xmm_xmmm64(Reg(o[0]), Reg(o[1])); break;
            case X64Opcode.MovqXR: e.Movq_xmm_rm64(Reg(o[0]), Reg(o[1])); break;
            case X64Opcode.MovqRX: e.Movq_rm64_xmm(Reg(o[0]), Reg(o[1])); break;
            case X64Opcode.Cvtsi2sdRR:
                // cvtsi2sd writes only the low lane; clearing the register first breaks the false dependency.
                e.Xorpd_xmm_xmmm128(Reg(o[0]), Reg(o[0]));
                e.Cvtsi2sd_xmm_rm64(Reg(o[0]), Reg(o[1]));
                break;
            case X64Opcode.Cvttsd2siRR: e.Cvttsd2si_r64_xmmm64(Reg(o[0]), Reg(o[1])); break;
            case X64Opcode.Cvtsd2ssRR: e.Cvtsd2ss_xmm_xmmm64(Reg(o[0]), Reg(o[1])); break;
            case X64Opcode.Cvtss2sdRR: e.Cvtss2sd_xmm_xmmm32(Reg(o[0]), Reg(o[1])); break;
            case X64Opcode.CallSymbol: e.Call_rel32(o[0].Symbol!); break;
            case X64Opcode.CallR: e.Call_rm64(Reg(o[0])); break;
            case X64Opcode.Jmp:
                if (o[0].BlockIndex != NextBlock(blockIndex)) e.Jmp(BlockLabel(o[0].BlockIndex));
                break;
            case X64Opcode.Jcc: e.Jcc(Condition(o[0].Value), BlockLabel(o[1].BlockIndex)); break;
            case X64Opcode.FloatBranch:
                EmitFloatBranch(Reg(o[0]), Reg(o[1]), (FloatCondition)o[2].Value, o[3].BlockIndex, o[4].BlockIndex, blockIndex);
                break;
            case X64Opcode.Ret: EmitEpilogue(); break;
            case X64Opcode.Ud2: e.Ud2(); break;
            case X64Opcode.MovsdRPool: e.Movsd_xmm_xmmm64(Reg(o[0]), X64Memory.RipRelative(Literal(o[1].Value))); break;
            case X64Opcode.XorpdZero: e.Xorpd_xmm_xmmm128(Reg(o[0]), Reg(o[0])); break;
            case X64Opcode.AluRM: e.Alu_r64_rm64((X64AluOp)o[2].Value, Reg(o[0]), Memory(o[1])); break;
            case X64Opcode.CmpMR: e.Alu_rm64_r64(X64AluOp.Cmp, Memory(o[0]), Reg(o[1])); break;
            default: throw new InvalidOperationException($"no encoding for {(X64Opcode)instr.Opcode}");
        }
    }

    /// <summary>
    /// <c>ucomisd</c> sets ZF, PF and CF all to 1 for unordered operands (SDM Vol. 2B, UCOMISD), so "above"
    /// (CF=0 and ZF=0) and "above or equal" (CF=0) are false on NaN: Lt/Le swap the operands and use those.
    /// Eq must also check PF=0 and Ne accepts PF=1 (NaN != NaN, §3).
    /// </summary>
    private void EmitFloatSet(X64Register d, X64Register a, X64Register b, FloatCondition condition, X64Register temp)
    {
        var e = _encoder;
        switch (condition)
        {
            case FloatCondition.Eq or FloatCondition.Ne:
                e.Ucomisd_xmm_xmmm64(a, b);
                var eq = condition == FloatCondition.Eq;
                e.Setcc_rm8(eq ? X64Condition.NP : X64Condition.P, d);
                e.Setcc_rm8(eq ? X64Condition.E : X64Condition.NE, temp);
                if (eq) e.Test_rm8_r8(d, temp); else e.Alu_rm32_r32(X64AluOp.Or, d, temp);
                if (eq) e.Setcc_rm8(X64Condition.NE, d);
                e.Movzx_r32_rm8(d, d);
                break;
            default:
                var (left, right, cc) = OrderedCompare(a, b, condition);
                e.Ucomisd_xmm_xmmm64(left, right);
                e.Setcc_rm8(cc, d);
                e.Movzx_r32_rm8(d, d);
                break;
        }
    }

    /// <summary>Lt/Le compare swapped and test "above (or equal)", which is false on unordered operands.</summary>
    private static (X64Register Left, X64Register Right, X64Condition Condition) OrderedCompare(X64Register a, X64Register b, FloatCondition condition) => condition switch
    {
        FloatCondition.Lt => (b, a, X64Condition.A),
        FloatCondition.Le => (b, a, X64Condition.AE),
        FloatCondition.Gt => (a, b, X64Condition.A),
        _ => (a, b, X64Condition.AE),
    };

    /// <summary>
    /// <c>jcc next; jmp other</c>, where <c>next</c> is the block laid out next, becomes <c>j!cc other</c>: each
    /// condition code and its inverse test complementary flag predicates (SDM Vol. 2A §B.1.4.7), so the pair's
    /// behaviour is unchanged for any flags, unordered float compares included.
    /// </summary>
    protected override bool TryEmitPair(MachineInstr conditional, MachineInstr jump, int blockIndex)
    {
        if (conditional.Opcode != (int)X64Opcode.Jcc || jump.Opcode != (int)X64Opcode.Jmp) return false;
        if (conditional.Operands[1].BlockIndex != NextBlock(blockIndex)) return false;
        _encoder.Jcc(Condition(conditional.Operands[0].Value).Invert(), BlockLabel(jump.Operands[0].BlockIndex));
        return true;
    }

    /// <summary>
    /// A branch on a float comparison; when the true block is laid out next, the branch goes to the false block on
    /// the complementary flags instead (unordered operands take the false block either way, or the true one for Ne).
    /// </summary>
    private void EmitFloatBranch(X64Register a, X64Register b, FloatCondition condition, int ifTrue, int ifFalse, int blockIndex)
    {
        var e = _encoder;
        if (ifTrue == NextBlock(blockIndex) && ifFalse != ifTrue)
        {
            switch (condition)
            {
                case FloatCondition.Eq:
                    e.Ucomisd_xmm_xmmm64(a, b);
                    e.Jcc(X64Condition.P, BlockLabel(ifFalse));
                    e.Jcc(X64Condition.NE, BlockLabel(ifFalse));
                    return;
                case FloatCondition.Ne:
                    e.Ucomisd_xmm_xmmm64(a, b);
                    e.Jcc(X64Condition.P, BlockLabel(ifTrue));
                    e.Jcc(X64Condition.E, BlockLabel(ifFalse));
                    return;
                default:
                    var (left, right, cc) = OrderedCompare(a, b, condition);
                    e.Ucomisd_xmm_xmmm64(left, right);
                    e.Jcc(cc.Invert(), BlockLabel(ifFalse));
                    return;
            }
        }
        switch (condition)
        {
            case FloatCondition.Eq:
                e.Ucomisd_xmm_xmmm64(a, b);
                e.Jcc(X64Condition.P, BlockLabel(ifFalse));
                e.Jcc(X64Condition.E, BlockLabel(ifTrue));
                break;
            case FloatCondition.Ne:
                e.Ucomisd_xmm_xmmm64(a, b);
                e.Jcc(X64Condition.P, BlockLabel(ifTrue));
                e.Jcc(X64Condition.NE, BlockLabel(ifTrue));
                break;
            default:
                var (left, right, cc) = OrderedCompare(a, b, condition);
                e.Ucomisd_xmm_xmmm64(left, right);
                e.Jcc(cc, BlockLabel(ifTrue));
                break;
        }
        if (ifFalse != NextBlock(blockIndex)) e.Jmp(BlockLabel(ifFalse));
    }
}
