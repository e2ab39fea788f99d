using System.Runtime.InteropServices;
using Sox.Compiler.CodeGen.Mir;

namespace Sox.Compiler.CodeGen.RegisterAllocation;

/// <summary>
/// Liveness of a machine function: one <see cref="LiveInterval"/> per virtual register, covering every block the
/// register is live into or out of, and the ranges during which each physical register is occupied (explicit and
/// implicit uses/defs, call clobbers).
/// </summary>
/// <remarks>
/// Everything here is linear in the size of the function (plus the size of the live ranges): flat arrays indexed by
/// virtual register, block or physical register number, no per-instruction or per-register collections. A module's
/// top level is one function of tens of thousands of instructions, and the thousands of small functions beside it
/// make any per-function constant count too: the intervals and every array are the thread's <see cref="Workspace"/>,
/// so a <see cref="Liveness"/> (and its intervals) is valid until the next one is computed on the same thread.
/// </remarks>
public sealed class Liveness
{
    /// <summary>Physical registers are numbered below this (general 0–31, float 32–63; see <see cref="TargetDescription"/>).</summary>
    public const int PhysicalCount = 2 * TargetDescription.FloatBase;

    // Fixed ranges: the position ranges (inclusive) in which each physical register holds something or is
    // destroyed (argument and result registers, implicit operands). Grouped by register (the ranges of p are at
    // [_rangeFirst[p], _rangeFirst[p + 1])), sorted by start, with a running maximum of the ends, so "does [start, end]
    // overlap a range of p" is one binary search even in a function with thousands of calls.
    private readonly int[] _rangeFirst;
    private readonly int[] _rangeStarts;
    private readonly int[] _rangeMaxEnds;

    // Call clobbers, kept apart from the other fixed ranges: they only matter to a register live across the call
    // (LiveInterval.CrossesCall). One entry per call, not per clobbered register, grouped by the call's clobber set
    // (calls share their target's caller-saved set, so there are one or two): the calls of set s are at the positions
    // _callPositions[_callFirst[s].._callFirst[s + 1]) (ascending) and clobber the registers of the bit mask
    // _clobberMasks[s].
    private readonly ulong[] _clobberMasks;
    private readonly int _clobberSetCount;
    private readonly int[] _callFirst;
    private readonly int[] _callPositions;

    private readonly LiveInterval[] _intervals;

    private Liveness(LiveInterval[] intervals, int intervalCount, (int[] First, int[] Starts, int[] MaxEnds) fixedRanges,
        ulong[] clobberMasks, int clobberSetCount, int[] callFirst, int[] callPositions, int[] blockStarts, int[] blockEnds, int coldCrossingCount)
    {
        ColdCrossingCount = coldCrossingCount;
        _intervals = intervals;
        IntervalCount = intervalCount;
        Intervals = new ArraySegment<LiveInterval>(intervals, 0, intervalCount);
        (_rangeFirst, _rangeStarts, _rangeMaxEnds) = fixedRanges;
        _clobberMasks = clobberMasks;
        _clobberSetCount = clobberSetCount;
        _callFirst = callFirst;
        _callPositions = callPositions;
        BlockStarts = blockStarts;
        BlockEnds = blockEnds;
    }

    /// <summary>One interval per virtual register, by virtual index (valid until the next liveness on this thread).</summary>
    public IReadOnlyList<LiveInterval> Intervals { get; }

    /// <summary>The intervals as an array: the first <see cref="IntervalCount"/> are this function's (the rest are
    /// other functions' left in the thread's pool).</summary>
    internal LiveInterval[] IntervalArray => _intervals;

    /// <summary>How many virtual registers (intervals) the function has.</summary>
    internal int IntervalCount { get; }

    /// <summary>
    /// The first <see cref="ColdCrossingCount"/> entries: each (call in a cold block, register live across it) as
    /// <c>instruction index &lt;&lt; 32 | virtual index</c>, ascending, for registers that cross no hot call
    /// (<see cref="LiveInterval.CrossesColdCall"/>). Valid until the next function's liveness on this thread.
    /// </summary>
    public long[] ColdCrossings => Workspace.Current.ColdCrossings;

    /// <summary>How many <see cref="ColdCrossings"/> there are.</summary>
    public int ColdCrossingCount { get; }

