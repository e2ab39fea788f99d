using Sox.Compiler.Ir;

namespace Sox.Compiler.Passes;

/// <summary>Control-flow facts the dataflow passes share.</summary>
internal static class FlowGraph
{
    /// <summary>Per block position in <paramref name="function"/>'s block list, the positions of its distinct
    /// predecessors among the blocks <paramref name="order"/> numbers (the reachable ones).</summary>
    public static List<int>[] Predecessors(IrFunction function, Dictionary<BasicBlock, int> order)
    {
        var preds = new List<int>[function.Blocks.Count];
        for (var i = 0; i < preds.Length; i++) preds[i] = new List<int>();
        // seen[j] == i + 1: block i is already a predecessor of block j (a branch may name a block twice); an
        // array instead of Distinct(), which allocated a set per block.
        var seen = new int[preds.Length];
        for (var i = 0; i < function.Blocks.Count; i++)
        {
            foreach (var s in function.Blocks[i].Successors)
            {
                if (order.TryGetValue(s, out var j) && seen[j] != i + 1)
                {
                    seen[j] = i + 1;
                    preds[j].Add(i);
                }
            }
        }
        return preds;
    }
}
