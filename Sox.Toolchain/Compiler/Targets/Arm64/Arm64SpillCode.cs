using Sox.Compiler.CodeGen;
using Sox.Compiler.CodeGen.Mir;
using Sox.Compiler.CodeGen.RegisterAllocation;

namespace Sox.Compiler.Targets.Arm64;

/// <summary>
/// Spill loads and stores: <c>ldr</c>/<c>str</c> (X or D) between a register and its frame slot. The slot's address
/// is resolved by the emitter; the scratch registers they use (X16/X17, V30/V31) are described in <see cref="Arm64Target"/>.
/// Rematerialisable: <c>mov xd, #imm</c> (MOVZ/MOVN/ORR + MOVK into xd only), the <c>adrp</c> + <c>add</c> of a
/// symbol's address and <c>fmov dd, #imm</c>; none reads a register or sets the flags.
/// </summary>
public sealed class Arm64SpillCode : ISpillCode
{
    /// <inheritdoc />
    public MachineInstr Load(int physical, int frameObject) => new(
        (int)(TargetDescription.ClassOf(physical) == RegisterClass.Float ? Arm64Opcode.LdrDRM : Arm64Opcode.LdrRM),
        MachineOperand.Def(MReg.Physical(physical)), MachineOperand.Frame(frameObject));

    /// <inheritdoc />
    public MachineInstr Store(int frameObject, int physical) => new(
        (int)(TargetDescription.ClassOf(physical) == RegisterClass.Float ? Arm64Opcode.StrDMR : Arm64Opcode.StrMR),
        MachineOperand.Frame(frameObject), MachineOperand.Use(MReg.Physical(physical)));

    /// <inheritdoc />
    public bool IsRematerialisable(MachineInstr definition) =>
        (Arm64Opcode)definition.Opcode is Arm64Opcode.MovRI or Arm64Opcode.AddrSymbol or Arm64Opcode.FmovDI
        && definition.Operands[0] is { Kind: OperandKind.Register, Access: OperandAccess.Def };

    /// <inheritdoc />
    /// <remarks>AArch64 data processing has no memory operands: a value is always loaded (into the register a copy
    /// needs, when the allocator folds the copy).</remarks>
    public MachineInstr? FoldReload(MachineInstr instr, int operand, int frameObject) => null;
}