    /// <summary>The first position of each block (the first <c>blocks</c> entries).</summary>
    public int[] BlockStarts { get; }

    /// <summary>The last position of each block (the first <c>blocks</c> entries).</summary>
    public int[] BlockEnds { get; }

    /// <summary>How many fixed ranges physical register <paramref name="physical"/> has.</summary>
    public int FixedRangeCount(int physical) => _rangeFirst[physical + 1] - _rangeFirst[physical];

    /// <summary>True when a fixed range of <paramref name="physical"/> other than a call clobber overlaps [start, end] (inclusive).</summary>
    public bool PhysicalConflicts(int physical, int start, int end)
    {
        // Last range of the register whose start <= end; any range at or before it with an end >= start overlaps.
        int first = _rangeFirst[physical], lo = first, hi = _rangeFirst[physical + 1] - 1;
        if (hi < first) return false;
        var starts = _rangeStarts;
        while (lo <= hi)
        {
            var mid = (lo + hi) >>> 1;
            if (starts[mid] <= end) lo = mid + 1;
            else hi = mid - 1;
        }
        return hi >= first && _rangeMaxEnds[hi] >= start;
    }

    /// <summary>
    /// Whether <paramref name="interval"/> may not have <paramref name="physical"/>: a fixed range of it overlaps the
    /// interval, or the interval is live across a call (<see cref="LiveInterval.CrossesCall"/>) and a call in it
    /// clobbers the register.
    /// </summary>
    public bool Conflicts(int physical, LiveInterval interval) =>
        PhysicalConflicts(physical, interval.Start, interval.End)
        || (interval.CrossesCall && CallClobbers(physical, interval.Start, interval.End));

    /// <summary>Whether a call at a position in [<paramref name="start"/>, <paramref name="end"/>] clobbers <paramref name="physical"/>.</summary>
    private bool CallClobbers(int physical, int start, int end)
    {
        var positions = _callPositions;
        for (var s = 0; s < _clobberSetCount; s++)
        {
            if ((_clobberMasks[s] >> physical & 1) == 0) continue;
            // The first call at or after start; it clobbers inside the interval when it is not after end.
            int lo = _callFirst[s], hi = _callFirst[s + 1];
            while (lo < hi)
            {
                var mid = (lo + hi) >>> 1;
                if (positions[mid] < start) lo = mid + 1;
                else hi = mid;
            }
            if (lo < _callFirst[s + 1] && positions[lo] <= end) return true;
        }
        return false;
    }

    /// <summary>
    /// Computes block liveness, the intervals and the fixed ranges of <paramref name="function"/>. One forward pass over
    /// the instructions collects the intervals' positions inside blocks, the fixed ranges, the calls and, per register,
    /// the blocks that read it before writing it and the blocks that write it; the intervals are then extended across
    /// blocks (<see cref="ExtendAcrossBlocks"/>) and, when there are calls, one backward pass finds the registers live
    /// across each (<see cref="MarkCallCrossings"/>).
    /// </summary>
    public static Liveness Compute(MachineFunction function)
    {
        var ws = Workspace.Current;
        Workspace.PredecessorRows(function.Blocks, ref ws.PredStart, ref ws.Predecessors, ref ws.PredFill, out var predStart, out var predecessors);
        return Compute(function, predStart, predecessors);
    }

