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
        if (!HasFloatConstant(function)) return;
        var scratch = FloatRegistersScratch.Current;
        var assignments = AssignmentCounts(function, ref scratch.Assignments);
        // Nothing to move (the common case: a fast path's constants are assigned on both of its paths, or there are
        // none): the loops are not looked for.
        if (!HasSingleFloatConstant(function, assignments)) return;
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

    /// <summary>True when the function has an F64 <c>const</c> at all (about half of those with float work do not),
    /// before the assignments are counted.</summary>
    private static bool HasFloatConstant(IrFunction function)
    {
        foreach (var block in function.Blocks)
        {
            foreach (var instr in block.Instructions)
            {
                if (instr is ConstInst { Dest.Type: IrType.F64 }) return true;
            }
        }
        return false;
    }

    private static bool HasSingleFloatConstant(IrFunction function, int[] assignments)
    {
        foreach (var block in function.Blocks)
        {
            foreach (var instr in block.Instructions)
            {
                if (instr is ConstInst { Dest.Type: IrType.F64 } c && assignments[c.Dest.Id] == 1) return true;
            }
        }
        return false;
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

    /// <summary>How many instructions assign each register (parameters count once), in <paramref name="cache"/> (this
    /// thread's scratch array, valid until the next call with it).</summary>
    private static int[] AssignmentCounts(IrFunction function, ref int[]? cache)
    {
        var counts = ScratchArrays.Take(ref cache, function.Registers.Count);
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
        var scratch = FloatRegistersScratch.Current;
        var registers = function.Registers;
        var registerCount = registers.Count; // the parked registers made below are not tracked
        var dense = ScratchArrays.TakeDirty(ref scratch.Dense, registerCount);
        var floats = scratch.Floats;
        floats.Clear();
        for (var r = 0; r < registerCount; r++)
        {
            dense[r] = -1;
            if (registers[r].Type != IrType.F64) continue;
            dense[r] = floats.Count;
            floats.Add(registers[r]);
        }
        if (floats.Count == 0) return;

        // Only registers read in some block before that block assigns them can be live at a block boundary (most
        // F64 registers are a fast path's temporaries, assigned and read in one block): the dataflow is over those.
        var assignedIn = ScratchArrays.Take(ref scratch.AssignedIn, floats.Count);
        var crossing = ScratchArrays.TakeDirty(ref scratch.Crossing, registerCount);
        Array.Fill(crossing, -1, 0, registerCount);
        var crossingToDense = scratch.CrossingToDense;
        crossingToDense.Clear();
        for (var b = 0; b < function.Blocks.Count; b++)
        {
            foreach (var instr in function.Blocks[b].Instructions)
            {
                var uses = instr.Uses;
                for (var k = 0; k < uses.Count; k++)
                {
                    var u = uses[k];
                    var f = dense[u.Id];
                    if (f < 0 || assignedIn[f] == b + 1 || crossing[u.Id] >= 0) continue;
                    crossing[u.Id] = crossingToDense.Count;
                    crossingToDense.Add(f);
                }
                if (instr.Dest is { } d && dense[d.Id] >= 0) assignedIn[dense[d.Id]] = b + 1;
            }
        }
        var liveOut = LiveOut(function, crossing, registerCount, crossingToDense.Count, scratch);
        var words = (crossingToDense.Count + 63) / 64;
        var assignments = AssignmentCounts(function, ref scratch.Assignments);
        var constantOf = ScratchArrays.Take(ref scratch.ConstantOf, floats.Count);
        foreach (var block in function.Blocks)
        {
            foreach (var instr in block.Instructions)
            {
                if (instr is ConstInst { Dest.Type: IrType.F64 } c && assignments[c.Dest.Id] == 1) constantOf[dense[c.Dest.Id]] = c;
            }
        }

        var live = new BitSet(floats.Count);
        var output = scratch.Output;
        var before = scratch.Before;
        var after = scratch.After;
        for (var b = 0; b < function.Blocks.Count; b++)
        {
            var block = function.Blocks[b];
            var instructions = block.Instructions;
            var callsHere = false;
            foreach (var instr in instructions) callsHere |= instr is CallInst { NoReturn: false };
            if (!callsHere) continue; // nothing to park here; the live sets at block boundaries are already solved
            live.Clear();
            for (var w = 0; w < words; w++)
            {
                for (var bits = liveOut[b * words + w]; bits != 0; bits &= bits - 1)
                {
                    live.Set(crossingToDense[(w << 6) + System.Numerics.BitOperations.TrailingZeroCount(bits)]);
                }
            }
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
                Step(instr, live, dense, registerCount);
            }
            output.Reverse();
            instructions.Clear();
            instructions.AddRange(output);
        }
        output.Clear();
        before.Clear();
        after.Clear();
        floats.Clear();
    }

    /// <summary>The live set before <paramref name="instr"/> from the one after it, over the registers
    /// <paramref name="dense"/> numbers (−1: not tracked; only its first <paramref name="count"/> entries are the
    /// function's).</summary>
    private static void Step(Instruction instr, BitSet live, int[] dense, int count)
    {
        if (instr.Dest is { } d && d.Id < count && dense[d.Id] >= 0) live.Remove(dense[d.Id]);
        var uses = instr.Uses;
        for (var k = 0; k < uses.Count; k++)
        {
            var u = uses[k];
            if (u.Id < count && dense[u.Id] >= 0) live.Set(dense[u.Id]);
        }
    }

    /// <summary>Per block (by position), which of the registers <paramref name="dense"/> numbers are live at its end,
    /// as rows of a flat word matrix (block × ⌈<paramref name="tracked"/>/64⌉ words): backward dataflow to a fixpoint.
    /// Each block is summarised once as the registers it reads before assigning them and the registers it assigns
    /// (live in = read first ∪ (live out − assigned), the same sets the walk over its instructions gives), so the
    /// sweeps cost word operations per block, not a walk over every instruction.</summary>
    private static ulong[] LiveOut(IrFunction function, int[] dense, int count, int tracked, FloatRegistersScratch scratch)
    {
        var blocks = function.Blocks;
        var positions = FlowGraph.Positions(function);
        var words = (tracked + 63) / 64;
        var size = blocks.Count * words;
        var liveIn = ScratchArrays.Take(ref scratch.LiveIn, size);
        var liveOut = ScratchArrays.Take(ref scratch.LiveOut, size);
        var readFirst = ScratchArrays.Take(ref scratch.ReadFirst, size);
        var assigned = ScratchArrays.Take(ref scratch.Assigned, size);
        for (var i = 0; i < blocks.Count; i++)
        {
            var row = i * words;
            var instructions = blocks[i].Instructions;
            for (var n = instructions.Count - 1; n >= 0; n--)
            {
                var instr = instructions[n];
                // readFirst: the live set before the block's instructions with nothing live after it.
                if (instr.Dest is { } d && d.Id < count && dense[d.Id] >= 0)
                {
                    var g = dense[d.Id];
                    readFirst[row + (g >> 6)] &= ~(1UL << (g & 63));
                    assigned[row + (g >> 6)] |= 1UL << (g & 63);
                }
                var uses = instr.Uses;
                for (var k = 0; k < uses.Count; k++)
                {
                    var u = uses[k];
                    if (u.Id >= count || dense[u.Id] < 0) continue;
                    var g = dense[u.Id];
                    readFirst[row + (g >> 6)] |= 1UL << (g & 63);
                }
            }
        }
        bool changed;
        do
        {
            changed = false;
            for (var i = blocks.Count - 1; i >= 0; i--)
            {
                var row = i * words;
                var successors = blocks[i].Successors;
                for (var k = 0; k < successors.Count; k++)
                {
                    var j = FlowGraph.PositionOf(positions, successors[k]);
                    if (j < 0) continue;
                    for (var w = 0; w < words; w++) liveOut[row + w] |= liveIn[j * words + w];
                }
                for (var w = 0; w < words; w++)
                {
                    var value = (liveOut[row + w] & ~assigned[row + w]) | readFirst[row + w];
                    if (value == liveIn[row + w]) continue;
                    liveIn[row + w] = value;
                    changed = true;
                }
            }
        }
        while (changed);
        return liveOut;
    }
}
