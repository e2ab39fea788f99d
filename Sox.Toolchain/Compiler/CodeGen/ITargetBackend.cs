using Sox.Compiler.Ir;

namespace Sox.Compiler.CodeGen;

/// <summary>
/// What each target supplies to the shared code generator: instruction selection, spill code and encoding
/// (X64Backend, Arm64Backend). Register allocation, frame layout, data and line tables are shared.
/// </summary>
public interface ITargetBackend
{
    /// <summary>The target the backend compiles for.</summary>
    TargetDescription Target { get; }

    /// <summary>Compiles legalised IR functions into one block of machine code.</summary>
    CompiledCode CompileFunctions(IReadOnlyList<IrFunction> functions, CodeGenOptions options);
}

/// <summary>Knobs of code generation that do not change the IR.</summary>
public sealed record CodeGenOptions
{
    /// <summary>Emit the stack-overflow check in every prologue (runtime-abi.md "Frames").</summary>
    public bool CheckStack { get; init; } = true;

    /// <summary>
    /// Keep every Sox variable in its register or slot until the function returns (<c>-O0</c>:
    /// <see cref="Mir.MachineFunction.KeepVariablesLive"/>). Changes the code, so it depends on the optimisation level
    /// only, never on <see cref="DescribeVariables"/>.
    /// </summary>
    public bool KeepVariablesLive { get; init; }

    /// <summary>Compute where each Sox variable lives (<see cref="FunctionCode.Variables"/>) for debugging information
    /// (<c>-g</c>); never changes the code.</summary>
    public bool DescribeVariables { get; init; }

    /// <summary>
    /// Lay blocks out for speed (<see cref="BlockLayout"/>: slow paths after the function, loops rotated) instead of in
    /// IR order (<c>-O2</c>).
    /// </summary>
    public bool LayOutBlocks { get; init; }

    /// <summary>Receives a readable machine-IR listing after register allocation (for <c>--emit asm</c>-style dumps).</summary>
    public Action<string>? DumpMachineCode { get; init; }

    /// <summary>Receives the time and allocation of each backend step (selection, allocation, encoding, …) for
    /// <c>--timings</c>; null measures nothing.</summary>
    public StageClock? Clock { get; init; }
}
