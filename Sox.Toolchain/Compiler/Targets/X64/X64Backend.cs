using Sox.Compiler.CodeGen;
using Sox.Compiler.CodeGen.RegisterAllocation;
using Sox.Compiler.Ir;

namespace Sox.Compiler.Targets.X64;

/// <summary>The x86-64 System V backend: instruction selection, shared allocation and frame layout, encoding.</summary>
public sealed class X64Backend : ITargetBackend
{
    public X64Backend(TargetDescription target) => Target = target;

    public TargetDescription Target { get; }

    /// <summary>
    /// Selects, allocates and encodes each function on its own, several functions at a time
    /// (<see cref="FunctionParallelism"/>), then lays them out in order: the bytes do not depend on the schedule.
    /// </summary>
    public CompiledCode CompileFunctions(IReadOnlyList<IrFunction> functions, CodeGenOptions options) =>
        FunctionCode.CompileAll(functions, options, 16, X64Encoder.WriteNops, (function, wantListing) =>
        {
            var machine = X64InstructionSelector.Select(function, Target);
            var allocation = LinearScanAllocator.Allocate(machine, new X64SpillCode());
            var frame = FrameLayout.Compute(machine, allocation.UsedCalleeSaved);
            var listing = wantListing ? machine.Print(op => ((X64Opcode)op).ToString()) : null;
            var encoder = new X64Encoder();
            var emitted = X64Emitter.Emit(encoder, machine, frame, options.CheckStack);
            var code = encoder.Finish();
            var lines = emitted.Lines.Select(l => (code.LabelOffset(l.Label), l.Line));
            return (FunctionCode.Slice(code.Code, code.Relocations, code.LabelOffset(emitted.Start), code.LabelOffset(emitted.End), lines), listing);
        });
}
