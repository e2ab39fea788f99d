using Sox.Compiler.Ir;
using Sox.Compiler.Lowering;
using Sox.Compiler.Passes;

namespace Sox.Compiler.Driver;

/// <summary>What <see cref="ModuleCompiler.CompileModule"/> needs besides the module: the target and level, and the
/// CLI's listings and timings (the SDK leaves those unset).</summary>
/// <param name="Target">The target platform: backend, register description, object format.</param>
/// <param name="Optimization">The pass pipeline's level.</param>
/// <param name="Mode">What the entry module's <c>sox_program_entry</c> runs (program, tests, benchmarks).</param>
public sealed record ModuleCompileOptions(TargetPlatform Target, OptimizationLevel Optimization, EntryMode Mode = EntryMode.Run)
{
    /// <summary>The last stage to run.</summary>
    public ModuleStage Until { get; init; } = ModuleStage.Object;

    /// <summary>The pass after which to print the IR (<c>--dump-after</c>), or null.</summary>
    public string? DumpAfter { get; init; }

    /// <summary>Receives each IR dump as (pass, text).</summary>
    public Action<string, string>? Dump { get; init; }

    /// <summary>Receives each function's allocated machine code as a listing (<c>--emit asm</c>).</summary>
    public Action<string>? DumpMachineCode { get; init; }

    /// <summary>Receives how long each stage took, as (stage, time), for <c>--timings</c>.</summary>
    public Action<string, TimeSpan>? Timing { get; init; }

    /// <summary>Receives the bytes each stage allocated (on all threads), for <c>--timings</c>; null measures nothing.</summary>
    public Action<string, long>? Allocation { get; init; }

    /// <summary>Measures the passes and the backend's steps inside their stages (<c>--timings</c>); reported through
    /// <see cref="Timing"/> and <see cref="Allocation"/> after the stage, as indented names.</summary>
    public StageClock? Clock { get; init; }

    /// <summary>Whether the object carries debugging information (<c>-g</c>: DWARF line tables and function entries,
    /// ELF targets); the code is the same either way.</summary>
    public bool Debug { get; init; }
}
