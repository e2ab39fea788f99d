using Sox.Compiler.Ir;

namespace Sox.Compiler.Passes;

public sealed partial class FloatRegisters
{
    /// <summary>
    /// Moves each F64 <c>const</c> that is its register's only assignment out of the loops that hold it and make no
    /// call besides operator slow paths (<see cref="CallsEveryIteration"/>), to the end of the loop's preheader,
    /// innermost loop first (so it continues outward through enclosing preheaders). Sound without SSA because nothing
    /// else assigns the register: every read sees the same constant, now from before the loop.
    /// </summary>
    private static void HoistConstants(IrFunction function)
    {
        var assignments = AssignmentCounts(function);
        var loops = Loops.Find(function);
        for (var l = loops.Count - 1; l >= 0; l--)
        {
            var loop = loops[l];
            if (loop.Preheader is not { } preheader || CallsEveryIteration(loop)) continue;
            var moved = new List<Instruction>();
            foreach (var block in loop.Body)
            {
                var instructions = block.Instructions;
                var kept = 0;
                for (var n = 0; n < instructions.Count; n++)
                {
                    var instr = instructions[n];
                    if (instr is ConstInst { Dest.Type: IrType.F64 } c && assignments[c.Dest.Id] == 1)
                    {
                        moved.Add(instr);
                        continue;
                    }
                    instructions[kept++] = instr;
                }
                if (kept < instructions.Count) instructions.RemoveRange(kept, instructions.Count - kept);
            }
            if (moved.Count == 0) continue;
            // Deterministic order (the body is a set): by register number.
            moved.Sort((a, b) => a.Dest!.Id.CompareTo(b.Dest!.Id));
            preheader.Instructions.InsertRange(preheader.Instructions.Count - 1, moved);
        }
    }

    /// <summary>
    /// True when the loop holds a call other than the runtime's operators (the number fast paths' slow paths, which
    /// run only when an operand is not a number): a hoisted constant would be live across that call and rematerialised
    /// after it (<see cref="SplitAtCalls"/>), costing more than materialising it where it is used.
    /// </summary>
    private static bool CallsEveryIteration(Loops.Loop loop)
    {
        foreach (var block in loop.Body)
        {
            foreach (var instr in block.Instructions)
            {
                if (instr is CallInst { NoReturn: false } call && !IsOperatorSlowPath(call.Symbol)) return true;
            }
        }
        return false;
    }

    private static bool IsOperatorSlowPath(string? symbol) => symbol is RuntimeFunctions.Add or RuntimeFunctions.Subtract
        or RuntimeFunctions.Multiply or RuntimeFunctions.Divide or RuntimeFunctions.Modulo or RuntimeFunctions.Less
        or RuntimeFunctions.LessEqual or RuntimeFunctions.Greater or RuntimeFunctions.GreaterEqual or RuntimeFunctions.Negate
        or RuntimeFunctions.Equal or RuntimeFunctions.NotEqual;

    /// <summary>How many instructions assign each register (parameters count once).</summary>
    private static int[] AssignmentCounts(IrFunction function)
    {
        var counts = new int[function.Registers.Count];
        foreach (var p in function.Parameters) counts[p.Id]++;
        foreach (var block in function.Blocks)
        {
            foreach (var instr in block.Instructions)
            {
                if (instr.Dest is { } d) counts[d.Id]++;
            }
        }
        return counts;
    }

