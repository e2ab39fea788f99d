using Sox.Compiler.CodeGen;
using Sox.Compiler.CodeGen.Mir;
using Sox.Compiler.CodeGen.RegisterAllocation;

namespace Sox.Compiler.Targets.X64;

/// <summary>
/// Spill loads and stores: <c>mov</c>/<c>movsd</c> between a register and its frame slot. Rematerialisable: <c>mov r,
/// imm</c> (encoded without touching the flags), <c>lea r, [rip + symbol]</c>, <c>movsd</c> from the literal pool and
/// <c>xorpd</c> zeroing (no flags either).
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
}
