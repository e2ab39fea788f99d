using System.Runtime.InteropServices;
using Sox.Compiler.CodeGen.Mir;

namespace Sox.Compiler.CodeGen.RegisterAllocation;

/// <summary>
/// Scratch arrays for liveness and allocation, kept per thread and reused from one function to the next: a module
/// has thousands of small functions, and allocating a dozen arrays for each cost more than the work on them.
/// Each array has one user at a time (one field per use); <see cref="Ints"/> hands it out cleared to the length
/// asked for.
/// </summary>
internal sealed class Workspace
{
    [ThreadStatic] private static Workspace? t_current;

    public static Workspace Current => t_current ??= new Workspace();

    // Liveness.Compute: the blocks' first and last positions, the pooled intervals.
    public int[] BlockStarts = [], BlockEnds = [];
    private LiveInterval[] _intervals = [];

    // The blocks' predecessors (LinearScanAllocator.Run, for coldness, liveness and loop weights), Liveness.ExtendAcrossBlocks
    public int[] PredStart = [], PredFill = [], Predecessors = [], UseHead = [], DefHead = [], EntryBlock = [], EntryNext = [];
    public int[] LastDefBlock = [], LastUseBlock = [], LiveInStamp = [], LiveOutStamp = [], DefStamp = [], Work = [];

    // Liveness.MarkCallCrossings: each block's live-out registers (linked lists threaded through flat arrays) and the
    // set of registers live at the current instruction (dense list + position per register, stamped per block).
    public int[] OutHead = [], OutValue = [], OutNext = [], LiveList = [], LivePosition = [], LiveStamp = [];
    public long[] ColdCrossings = [];
    public int[] ColdCrossingCounts = [];

    // BlockLayout.MarkColdBlocks at layout (the allocator hands it the rows in PredStart, Predecessors).
    public int[] ColdPredStart = [], ColdPredecessors = [], ColdFill = [];

    // Liveness.Compute: fixed ranges of physical registers, collected flat then grouped by register; the calls (instruction
    // index and clobber set, then positions grouped by set) and the distinct clobber sets with their register masks.
    public int[] RangeRegister = [], RangeStart = [], RangeEnd = [], RangeOrder = [], RangeFirst = [], GroupedStarts = [], GroupedMaxEnds = [];
    public int[] OpenStart = [], OpenEnd = [], OpenStamp = [], OpenList = [];
    public int[] CallIndex = [], CallSet = [], CallFirst = [], CallPositions = [], CallFill = [];
    public IReadOnlyCollection<int>?[] ClobberSets = new IReadOnlyCollection<int>?[4];
    public ulong[] ClobberMasks = new ulong[4];

    // SpillFacts: per virtual register (the instruction arrays are cleared after each function).
    public float[] Weights = [];
    public Mir.MachineInstr?[] Definitions = [], Rematerialising = [];
    public int[] DefCount = [], DefPosition = [], CopySources = [], BlockWeights = [];
    public int[] LoopState = [], LoopStackBlock = [], LoopStackNext = [];
    public int[] LoopMark = [];
    public long[] LoopBackEdges = [];

    // LinearScanAllocator: the active intervals, the owner of each physical register, the registers written, a
    // block's rewritten instructions (all emptied after each function).
    public readonly LiveInterval[] Active = new LiveInterval[Liveness.PhysicalCount];
    public readonly LiveInterval?[] Owner = new LiveInterval?[Liveness.PhysicalCount];
    public readonly bool[] UsedPhysical = new bool[Liveness.PhysicalCount];
    public readonly List<Mir.MachineInstr> Output = new();
    public long[] SortKeys = [];
    // The rewrite's spill code (one instruction's scratch registers and stores) and cold-call saves (the restores after one
    // call, the function's save slots).
    public readonly List<(int Virtual, int Scratch)> ScratchOf = new();
    public readonly List<Mir.MachineInstr> SpillStores = new(), Restores = new();
    public readonly List<int> SaveSlots = new();
    public LiveInterval[] Order = [];
    public object? RegisterChoiceTarget;
    public object? RegisterChoice;

    /// <summary>
    /// One empty interval per register class in <paramref name="classes"/> (interval v for virtual register v), from this
    /// thread's pool: the first <c>classes.Length</c> entries of the result. They stay valid until the next call on this
    /// thread (the next function's liveness).
    /// </summary>
    public LiveInterval[] TakeIntervals(ReadOnlySpan<RegisterClass> classes)
    {
        var count = classes.Length;
        if (_intervals.Length < count)
        {
            var old = _intervals.Length;
            Array.Resize(ref _intervals, Math.Max(count, 2 * old));
            for (var v = old; v < _intervals.Length; v++) _intervals[v] = new LiveInterval(v, RegisterClass.General);
        }
        var intervals = _intervals;
        for (var v = 0; v < count; v++) intervals[v].Reset(v, classes[v]);
        return intervals;
    }

    /// <summary><paramref name="array"/> with room for <paramref name="length"/> elements, the first <paramref name="length"/> zero.</summary>
    public static int[] Ints(ref int[] array, int length)
    {
        if (array.Length < length) array = new int[Math.Max(length, 2 * array.Length)];
        else Array.Clear(array, 0, length);
        return array;
    }

    /// <summary>
    /// The predecessors of every block in one array, as compressed rows: those of block b are
    /// <c>predecessors[predStart[b]..predStart[b + 1]]</c>, in block order (a block that names a successor twice is
    /// listed twice). Both arrays come from (and may grow) the given buffers, reused per thread.
    /// </summary>
    public static void PredecessorRows(List<MachineBlock> blocks, ref int[] startBuffer, ref int[] listBuffer, ref int[] fillBuffer,
        out int[] predStart, out int[] predecessors)
    {
        var count = blocks.Count;
        predStart = Ints(ref startBuffer, count + 1);
        for (var b = 0; b < count; b++)
            foreach (var s in CollectionsMarshal.AsSpan(blocks[b].Successors)) predStart[s + 1]++;
        for (var b = 0; b < count; b++) predStart[b + 1] += predStart[b];
        predecessors = Uncleared(ref listBuffer, predStart[count]);
        var fill = Uncleared(ref fillBuffer, count);
        Array.Copy(predStart, fill, count);
        for (var b = 0; b < count; b++)
            foreach (var s in CollectionsMarshal.AsSpan(blocks[b].Successors)) predecessors[fill[s]++] = b;
    }

    /// <summary>As <see cref="Ints"/> but without clearing (every element the caller reads it writes first).</summary>
    public static int[] Uncleared(ref int[] array, int length)
    {
        if (array.Length < length) array = new int[Math.Max(length, 2 * array.Length)];
        return array;
    }

    /// <summary>Grows <paramref name="array"/> to hold at least <paramref name="length"/> elements, keeping its contents.</summary>
    public static int[] Grow(ref int[] array, int length)
    {
        if (array.Length < length) Array.Resize(ref array, Math.Max(length, Math.Max(16, 2 * array.Length)));
        return array;
    }
}
