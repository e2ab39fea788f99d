using Sox.Compiler.CodeGen;
using Sox.Compiler.CodeGen.Mir;
using Sox.Compiler.CodeGen.RegisterAllocation;

namespace Sox.Compiler.Targets.X64;

/// <summary>Spill loads and stores: <c>mov</c>/<c>movsd</c> between a register and its frame slot.</summary>
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
}
