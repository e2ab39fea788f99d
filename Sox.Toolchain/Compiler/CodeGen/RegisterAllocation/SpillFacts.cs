using Sox.Compiler.CodeGen.Mir;

namespace Sox.Compiler.CodeGen.RegisterAllocation;

/// <summary>
/// What the allocator knows about each virtual register besides its interval, from one pass over the function:
/// <list type="bullet">
/// <item>its spill weight: every read or write counted with the weight of its block (×8 per enclosing loop, capped;
/// cold blocks count 1), so values used in loops keep registers and values used outside them are spilled first;</item>
/// <item>its rematerialising definition: a register written once, by an instruction that reads no register (a
/// constant, a symbol's address; <see cref="ISpillCode.IsRematerialisable"/>), or by a copy of such a register, is
/// recomputed at each use when spilled instead of being stored and reloaded;</item>
/// <item>its copy source: a register written once, by a copy of another register written once before it, and not live
/// before that copy, holds the source's value for its whole life, so the two may share one spill slot.</item>
/// </list>
/// Copy hints (<see cref="LiveInterval.Hint"/>, <see cref="LiveInterval.VirtualHint"/>) are set in the same pass.
/// All arrays are flat, by virtual index, kept in the per-thread <see cref="Workspace"/>.
/// </summary>
internal sealed class SpillFacts
{
    /// <summary>Loop nesting beyond this adds no weight (8⁴ is already far above any straight-line count that matters).</summary>
    private const int MaxDepth = 4;

    private SpillFacts(float[] weights, MachineInstr?[] definitions, int[] copySources)
    {
        Weights = weights;
        Rematerialising = definitions;
        CopySources = copySources;
    }

    /// <summary>The spill weight of each virtual register.</summary>
    public float[] Weights { get; }

    /// <summary>The instruction that recomputes each virtual register, or null (entries past the function's count are stale).</summary>
    public MachineInstr?[] Rematerialising { get; }

    /// <summary>Per virtual register, the copy source it may share a slot with plus one, or 0.</summary>
    public int[] CopySources { get; }

    /// <summary>Clears the references to instructions (the workspace outlives the function).</summary>
    public void Release(int count) => Array.Clear(Rematerialising, 0, count);

