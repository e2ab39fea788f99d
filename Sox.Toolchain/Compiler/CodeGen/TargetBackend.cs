using Sox.Compiler.CodeGen.Emission;
using Sox.Compiler.CodeGen.Mir;
using Sox.Compiler.CodeGen.RegisterAllocation;
using Sox.Compiler.Ir;

namespace Sox.Compiler.CodeGen;

/// <summary>
/// The code generator every target runs: instruction selection, the shared <see cref="LinearScanAllocator"/> and
/// <see cref="FrameLayout"/>, emission and encoding, per function through <see cref="FunctionCode.CompileAll"/>.
/// A target (X64Backend, Arm64Backend) supplies only its factory pieces: the selector, the spill code, the
/// emitter with its encoder, and its branch forms (for the padding between functions).
/// </summary>
public abstract class TargetBackend : ITargetBackend
{
    /// <summary>Every function starts at a multiple of this (the common choice of x86-64 and AArch64 compilers).</summary>
    private const int FunctionAlignment = 16;

    private readonly IBranchForms _forms;

    /// <summary>A backend for <paramref name="target"/>, whose branch forms are <paramref name="forms"/>.</summary>
    protected TargetBackend(TargetDescription target, IBranchForms forms)
    {
        Target = target;
        _forms = forms;
    }

    /// <inheritdoc />
    public TargetDescription Target { get; }

    /// <summary>The target's spill loads and stores.</summary>
    protected abstract ISpillCode SpillCode { get; }

    /// <summary>
    /// Selects, allocates and encodes each function on its own, several functions at a time
    /// (<see cref="FunctionParallelism"/>), then lays them out in order: the bytes do not depend on the schedule.
    /// </summary>
    public CompiledCode CompileFunctions(IReadOnlyList<IrFunction> functions, CodeGenOptions options) =>
        FunctionCode.CompileAll(functions, options, FunctionAlignment, _forms.WritePadding, (function, wantListing) =>
        {
            var clock = options.Clock;
            var mark = clock is null ? default : StageClock.Now();
            var machine = Select(function);
            if (clock is not null) mark = clock.Add("  selection", mark);
            machine.KeepVariablesLive = options.KeepVariablesLive;
            var variables = options.DescribeVariables && machine.DebugVariables.Count > 0 ? VariableAvailability.Compute(machine) : null;
            if (clock is not null && variables is not null) mark = clock.Add("  variables (-g)", mark);
            var allocation = LinearScanAllocator.Allocate(machine, SpillCode);
            if (clock is not null) mark = clock.Add("  allocation", mark);
            var frame = FrameLayout.Compute(machine, allocation.UsedCalleeSaved);
            if (options.LayOutBlocks) BlockLayout.Apply(machine);
            if (clock is not null) mark = clock.Add("  frame, layout", mark);
            var listing = wantListing ? machine.Print(OpcodeName) : null;
            var emitter = CreateEmitter(machine, frame);
            emitter.InstructionBoundaries = variables?.Boundaries;
            var emitted = emitter.Emit(options.CheckStack);
            var code = emitter.Encoder.Finish();
            if (clock is not null) mark = clock.Add("  encoding", mark);
            var start = code.LabelOffset(emitted.Start);
            var lines = new (int Offset, int Line)[emitted.LineCount];
            for (var i = 0; i < lines.Length; i++)
            {
                var (label, line) = emitted.Lines[i];
                lines[i] = (code.LabelOffset(label) - start, line);
            }
            var part = FunctionCode.Slice(code.Code, code.Relocations, start, code.LabelOffset(emitted.End), lines);
            part = part with { Columns = emitted.Columns };
            if (emitted.PrologueEnd is { } end) part = part with { PrologueEnd = code.LabelOffset(end) - start };
            if (emitted.PrologueCount > 0 && emitted.PrologueEnd is { } prologueEnd)
            {
                part = part with
                {
                    Prologue = new FunctionPrologue(code.LabelOffset(prologueEnd) - start, Steps(emitted.Prologue, emitted.PrologueCount, code, start)),
                    Epilogue = Steps(emitted.Epilogue, emitted.EpilogueCount, code, start),
                };
            }
            if (variables is not null)
            {
                part = part with
                {
                    Variables = DebugVariableLocations.Build(machine, variables, allocation.Intervals, frame, emitted, code.LabelOffset, start),
                };
            }
            if (clock is not null) clock.Add(variables is null ? "  slicing" : "  slicing, variables (-g)", mark);
            return (part, listing);
        });

    /// <summary>The prologue or epilogue steps with their labels' offsets from <paramref name="start"/>.</summary>
    private static (int Offset, PrologueStep Step)[] Steps(StepPoint[] steps, int count, MachineCode code, int start)
    {
        var result = new (int Offset, PrologueStep Step)[count];
        for (var i = 0; i < result.Length; i++) result[i] = (code.LabelOffset(steps[i].End) - start, steps[i].Step);
        return result;
    }

    /// <summary>
    /// About the bytes <paramref name="function"/>'s code takes at <paramref name="bytesPerInstruction"/> per machine
    /// instruction plus the prologue and epilogue: the encoder's first buffer, so that it rarely grows (each growth copies
    /// the code and leaves the old buffer as garbage). Only a capacity: the code is the same whatever it is.
    /// </summary>
    protected static int EstimatedCodeBytes(MachineFunction function, int bytesPerInstruction)
    {
        var instructions = 0;
        foreach (var block in function.Blocks) instructions += block.Instructions.Count;
        return 128 + instructions * bytesPerInstruction;
    }

    /// <summary>Instruction selection of one legalised IR function.</summary>
    protected abstract MachineFunction Select(IrFunction function);

    /// <summary>The name of a target opcode, for listings.</summary>
    protected abstract string OpcodeName(int opcode);

    /// <summary>An emitter (with a fresh encoder) for one allocated function.</summary>
    protected abstract FunctionEmitter CreateEmitter(MachineFunction function, FrameLayout frame);
}
