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
/// make any per-function constant count too.
/// </remarks>
public sealed class Liveness
{
    /// <summary>Physical registers are numbered below this (general 0–31, float 32–63; see <see cref="TargetDescription"/>).</summary>
    public const int PhysicalCount = 2 * TargetDescription.FloatBase;

    // Fixed ranges: the position ranges (inclusive) in which each physical register holds something or is
    // destroyed (argument and result registers, implicit operands, call clobbers). Grouped by register (the ranges
    // of p are at [_rangeFirst[p], _rangeFirst[p + 1])), sorted by start, with a running maximum of the ends, so
    // "does [start, end] overlap a range of p" is one binary search even in a function with thousands of calls.
    private readonly int[] _rangeFirst;
    private readonly int[] _rangeStarts;
    private readonly int[] _rangeMaxEnds;

    // Call clobbers, kept apart from the other fixed ranges: they only matter to a register live across the call
    // (LiveInterval.CrossesCall), grouped the same way.
    private readonly int[] _clobberFirst;
    private readonly int[] _clobberStarts;
    private readonly int[] _clobberMaxEnds;

    private Liveness(LiveInterval[] intervals, (int[] First, int[] Starts, int[] MaxEnds) fixedRanges,
        (int[] First, int[] Starts, int[] MaxEnds) clobbers, int[] blockStarts, int[] blockEnds, int coldCrossingCount)
    {
        ColdCrossingCount = coldCrossingCount;
        Intervals = intervals;
        (_rangeFirst, _rangeStarts, _rangeMaxEnds) = fixedRanges;
        (_clobberFirst, _clobberStarts, _clobberMaxEnds) = clobbers;
        BlockStarts = blockStarts;
        BlockEnds = blockEnds;
    }

    /// <summary>One interval per virtual register, by virtual index.</summary>
    public IReadOnlyList<LiveInterval> Intervals { get; }

    /// <summary>
    /// The first <see cref="ColdCrossingCount"/> entries: each (call in a cold block, register live across it) as
    /// <c>instruction index &lt;&lt; 32 | virtual index</c>, ascending, for registers that cross no hot call
    /// (<see cref="LiveInterval.CrossesColdCall"/>). Valid until the next function's liveness on this thread.
    /// </summary>
    public long[] ColdCrossings => Workspace.Current.ColdCrossings;

    /// <summary>How many <see cref="ColdCrossings"/> there are.</summary>
    public int ColdCrossingCount { get; }

    /// <summary>The first position of each block.</summary>
    public int[] BlockStarts { get; }

    /// <summary>The last position of each block.</summary>
    public int[] BlockEnds { get; }

    /// <summary>How many fixed ranges physical register <paramref name="physical"/> has.</summary>
    public int FixedRangeCount(int physical) => _rangeFirst[physical + 1] - _rangeFirst[physical];

    /// <summary>True when a fixed range of <paramref name="physical"/> other than a call clobber overlaps [start, end] (inclusive).</summary>
    public bool PhysicalConflicts(int physical, int start, int end) => Overlaps(_rangeFirst, _rangeStarts, _rangeMaxEnds, physical, start, end);

    /// <summary>
    /// Whether <paramref name="interval"/> may not have <paramref name="physical"/>: a fixed range of it overlaps the
    /// interval, or the interval is live across a call (<see cref="LiveInterval.CrossesCall"/>) and a call in it
    /// clobbers the register.
    /// </summary>
    public bool Conflicts(int physical, LiveInterval interval) =>
        PhysicalConflicts(physical, interval.Start, interval.End)
        || (interval.CrossesCall && Overlaps(_clobberFirst, _clobberStarts, _clobberMaxEnds, physical, interval.Start, interval.End));

    private static bool Overlaps(int[] rangeFirst, int[] rangeStarts, int[] rangeMaxEnds, int physical, int start, int end)
    {
        // Last range of the register whose start <= end; any range at or before it with an end >= start overlaps.
        int first = rangeFirst[physical], lo = first, hi = rangeFirst[physical + 1] - 1;
        while (lo <= hi)
        {
            var mid = (lo + hi) >>> 1;
            if (rangeStarts[mid] <= end) lo = mid + 1;
            else hi = mid - 1;
        }
        return hi >= first && rangeMaxEnds[hi] >= start;
    }

