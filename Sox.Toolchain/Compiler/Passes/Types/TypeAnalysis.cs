using System.Runtime.InteropServices;
using Sox.Compiler.Ir;

namespace Sox.Compiler.Passes.Types;

/// <summary>
/// Flow-sensitive, optimistic type analysis of one function (docs/ir.md "Type analysis"): a forward dataflow over
/// the CFG with one <see cref="ValueKind"/> set per register per block entry, and executable edges as in sparse
/// conditional constant propagation (Wegman and Zadeck): a block is analysed only once an edge into it is
/// executable, and a branch whose tested value rules one side out never makes that edge executable. The IR is not
/// SSA, so the state is per program point, not per register.
/// <para>Facts come from constants, from the result kinds of operators (<see cref="TypeTransfer"/>), from operands
/// an operator only accepts as numbers (after <c>a - b</c> returns, both are numbers: anything else is a runtime
/// error, §3), and from tests on the path: the number tag test <c>(v &amp; QNAN) != QNAN</c> and truthiness
/// branches. Incoming states are unioned into a block's entry state, never replaced, so every state only grows and
/// the iteration ends (the lattice has height 7 per register).</para>
/// <para>A function whose blocks × registers exceed <see cref="MaxCells"/> is not analysed (<see cref="Run"/>
/// returns null): its states would cost too much memory, and callers fall back to what they knew before.</para>
/// </summary>
internal sealed class TypeAnalysis
{
    /// <summary>The largest blocks × registers state table analysed (bytes).</summary>
    public const long MaxCells = 2L << 20;

    /// <summary>Per block id, 1 + the offset of its entry state in <see cref="_arena"/>; 0 for a block not reached.</summary>
    private readonly int[] _entry;
    private readonly byte[] _executable;
    private readonly TypeTransfer _transfer;
    private readonly int _blockSlots;

    /// <summary>
    /// The entry states, one run of <see cref="Registers"/> kinds per reached block in the order they were reached, in
    /// one array kept per thread and reused by the next analysis on that thread (an array per block was most of the
    /// analysis's allocation; a function has at most <see cref="MaxCells"/> of them). So an analysis is valid until
    /// the next <see cref="Run"/> on the same thread: every pass uses its analysis within its own run.
    /// </summary>
    private ValueKind[] _arena;
    private int _used;

    [ThreadStatic] private static ValueKind[]? t_arena;

    // The other per-block and per-register arrays, the worklist and the transfer functions, per thread the same way:
    // most functions are small, and these were most of what analysing one cost besides the states.
    [ThreadStatic] private static int[]? t_entry;
    [ThreadStatic] private static byte[]? t_executable;
    [ThreadStatic] private static bool[]? t_queued;
    [ThreadStatic] private static ValueKind[]? t_state;
    [ThreadStatic] private static Queue<BasicBlock>? t_work;

    private TypeAnalysis(IrFunction function, int blockSlots)
    {
        _blockSlots = blockSlots;
        _entry = ScratchArrays.Take(ref t_entry, blockSlots);
        _executable = ScratchArrays.Take(ref t_executable, blockSlots);
        _transfer = TypeTransfer.For(function);
        var size = (int)Math.Min((long)function.Blocks.Count * function.Registers.Count, MaxCells);
        if (t_arena is null || t_arena.Length < size) t_arena = new ValueKind[Math.Max(size, (t_arena?.Length ?? 0) * 2)];
        _arena = t_arena;
    }

    /// <summary>A new entry state for a block just reached: a copy of <paramref name="from"/>'s first
    /// <see cref="Registers"/> kinds.</summary>
    private int NewEntry(ReadOnlySpan<ValueKind> from)
    {
        if (_used + Registers > _arena.Length)
        {
            // More blocks reached than listed (never expected): grow, keeping the states so far.
            Array.Resize(ref _arena, Math.Max(_used + Registers, _arena.Length * 2));
            t_arena = _arena;
        }
        var offset = _used;
        from[..Registers].CopyTo(_arena.AsSpan(offset, Registers));
        _used += Registers;
        return offset;
    }

    private Span<ValueKind> Entry(int blockId) => _arena.AsSpan(_entry[blockId] - 1, Registers);

    /// <summary>
    /// Analyses <paramref name="function"/>, or returns null when it is too large (<see cref="MaxCells"/>). With
    /// <paramref name="observe"/>, each non-terminator instruction of a reached block is shown to it with the state
    /// just before it, every time the block is walked; the last call for an instruction has the state a walk of the
    /// solved analysis would give there (<see cref="EntryState(BasicBlock, ValueKind[])"/> and <see cref="Step"/>):
    /// a block is walked again whenever its entry state grows, so its last walk starts from its final entry state. A
    /// pass that only reads the kinds saves that second walk.
    /// </summary>
    public static TypeAnalysis? Run(IrFunction function, Action<Instruction, ValueKind[]>? observe = null)
    {
        if (function.Blocks.Count == 0) return null;
        var blockSlots = 0;
        foreach (var b in function.Blocks) blockSlots = Math.Max(blockSlots, b.Id + 1);
        if ((long)function.Blocks.Count * function.Registers.Count > MaxCells) return null;
        var analysis = new TypeAnalysis(function, blockSlots);
        analysis.Solve(function, observe);
        return analysis;
    }