    /// <summary><see cref="Compute(MachineFunction)"/> given the blocks' predecessors as compressed rows
    /// (<see cref="Workspace.PredecessorRows"/>).</summary>
    internal static Liveness Compute(MachineFunction function, int[] predStart, int[] predecessors)
    {
        var ws = Workspace.Current;
        var blocks = function.Blocks;
        var blockCount = blocks.Count;
        var blockStarts = Workspace.Uncleared(ref ws.BlockStarts, blockCount);
        var blockEnds = Workspace.Uncleared(ref ws.BlockEnds, blockCount);
        var index = 0;
        for (var b = 0; b < blockCount; b++)
        {
            blockStarts[b] = 2 * index;
            index += blocks[b].Instructions.Count;
            blockEnds[b] = Math.Max(blockStarts[b], 2 * index - 1);
        }

        var vregCount = function.VirtualRegisters.Count;
        var intervals = ws.TakeIntervals(function.VirtualRegisters.AsSpan());
        var keptAlive = KeptAlive(function);

        // Per register, the blocks with an upward-exposed use (read before any write in the block) and the blocks with
        // a write, as linked lists threaded through flat arrays (head per register, next per entry), for ExtendAcrossBlocks.
        var useHead = Workspace.Uncleared(ref ws.UseHead, vregCount);
        var defHead = Workspace.Uncleared(ref ws.DefHead, vregCount);
        var lastDefBlock = Workspace.Uncleared(ref ws.LastDefBlock, vregCount);
        var lastUseBlock = Workspace.Uncleared(ref ws.LastUseBlock, vregCount);
        Array.Fill(useHead, -1, 0, vregCount);
        Array.Fill(defHead, -1, 0, vregCount);
        Array.Fill(lastDefBlock, -1, 0, vregCount);
        Array.Fill(lastUseBlock, -1, 0, vregCount);
        var entryBlock = Workspace.Uncleared(ref ws.EntryBlock, 64);
        var entryNext = Workspace.Uncleared(ref ws.EntryNext, 64);
        var entries = 0;

        var rangeCount = 0;
        var callCount = 0;
        var clobberSetCount = 0;
        // The physical registers with an open range in the current block: start and end of the range, and which
        // are open (a stamp per block, so nothing needs clearing).
        var openStart = Workspace.Uncleared(ref ws.OpenStart, PhysicalCount);
        var openEnd = Workspace.Uncleared(ref ws.OpenEnd, PhysicalCount);
        var openStamp = Workspace.Ints(ref ws.OpenStamp, PhysicalCount);
        var openList = Workspace.Uncleared(ref ws.OpenList, PhysicalCount);
        var openCount = 0;

        index = 0;
        for (var b = 0; b < blockCount; b++)
        {
            var stamp = b + 1;
            openCount = 0;
            var block = blocks[b];
            var instructions = CollectionsMarshal.AsSpan(block.Instructions);
            for (var n = 0; n < instructions.Length; n++, index++)
            {
                var instr = instructions[n];
                var usePos = 2 * index;
                var defPos = usePos + 1;
                var operands = instr.Operands;
                var hasVirtualDef = false;
                for (var k = 0; k < operands.Length; k++)
                {
                    ref readonly var op = ref operands[k];
                    if (!op.HasRegister) continue;
                    var isUse = op.Kind == OperandKind.Memory || op.Access is OperandAccess.Use or OperandAccess.UseDef;
                    var isDef = op.Kind == OperandKind.Register && op.Access is OperandAccess.Def or OperandAccess.UseDef;
                    if (op.Register.IsVirtual)
                    {
                        var v = op.Register.VirtualIndex;
                        var interval = intervals[v];
                        if (isUse)
                        {
                            interval.Extend(usePos);
                            if (lastDefBlock[v] != b && lastUseBlock[v] != b)
                            {
                                lastUseBlock[v] = b;
                                Push(ref useHead[v], b);
                            }
                        }
                        if (isDef)
                        {
                            interval.Extend(defPos);
                            hasVirtualDef = true;
                        }
                    }
                    else
                    {
                        if (isUse) PhysicalUse(op.Register.PhysicalNumber, usePos, blockStarts[b]);
                        if (isDef) PhysicalDef(op.Register.PhysicalNumber, defPos);
                    }
                }
                // Writes after every read of the instruction: a register it reads and writes is exposed if not written before.
                if (hasVirtualDef)
                {
                    for (var k = 0; k < operands.Length; k++)
                    {
                        ref readonly var op = ref operands[k];
                        if (op.Kind != OperandKind.Register || !op.Register.IsVirtual || op.Access is not (OperandAccess.Def or OperandAccess.UseDef)) continue;
                        var v = op.Register.VirtualIndex;
                        if (lastDefBlock[v] == b) continue;
                        lastDefBlock[v] = b;
                        Push(ref defHead[v], b);
                    }
                }
                // Implicit operands are rare: most instructions hand out the shared empty array (no interface calls then).
                var implicitUses = instr.ImplicitUses;
                if (!ReferenceEquals(implicitUses, Array.Empty<int>()))
                {
                    for (var k = 0; k < implicitUses.Count; k++) PhysicalUse(implicitUses[k], usePos, blockStarts[b]);
                }
                var implicitDefs = instr.ImplicitDefs;
                if (!ReferenceEquals(implicitDefs, Array.Empty<int>()))
                {
                    for (var k = 0; k < implicitDefs.Count; k++) PhysicalDef(implicitDefs[k], defPos);
                }
                var clobbers = instr.Clobbers;
                if (!ReferenceEquals(clobbers, Array.Empty<int>()) && clobbers.Count > 0) AddCall(clobbers, index);
                if (keptAlive.Length > 0 && EndsFunction(instr, block))
                {
                    foreach (var v in keptAlive)
                    {
                        intervals[v].Extend(usePos);
                        if (lastDefBlock[v] == b || lastUseBlock[v] == b) continue;
                        lastUseBlock[v] = b;
                        Push(ref useHead[v], b);
                    }
                }
            }
            for (var k = 0; k < openCount; k++)
            {
                var p = openList[k];
                if (openStamp[p] == stamp) AddFixed(p, openStart[p], openEnd[p]);
            }

            void PhysicalUse(int p, int pos, int blockStart)
            {
                if (openStamp[p] == stamp)
                {
                    openEnd[p] = pos;
                    return;
                }
                Open(p, blockStart, pos);
            }

            void PhysicalDef(int p, int pos)
            {
                if (openStamp[p] == stamp) AddFixed(p, openStart[p], openEnd[p]);
                Open(p, pos, pos);
            }

            void Open(int p, int start, int end)
            {
                if (openStamp[p] != stamp)
                {
                    openStamp[p] = stamp;
                    openList[openCount++] = p;
                }
                openStart[p] = start;
                openEnd[p] = end;
            }
        }

        if (vregCount > 0) ExtendAcrossBlocks(function, intervals, vregCount, blockStarts, blockEnds, predStart, predecessors, ws);
        var coldCrossingCount = callCount > 0 && vregCount > 0 ? MarkCallCrossings(function, intervals, vregCount, keptAlive, ws.CallIndex, callCount) : 0;

        var fixedRanges = GroupFixedRanges(ws, rangeCount);
        var (callFirst, callPositions) = GroupCalls(ws, callCount, clobberSetCount);
        return new Liveness(intervals, vregCount, fixedRanges, ws.ClobberMasks, clobberSetCount, callFirst, callPositions, blockStarts, blockEnds, coldCrossingCount);

        void Push(ref int head, int block)
        {
            if (entries == entryBlock.Length)
            {
                entryBlock = Workspace.Grow(ref ws.EntryBlock, entries + 1);
                entryNext = Workspace.Grow(ref ws.EntryNext, entries + 1);
            }
            entryBlock[entries] = block;
            entryNext[entries] = head;
            head = entries++;
        }

        void AddCall(IReadOnlyCollection<int> clobbers, int at)
        {
            // Calls share their target's caller-saved set: find it among the sets seen (one or two), or add it.
            var set = 0;
            while (set < clobberSetCount && !ReferenceEquals(ws.ClobberSets[set], clobbers)) set++;
            if (set == clobberSetCount)
            {
                if (ws.ClobberSets.Length == set)
                {
                    Array.Resize(ref ws.ClobberSets, 2 * set);
                    Array.Resize(ref ws.ClobberMasks, 2 * set);
                }
                var mask = 0UL;
                foreach (var p in clobbers)
                {
                    if ((uint)p >= PhysicalCount) throw new InvalidOperationException($"physical register {p} is out of range");
                    mask |= 1UL << p;
                }
                ws.ClobberSets[set] = clobbers;
                ws.ClobberMasks[set] = mask;
                clobberSetCount++;
            }
            Workspace.Grow(ref ws.CallIndex, callCount + 1)[callCount] = at;
            Workspace.Grow(ref ws.CallSet, callCount + 1)[callCount] = set;
            callCount++;
        }

        void AddFixed(int p, int start, int end)
        {
            if ((uint)p >= PhysicalCount) throw new InvalidOperationException($"physical register {p} is out of range");
            Workspace.Grow(ref ws.RangeRegister, rangeCount + 1)[rangeCount] = p;
            Workspace.Grow(ref ws.RangeStart, rangeCount + 1)[rangeCount] = start;
            Workspace.Grow(ref ws.RangeEnd, rangeCount + 1)[rangeCount] = end;
            rangeCount++;
        }
    }

