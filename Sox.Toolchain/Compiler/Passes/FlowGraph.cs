using Sox.Compiler.Ir;

namespace Sox.Compiler.Passes;

/// <summary>Control-flow facts the dataflow passes share.</summary>
internal static class FlowGraph
{
    /// <summary>Each block's position in <paramref name="function"/>'s block list, indexed by block id (−1 for an id no
    /// listed block has): an array, not a dictionary of blocks, since every dataflow pass asks it for every edge.</summary>
    public static int[] Positions(IrFunction function)
    {
        var blocks = function.Blocks;
        var ids = 0;
        foreach (var b in blocks) ids = Math.Max(ids, b.Id + 1);
        var position = new int[ids];
        Array.Fill(position, -1);
        for (var i = 0; i < blocks.Count; i++) position[blocks[i].Id] = i;
        return position;
    }

    /// <summary>The position of <paramref name="block"/> in <paramref name="positions"/> (<see cref="Positions"/>), or −1.</summary>
    public static int PositionOf(int[] positions, BasicBlock block) => (uint)block.Id < (uint)positions.Length ? positions[block.Id] : -1;

    /// <summary>Per block position in <paramref name="function"/>'s block list, the positions of its distinct
    /// predecessors among the listed blocks (<paramref name="positions"/>, from <see cref="Positions"/>), in block
    /// list order.</summary>
    public static BlockPredecessors Predecessors(IrFunction function, int[] positions)
    {
        var (start, items) = PredecessorRows(function.Blocks, positions);
        return new BlockPredecessors(start, items);
    }

    /// <summary>
    /// The distinct predecessors of each of <paramref name="blocks"/> as compressed rows of positions in that list:
    /// those of block j are <c>items[start[j]..start[j + 1]]</c>, in list order. <paramref name="positionById"/> maps a
    /// block id to its position (a successor outside the list, −1 or out of range, is left out); a branch that names a
    /// block twice makes one predecessor.
    /// </summary>
    public static (int[] Start, int[] Items) PredecessorRows(IReadOnlyList<BasicBlock> blocks, int[] positionById)
    {
        var n = blocks.Count;
        var start = new int[n + 1];
        // seen[j] == i + 1: block i is already a predecessor of block j.
        var seen = new int[n];
        Sweep(null, null);
        for (var j = 0; j < n; j++) start[j + 1] += start[j];
        var items = new int[start[n]];
        Array.Clear(seen);
        Sweep(items, new int[n]);
        return (start, items);

        // Counts each block's predecessors (items null), then writes them.
        void Sweep(int[]? items, int[]? fill)
        {
            for (var i = 0; i < n; i++)
            {
                var successors = blocks[i].Successors;
                for (var k = 0; k < successors.Count; k++)
                {
                    var j = PositionOf(positionById, successors[k]);
                    if (j < 0 || seen[j] == i + 1) continue;
                    seen[j] = i + 1;
                    if (items is null) start[j + 1]++;
                    else items[start[j] + fill![j]++] = i;
                }
            }
        }
    }

    /// <summary>
    /// The positions of the listed blocks reachable from the entry, in reverse postorder of a depth-first walk that
    /// takes successors in order (successors not in the list are not followed).
    /// </summary>
    public static List<int> ReversePostorder(IrFunction function, int[] positions)
    {
        var blocks = function.Blocks;
        var result = new List<int>(blocks.Count);
        if (blocks.Count == 0) return result;
        var seen = new bool[blocks.Count];
        var stackBlock = new int[blocks.Count];
        var stackNext = new int[blocks.Count];
        var top = 0;
        seen[0] = true;
        stackBlock[0] = 0;
        stackNext[0] = 0;
        while (top >= 0)
        {
            var block = stackBlock[top];
            var successors = blocks[block].Successors;
            var next = stackNext[top];
            if (next < successors.Count)
            {
                stackNext[top] = next + 1;
                var s = PositionOf(positions, successors[next]);
                if (s >= 0 && !seen[s])
                {
                    seen[s] = true;
                    top++;
                    stackBlock[top] = s;
                    stackNext[top] = 0;
                }
                continue;
            }
            top--;
            result.Add(block);
        }
        result.Reverse();
        return result;
    }

    /// <summary>Every block position: the reachable ones in reverse postorder (<see cref="ReversePostorder"/>), then
    /// the others in list order. A sweep order for dataflow over all listed blocks that converges in few sweeps.</summary>
    public static List<int> SweepOrder(IrFunction function, int[] positions)
    {
        var order = ReversePostorder(function, positions);
        if (order.Count == function.Blocks.Count) return order;
        var listed = new bool[function.Blocks.Count];
        foreach (var i in order) listed[i] = true;
        for (var i = 0; i < listed.Length; i++)
        {
            if (!listed[i]) order.Add(i);
        }
        return order;
    }
}

/// <summary>Predecessor lists by block position, packed in two arrays (no list per block).</summary>
internal sealed class BlockPredecessors(int[] start, int[] items)
{
    /// <summary>The predecessors of the block at <paramref name="block"/>, in block list order.</summary>
    public ReadOnlySpan<int> Of(int block) => items.AsSpan(start[block], start[block + 1] - start[block]);

    /// <summary>How many distinct predecessors the block at <paramref name="block"/> has.</summary>
    public int Count(int block) => start[block + 1] - start[block];
}
