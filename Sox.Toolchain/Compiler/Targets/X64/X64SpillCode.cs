using Sox.Compiler.CodeGen;
using Sox.Compiler.CodeGen.Mir;
using Sox.Compiler.CodeGen.RegisterAllocation;

namespace Sox.Compiler.Targets.X64;

/// <summary>
/// Spill loads and stores: <c>mov</c>/<c>movsd</c> between a register and its frame slot. Rematerialisable: <c>mov r,
/// imm</c> (encoded without touching the flags), <c>lea r, [rip + symbol]</c>, <c>movsd</c> from the literal pool and
/// <c>xorpd</c> zeroing (no flags either). A reload into the second operand of <c>add/sub/and/or/xor/cmp</c>, or the
/// first of <c>cmp</c>, is folded into the instruction as a memory operand (<see cref="X64Opcode.AluRM"/>).
/// </summary>
public sealed class X64SpillCode : ISpillCode
{
    /// <inheritdoc />
    public MachineInstr Load(int physical, int frameObject) => new(
        (int)(TargetDescription.ClassOf(physical) == RegisterClass.Float ? X64Opcode.MovsdRM : X64Opcode.MovRM),
        MachineOperand.Def(MReg.Physical(physical)), MachineOperand.Frame(frameObject));

    /// <inheritdoc />
    public MachineInstr Store(int frameObject, int physical) => new(
        (int)(TargetDescription.ClassOf(physical) == RegisterClass.Float ? X64Opcode.MovsdMR : X64Opcode.MovMR),
        MachineOperand.Frame(frameObject), MachineOperand.Use(MReg.Physical(physical)));

    /// <inheritdoc />
    public bool IsRematerialisable(MachineInstr definition) =>
        (X64Opcode)definition.Opcode is X64Opcode.MovRI or X64Opcode.LeaSymbol or X64Opcode.MovsdRPool or X64Opcode.XorpdZero
        && definition.Operands[0] is { Kind: OperandKind.Register, Access: OperandAccess.Def };

    /// <inheritdoc />
    public MachineInstr? FoldReload(MachineInstr instr, int operand, int frameObject)
    {
        var o = instr.Operands;
        var slot = MachineOperand.Frame(frameObject);
        var op = (X64Opcode)instr.Opcode switch
        {
            X64Opcode.AddRR => X64AluOp.Add,
            X64Opcode.SubRR => X64AluOp.Sub,
            X64Opcode.AndRR => X64AluOp.And,
            X64Opcode.OrRR => X64AluOp.Or,
            X64Opcode.XorRR => X64AluOp.Xor,
            X64Opcode.CmpRR => X64AluOp.Cmp,
            _ => (X64AluOp?)null,
        };
        if (op is not { } alu || o.Length != 2) return null;
        if (operand == 1) return new((int)X64Opcode.AluRM, o[0], slot, MachineOperand.Imm((long)alu));
        return alu == X64AluOp.Cmp && operand == 0 ? new((int)X64Opcode.CmpMR, slot, o[1]) : null;
    }
}
