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

    private readonly FixedRanges?[] _fixedRanges;

    private Liveness(LiveInterval[] intervals, FixedRanges?[] fixedRanges, int[] blockStarts, int[] blockEnds)
    {
        Intervals = intervals;
        _fixedRanges = fixedRanges;
        BlockStarts = blockStarts;
        BlockEnds = blockEnds;
    }

    public IReadOnlyList<LiveInterval> Intervals { get; }

    /// <summary>Per physical register, the position ranges (inclusive) in which it holds something or is destroyed (null: none).</summary>
    public FixedRanges? FixedRangesOf(int physical) => _fixedRanges[physical];

    public int[] BlockStarts { get; }

    public int[] BlockEnds { get; }

    public bool PhysicalConflicts(int physical, int start, int end) =>
        _fixedRanges[physical] is { } ranges && ranges.Overlaps(start, end);

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
        ExtendAcrossBlocks(function, intervals, blockStarts, blockEnds);

        var fixedRanges = new FixedRanges?[PhysicalCount];
        // The physical registers with an open range in the current block: start and end of the range, and which
        // are open (a stamp per block, so nothing needs clearing).
        var openStart = new int[PhysicalCount];
        var openEnd = new int[PhysicalCount];
        var openStamp = new int[PhysicalCount];
        var openList = new int[PhysicalCount];
        var openCount = 0;
        IReadOnlyCollection<int>? lastClobbers = null;
        var clobbers = Array.Empty<int>();

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
                    if (!ReferenceEquals(instr.Clobbers, lastClobbers))
                    {
                        lastClobbers = instr.Clobbers;
                        clobbers = instr.Clobbers.ToArray();
                    }
                    foreach (var p in clobbers) AddFixed(p, defPos, defPos);
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

        foreach (var ranges in fixedRanges) ranges?.Seal();
        return new Liveness(intervals, fixedRanges, blockStarts, blockEnds);

        void AddFixed(int p, int start, int end) => (fixedRanges[p] ??= new FixedRanges()).Add(start, end);
    }

    /// <summary>
    /// Extends each interval over the blocks its register is live into (start) and out of (end). Path exploration
    /// per register (Appel, "Modern Compiler Implementation", 10.1; Boissinot et al. 2011): from every block with an
    /// upward-exposed use, walk predecessors until a block that defines the register. The cost is the size of the
    /// live ranges, not blocks × registers: a module's top level can have tens of thousands of each, and per-block
    /// bit sets made register allocation quadratic (seconds for a 10,000-line file).
    /// </summary>
    private static void ExtendAcrossBlocks(MachineFunction function, LiveInterval[] intervals, int[] blockStarts, int[] blockEnds)
    {
        var blocks = function.Blocks;
        var blockCount = blocks.Count;
        var vregCount = intervals.Length;
        if (vregCount == 0) return;

        // Predecessor lists in one array (compressed rows: the predecessors of b are predecessors[predStart[b]..predStart[b + 1]]).
        var predStart = new int[blockCount + 1];
        for (var b = 0; b < blockCount; b++)
            foreach (var s in blocks[b].Successors) predStart[s + 1]++;
        for (var b = 0; b < blockCount; b++) predStart[b + 1] += predStart[b];
        var predecessors = new int[predStart[blockCount]];
        var fill = (int[])predStart.Clone();
        for (var b = 0; b < blockCount; b++)
            foreach (var s in blocks[b].Successors) predecessors[fill[s]++] = b;

        // Blocks with an upward-exposed use (read before any write in the block) and blocks with a write, per
        // register, as linked lists threaded through flat arrays (head per register, next per entry).
        var useHead = new int[vregCount];
        var defHead = new int[vregCount];
        Array.Fill(useHead, -1);
        Array.Fill(defHead, -1);
        var entryBlock = new int[64];
        var entryNext = new int[64];
        var entries = 0;
        var lastDefBlock = new int[vregCount];
        var lastUseBlock = new int[vregCount];
        Array.Fill(lastDefBlock, -1);
        Array.Fill(lastUseBlock, -1);
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
            }
        }

        // Stamps (register number + 1) instead of cleared sets, so each register's walk costs only what it visits.
        var liveInStamp = new int[blockCount];
        var liveOutStamp = new int[blockCount];
        var defStamp = new int[blockCount];
        var work = new int[blockCount];
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
                Array.Resize(ref entryBlock, entries * 2);
                Array.Resize(ref entryNext, entries * 2);
            }
            entryBlock[entries] = block;
            entryNext[entries] = head;
            head = entries++;
        }
    }
}
