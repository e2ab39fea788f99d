using Sox.Compiler.CodeGen;
using Sox.Compiler.CodeGen.Emission;
using Sox.Compiler.CodeGen.Mir;
using Sox.Compiler.CodeGen.RegisterAllocation;
using Sox.Compiler.Ir;

namespace Sox.Compiler.Targets.X64;

/// <summary>The x86-64 System V backend: the x86-64 pieces of the shared <see cref="TargetBackend"/>.</summary>
public sealed class X64Backend : TargetBackend
{
    private static readonly X64SpillCode Spills = new();

    /// <summary>A backend for an x86-64 target (linux-x64, osx-x64).</summary>
    public X64Backend(TargetDescription target) : base(target, X64BranchForms.Instance)
    {
    }

    /// <inheritdoc />
    protected override ISpillCode SpillCode => Spills;

    /// <inheritdoc />
    protected override MachineFunction Select(IrFunction function) => X64InstructionSelector.Select(function, Target);

    /// <inheritdoc />
    protected override string OpcodeName(int opcode) => ((X64Opcode)opcode).ToString();

    /// <inheritdoc />
    protected override FunctionEmitter CreateEmitter(MachineFunction function, FrameLayout frame) => new X64Emitter(new X64Encoder(EstimatedCodeBytes(function, 6)), function, frame);
}
