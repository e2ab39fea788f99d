using Sox.Compiler.CodeGen.Mir;

namespace Sox.Compiler.CodeGen.Emission;

/// <summary>
/// Encodes one allocated machine function, the same way on every target: a label per block, the prologue, the
/// stack-overflow check of runtime-abi.md ("Frames"), every block in layout order, and the out-of-line call to
/// the runtime's overflow handler; (offset, line) points for the line table are recorded as labels on the way.
/// A target (X64Emitter, Arm64Emitter) supplies the prologue, the epilogue, the check, the overflow call and the
/// encoding of each machine instruction.
/// </summary>
public abstract class FunctionEmitter
{
    /// <summary>The runtime's lowest usable stack address (runtime-abi.md "Frames").</summary>
    public const string StackLimitSymbol = "sox_stack_limit";

    /// <summary>The runtime function that reports "Stack overflow." (runtime-abi.md "Frames"); it does not return.</summary>
    public const string StackOverflowSymbol = "sox_stack_overflow";

    // The compiler's own buffers and structs: ReadyToRun precompiles them, not List<T> over a tuple of ours.
    private readonly ValueBuffer<LinePoint> _lines = new(8);
    private readonly List<int> _columns = new();
    private readonly ValueBuffer<StepPoint> _prologue = new(8);
    private readonly ValueBuffer<StepPoint> _epilogue = new(4);
    private readonly Label[] _blockLabels;
    private int _lastLine = -1;

    /// <summary>An emitter of <paramref name="function"/>, laid out as <paramref name="frame"/>, into <paramref name="encoder"/>.</summary>
    protected FunctionEmitter(InstructionEncoder encoder, MachineFunction function, FrameLayout frame)
    {
        Encoder = encoder;
        Function = function;
        Frame = frame;
        _blockLabels = new Label[function.Blocks.Count];
        for (var b = 0; b < _blockLabels.Length; b++) _blockLabels[b] = encoder.CreateLabel();
        if (function.Layout is { } layout) _order = layout;
        else
        {
            _order = new int[function.Blocks.Count];
            for (var b = 0; b < _order.Length; b++) _order[b] = b;
        }
        _next = new int[_order.Length];
        for (var k = 0; k < _order.Length; k++) _next[_order[k]] = k + 1 < _order.Length ? _order[k + 1] : -1;
    }

    /// <summary>The blocks in emission order (<see cref="MachineFunction.Layout"/>).</summary>
    private readonly int[] _order;

    /// <summary>Per block, the block emitted right after it (−1 for the last).</summary>
    private readonly int[] _next;

    /// <summary>The block emitted right after block <paramref name="blockIndex"/> (−1 for the last): a jump there can be left out.</summary>
    protected int NextBlock(int blockIndex) => _next[blockIndex];

    /// <summary>The encoder the function goes into; finish it to read the positions of <see cref="Emit"/>'s labels.</summary>
    public InstructionEncoder Encoder { get; }

    /// <summary>The function being emitted.</summary>
    protected MachineFunction Function { get; }

    /// <summary>
    /// The listing positions (<see cref="MachineInstr.ListingIndex"/>, ascending) whose code offsets debugging
    /// information about variables needs (<see cref="RegisterAllocation.VariableAvailability.Boundaries"/>), or null for
    /// none. The emitter binds a label where each one's code starts (<see cref="EmittedFunction.BoundaryStarts"/>) and
    /// one at the end of the body (<see cref="EmittedFunction.BodyEnd"/>); labels add no code. Only these, not one per
    /// instruction: a function has many more instructions than places where a variable's range starts or ends.
    /// </summary>
    public int[]? InstructionBoundaries { get; set; }

    /// <summary>Its frame.</summary>
    protected FrameLayout Frame { get; }

