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
    public CompiledCode CompileFunctions(IReadOnlyList<IrFunction> functions, CodeGenOptions options)
    {
        var parts = new FunctionCode[functions.Count];
        var listings = options.DumpMachineCode is null ? null : new string[functions.Count];
        FunctionParallelism.For(functions, i =>
        {
            var machine = X64InstructionSelector.Select(functions[i], Target);
            var allocation = LinearScanAllocator.Allocate(machine, new X64SpillCode());
            var frame = FrameLayout.Compute(machine, allocation.UsedCalleeSaved);
            if (listings is not null) listings[i] = machine.Print(op => ((X64Opcode)op).ToString());
            var encoder = new X64Encoder();
            var emitted = X64Emitter.Emit(encoder, machine, frame, options.CheckStack);
            var code = encoder.Finish();
            var start = code.LabelOffset(emitted.Start);
            var end = code.LabelOffset(emitted.End);
            var lines = emitted.Lines.Select(l => (code.LabelOffset(l.Label) - start, l.Line)).ToList();
            var relocations = code.Relocations.Select(r => r with { Offset = r.Offset - start }).ToArray();
            parts[i] = new FunctionCode(start == 0 && end == code.Code.Length ? code.Code : code.Code[start..end], relocations, lines);
        });
        if (listings is not null)
        {
            foreach (var listing in listings) options.DumpMachineCode!(listing);
        }
        return FunctionCode.Join(functions, parts, 16, X64Encoder.WriteNops);
    }
}
