using Sox.Compiler.CodeGen.Mir;

namespace Sox.Compiler.CodeGen.RegisterAllocation;

/// <summary>
/// Liveness of a machine function: per-block live-in/live-out sets of virtual registers (backward dataflow to
/// a fixed point), then one <see cref="LiveInterval"/> per virtual register, the ranges during which each
/// physical register is occupied (explicit and implicit uses/defs, call clobbers), and the call positions.
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

        // Local use (read before written) and def sets per block.
        var use = new BitSet[blocks.Count];
        var def = new BitSet[blocks.Count];
        for (var b = 0; b < blocks.Count; b++)
        {
            use[b] = new BitSet(vregCount);
            def[b] = new BitSet(vregCount);
            foreach (var instr in blocks[b].Instructions)
            {
                foreach (var op in instr.Operands)
                {
                    if (!op.HasRegister || !op.Register.IsVirtual) continue;
                    var v = op.Register.VirtualIndex;
                    if (op.Access is OperandAccess.Use or OperandAccess.UseDef && !def[b][v]) use[b].Set(v);
                }
                foreach (var op in instr.Operands)
                {
                    if (op.Kind == OperandKind.Register && op.Register.IsVirtual && op.Access is OperandAccess.Def or OperandAccess.UseDef)
                        def[b].Set(op.Register.VirtualIndex);
                }
            }
        }

        // live-in(b) = use(b) ∪ (live-out(b) − def(b)); live-out(b) = ∪ live-in(successors).
        var liveIn = new BitSet[blocks.Count];
        var liveOut = new BitSet[blocks.Count];
        for (var b = 0; b < blocks.Count; b++)
        {
            liveIn[b] = new BitSet(vregCount);
            liveOut[b] = new BitSet(vregCount);
        }
        bool changed;
        do
        {
            changed = false;
            for (var b = blocks.Count - 1; b >= 0; b--)
            {
                // Sets only grow from empty, so unions reach the least fixed point.
                foreach (var s in blocks[b].Successors) changed |= liveOut[b].UnionWith(liveIn[s]);
                changed |= liveIn[b].AssignTransfer(use[b], liveOut[b], def[b]);
            }
        } while (changed);

        var intervals = new LiveInterval[vregCount];
        for (var v = 0; v < vregCount; v++) intervals[v] = new LiveInterval(v, function.VirtualRegisters[v]);
        var fixedRanges = new Dictionary<int, FixedRanges>();

        index = 0;
        for (var b = 0; b < blocks.Count; b++)
        {
            foreach (var v in liveIn[b].Members()) intervals[v].Extend(blockStarts[b]);
            foreach (var v in liveOut[b].Members()) intervals[v].Extend(blockEnds[b]);
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
}