    /// <summary>Whether <paramref name="instr"/> leaves the function: a return, or the trap that ends a block without
    /// successors (after a call that does not return, such as a runtime error).</summary>
    public static bool EndsFunction(MachineInstr instr, MachineBlock block) => instr.IsReturn || (instr.IsTerminator && block.Successors.Count == 0);

    /// <summary>
    /// The virtual registers of <see cref="MachineFunction.DebugVariables"/> when
    /// <see cref="MachineFunction.KeepVariablesLive"/> is set, ascending and without repeats: each return reads them, so
    /// they stay live (in their register or slot) from their assignment to the function's end.
    /// </summary>
    public static int[] KeptAlive(MachineFunction function)
    {
        if (!function.KeepVariablesLive || function.DebugVariables.Count == 0) return [];
        var kept = new int[function.DebugVariables.Count];
        var count = 0;
        foreach (var variable in function.DebugVariables)
        {
            if (variable.Register is { IsVirtual: true } r) kept[count++] = r.VirtualIndex;
        }
        Array.Sort(kept, 0, count);
        var distinct = 0;
        for (var i = 0; i < count; i++)
        {
            if (distinct == 0 || kept[distinct - 1] != kept[i]) kept[distinct++] = kept[i];
        }
        if (distinct < kept.Length) Array.Resize(ref kept, distinct);
        return kept;
    }

