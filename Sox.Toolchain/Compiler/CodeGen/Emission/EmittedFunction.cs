namespace Sox.Compiler.CodeGen.Emission;

/// <summary>Where a function landed in the encoder's output: its bounds and line-change points, as labels.</summary>
/// <param name="Symbol">The function's symbol.</param>
/// <param name="Start">Bound before the function's first byte.</param>
/// <param name="End">Bound after the function's last byte.</param>
/// <param name="Lines">Each point where the source line changes, with the new line: the first <see cref="LineCount"/>
/// elements (the emitter's buffer, handed on without a copy).</param>
public sealed record EmittedFunction(string Symbol, Label Start, Label End, LinePoint[] Lines)
{
    /// <summary>How many of <see cref="Lines"/> are line points.</summary>
    public int LineCount { get; init; }

    /// <summary>The 1-based source column of each of <see cref="Lines"/>' points, in the same order (0: unknown).</summary>
    public IReadOnlyList<int> Columns { get; init; } = [];

    /// <summary>Bound right after the prologue; null when the emitter did not record one.</summary>
    public Label? PrologueEnd { get; init; }

    /// <summary>The prologue's steps with the label after each instruction (empty unless the target records them): the
    /// first <see cref="PrologueCount"/> elements.</summary>
    public StepPoint[] Prologue { get; init; } = [];

    /// <summary>How many of <see cref="Prologue"/> are steps.</summary>
    public int PrologueCount { get; init; }

    /// <summary>The epilogues' steps in code order, with the label after each instruction (empty unless the target records
    /// them): the first <see cref="EpilogueCount"/> elements.</summary>
    public StepPoint[] Epilogue { get; init; } = [];

    /// <summary>How many of <see cref="Epilogue"/> are steps.</summary>
    public int EpilogueCount { get; init; }

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

/// <summary>A point where the source line changes: the label there and the new line.</summary>
/// <param name="Label">Bound where the line's code starts.</param>
/// <param name="Line">The 1-based source line.</param>
/// <remarks>The compiler's own struct rather than a tuple: ReadyToRun cannot precompile the framework's generic code
/// (<c>ValueTuple</c>, <c>List</c>) over the compiler's types, so each was JIT-compiled at start-up.</remarks>
public readonly record struct LinePoint(Label Label, int Line);

/// <summary>A prologue or epilogue step and the label right after its instruction.</summary>
/// <param name="End">Bound after the instruction.</param>
/// <param name="Step">What the instruction did.</param>
public readonly record struct StepPoint(Label End, PrologueStep Step);
