namespace Sox.Compiler.CodeGen.Emission;

/// <summary>Where a function landed in the encoder's output: its bounds and line-change points, as labels.</summary>
/// <param name="Symbol">The function's symbol.</param>
/// <param name="Start">Bound before the function's first byte.</param>
/// <param name="End">Bound after the function's last byte.</param>
/// <param name="Lines">Each point where the source line changes, with the new line.</param>
public sealed record EmittedFunction(string Symbol, Label Start, Label End, IReadOnlyList<(Label Label, int Line)> Lines)
{
    /// <summary>The 1-based source column of each of <see cref="Lines"/>' points, in the same order (0: unknown).</summary>
    public IReadOnlyList<int> Columns { get; init; } = [];

    /// <summary>Bound right after the prologue; null when the emitter did not record one.</summary>
    public Label? PrologueEnd { get; init; }

    /// <summary>The prologue's steps with the label after each instruction (empty unless the target records them).</summary>
    public IReadOnlyList<(Label End, PrologueStep Step)> Prologue { get; init; } = [];

    /// <summary>The epilogues' steps in code order, with the label after each instruction (empty unless the target records them).</summary>
    public IReadOnlyList<(Label End, PrologueStep Step)> Epilogue { get; init; } = [];

    /// <summary>For each of <see cref="FunctionEmitter.InstructionBoundaries"/>, in the same order, the label where its
    /// code starts (the two of a pair encoded together start at the same place); empty when none were asked for.</summary>
    public Label[] BoundaryStarts { get; init; } = [];

    /// <summary>Bound after the last block's code (before the out-of-line stack-overflow call), when
    /// <see cref="FunctionEmitter.InstructionBoundaries"/> is set.</summary>
    public Label? BodyEnd { get; init; }

    /// <summary>Per block index, where the block's code starts (its label): the pieces of a variable's range when
    /// blocks are emitted out of index order (BlockLayout).</summary>
    public Label[] BlockStarts { get; init; } = [];

    /// <summary>Per block index, where the code of its last listed instruction ends (before anything the allocator
    /// added behind it), or the block's end when it has none.</summary>
    public Label?[] BlockEnds { get; init; } = [];
}
