using Sox.Compiler.CodeGen;
using Sox.Compiler.CodeGen.Emission;
using Sox.Compiler.CodeGen.Mir;
using Sox.Compiler.CodeGen.RegisterAllocation;
using Sox.Compiler.Ir;

namespace Sox.Compiler.Targets.Arm64;

/// <summary>The AArch64 backend (AAPCS64 and Apple arm64): the AArch64 pieces of the shared <see cref="TargetBackend"/>.</summary>
public sealed class Arm64Backend : TargetBackend
{
    private static readonly Arm64SpillCode Spills = new();

    /// <summary>A backend for an AArch64 target (linux-arm64, osx-arm64).</summary>
    public Arm64Backend(TargetDescription target) : base(target, Arm64BranchForms.Instance)
    {
    }

    /// <inheritdoc />
    protected override ISpillCode SpillCode => Spills;

    /// <inheritdoc />
    protected override MachineFunction Select(IrFunction function) => Arm64InstructionSelector.Select(function, Target);

    /// <inheritdoc />
    protected override string OpcodeName(int opcode) => ((Arm64Opcode)opcode).ToString();

    /// <inheritdoc />
    protected override FunctionEmitter CreateEmitter(MachineFunction function, FrameLayout frame) => new Arm64Emitter(new Arm64Encoder(EstimatedCodeBytes(function, 5)), function, frame);
}