    /// <summary>Groups the collected fixed ranges by register (a counting sort), sorts each group by start and turns its
    /// ends into running maxima. The result lives in the workspace.</summary>
    private static (int[] First, int[] Starts, int[] MaxEnds) GroupFixedRanges(Workspace ws, int count)
    {
        var registers = ws.RangeRegister;
        var rangeStarts = ws.RangeStart;
        var rangeEnds = ws.RangeEnd;
        var first = Workspace.Ints(ref ws.RangeFirst, PhysicalCount + 1);
        for (var i = 0; i < count; i++) first[registers[i] + 1]++;
        for (var p = 0; p < PhysicalCount; p++) first[p + 1] += first[p];
        var starts = Workspace.Uncleared(ref ws.GroupedStarts, count);
        var maxEnds = Workspace.Uncleared(ref ws.GroupedMaxEnds, count);
        var fill = Workspace.Uncleared(ref ws.RangeOrder, PhysicalCount);
        Array.Copy(first, fill, PhysicalCount);
        for (var i = 0; i < count; i++)
        {
            var at = fill[registers[i]]++;
            starts[at] = rangeStarts[i];
            maxEnds[at] = rangeEnds[i];
        }
        for (var p = 0; p < PhysicalCount; p++)
        {
            int from = first[p], to = first[p + 1];
            if (from == to) continue;
            // Ranges mostly arrive in order (one pass over the function), so check before sorting. Ranges with
            // equal starts may end up in any order: the running maximum makes queries independent of it.
            for (var i = from + 1; i < to; i++)
            {
                if (starts[i - 1] <= starts[i]) continue;
                Array.Sort(starts, maxEnds, from, to - from);
                break;
            }
            var max = int.MinValue;
            for (var i = from; i < to; i++)
            {
                max = Math.Max(max, maxEnds[i]);
                maxEnds[i] = max;
            }
        }
        return (first, starts, maxEnds);
    }

    /// <summary>The calls' positions grouped by clobber set (a counting sort; ascending within a set, as collected).</summary>
    private static (int[] First, int[] Positions) GroupCalls(Workspace ws, int callCount, int setCount)
    {
        var first = Workspace.Ints(ref ws.CallFirst, setCount + 1);
        var positions = Workspace.Uncleared(ref ws.CallPositions, callCount);
        var callIndex = ws.CallIndex;
        var callSet = ws.CallSet;
        if (setCount == 1)
        {
            first[1] = callCount;
            for (var i = 0; i < callCount; i++) positions[i] = 2 * callIndex[i] + 1;
            return (first, positions);
        }
        for (var i = 0; i < callCount; i++) first[callSet[i] + 1]++;
        for (var s = 0; s < setCount; s++) first[s + 1] += first[s];
        var fill = Workspace.Uncleared(ref ws.CallFill, setCount);
        Array.Copy(first, fill, setCount);
        for (var i = 0; i < callCount; i++) positions[fill[callSet[i]]++] = 2 * callIndex[i] + 1;
        return (first, positions);
    }