    /// <summary>The registers with a known constant value (every definition assigns it).</summary>
    public ConstantValues Constants => _transfer.Constants;

    /// <summary>True when some executable path from the entry reaches <paramref name="block"/>.</summary>
    public bool IsReached(BasicBlock block) => _entry[block.Id] != 0;

    /// <summary>True when control may go from <paramref name="block"/> to its successor number <paramref name="index"/>.</summary>
    public bool IsExecutable(BasicBlock block, int index) => (_executable[block.Id] & (1 << index)) != 0;

    /// <summary>
    /// A copy of the kinds at the entry of a reached <paramref name="block"/>, to walk the block with
    /// <see cref="Step"/> (which this also prepares: call it before stepping through each block).
    /// </summary>
    public ValueKind[] EntryState(BasicBlock block)
    {
        _transfer.StartBlock();
        if (_entry[block.Id] == 0) throw new InvalidOperationException($"{block} is not reached");
        return Entry(block.Id).ToArray();
    }

    /// <summary>
    /// <see cref="EntryState(BasicBlock)"/> copied into <paramref name="state"/> (sized for the function's registers
    /// when the analysis ran, or larger) instead of a new array: the passes walk every block with one buffer.
    /// </summary>
    public void EntryState(BasicBlock block, ValueKind[] state)
    {
        _transfer.StartBlock();
        if (_entry[block.Id] == 0) throw new InvalidOperationException($"{block} is not reached");
        Entry(block.Id).CopyTo(state);
    }

    /// <summary>The number of registers the states cover (the function's registers when the analysis ran).</summary>
    public int Registers { get; private set; }

    /// <summary>Advances <paramref name="state"/> over <paramref name="inst"/> (not a terminator).</summary>
    public void Step(Instruction inst, ValueKind[] state) => _transfer.Step(inst, state);

    /// <summary>The kinds of <paramref name="r"/> in <paramref name="state"/>, unknown when no value reached it.</summary>
    public static ValueKind Of(ValueKind[] state, VReg r) => state[r.Id] == ValueKind.None ? ValueKind.Any : state[r.Id];

    private void Solve(IrFunction function, Action<Instruction, ValueKind[]>? observe)
    {
        var registers = function.Registers.Count;
        Registers = registers;
        var state = ScratchArrays.Take(ref t_state, registers);
        foreach (var p in function.Parameters) state[p.Id] = p.Type == IrType.F64 ? ValueKind.Other : ValueKind.Any;
        var work = t_work ??= new Queue<BasicBlock>();
        var queued = ScratchArrays.Take(ref t_queued, _blockSlots);
        _entry[function.Entry.Id] = NewEntry(state) + 1;
        work.Enqueue(function.Entry);
        queued[function.Entry.Id] = true;
        while (work.Count > 0)
        {
            var block = work.Dequeue();
            queued[block.Id] = false;
            Entry(block.Id).CopyTo(state);
            _transfer.StartBlock();
            var instructions = block.Instructions;
            if (observe is null)
            {
                for (var i = 0; i < instructions.Count - 1; i++) _transfer.Step(instructions[i], state);
            }
            else
            {
                for (var i = 0; i < instructions.Count - 1; i++)
                {
                    observe(instructions[i], state);
                    _transfer.Step(instructions[i], state);
                }
            }
            if (instructions.Count == 0 || instructions[^1] is not Terminator term) continue;
            var successors = term.Successors;
            for (var s = 0; s < successors.Count; s++)
            {
                var edge = _transfer.Edge(block, term, s, state);
                if (edge is null) continue; // the test on the path rules this edge out
                _executable[block.Id] |= (byte)(1 << s);
                var target = successors[s];
                if (Merge(target, edge) && !queued[target.Id])
                {
                    queued[target.Id] = true;
                    work.Enqueue(target);
                }
            }
        }
    }

    /// <summary>Unions <paramref name="incoming"/> into the entry state of <paramref name="target"/>; true when it grew.</summary>
    private bool Merge(BasicBlock target, ValueKind[] incoming)
    {
        if (_entry[target.Id] == 0)
        {
            _entry[target.Id] = NewEntry(incoming) + 1;
            return true;
        }
        var entry = Entry(target.Id);
        // The union a word at a time (kinds are bytes): this loop is most of the analysis's cost on large functions.
        var words = entry.Length / sizeof(ulong);
        var entryWords = MemoryMarshal.Cast<ValueKind, ulong>(entry[..(words * sizeof(ulong))]);
        var incomingWords = MemoryMarshal.Cast<ValueKind, ulong>(incoming.AsSpan(0, words * sizeof(ulong)));
        var changed = false;
        for (var w = 0; w < entryWords.Length; w++)
        {
            var merged = entryWords[w] | incomingWords[w];
            if (merged == entryWords[w]) continue;
            entryWords[w] = merged;
            changed = true;
        }
        for (var r = words * sizeof(ulong); r < entry.Length; r++)
        {
            var merged = entry[r] | incoming[r];
            if (merged == entry[r]) continue;
            entry[r] = merged;
            changed = true;
        }
        return changed;
    }
}
