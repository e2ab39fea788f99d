using Sox.Compiler.CodeGen.Mir;

namespace Sox.Compiler.CodeGen;

/// <summary>
/// The order blocks are emitted in (<see cref="MachineFunction.Layout"/>), chosen after register allocation so that
/// it changes only addresses and branches, never liveness: the hot path falls through and the cold blocks
/// (<see cref="MachineBlock.IsCold"/>: runtime slow paths behind failed tag tests, error paths that do not return)
/// go after the rest of the function, and loops are rotated so that their exit test sits at the bottom, reached by
/// falling out of the loop body (one taken branch per iteration instead of a jump back to a test that branches
/// forward). Every branch is explicit in machine IR, so any order is correct; the emitters drop a jump to the block
/// laid out next and invert a conditional branch over one (<see cref="Emission.FunctionEmitter.NextBlock"/>).
/// </summary>
public static class BlockLayout
{
    /// <summary>Loop headers longer than this many blocks (a chain of tag tests before the exit test) stay in place.</summary>
    private const int MaxRotatedBlocks = 6;

    /// <summary>Computes the layout of <paramref name="function"/> and stores it in <see cref="MachineFunction.Layout"/>.</summary>
    public static void Apply(MachineFunction function) => function.Layout = Compute(function);

    /// <summary>The emission order of <paramref name="function"/>'s blocks (block 0, the entry, first).</summary>
    public static int[] Compute(MachineFunction function)
    {
        var blocks = function.Blocks;
        MarkColdBlocks(function);
        var cold = new bool[blocks.Count];
        for (var b = 0; b < blocks.Count; b++) cold[b] = blocks[b].IsCold;
        var order = new List<int>(blocks.Count);
        for (var b = 0; b < blocks.Count; b++)
        {
            if (!cold[b]) order.Add(b);
        }
        var hotCount = order.Count;
        for (var b = 0; b < blocks.Count; b++)
        {
            if (cold[b]) order.Add(b);
        }
        RotateLoops(function, order, hotCount, cold);
        return order.ToArray();
    }

    /// <summary>
    /// Extends <see cref="MachineBlock.IsCold"/> from the blocks instruction selection marked to every block only cold
    /// blocks lead to (the trap after an error call, the rest of a slow path, the call after an invoke cache's lookup).
    /// The entry block is never cold. The register allocator runs it first (spill weights, calls only on cold paths) and
    /// the layout again (a few bounded passes each, so a second run may only add blocks; coldness is a hint).
    /// </summary>
    public static void MarkColdBlocks(MachineFunction function)
    {
        var blocks = function.Blocks;
        if (blocks.Count == 0) return;
        var any = false;
        for (var b = 1; b < blocks.Count && !any; b++) any = blocks[b].IsCold;
        blocks[0].IsCold = false;
        if (!any) return;
        // Predecessors as compressed rows in the allocator's per-thread scratch arrays (block b's are
        // predecessors[first[b]..first[b + 1]]): a module has thousands of functions, so nothing is allocated per function.
        var ws = RegisterAllocation.Workspace.Current;
        RegisterAllocation.Workspace.PredecessorRows(blocks, ref ws.ColdPredStart, ref ws.ColdPredecessors, ref ws.ColdFill, out var first, out var predecessors);
        Spread(blocks, first, predecessors);
    }

    /// <summary><see cref="MarkColdBlocks(MachineFunction)"/> given the blocks' predecessors as compressed rows (block b's are
    /// <c>predecessors[first[b]..first[b + 1]]</c>; the register allocator computes them once for its own use too).</summary>
    internal static void MarkColdBlocks(MachineFunction function, int[] first, int[] predecessors)
    {
        var blocks = function.Blocks;
        if (blocks.Count == 0) return;
        var any = false;
        for (var b = 1; b < blocks.Count && !any; b++) any = blocks[b].IsCold;
        blocks[0].IsCold = false;
        if (any) Spread(blocks, first, predecessors);
    }

    private static void Spread(List<MachineBlock> blocks, int[] first, int[] predecessors)
    {
        // Blocks are mostly in control-flow order, so a few forward passes settle it; the bound keeps a pathological
        // order linear-ish without changing the result's correctness (coldness is only a hint).
        for (int pass = 0, changed = 1; changed > 0 && pass < 4; pass++)
        {
            changed = 0;
            for (var b = 1; b < blocks.Count; b++)
            {
                if (blocks[b].IsCold || first[b + 1] == first[b]) continue;
                var allCold = true;
                for (var k = first[b]; k < first[b + 1] && allCold; k++) allCold = blocks[predecessors[k]].IsCold && predecessors[k] != b;
                if (!allCold) continue;
                blocks[b].IsCold = true;
                changed++;
            }
        }
    }

    /// <summary>
    /// For each back edge — a hot block ending in an unconditional jump to an earlier hot block H — moves the run of
    /// blocks from H up to the loop's exit test (the first block with a hot successor outside the loop's blocks) to
    /// right after the jumping block, so the body falls into the test and the test branches back to the body.
    /// </summary>
    private static void RotateLoops(MachineFunction function, List<int> order, int hotCount, bool[] cold)
    {
        var blocks = function.Blocks;
        // Each hot block's index in order. Only a rotation moves hot blocks, and only within [headerAt, latchAt], so the
        // positions are set once and then renewed over that range (not over every hot block per back edge, which was
        // quadratic in a module's top level).
        var position = new int[blocks.Count];
        for (var k = 0; k < hotCount; k++) position[order[k]] = k;
        for (var latchAt = 1; latchAt < hotCount; latchAt++)
        {
            var latch = blocks[order[latchAt]];
            if (latch.Successors.Count != 1 || latch.Instructions.Count == 0 || !latch.Instructions[^1].IsTerminator) continue;
            var header = latch.Successors[0];
            if (cold[header] || header == 0) continue;
            var headerAt = position[header];
            if (headerAt >= latchAt) continue;

            // The run [headerAt, testAt]: each block's hot successors stay inside the loop's span, except the last
            // one's, which leaves it (the exit) and also continues at the block after it (the body).
            var testAt = -1;
            for (var at = headerAt; at < latchAt && at - headerAt < MaxRotatedBlocks; at++)
            {
                var leaves = false;
                var continues = false;
                foreach (var s in blocks[order[at]].Successors)
                {
                    if (cold[s]) continue;
                    var sAt = position[s];
                    if (sAt < headerAt || sAt > latchAt) leaves = true;
                    else if (sAt == at + 1) continues = true;
                }
                if (leaves)
                {
                    if (continues) testAt = at;
                    break;
                }
            }
            if (testAt < 0) continue;
            var run = order.GetRange(headerAt, testAt - headerAt + 1);
            order.RemoveRange(headerAt, run.Count);
            order.InsertRange(latchAt - run.Count + 1, run);
            for (var k = headerAt; k <= latchAt; k++) position[order[k]] = k;
            // The latch moved up by the run's length; continue after the moved run.
        }
    }
}
