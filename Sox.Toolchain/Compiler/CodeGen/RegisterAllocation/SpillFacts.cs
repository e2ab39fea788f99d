using System.Runtime.InteropServices;
using Sox.Compiler.CodeGen.Mir;

namespace Sox.Compiler.CodeGen.RegisterAllocation;

/// <summary>
/// What the allocator knows about each virtual register besides its interval, from one pass over the function:
/// <list type="bullet">
/// <item>its spill weight: every read or write counted with the weight of its block (×8 per enclosing loop, capped;
/// cold blocks an eighth of straight-line code), so values used in loops keep registers and values used outside them
/// are spilled first;</item>
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
    public static SpillFacts Compute(MachineFunction function, LiveInterval[] intervals, int count, ISpillCode spillCode, int[] predStart, int[] predecessors)
    {
        var ws = Workspace.Current;
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
        var blockWeights = BlockWeights(blocks, ws, predStart, predecessors);

        var index = 0;
        for (var b = 0; b < blocks.Count; b++)
        {
            var weight = (float)blockWeights[b];
            var instructions = CollectionsMarshal.AsSpan(blocks[b].Instructions);
            for (var n = 0; n < instructions.Length; n++, index++)
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
    /// Each block's weight: 8 to the power of its loop depth plus one (capped), cold blocks 1 (an eighth of straight-line
    /// code: a slow path's temporary must not keep a register from a value the fast path uses). Loops are found as in Appel,
    /// "Modern Compiler Implementation", 18.1: a depth-first search from the entry finds the back edges (to a block still
    /// on the search's stack), and a loop is its header plus every block that reaches one of its back edges' sources
    /// backwards without passing the header. Block order says nothing: slow paths numbered after a join jump back to it.
    /// A heuristic only: a wrong depth (an irreducible region) costs speed, never correctness.
    /// </summary>
    private static int[] BlockWeights(List<MachineBlock> blocks, Workspace ws, int[] predStart, int[] predecessors)
    {
        var count = blocks.Count;
        var depth = Workspace.Ints(ref ws.BlockWeights, count);
        if (count == 0) return depth;


        // Iterative depth-first search: state 1 on the stack, 2 finished; each back edge is kept as header << 32 | source.
        var state = Workspace.Ints(ref ws.LoopState, count);
        var stackBlock = Workspace.Uncleared(ref ws.LoopStackBlock, count);
        var stackNext = Workspace.Uncleared(ref ws.LoopStackNext, count);
        var backEdges = ws.LoopBackEdges;
        var backCount = 0;
        stackBlock[0] = 0;
        stackNext[0] = 0;
        state[0] = 1;
        var top = 1;
        while (top > 0)
        {
            var b = stackBlock[top - 1];
            var successors = CollectionsMarshal.AsSpan(blocks[b].Successors);
            if (stackNext[top - 1] < successors.Length)
            {
                var s = successors[stackNext[top - 1]++];
                if (state[s] == 0)
                {
                    state[s] = 1;
                    stackBlock[top] = s;
                    stackNext[top] = 0;
                    top++;
                }
                else if (state[s] == 1)
                {
                    if (backCount == backEdges.Length) Array.Resize(ref ws.LoopBackEdges, Math.Max(16, 2 * backCount));
                    backEdges = ws.LoopBackEdges;
                    backEdges[backCount++] = (long)s << 32 | (uint)b;
                }
                continue;
            }
            state[b] = 2;
            top--;
        }

        // Each header's loop body, marked with a stamp per header (several back edges to one header are one loop:
        // sorted by header, they are walked one after another).
        Array.Sort(backEdges, 0, backCount);
        var mark = Workspace.Ints(ref ws.LoopMark, count);
        var work = stackBlock;
        for (var e = 0; e < backCount; e++)
        {
            var header = (int)(backEdges[e] >> 32);
            var stamp = header + 1;
            if (mark[header] != stamp)
            {
                mark[header] = stamp;
                depth[header]++;
            }
            var source = (int)(uint)backEdges[e];
            if (mark[source] == stamp) continue;
            mark[source] = stamp;
            depth[source]++;
            top = 0;
            work[top++] = source;
            while (top > 0)
            {
                var b = work[--top];
                for (var i = predStart[b]; i < predStart[b + 1]; i++)
                {
                    var p = predecessors[i];
                    if (mark[p] == stamp || state[p] == 0) continue; // unreachable blocks are in no loop
                    mark[p] = stamp;
                    depth[p]++;
                    work[top++] = p;
                }
            }
        }
        for (var b = 0; b < count; b++) depth[b] = blocks[b].IsCold ? 1 : 8 << (3 * Math.Min(depth[b], MaxDepth));
        return depth;
    }
}
