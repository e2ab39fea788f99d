using Sox.Compiler.Ir;

namespace Sox.Compiler.CodeGen;

/// <summary>One function's place in a module's machine code and its line-change points (offsets from its start).</summary>
public sealed record CompiledFunction(IrFunction Source, int Offset, int Size, IReadOnlyList<(int Offset, int Line)> Lines)
{
    /// <summary>The prologue's size and steps (offsets from the function's start) when the target records them.</summary>
    public FunctionPrologue? Prologue { get; init; }

    /// <summary>The 1-based source column of each of <see cref="Lines"/>' points, in the same order (0: unknown); empty when not recorded.</summary>
    public IReadOnlyList<int> Columns { get; init; } = [];

    /// <summary>The epilogues' steps (offsets from the function's start), for call frame information.</summary>
    public IReadOnlyList<(int Offset, Emission.PrologueStep Step)> Epilogue { get; init; } = [];

    /// <summary>Offset from the function's start of the first byte after its prologue, when recorded.</summary>
    public int? PrologueEnd { get; init; }

    /// <summary>The function's Sox variables and where they live (offsets from its start), when described
    /// (<see cref="CodeGenOptions.DescribeVariables"/>).</summary>
    public IReadOnlyList<DebugVariable> Variables { get; init; } = [];
}

/// <summary>A module's machine code as a target backend produced it: bytes, relocations, and the functions in it, in
/// the order of their offsets (<see cref="FunctionCode.Join"/> lays them out one after another).</summary>
public sealed record CompiledCode(byte[] Code, IReadOnlyList<SymbolRelocation> Relocations, IReadOnlyList<CompiledFunction> Functions);