    /// <summary>
    /// Sets <see cref="LiveInterval.CrossesCall"/> and <see cref="LiveInterval.CrossesColdCall"/> exactly: a backward
    /// scan of each block from its live-out set (recorded by <see cref="ExtendAcrossBlocks"/>, which runs first) marks
    /// every register live after a call (<paramref name="callIndex"/>: the calls' instruction indices, ascending) and not
    /// written by it, by whether the call's block is cold, and records each cold crossing (<see cref="ColdCrossings"/>;
    /// sorted here, those of registers that also cross a hot call dropped). The cost is the live set at each call, which
    /// the clobbers it adds to the fixed ranges already match. Returns how many cold crossings were kept.
    /// </summary>
    private static int MarkCallCrossings(MachineFunction function, LiveInterval[] intervals, int vregCount, int[] keptAlive, int[] callIndex, int callCount)
    {
        var blocks = function.Blocks;
        var ws = Workspace.Current;
        // Source variables' registers treat cold calls as hot: debug information gives a variable one home for its
        // whole interval (DebugVariableLocations), which a register saved around a call would not be inside the call.
        var variables = function.DebugVariables;
        var crossings = ws.ColdCrossings;
        var crossingCount = 0;
        var list = Workspace.Uncleared(ref ws.LiveList, vregCount);
        var position = Workspace.Uncleared(ref ws.LivePosition, vregCount);
        var stampOf = Workspace.Ints(ref ws.LiveStamp, vregCount);
        var outHead = ws.OutHead;
        var outNext = ws.OutNext;
        var outValue = ws.OutValue;
        var count = 0;
        var stamp = 0;
        // Walked backwards from the last block, so the next call to meet is the last one not yet passed.
        var nextCall = callCount - 1;
        var lastIndex = 0;
        for (var b = 0; b < blocks.Count; b++) lastIndex += blocks[b].Instructions.Count;
        for (var b = blocks.Count - 1; b >= 0; b--)
        {
            var instructions = CollectionsMarshal.AsSpan(blocks[b].Instructions);
            var firstIndex = lastIndex - instructions.Length;
            lastIndex = firstIndex;
            // A block without a call only matters through its live-out set, which ExtendAcrossBlocks already recorded.
            if (nextCall < 0 || callIndex[nextCall] < firstIndex) continue;
            stamp = b + 1;
            count = 0;
            for (var e = outHead[b]; e >= 0; e = outNext[e]) Add(outValue[e]);
            var cold = blocks[b].IsCold;
            var block = blocks[b];
            for (var n = instructions.Length - 1; n >= 0 && nextCall >= 0 && callIndex[nextCall] >= firstIndex; n--)
            {
                var instr = instructions[n];
                var operands = instr.Operands;
                for (var k = 0; k < operands.Length; k++)
                {
                    ref readonly var op = ref operands[k];
                    if (op.Kind == OperandKind.Register && op.Register.IsVirtual && op.Access == OperandAccess.Def) Remove(op.Register.VirtualIndex);
                }
                if (callIndex[nextCall] == firstIndex + n)
                {
                    nextCall--;
                    if (!cold)
                    {
                        for (var k = 0; k < count; k++) intervals[list[k]].CrossesCall = true;
                    }
                    else
                    {
                        if (crossings.Length < crossingCount + count)
                        {
                            Array.Resize(ref ws.ColdCrossings, Math.Max(crossingCount + count, Math.Max(64, 2 * crossings.Length)));
                            crossings = ws.ColdCrossings;
                        }
                        var at = (long)(firstIndex + n) << 32;
                        for (var k = 0; k < count; k++)
                        {
                            intervals[list[k]].CrossesColdCall = true;
                            crossings[crossingCount++] = at | (uint)list[k];
                        }
                    }
                }
                if (keptAlive.Length > 0 && EndsFunction(instr, block))
                {
                    foreach (var v in keptAlive) Add(v);
                }
                for (var k = 0; k < operands.Length; k++)
                {
                    ref readonly var op = ref operands[k];
                    if (!op.HasRegister || !op.Register.IsVirtual) continue;
                    if (op.Kind == OperandKind.Memory || op.Access is OperandAccess.Use or OperandAccess.UseDef) Add(op.Register.VirtualIndex);
                }
            }
        }
        if (crossingCount == 0) return 0;

        foreach (var variable in variables)
        {
            if (variable.Register is { IsVirtual: true } r && intervals[r.VirtualIndex].CrossesColdCall) intervals[r.VirtualIndex].CrossesCall = true;
        }
        // Keep the crossings of registers that cross no hot call, in instruction order (the rewrite walks them in step).
        var kept = 0;
        for (var i = 0; i < crossingCount; i++)
        {
            if (!intervals[(int)(uint)crossings[i]].CrossesCall) crossings[kept++] = crossings[i];
        }
        Array.Sort(crossings, 0, kept);
        return kept;

        void Add(int v)
        {
            if (stampOf[v] == stamp) return;
            stampOf[v] = stamp;
            position[v] = count;
            list[count++] = v;
        }

        void Remove(int v)
        {
            if (stampOf[v] != stamp) return;
            stampOf[v] = 0;
            var at = position[v];
            var last = list[--count];
            list[at] = last;
            position[last] = at;
        }
    }