    /// <summary>Computes the facts of <paramref name="function"/>, whose intervals (from <see cref="Liveness"/>) are <paramref name="intervals"/>.</summary>
    public static SpillFacts Compute(MachineFunction function, LiveInterval[] intervals, ISpillCode spillCode)
    {
        var ws = Workspace.Current;
        var count = intervals.Length;
        var blocks = function.Blocks;
        if (ws.Weights.Length < count) ws.Weights = new float[Math.Max(count, 2 * ws.Weights.Length)];
        else Array.Clear(ws.Weights, 0, count);
        if (ws.Definitions.Length < count) ws.Definitions = new MachineInstr?[Math.Max(count, 2 * ws.Definitions.Length)];
        else Array.Clear(ws.Definitions, 0, count);
        var weights = ws.Weights;
        var definitions = ws.Definitions;
        var defCount = Workspace.Ints(ref ws.DefCount, count);
        var defPosition = Workspace.Uncleared(ref ws.DefPosition, count);
        var copySources = Workspace.Ints(ref ws.CopySources, count);
        var blockWeights = BlockWeights(blocks, ws);

        var index = 0;
        for (var b = 0; b < blocks.Count; b++)
        {
            var weight = (float)blockWeights[b];
            var instructions = blocks[b].Instructions;
            for (var n = 0; n < instructions.Count; n++, index++)
            {
                var instr = instructions[n];
                var operands = instr.Operands;
                for (var k = 0; k < operands.Length; k++)
                {
                    ref readonly var op = ref operands[k];
                    if (!op.HasRegister || !op.Register.IsVirtual) continue;
                    var v = op.Register.VirtualIndex;
                    weights[v] += weight;
                    if (op.Kind != OperandKind.Register || op.Access is not (OperandAccess.Def or OperandAccess.UseDef)) continue;
                    if (ReferenceEquals(definitions[v], instr) && defPosition[v] == 2 * index + 1) continue;
                    defCount[v]++;
                    definitions[v] = instr;
                    defPosition[v] = 2 * index + 1;
                }
                if (instr.IsCopy) Hint(intervals, operands[0].Register, operands[1].Register);
            }
        }

        // Rematerialising definitions first (a copy's source may come later in the listing), then copies of them:
        // a chain of copies, each the only definition of its register, that starts at a rematerialisable one.
        if (ws.Rematerialising.Length < count) ws.Rematerialising = new MachineInstr?[Math.Max(count, 2 * ws.Rematerialising.Length)];
        var remat = ws.Rematerialising;
        Array.Clear(remat, 0, count);
        for (var v = 0; v < count; v++)
        {
            if (defCount[v] == 1 && spillCode.IsRematerialisable(definitions[v]!)) remat[v] = definitions[v];
        }
        for (var v = 0; v < count; v++)
        {
            if (defCount[v] != 1 || remat[v] is not null || definitions[v] is not { IsCopy: true } def || !def.Operands[1].Register.IsVirtual) continue;
            var source = def.Operands[1].Register.VirtualIndex;
            var u = source;
            for (var steps = 0; steps < 8 && remat[u] is null && defCount[u] == 1 && definitions[u] is { IsCopy: true } inner
                && inner.Operands[1].Register.IsVirtual; steps++)
            {
                u = inner.Operands[1].Register.VirtualIndex;
            }
            if (defCount[u] == 1 && remat[u] is not null) remat[v] = remat[u];
            else if (defCount[source] == 1 && defPosition[source] < defPosition[v] && intervals[v].Start == defPosition[v]) copySources[v] = source + 1;
        }
        Array.Clear(definitions, 0, count);

        // Registers of source variables keep a real home (a register or a slot): a debugger reads them from it
        // (docs/debugging.md). Copies of them may still share their slot.
        foreach (var variable in function.DebugVariables)
        {
            if (variable.Register is { IsVirtual: true } r) remat[r.VirtualIndex] = null;
        }
        return new SpillFacts(weights, remat, copySources);
    }

    private static void Hint(LiveInterval[] intervals, MReg dst, MReg src)
    {
        if (dst.IsVirtual && src.IsPhysical) intervals[dst.VirtualIndex].Hint ??= src.PhysicalNumber;
        else if (dst.IsPhysical && src.IsVirtual) intervals[src.VirtualIndex].Hint ??= dst.PhysicalNumber;
        else if (dst.IsVirtual && src.IsVirtual) intervals[dst.VirtualIndex].VirtualHint ??= src.VirtualIndex;
    }

    /// <summary>
    /// Each block's weight: 8 to the power of its loop depth, where a block is inside a loop when it lies between the
    /// target and the source of a back edge (an edge to a block at or before its source: selection keeps the IR's
    /// block order, which places a loop's body between its header and its latch). Cold blocks weigh 1. A heuristic
    /// only: a wrong depth costs speed, never correctness.
    /// </summary>
    private static int[] BlockWeights(List<MachineBlock> blocks, Workspace ws)
    {
        var count = blocks.Count;
        var delta = Workspace.Ints(ref ws.BlockWeights, count + 1);
        for (var b = 0; b < count; b++)
        {
            foreach (var s in blocks[b].Successors)
            {
                if (s > b) continue;
                delta[s]++;
                delta[b + 1]--;
            }
        }
        var depth = 0;
        for (var b = 0; b < count; b++)
        {
            depth += delta[b];
            delta[b] = blocks[b].IsCold ? 1 : 1 << (3 * Math.Min(depth, MaxDepth));
        }
        return delta;
    }
}
