using Sox.Compiler.CodeGen.Mir;

namespace Sox.Compiler.CodeGen.RegisterAllocation;

/// <summary>
/// Liveness of a machine function: one <see cref="LiveInterval"/> per virtual register, covering every block the
/// register is live into or out of, and the ranges during which each physical register is occupied (explicit and
/// implicit uses/defs, call clobbers).
/// </summary>
public sealed class Liveness
{
    private Liveness(LiveInterval[] intervals, Dictionary<int, FixedRanges> fixedRanges, int[] blockStarts, int[] blockEnds)
    {
        Intervals = intervals;
        FixedRanges = fixedRanges;
        BlockStarts = blockStarts;
        BlockEnds = blockEnds;
    }

    public IReadOnlyList<LiveInterval> Intervals { get; }

    /// <summary>Per physical register, the position ranges (inclusive) in which it holds something or is destroyed.</summary>
    public IReadOnlyDictionary<int, FixedRanges> FixedRanges { get; }

    public int[] BlockStarts { get; }

    public int[] BlockEnds { get; }

    public bool PhysicalConflicts(int physical, int start, int end)
    {
        return FixedRanges.TryGetValue(physical, out var ranges) && ranges.Overlaps(start, end);
    }

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

        var fixedRanges = new Dictionary<int, FixedRanges>();

        index = 0;
        for (var b = 0; b < blocks.Count; b++)
        {
            var open = new Dictionary<int, (int Start, int End)>();
            foreach (var instr in blocks[b].Instructions)
            {
                var usePos = 2 * index;
                var defPos = usePos + 1;
                foreach (var op in instr.Operands)
                {
                    if (!op.HasRegister) continue;
                    var isUse = op.Kind == OperandKind.Memory || op.Access is OperandAccess.Use or OperandAccess.UseDef;
                    var isDef = op.Kind == OperandKind.Register && op.Access is OperandAccess.Def or OperandAccess.UseDef;
                    if (op.Register.IsVirtual)
                    {
                        if (isUse) intervals[op.Register.VirtualIndex].Extend(usePos);
                        if (isDef) intervals[op.Register.VirtualIndex].Extend(defPos);
                    }
                    else
                    {
                        if (isUse) PhysicalUse(op.Register.PhysicalNumber, usePos);
                        if (isDef) PhysicalDef(op.Register.PhysicalNumber, defPos);
                    }
                }
                foreach (var p in instr.ImplicitUses) PhysicalUse(p, usePos);
                foreach (var p in instr.ImplicitDefs) PhysicalDef(p, defPos);
                foreach (var p in instr.Clobbers) AddFixed(p, defPos, defPos);
                index++;
            }
            foreach (var (p, range) in open) AddFixed(p, range.Start, range.End);

            void PhysicalUse(int p, int pos)
            {
                open[p] = open.TryGetValue(p, out var r) ? (r.Start, pos) : (blockStarts[b], pos);
            }

            void PhysicalDef(int p, int pos)
            {
                if (open.Remove(p, out var r)) AddFixed(p, r.Start, r.End);
                open[p] = (pos, pos);
            }
        }

        foreach (var ranges in fixedRanges.Values) ranges.Seal();
        return new Liveness(intervals, fixedRanges, blockStarts, blockEnds);

        void AddFixed(int p, int start, int end)
        {
            if (!fixedRanges.TryGetValue(p, out var list)) fixedRanges[p] = list = new FixedRanges();
            list.Add(start, end);
        }
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
        var vregCount = intervals.Length;
        var predecessors = new List<int>[blocks.Count];
        for (var b = 0; b < blocks.Count; b++) predecessors[b] = new List<int>(2);
        for (var b = 0; b < blocks.Count; b++)
            foreach (var s in blocks[b].Successors) predecessors[s].Add(b);

        // Blocks with an upward-exposed use (read before any write in the block) and blocks with a write, per register.
        var useBlocks = new List<int>?[vregCount];
        var defBlocks = new List<int>?[vregCount];
        var lastDefBlock = new int[vregCount];
        var lastUseBlock = new int[vregCount];
        Array.Fill(lastDefBlock, -1);
        Array.Fill(lastUseBlock, -1);
        for (var b = 0; b < blocks.Count; b++)
        {
            foreach (var instr in blocks[b].Instructions)
            {
                foreach (var op in instr.Operands)
                {
                    if (!op.HasRegister || !op.Register.IsVirtual) continue;
                    var isUse = op.Kind == OperandKind.Memory || op.Access is OperandAccess.Use or OperandAccess.UseDef;
                    var v = op.Register.VirtualIndex;
                    if (isUse && lastDefBlock[v] != b && lastUseBlock[v] != b)
                    {
                        lastUseBlock[v] = b;
                        (useBlocks[v] ??= new List<int>(2)).Add(b);
                    }
                }
                foreach (var op in instr.Operands)
                {
                    if (op.Kind != OperandKind.Register || !op.Register.IsVirtual || op.Access is not (OperandAccess.Def or OperandAccess.UseDef)) continue;
                    var v = op.Register.VirtualIndex;
                    if (lastDefBlock[v] == b) continue;
                    lastDefBlock[v] = b;
                    (defBlocks[v] ??= new List<int>(2)).Add(b);
                }
            }
        }

        // Stamps (register number + 1) instead of cleared sets, so each register's walk costs only what it visits.
        var liveInStamp = new int[blocks.Count];
        var liveOutStamp = new int[blocks.Count];
        var defStamp = new int[blocks.Count];
        var work = new Stack<int>();
        for (var v = 0; v < vregCount; v++)
        {
            if (useBlocks[v] is not { } uses) continue;
            var stamp = v + 1;
            if (defBlocks[v] is { } defs) foreach (var d in defs) defStamp[d] = stamp;
            foreach (var b in uses)
            {
                if (liveInStamp[b] == stamp) continue;
                liveInStamp[b] = stamp;
                work.Push(b);
            }
            while (work.Count > 0)
            {
                var b = work.Pop();
                intervals[v].Extend(blockStarts[b]);
                foreach (var p in predecessors[b])
                {
                    if (liveOutStamp[p] != stamp)
                    {
                        liveOutStamp[p] = stamp;
                        intervals[v].Extend(blockEnds[p]);
                    }
                    if (defStamp[p] == stamp || liveInStamp[p] == stamp) continue;
                    liveInStamp[p] = stamp;
                    work.Push(p);
                }
            }
        }
    }
}
