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
        for (var i = 0; i < function.Blocks.Count; i++)
        {
            foreach (var s in function.Blocks[i].Successors.Distinct())
            {
                if (order.TryGetValue(s, out var j)) preds[j].Add(i);
            }
        }
        return preds;
    }
}
