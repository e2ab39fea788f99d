using Sox.Compiler.CodeGen;
using Sox.Compiler.CodeGen.RegisterAllocation;
using Sox.Compiler.Ir;

namespace Sox.Compiler.Targets.X64;

/// <summary>The x86-64 System V backend: instruction selection, shared allocation and frame layout, encoding.</summary>
public sealed class X64Backend : ITargetBackend
{
    public X64Backend(TargetDescription target) => Target = target;

    public TargetDescription Target { get; }

    public CompiledCode CompileFunctions(IReadOnlyList<IrFunction> functions, CodeGenOptions options)
    {
        var encoder = new X64Encoder();
        var emitted = new List<(IrFunction Source, X64EmittedFunction Emitted)>();
        foreach (var function in functions)
        {
            var machine = X64InstructionSelector.Select(function, Target);
            var allocation = LinearScanAllocator.Allocate(machine, new X64SpillCode());
            var frame = FrameLayout.Compute(machine, allocation.UsedCalleeSaved);
            options.DumpMachineCode?.Invoke(machine.Print(op => ((X64Opcode)op).ToString()));
            encoder.Align(16);
            emitted.Add((function, X64Emitter.Emit(encoder, machine, frame, options.CheckStack)));
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
