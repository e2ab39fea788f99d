using Sox.Compiler.CodeGen;
using Sox.Compiler.CodeGen.RegisterAllocation;
using Sox.Compiler.Ir;

namespace Sox.Compiler.Targets.Arm64;

/// <summary>The AArch64 AAPCS64 backend: instruction selection, shared allocation and frame layout, encoding.</summary>
public sealed class Arm64Backend : ITargetBackend
{
    public Arm64Backend(TargetDescription target) => Target = target;

    public TargetDescription Target { get; }

    public CompiledCode CompileFunctions(IReadOnlyList<IrFunction> functions, CodeGenOptions options)
    {
        var encoder = new Arm64Encoder();
        var emitted = new List<(IrFunction Source, Arm64EmittedFunction Emitted)>();
        foreach (var function in functions)
        {
            var machine = Arm64InstructionSelector.Select(function, Target);
            var allocation = LinearScanAllocator.Allocate(machine, new Arm64SpillCode());
            var frame = FrameLayout.Compute(machine, allocation.UsedCalleeSaved);
            options.DumpMachineCode?.Invoke(machine.Print(op => ((Arm64Opcode)op).ToString()));
            encoder.Align(16);
            emitted.Add((function, Arm64Emitter.Emit(encoder, machine, frame, options.CheckStack)));
        }
        var code = encoder.Finish();
        var compiled = emitted.Select(e =>
        {
            var start = code.LabelOffset(e.Emitted.Start);
            var lines = e.Emitted.Lines.Select(l => (code.LabelOffset(l.Label) - start, l.Line)).ToList();
            return new CompiledFunction(e.Source, start, code.LabelOffset(e.Emitted.End) - start, lines);
        }).ToList();
        return new CompiledCode(code.Code, code.Relocations, compiled);
    }
}
