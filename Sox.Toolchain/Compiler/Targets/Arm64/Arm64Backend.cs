using Sox.Compiler.CodeGen;
using Sox.Compiler.CodeGen.RegisterAllocation;
using Sox.Compiler.Ir;

namespace Sox.Compiler.Targets.Arm64;

/// <summary>The AArch64 AAPCS64 backend: instruction selection, shared allocation and frame layout, encoding.</summary>
public sealed class Arm64Backend : ITargetBackend
{
    public Arm64Backend(TargetDescription target) => Target = target;

    public TargetDescription Target { get; }

    /// <summary>
    /// Selects, allocates and encodes each function on its own, several functions at a time
    /// (<see cref="FunctionParallelism"/>), then lays them out in order: the bytes do not depend on the schedule.
    /// </summary>
    public CompiledCode CompileFunctions(IReadOnlyList<IrFunction> functions, CodeGenOptions options) =>
        FunctionCode.CompileAll(functions, options, 16, Arm64Encoder.WriteNops, (function, wantListing) =>
        {
            var machine = Arm64InstructionSelector.Select(function, Target);
            var allocation = LinearScanAllocator.Allocate(machine, new Arm64SpillCode());
            var frame = FrameLayout.Compute(machine, allocation.UsedCalleeSaved);
            var listing = wantListing ? machine.Print(op => ((Arm64Opcode)op).ToString()) : null;
            var encoder = new Arm64Encoder();
            var emitted = Arm64Emitter.Emit(encoder, machine, frame, options.CheckStack);
            var code = encoder.Finish();
            var lines = emitted.Lines.Select(l => (code.LabelOffset(l.Label), l.Line));
            return (FunctionCode.Slice(code.Code, code.Relocations, code.LabelOffset(emitted.Start), code.LabelOffset(emitted.End), lines), listing);
        });
}