    /// <summary>
    /// Emits the function. Positions are labels because the encoder settles branch sizes only when it finishes;
    /// read them from the finished code.
    /// </summary>
    /// <param name="checkStack">Whether the prologue compares SP with <see cref="StackLimitSymbol"/>.</param>
    public EmittedFunction Emit(bool checkStack)
    {
        var start = Encoder.Here();
        int firstLine = 0, firstColumn = 0;
        foreach (var block in Function.Blocks)
        {
            var found = block.Instructions.Find(i => i.Line > 0);
            if (found is null) continue;
            (firstLine, firstColumn) = (found.Line, found.Column);
            break;
        }
        MarkLine(firstLine, firstColumn);
        EmitPrologue();
        var prologueEnd = Encoder.Here();

        var overflow = Encoder.CreateLabel();
        if (checkStack) EmitStackCheck(overflow);

        // The code offset of a boundary is where the first emitted instruction at or after its listing position starts:
        // the allocator keeps the listing's order within a block and only removes copies (which run no code) and adds
        // spill code (which has no listing position), so within a block positions arrive ascending and a removed one
        // takes the next one's. Blocks may be emitted in another order (BlockLayout), so each block resolves only the
        // boundaries of its own listing positions (blocks own ascending position ranges in index order), and those
        // past its last emitted instruction get the block's end.
        var boundaries = InstructionBoundaries;
        var boundaryStarts = boundaries is null ? [] : new Label[boundaries.Length];
        var owned = boundaries is null ? null : BoundaryRanges(boundaries);
        var blockEnds = new Label?[Function.Blocks.Count];
        foreach (var b in _order)
        {
            var nextBoundary = owned is null ? 0 : owned[b];
            var limit = owned is null ? 0 : owned[b + 1];
            Encoder.Bind(_blockLabels[b]);
            var instructions = Function.Blocks[b].Instructions;
            // A variable's piece in this block ends after the block's last listed instruction, not after code the
            // allocator added behind it (moves for the next block, which may reuse the variable's register).
            var lastListed = -1;
            if (boundaries is not null)
            {
                for (var k = instructions.Count - 1; k >= 0 && lastListed < 0; k--) lastListed = instructions[k].ListingIndex >= 0 ? k : -1;
            }
            for (var k = 0; k < instructions.Count; k++)
            {
                MarkLine(instructions[k].Line, instructions[k].Column);
                var position = instructions[k].ListingIndex;
                var pairPosition = k + 1 < instructions.Count ? Math.Max(position, instructions[k + 1].ListingIndex) : position;
                // Bound before the instruction, or before the pair encoded together (whose second then starts here too).
                var here = boundaries is not null && nextBoundary < limit && boundaries[nextBoundary] <= pairPosition
                    ? Encoder.Here() : default;
                if (k + 1 < instructions.Count && TryEmitPair(instructions[k], instructions[k + 1], b))
                {
                    ResolveBoundaries(boundaries, boundaryStarts, ref nextBoundary, limit, pairPosition, here);
                    k++;
                    if (k >= lastListed && lastListed >= 0 && blockEnds[b] is null) blockEnds[b] = Encoder.Here();
                    continue;
                }
                ResolveBoundaries(boundaries, boundaryStarts, ref nextBoundary, limit, position, here);
                EmitInstruction(instructions[k], b);
                if (k == lastListed) blockEnds[b] = Encoder.Here();
            }
            var blockEnd = Encoder.Here();
            blockEnds[b] ??= blockEnd;
            ResolveBoundaries(boundaries, boundaryStarts, ref nextBoundary, limit, int.MaxValue, blockEnd);
        }

        Label? bodyEnd = boundaries is null ? null : Encoder.Here();
        if (checkStack)
        {
            Encoder.Bind(overflow);
            MarkLine(firstLine, firstColumn);
            EmitStackOverflowCall();
        }
        EmitLiteralPool();
        var end = Encoder.Here();
        return new EmittedFunction(Function.Symbol, start, end, _lines.Items)
        {
            LineCount = _lines.Count, PrologueEnd = prologueEnd, Prologue = _prologue.Items, PrologueCount = _prologue.Count,
            Epilogue = _epilogue.Items, EpilogueCount = _epilogue.Count, Columns = _columns, BoundaryStarts = boundaryStarts, BodyEnd = bodyEnd, BlockStarts = _blockLabels, BlockEnds = blockEnds,
        };
    }

    /// <summary>Gives every boundary up to listing position <paramref name="position"/> that is still open the label
    /// <paramref name="start"/>.</summary>
    private static void ResolveBoundaries(int[]? boundaries, Label[] starts, ref int next, int limit, int position, Label start)
    {
        if (boundaries is null) return;
        for (; next < limit && boundaries[next] <= position; next++) starts[next] = start;
    }

