using Sox.Compiler.Ir;

namespace Sox.Compiler.Passes;

/// <summary>
/// Natural loops of a function: for every back edge <c>latch → header</c> (the header dominates the latch), the
/// blocks that reach the latch without passing through the header, plus the header. Loops sharing a header are
/// merged. Dominators by the iterative algorithm of Cooper, Harvey and Kennedy ("A Simple, Fast Dominance
/// Algorithm", 2001) over reverse postorder.
/// </summary>
internal static class Loops
{
    /// <summary>One natural loop.</summary>
    /// <param name="Header">The block every iteration enters through.</param>
    /// <param name="Body">The header and every block of the loop.</param>
    /// <param name="Preheader">The header's only predecessor outside the loop when that block has the header as its
    /// only successor (so code added at its end runs exactly once per entry into the loop); else null.</param>
    internal sealed record Loop(BasicBlock Header, IReadOnlySet<BasicBlock> Body, BasicBlock? Preheader);

    /// <summary>
    /// The dominator tree the loops were found with: blocks numbered in reverse postorder (only those reachable from
    /// the entry) and each one's immediate dominator.
    /// </summary>
    internal sealed class Dominators(Dictionary<BasicBlock, int> number, int[] idom)
    {
        /// <summary>True when <paramref name="block"/> is reachable from the entry.</summary>
        public bool IsReached(BasicBlock block) => number.ContainsKey(block);

        /// <summary>True when every path from the entry to <paramref name="b"/> passes through <paramref name="a"/>
        /// (a block dominates itself); false for unreachable blocks.</summary>
        public bool Dominates(BasicBlock a, BasicBlock b) =>
            number.TryGetValue(a, out var i) && number.TryGetValue(b, out var j) && Loops.Dominates(idom, i, j);

        /// <summary>The reverse-postorder number of a reachable block (a block comes after its dominators).</summary>
        public int Order(BasicBlock block) => number[block];
    }

    /// <summary>The natural loops of <paramref name="function"/>, outermost headers first (reverse postorder).</summary>
    public static List<Loop> Find(IrFunction function) => Find(function, out _);

    /// <summary>The natural loops of <paramref name="function"/> (as <see cref="Find(IrFunction)"/>) and its
    /// dominator tree (null when there is no loop, and then not computed).</summary>
    public static List<Loop> Find(IrFunction function, out Dominators? dominators)
    {
        dominators = null;
        var blocks = function.Blocks;
        if (blocks.Count == 0) return [];
        var rpo = ReversePostorder(blocks[0]);
        var number = new Dictionary<BasicBlock, int>();
        for (var i = 0; i < rpo.Count; i++) number[rpo[i]] = i;
        // Every back edge retreats in reverse postorder, so a function without a retreating edge has no loop and
        // needs no dominators (a long top-level script: most of the cost of this method, for nothing).
        var retreats = false;
        foreach (var b in rpo)
        {
            foreach (var s in b.Successors) retreats |= number[s] <= number[b];
        }
        if (!retreats) return [];
        var preds = new Dictionary<BasicBlock, List<BasicBlock>>();
        foreach (var b in rpo) preds[b] = new List<BasicBlock>();
        foreach (var b in rpo)
        {
            foreach (var s in b.Successors.Distinct()) preds[s].Add(b);
        }

        var idom = new int[rpo.Count];
        Array.Fill(idom, -1);
        idom[0] = 0;
        bool changed;
        do
        {
            changed = false;
            for (var i = 1; i < rpo.Count; i++)
            {
                var candidate = -1;
                foreach (var p in preds[rpo[i]])
                {
                    var j = number[p];
                    if (idom[j] < 0) continue;
                    candidate = candidate < 0 ? j : Intersect(idom, candidate, j);
                }
                if (candidate != idom[i])
                {
                    idom[i] = candidate;
                    changed = true;
                }
            }
        }
        while (changed);

        dominators = new Dominators(number, idom);
        bool Dominates(int a, int b) => Loops.Dominates(idom, a, b);

        var bodies = new Dictionary<BasicBlock, HashSet<BasicBlock>>();
        foreach (var latch in rpo)
        {
            foreach (var header in latch.Successors.Distinct())
            {
                // A back edge goes to an earlier block in reverse postorder (or to itself).
                if (number[header] > number[latch] || !Dominates(number[header], number[latch])) continue;
                if (!bodies.TryGetValue(header, out var body)) bodies[header] = body = [header];
                var work = new Stack<BasicBlock>();
                if (body.Add(latch)) work.Push(latch);
                while (work.Count > 0)
                {
                    foreach (var p in preds[work.Pop()])
                    {
                        if (body.Add(p)) work.Push(p);
                    }
                }
            }
        }

        var loops = new List<Loop>();
        foreach (var header in rpo)
        {
            if (!bodies.TryGetValue(header, out var body)) continue;
            var outside = preds[header].Where(p => !body.Contains(p)).ToList();
            var preheader = outside.Count == 1 && outside[0].Successors.Distinct().Count() == 1 ? outside[0] : null;
            loops.Add(new Loop(header, body, preheader));
        }
        return loops;
    }

    // Immediate dominators come earlier in reverse postorder, so the walk up from b stops as soon as it passes
    // a: linear in the distance, never in the function's size (a long top-level script is one long chain).
    private static bool Dominates(int[] idom, int a, int b)
    {
        while (b > a) b = idom[b];
        return b == a;
    }

    private static int Intersect(int[] idom, int a, int b)
    {
        while (a != b)
        {
            while (a > b) a = idom[a];
            while (b > a) b = idom[b];
        }
        return a;
    }

    private static List<BasicBlock> ReversePostorder(BasicBlock entry)
    {
        var order = new List<BasicBlock>();
        var seen = new HashSet<BasicBlock> { entry };
        var stack = new Stack<(BasicBlock Block, int Next)>();
        stack.Push((entry, 0));
        while (stack.Count > 0)
        {
            var (block, next) = stack.Pop();
            var successors = block.Successors;
            if (next < successors.Count)
            {
                stack.Push((block, next + 1));
                if (seen.Add(successors[next])) stack.Push((successors[next], 0));
                continue;
            }
            order.Add(block);
        }
        order.Reverse();
        return order;
    }
}