    /// <summary>Computes block liveness, the intervals and the fixed ranges of <paramref name="function"/>.</summary>
    public static Liveness Compute(MachineFunction function)
    {
        var blocks = function.Blocks;
        var vregCount = function.VirtualRegisters.Count;
        var blockStarts = new int[blocks.Count];
        var blockEnds = new int[blocks.Count];
        var index = 0;
        for (var b = 0; b < blocks.Count; b++)
        {
            blockStarts[b] = 2 * index;
            index += blocks[b].Instructions.Count;
            blockEnds[b] = Math.Max(blockStarts[b], 2 * index - 1);
        }

        var intervals = new LiveInterval[vregCount];
        for (var v = 0; v < vregCount; v++) intervals[v] = new LiveInterval(v, function.VirtualRegisters[v]);
        var keptAlive = KeptAlive(function);
        ExtendAcrossBlocks(function, intervals, blockStarts, blockEnds, keptAlive);
        var coldCrossingCount = MarkCallCrossings(function, intervals, keptAlive);

        var workspace = Workspace.Current;
        var rangeCount = 0;
        var clobberCount = 0;
        // The physical registers with an open range in the current block: start and end of the range, and which
        // are open (a stamp per block, so nothing needs clearing).
        var openStart = Workspace.Uncleared(ref workspace.OpenStart, PhysicalCount);
        var openEnd = Workspace.Uncleared(ref workspace.OpenEnd, PhysicalCount);
        var openStamp = Workspace.Ints(ref workspace.OpenStamp, PhysicalCount);
        var openList = Workspace.Uncleared(ref workspace.OpenList, PhysicalCount);
        var openCount = 0;

        index = 0;
        for (var b = 0; b < blocks.Count; b++)
        {
            var stamp = b + 1;
            openCount = 0;
            var instructions = blocks[b].Instructions;
            for (var n = 0; n < instructions.Count; n++)
            {
                var instr = instructions[n];
                var usePos = 2 * index;
                var defPos = usePos + 1;
                var operands = instr.Operands;
                for (var k = 0; k < operands.Length; k++)
                {
                    ref readonly var op = ref operands[k];
                    if (!op.HasRegister) continue;
                    var isUse = op.Kind == OperandKind.Memory || op.Access is OperandAccess.Use or OperandAccess.UseDef;
                    var isDef = op.Kind == OperandKind.Register && op.Access is OperandAccess.Def or OperandAccess.UseDef;
                    if (op.Register.IsVirtual)
                    {
                        var interval = intervals[op.Register.VirtualIndex];
                        if (isUse) interval.Extend(usePos);
                        if (isDef) interval.Extend(defPos);
                    }
                    else
                    {
                        if (isUse) PhysicalUse(op.Register.PhysicalNumber, usePos, blockStarts[b]);
                        if (isDef) PhysicalDef(op.Register.PhysicalNumber, defPos);
                    }
                }
                var implicitUses = instr.ImplicitUses;
                for (var k = 0; k < implicitUses.Count; k++) PhysicalUse(implicitUses[k], usePos, blockStarts[b]);
                var implicitDefs = instr.ImplicitDefs;
                for (var k = 0; k < implicitDefs.Count; k++) PhysicalDef(implicitDefs[k], defPos);
                if (instr.Clobbers.Count > 0)
                {
                    // Calls share their target's caller-saved set: copy it to an array once, not per call.
                    if (!ReferenceEquals(instr.Clobbers, workspace.Clobbers))
                    {
                        workspace.Clobbers = instr.Clobbers;
                        workspace.ClobberArray = instr.Clobbers.ToArray();
                    }
                    foreach (var p in workspace.ClobberArray) AddClobber(p, defPos);
                }
                if (keptAlive.Length > 0 && EndsFunction(instr, blocks[b]))
                {
                    foreach (var v in keptAlive) intervals[v].Extend(usePos);
                }
                index++;
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

        var fixedRanges = GroupFixedRanges(workspace, workspace.RangeRegister, workspace.RangeStart, workspace.RangeEnd, rangeCount);
        var clobbers = GroupFixedRanges(workspace, workspace.ClobberRegister, workspace.ClobberStart, workspace.ClobberEnd, clobberCount);
        return new Liveness(intervals, fixedRanges, clobbers, blockStarts, blockEnds, coldCrossingCount);

        void AddClobber(int p, int position)
        {
            if ((uint)p >= PhysicalCount) throw new InvalidOperationException($"physical register {p} is out of range");
            Workspace.Grow(ref workspace.ClobberRegister, clobberCount + 1)[clobberCount] = p;
            Workspace.Grow(ref workspace.ClobberStart, clobberCount + 1)[clobberCount] = position;
            Workspace.Grow(ref workspace.ClobberEnd, clobberCount + 1)[clobberCount] = position;
            clobberCount++;
        }

        void AddFixed(int p, int start, int end)
        {
            if ((uint)p >= PhysicalCount) throw new InvalidOperationException($"physical register {p} is out of range");
            Workspace.Grow(ref workspace.RangeRegister, rangeCount + 1)[rangeCount] = p;
            Workspace.Grow(ref workspace.RangeStart, rangeCount + 1)[rangeCount] = start;
            Workspace.Grow(ref workspace.RangeEnd, rangeCount + 1)[rangeCount] = end;
            rangeCount++;
        }
    }

    /// <summary>Whether <paramref name="instr"/> leaves the function: a return, or the trap that ends a block without
    /// successors (after a call that does not return, such as a runtime error).</summary>
    public static bool EndsFunction(MachineInstr instr, MachineBlock block) => instr.IsReturn || (instr.IsTerminator && block.Successors.Count == 0);

    /// <summary>
    /// The virtual registers of <see cref="MachineFunction.DebugVariables"/> when
    /// <see cref="MachineFunction.KeepVariablesLive"/> is set: each return reads them, so they stay live (in their
    /// register or slot) from their assignment to the function's end.
    /// </summary>
    public static int[] KeptAlive(MachineFunction function)
    {
        if (!function.KeepVariablesLive || function.DebugVariables.Count == 0) return [];
        var kept = new SortedSet<int>();
        foreach (var variable in function.DebugVariables)
        {
            if (variable.Register is { IsVirtual: true } r) kept.Add(r.VirtualIndex);
        }
        return [.. kept];
    }

    /// <summary>Groups the collected fixed ranges by register (a counting sort), sorts each group by start and turns its ends into running maxima.</summary>
    private static (int[] First, int[] Starts, int[] MaxEnds) GroupFixedRanges(Workspace workspace, int[] registers, int[] rangeStarts, int[] rangeEnds, int count)
    {
        var first = new int[PhysicalCount + 1];
        for (var i = 0; i < count; i++) first[registers[i] + 1]++;
        for (var p = 0; p < PhysicalCount; p++) first[p + 1] += first[p];
        var starts = new int[count];
        var maxEnds = new int[count];
        var fill = Workspace.Uncleared(ref workspace.RangeOrder, PhysicalCount);
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

    /// <summary>
    /// Sets <see cref="LiveInterval.CrossesCall"/> and <see cref="LiveInterval.CrossesColdCall"/> exactly: a backward
    /// scan of each block from its live-out set (recorded by <see cref="ExtendAcrossBlocks"/>, which runs first) marks
    /// every register live after an instruction with clobbers and not written by it, by whether the call's block is
    /// cold, and records each cold crossing (<see cref="ColdCrossings"/>; sorted here, those of registers that also
    /// cross a hot call dropped). The cost is the live set at each call, which the clobbers it adds to the fixed
    /// ranges already match. Returns how many cold crossings were kept.
    /// </summary>
    private static int MarkCallCrossings(MachineFunction function, LiveInterval[] intervals, int[] keptAlive)
    {
        var blocks = function.Blocks;
        var hasClobbers = false;
        foreach (var block in blocks)
        {
            foreach (var instr in block.Instructions) hasClobbers |= instr.Clobbers.Count > 0;
        }
        if (!hasClobbers || intervals.Length == 0) return 0;
        var ws = Workspace.Current;
        // Source variables' registers treat cold calls as hot: debug information gives a variable one home for its
        // whole interval (DebugVariableLocations), which a register saved around a call would not be inside the call.
        var variables = function.DebugVariables;
        var crossings = ws.ColdCrossings;
        var crossingCount = 0;
        var firstIndex = 0;
        var list = Workspace.Uncleared(ref ws.LiveList, intervals.Length);
        var position = Workspace.Uncleared(ref ws.LivePosition, intervals.Length);
        var stampOf = Workspace.Ints(ref ws.LiveStamp, intervals.Length);
        var outHead = ws.OutHead;
        var count = 0;
        var stamp = 0;
        for (var b = 0; b < blocks.Count; b++)
        {
            stamp = b + 1;
            count = 0;
            for (var e = outHead[b]; e >= 0; e = ws.OutNext[e]) Add(ws.OutValue[e]);
            var instructions = blocks[b].Instructions;
            var cold = blocks[b].IsCold;
            for (var n = instructions.Count - 1; n >= 0; n--)
            {
                var instr = instructions[n];
                var operands = instr.Operands;
                for (var k = 0; k < operands.Length; k++)
                {
                    ref readonly var op = ref operands[k];
                    if (op.Kind == OperandKind.Register && op.Register.IsVirtual && op.Access == OperandAccess.Def) Remove(op.Register.VirtualIndex);
                }
                if (instr.Clobbers.Count > 0 && !cold)
                {
                    for (var k = 0; k < count; k++) intervals[list[k]].CrossesCall = true;
                }
                else if (instr.Clobbers.Count > 0)
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
                if (keptAlive.Length > 0 && EndsFunction(instr, blocks[b]))
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
            firstIndex += instructions.Count;
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
    /// bit sets made register allocation quadratic (seconds for a 10,000-line file).
    /// </summary>
    private static void ExtendAcrossBlocks(MachineFunction function, LiveInterval[] intervals, int[] blockStarts, int[] blockEnds, int[] keptAlive)
    {
        var blocks = function.Blocks;
        var blockCount = blocks.Count;
        var vregCount = intervals.Length;
        if (vregCount == 0) return;
        var ws = Workspace.Current;

        Workspace.PredecessorRows(blocks, ref ws.PredStart, ref ws.Predecessors, ref ws.PredFill, out var predStart, out var predecessors);

        // Blocks with an upward-exposed use (read before any write in the block) and blocks with a write, per
        // register, as linked lists threaded through flat arrays (head per register, next per entry).
        var useHead = Workspace.Uncleared(ref ws.UseHead, vregCount);
        var defHead = Workspace.Uncleared(ref ws.DefHead, vregCount);
        Array.Fill(useHead, -1, 0, vregCount);
        Array.Fill(defHead, -1, 0, vregCount);
        var entryBlock = Workspace.Uncleared(ref ws.EntryBlock, 64);
        var entryNext = Workspace.Uncleared(ref ws.EntryNext, 64);
        var entries = 0;
        var lastDefBlock = Workspace.Uncleared(ref ws.LastDefBlock, vregCount);
        var lastUseBlock = Workspace.Uncleared(ref ws.LastUseBlock, vregCount);
        Array.Fill(lastDefBlock, -1, 0, vregCount);
        Array.Fill(lastUseBlock, -1, 0, vregCount);
        for (var b = 0; b < blockCount; b++)
        {
            var instructions = blocks[b].Instructions;
            for (var n = 0; n < instructions.Count; n++)
            {
                var operands = instructions[n].Operands;
                for (var k = 0; k < operands.Length; k++)
                {
                    ref readonly var op = ref operands[k];
                    if (!op.HasRegister || !op.Register.IsVirtual) continue;
                    var isUse = op.Kind == OperandKind.Memory || op.Access is OperandAccess.Use or OperandAccess.UseDef;
                    var v = op.Register.VirtualIndex;
                    if (isUse && lastDefBlock[v] != b && lastUseBlock[v] != b)
                    {
                        lastUseBlock[v] = b;
                        Push(ref useHead[v], b);
                    }
                }
                for (var k = 0; k < operands.Length; k++)
                {
                    ref readonly var op = ref operands[k];
                    if (op.Kind != OperandKind.Register || !op.Register.IsVirtual || op.Access is not (OperandAccess.Def or OperandAccess.UseDef)) continue;
                    var v = op.Register.VirtualIndex;
                    if (lastDefBlock[v] == b) continue;
                    lastDefBlock[v] = b;
                    Push(ref defHead[v], b);
                }
                if (keptAlive.Length == 0 || !EndsFunction(instructions[n], blocks[b])) continue;
                foreach (var v in keptAlive)
                {
                    if (lastDefBlock[v] == b || lastUseBlock[v] == b) continue;
                    lastUseBlock[v] = b;
                    Push(ref useHead[v], b);
                }
            }
        }

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
    }
}