    /// <summary>
    /// Parks every F64 register live across a call in a general register, or rematerialises it after the call when its
    /// only assignment is a constant (class summary, "Calls"). Liveness is the usual backward dataflow over the
    /// blocks (registers are not SSA: a read needs the register live back to every assignment that may reach it).
    /// </summary>
    private static void SplitAtCalls(IrFunction function)
    {
        var hasCall = false;
        foreach (var block in function.Blocks)
        {
            foreach (var instr in block.Instructions) hasCall |= instr is CallInst { NoReturn: false };
        }
        if (!hasCall) return;

        // Dense numbering of the F64 registers: the live sets hold only those.
        var registers = function.Registers;
        var dense = new int[registers.Count];
        var floats = new List<VReg>();
        for (var r = 0; r < registers.Count; r++)
        {
            dense[r] = -1;
            if (registers[r].Type != IrType.F64) continue;
            dense[r] = floats.Count;
            floats.Add(registers[r]);
        }
        if (floats.Count == 0) return;

        // Only registers read in some block before that block assigns them can be live at a block boundary (most
        // F64 registers are a fast path's temporaries, assigned and read in one block): the dataflow is over those.
        var assignedIn = new int[floats.Count];
        var crossing = new int[registers.Count];
        Array.Fill(crossing, -1);
        var crossingToDense = new List<int>();
        for (var b = 0; b < function.Blocks.Count; b++)
        {
            foreach (var instr in function.Blocks[b].Instructions)
            {
                foreach (var u in instr.Uses)
                {
                    var f = dense[u.Id];
                    if (f < 0 || assignedIn[f] == b + 1 || crossing[u.Id] >= 0) continue;
                    crossing[u.Id] = crossingToDense.Count;
                    crossingToDense.Add(f);
                }
                if (instr.Dest is { } d && dense[d.Id] >= 0) assignedIn[dense[d.Id]] = b + 1;
            }
        }
        var liveOut = LiveOut(function, crossing, crossingToDense.Count);
        var assignments = AssignmentCounts(function);
        var constantOf = new ConstInst?[floats.Count];
        foreach (var block in function.Blocks)
        {
            foreach (var instr in block.Instructions)
            {
                if (instr is ConstInst { Dest.Type: IrType.F64 } c && assignments[c.Dest.Id] == 1) constantOf[dense[c.Dest.Id]] = c;
            }
        }

        var live = new BitSet(floats.Count);
        var output = new List<Instruction>();
        var before = new List<Instruction>();
        var after = new List<Instruction>();
        for (var b = 0; b < function.Blocks.Count; b++)
        {
            var block = function.Blocks[b];
            var instructions = block.Instructions;
            var callsHere = false;
            foreach (var instr in instructions) callsHere |= instr is CallInst { NoReturn: false };
            if (!callsHere) continue; // nothing to park here; the live sets at block boundaries are already solved
            live.Clear();
            var exits = liveOut[b];
            for (var g = exits.NextMember(0); g >= 0; g = exits.NextMember(g + 1)) live.Set(crossingToDense[g]);
            // Backward, so the live set after each instruction is known when it is reached; the block is built reversed.
            output.Clear();
            for (var n = instructions.Count - 1; n >= 0; n--)
            {
                var instr = instructions[n];
                if (instr is CallInst { NoReturn: false } call)
                {
                    before.Clear();
                    after.Clear();
                    for (var f = live.NextMember(0); f >= 0; f = live.NextMember(f + 1))
                    {
                        var value = floats[f];
                        if (ReferenceEquals(call.Dest, value)) continue;
                        if (constantOf[f] is { } c)
                        {
                            after.Add(Stamp(new ConstInst(value, c.Bits, call.Line), call));
                            continue;
                        }
                        var parked = function.NewRegister(IrType.I64, value.Hint);
                        before.Add(Stamp(new ConvertInst(ConvertKind.FloatToBits, parked, value, call.Line), call));
                        after.Add(Stamp(new ConvertInst(ConvertKind.BitsToFloat, value, parked, call.Line), call));
                    }
                    for (var k = after.Count - 1; k >= 0; k--) output.Add(after[k]);
                    output.Add(instr);
                    for (var k = before.Count - 1; k >= 0; k--) output.Add(before[k]);
                }
                else
                {
                    output.Add(instr);
                }
                Step(instr, live, dense);
            }
            output.Reverse();
            instructions.Clear();
            instructions.AddRange(output);
        }
    }

    /// <summary>The live set before <paramref name="instr"/> from the one after it, over the registers
    /// <paramref name="dense"/> numbers (−1: not tracked).</summary>
    private static void Step(Instruction instr, BitSet live, int[] dense)
    {
        if (instr.Dest is { } d && d.Id < dense.Length && dense[d.Id] >= 0) live.Remove(dense[d.Id]);
        foreach (var u in instr.Uses)
        {
            if (u.Id < dense.Length && dense[u.Id] >= 0) live.Set(dense[u.Id]);
        }
    }

    /// <summary>Per block (by position), which of the registers <paramref name="dense"/> numbers are live at its end:
    /// backward dataflow to a fixpoint. Each block is summarised once as the registers it reads before assigning them
    /// and the registers it assigns (live in = read first ∪ (live out − assigned), the same sets the walk over its
    /// instructions gives), so the sweeps cost word operations per block, not a walk over every instruction.</summary>
    private static BitSet[] LiveOut(IrFunction function, int[] dense, int count)
    {
        var blocks = function.Blocks;
        var positions = FlowGraph.Positions(function);
        var liveIn = new BitSet[blocks.Count];
        var liveOut = new BitSet[blocks.Count];
        var readFirst = new BitSet[blocks.Count];
        var assigned = new BitSet[blocks.Count];
        for (var i = 0; i < blocks.Count; i++)
        {
            liveIn[i] = new BitSet(count);
            liveOut[i] = new BitSet(count);
            var reads = readFirst[i] = new BitSet(count);
            var writes = assigned[i] = new BitSet(count);
            var instructions = blocks[i].Instructions;
            for (var n = instructions.Count - 1; n >= 0; n--)
            {
                var instr = instructions[n];
                Step(instr, reads, dense);
                if (instr.Dest is { } d && d.Id < dense.Length && dense[d.Id] >= 0) writes.Set(dense[d.Id]);
            }
        }
        var live = new BitSet(count);
        bool changed;
        do
        {
            changed = false;
            for (var i = blocks.Count - 1; i >= 0; i--)
            {
                var block = blocks[i];
                var output = liveOut[i];
                var successors = block.Successors;
                for (var k = 0; k < successors.Count; k++)
                {
                    var j = FlowGraph.PositionOf(positions, successors[k]);
                    if (j >= 0) output.UnionWith(liveIn[j]);
                }
                live.CopyFrom(output);
                live.ExceptWith(assigned[i]);
                live.UnionWith(readFirst[i]);
                if (live.SetEquals(liveIn[i])) continue;
                liveIn[i].CopyFrom(live);
                changed = true;
            }
        }
        while (changed);
        return liveOut;
    }
}