    /// <summary>
    /// Per block index, the first of the ascending <paramref name="boundaries"/> it owns (entry <c>Count</c>: their
    /// number): block <c>b</c> owns the positions from its first listed instruction up to the next block's.
    /// A block without listed instructions owns none.
    /// </summary>
    private int[] BoundaryRanges(int[] boundaries)
    {
        var blocks = Function.Blocks;
        var result = new int[blocks.Count + 1];
        var next = 0;
        for (var b = 0; b < blocks.Count; b++)
        {
            result[b] = next;
            var following = int.MaxValue;
            for (var c = b + 1; c < blocks.Count && following == int.MaxValue; c++) following = FirstListed(blocks[c]);
            if (FirstListed(blocks[b]) != int.MaxValue)
            {
                while (next < boundaries.Length && boundaries[next] < following) next++;
            }
            result[b + 1] = next;
        }
        result[blocks.Count] = boundaries.Length;
        return result;
    }

    /// <summary>The listing position of the first listed instruction of <paramref name="block"/> (int.MaxValue: none).</summary>
    private static int FirstListed(MachineBlock block)
    {
        foreach (var instruction in block.Instructions)
        {
            if (instruction.ListingIndex >= 0) return instruction.ListingIndex;
        }
        return int.MaxValue;
    }

    /// <summary>The label of block <paramref name="index"/>.</summary>
    protected Label BlockLabel(int index) => _blockLabels[index];

    /// <summary>Establishes the frame of <see cref="FrameLayout"/>: frame pointer, body, callee-saved registers.</summary>
    protected abstract void EmitPrologue();

    /// <summary>
    /// Records that the prologue instruction just encoded did <paramref name="step"/> (called right after it, so the
    /// step's position is the end of its instruction, as Windows x64 unwind codes count them).
    /// </summary>
    protected void RecordPrologueStep(PrologueStep step) => _prologue.Add(new StepPoint(Encoder.Here(), step));

    /// <summary>
    /// Records that the epilogue instruction just encoded did <paramref name="step"/>
    /// (<see cref="PrologueOperation.EpilogueStart"/>: that an epilogue starts here), for call frame information.
    /// </summary>
    protected void RecordEpilogueStep(PrologueStep step) => _epilogue.Add(new StepPoint(Encoder.Here(), step));

    /// <summary>Undoes the prologue and returns; emitted for each return instruction. Records its
    /// <see cref="PrologueOperation.EpilogueStart"/>, <see cref="PrologueOperation.PopFrame"/> and
    /// <see cref="PrologueOperation.EpilogueEnd"/> steps.</summary>
    protected abstract void EmitEpilogue();

    /// <summary>Branches to <paramref name="overflow"/> when SP is below <see cref="StackLimitSymbol"/>'s value.</summary>
    protected abstract void EmitStackCheck(Label overflow);

    /// <summary>Calls <see cref="StackOverflowSymbol"/> and traps after it (the call does not return).</summary>
    protected abstract void EmitStackOverflowCall();

    /// <summary>The constants instructions load by address, after the code (nothing by default).</summary>
    protected virtual void EmitLiteralPool()
    {
    }

    /// <summary>Encodes one machine instruction of block <paramref name="blockIndex"/>.</summary>
    protected abstract void EmitInstruction(MachineInstr instruction, int blockIndex);

    /// <summary>
    /// Encodes two consecutive instructions of block <paramref name="blockIndex"/> as one when the target has a
    /// better sequence for the pair (a branch over a jump, inverted); false to take them one at a time.
    /// </summary>
    protected virtual bool TryEmitPair(MachineInstr first, MachineInstr second, int blockIndex) => false;

    /// <summary>Records a line-change point here when <paramref name="line"/> differs from the last one, with
    /// <paramref name="column"/> (0: unknown). Code the compiler adds to a statement (spill code, instructions of
    /// later passes) may come first and carry no column; the statement's own column then fills it in.</summary>
    private void MarkLine(int line, int column = 0)
    {
        if (line <= 0) return;
        if (line == _lastLine)
        {
            if (column > 0 && _columns.Count > 0 && _columns[^1] == 0) _columns[^1] = column;
            return;
        }
        _lines.Add(new LinePoint(Encoder.Here(), line));
        _columns.Add(column);
        _lastLine = line;
    }
}