    /// <summary>
    /// Extends each interval over the blocks its register is live into (start) and out of (end). Path exploration
    /// per register (Appel, "Modern Compiler Implementation", 10.1; Boissinot et al. 2011): from every block with an
    /// upward-exposed use, walk predecessors until a block that defines the register. The cost is the size of the
    /// live ranges, not blocks × registers: a module's top level can have tens of thousands of each, and per-block
    /// bit sets made register allocation quadratic (seconds for a 10,000-line file). The use and definition blocks per
    /// register come from <see cref="Compute(MachineFunction)"/>'s pass (<see cref="Workspace.UseHead"/>, <see cref="Workspace.DefHead"/>).
    /// </summary>
    private static void ExtendAcrossBlocks(MachineFunction function, LiveInterval[] intervals, int vregCount, int[] blockStarts, int[] blockEnds,
        int[] predStart, int[] predecessors, Workspace ws)
    {
        var blocks = function.Blocks;
        var blockCount = blocks.Count;
        var useHead = ws.UseHead;
        var defHead = ws.DefHead;
        var entryBlock = ws.EntryBlock;
        var entryNext = ws.EntryNext;

        // Stamps (register number + 1) instead of cleared sets, so each register's walk costs only what it visits.
        var liveInStamp = Workspace.Ints(ref ws.LiveInStamp, blockCount);
        var liveOutStamp = Workspace.Ints(ref ws.LiveOutStamp, blockCount);
        var defStamp = Workspace.Ints(ref ws.DefStamp, blockCount);
        var work = Workspace.Uncleared(ref ws.Work, blockCount);
        // Each block's live-out registers, for MarkCallCrossings.
        var outHead = Workspace.Uncleared(ref ws.OutHead, blockCount);
        Array.Fill(outHead, -1, 0, blockCount);
        var outValue = Workspace.Uncleared(ref ws.OutValue, 64);
        var outNext = Workspace.Uncleared(ref ws.OutNext, 64);
        var outs = 0;
        for (var v = 0; v < vregCount; v++)
        {
            if (useHead[v] < 0) continue;
            var stamp = v + 1;
            var interval = intervals[v];
            for (var e = defHead[v]; e >= 0; e = entryNext[e]) defStamp[entryBlock[e]] = stamp;
            var top = 0;
            for (var e = useHead[v]; e >= 0; e = entryNext[e])
            {
                var b = entryBlock[e];
                if (liveInStamp[b] == stamp) continue;
                liveInStamp[b] = stamp;
                work[top++] = b;
            }
            while (top > 0)
            {
                var b = work[--top];
                interval.Extend(blockStarts[b]);
                for (var i = predStart[b]; i < predStart[b + 1]; i++)
                {
                    var p = predecessors[i];
                    if (liveOutStamp[p] != stamp)
                    {
                        liveOutStamp[p] = stamp;
                        interval.Extend(blockEnds[p]);
                        if (outs == outValue.Length)
                        {
                            outValue = Workspace.Grow(ref ws.OutValue, outs + 1);
                            outNext = Workspace.Grow(ref ws.OutNext, outs + 1);
                        }
                        outValue[outs] = v;
                        outNext[outs] = outHead[p];
                        outHead[p] = outs++;
                    }
                    if (defStamp[p] == stamp || liveInStamp[p] == stamp) continue;
                    liveInStamp[p] = stamp;
                    work[top++] = p;
                }
            }
        }
    }
}
