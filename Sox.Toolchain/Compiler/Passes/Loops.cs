using System.Collections;
using Sox.Compiler.Ir;

namespace Sox.Compiler.Passes;

/// <summary>
/// Natural loops of a function: for every back edge <c>latch → header</c> (the header dominates the latch), the
/// blocks that reach the latch without passing through the header, plus the header. Loops sharing a header are
/// merged. Dominators by the iterative algorithm of Cooper, Harvey and Kennedy ("A Simple, Fast Dominance
/// Algorithm", 2001) over reverse postorder.
/// <para>Compile time: promote, licm (twice) and unbox each ask for the loops of every function, so everything here
/// is arrays indexed by block id (dense per function) or by reverse-postorder number, not dictionaries or sets of
/// blocks; a function without a retreating edge (most of them, and a long top-level script) stops after the
/// depth-first walk.</para>
/// </summary>
internal static class Loops
{
    /// <summary>One natural loop.</summary>
    /// <param name="Header">The block every iteration enters through.</param>
    /// <param name="Body">The header and every block of the loop.</param>
    /// <param name="Preheader">The header's only predecessor outside the loop when that block has the header as its
    /// only successor (so code added at its end runs exactly once per entry into the loop); else null.</param>
    internal sealed record Loop(BasicBlock Header, LoopBody Body, BasicBlock? Preheader);

    /// <summary>
    /// The blocks of one loop in the order the loop search found them (the header, then each latch and the blocks
    /// found walking back from it), with membership by block id: the passes iterate it in that order (what they
    /// insert follows it, so the order is part of the output) and ask <see cref="Contains"/>.
    /// </summary>
    internal sealed class LoopBody : IReadOnlyCollection<BasicBlock>
    {
        private readonly List<BasicBlock> _blocks = new();
        private readonly ulong[] _member;

        public LoopBody(int blockIds) => _member = new ulong[(blockIds + 63) >> 6];

        /// <summary>The number of blocks.</summary>
        public int Count => _blocks.Count;

        /// <summary>True when <paramref name="block"/> belongs to the loop.</summary>
        public bool Contains(BasicBlock block)
        {
            var id = block.Id;
            return (uint)(id >> 6) < (uint)_member.Length && (_member[id >> 6] & (1UL << (id & 63))) != 0;
        }

        /// <summary>Adds <paramref name="block"/>; false when it was already there.</summary>
        internal bool Add(BasicBlock block)
        {
            if (Contains(block)) return false;
            _member[block.Id >> 6] |= 1UL << (block.Id & 63);
            _blocks.Add(block);
            return true;
        }

        /// <summary>The blocks in the order they were found.</summary>
        public List<BasicBlock>.Enumerator GetEnumerator() => _blocks.GetEnumerator();

        IEnumerator<BasicBlock> IEnumerable<BasicBlock>.GetEnumerator() => _blocks.GetEnumerator();

        IEnumerator IEnumerable.GetEnumerator() => _blocks.GetEnumerator();
    }

    /// <summary>
    /// The dominator tree the loops were found with: blocks numbered in reverse postorder (only those reachable from
    /// the entry) and each one's immediate dominator.
    /// </summary>
    internal sealed class Dominators(int[] number, int[] idom)
    {
        private int NumberOf(BasicBlock block) => (uint)block.Id < (uint)number.Length ? number[block.Id] : -1;

        /// <summary>True when <paramref name="block"/> is reachable from the entry.</summary>
        public bool IsReached(BasicBlock block) => NumberOf(block) >= 0;

        /// <summary>True when every path from the entry to <paramref name="b"/> passes through <paramref name="a"/>
        /// (a block dominates itself); false for unreachable blocks.</summary>
        public bool Dominates(BasicBlock a, BasicBlock b)
        {
            var i = NumberOf(a);
            var j = NumberOf(b);
            return i >= 0 && j >= 0 && Loops.Dominates(idom, i, j);
        }

        /// <summary>The reverse-postorder number of a reachable block (a block comes after its dominators).</summary>
        public int Order(BasicBlock block) => NumberOf(block) is var n and >= 0 ? n : throw new KeyNotFoundException($"{block} is not reached");
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
        var ids = 0;
        foreach (var b in blocks) ids = Math.Max(ids, b.Id + 1);
        var (rpo, number) = ReversePostorder(blocks[0], ids);
        ids = number.Length;
        // Every back edge retreats in reverse postorder, so a function without a retreating edge has no loop and
        // needs no dominators (a long top-level script: most of the cost of this method, for nothing).
        var retreats = false;
        for (var i = 0; i < rpo.Length && !retreats; i++)
        {
            var successors = rpo[i].Successors;
            for (var k = 0; k < successors.Count; k++) retreats |= number[successors[k].Id] <= i;
        }
        if (!retreats) return [];

        // Predecessors by reverse-postorder number, each once, in the order of the predecessors' numbers (as a walk
        // over the blocks in reverse postorder adding each block to its distinct successors' lists finds them):
        // the loop bodies below are found in this order.
        var n = rpo.Length;
        var (predStart, preds) = FlowGraph.PredecessorRows(rpo, number);

        var idom = new int[n];
        Array.Fill(idom, -1);
        idom[0] = 0;
        bool changed;
        do
        {
            changed = false;
            for (var i = 1; i < n; i++)
            {
                var candidate = -1;
                for (var p = predStart[i]; p < predStart[i + 1]; p++)
                {
                    var j = preds[p];
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

        var bodies = new LoopBody?[n];
        var work = new Stack<int>();
        for (var latch = 0; latch < n; latch++)
        {
            var successors = rpo[latch].Successors;
            for (var k = 0; k < successors.Count; k++)
            {
                var header = number[successors[k].Id];
                // Distinct successors: a branch may name a block twice.
                if (IndexOfBlock(successors, successors[k]) != k) continue;
                // A back edge goes to an earlier block in reverse postorder (or to itself).
                if (header > latch || !Dominates(idom, header, latch)) continue;
                var body = bodies[header];
                if (body is null)
                {
                    bodies[header] = body = new LoopBody(ids);
                    body.Add(rpo[header]);
                }
                if (body.Add(rpo[latch])) work.Push(latch);
                while (work.Count > 0)
                {
                    var at = work.Pop();
                    for (var p = predStart[at]; p < predStart[at + 1]; p++)
                    {
                        if (body.Add(rpo[preds[p]])) work.Push(preds[p]);
                    }
                }
            }
        }

        var loops = new List<Loop>();
        for (var header = 0; header < n; header++)
        {
            if (bodies[header] is not { } body) continue;
            BasicBlock? outside = null;
            var outsideCount = 0;
            for (var p = predStart[header]; p < predStart[header + 1]; p++)
            {
                var pred = rpo[preds[p]];
                if (body.Contains(pred)) continue;
                outside = pred;
                outsideCount++;
            }
            var preheader = outsideCount == 1 && OnlySuccessorIs(outside!, rpo[header]) ? outside : null;
            loops.Add(new Loop(rpo[header], body, preheader));
        }
        return loops;
    }

    /// <summary>True when every successor of <paramref name="block"/> is <paramref name="target"/>.</summary>
    private static bool OnlySuccessorIs(BasicBlock block, BasicBlock target)
    {
        var successors = block.Successors;
        if (successors.Count == 0) return false;
        for (var k = 0; k < successors.Count; k++)
        {
            if (successors[k] != target) return false;
        }
        return true;
    }

    private static int IndexOfBlock(IReadOnlyList<BasicBlock> blocks, BasicBlock block)
    {
        for (var k = 0; k < blocks.Count; k++)
        {
            if (blocks[k] == block) return k;
        }
        return -1;
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

    /// <summary>
    /// The blocks reachable from <paramref name="entry"/> in reverse postorder of a depth-first walk that takes
    /// successors in order, and each block's number in it by block id (−1: not reached; the array grows past
    /// <paramref name="ids"/> if a successor has a larger id).
    /// </summary>
    private static (BasicBlock[] Order, int[] Number) ReversePostorder(BasicBlock entry, int ids)
    {
        var number = new int[Math.Max(ids, entry.Id + 1)];
        Array.Fill(number, -1);
        // number[] doubles as the "seen" mark during the walk (−2), then holds postorder positions.
        var postorder = new List<BasicBlock>();
        var stackBlocks = new List<BasicBlock>();
        var stackNext = new List<int>();
        number[entry.Id] = -2;
        stackBlocks.Add(entry);
        stackNext.Add(0);
        while (stackBlocks.Count > 0)
        {
            var top = stackBlocks.Count - 1;
            var block = stackBlocks[top];
            var next = stackNext[top];
            var successors = block.Successors;
            if (next < successors.Count)
            {
                stackNext[top] = next + 1;
                var s = successors[next];
                if (s.Id >= number.Length)
                {
                    var grown = new int[Math.Max(s.Id + 1, number.Length * 2)];
                    Array.Fill(grown, -1);
                    number.CopyTo(grown, 0);
                    number = grown;
                }
                if (number[s.Id] == -1)
                {
                    number[s.Id] = -2;
                    stackBlocks.Add(s);
                    stackNext.Add(0);
                }
                continue;
            }
            stackBlocks.RemoveAt(top);
            stackNext.RemoveAt(top);
            postorder.Add(block);
        }
        var count = postorder.Count;
        var order = new BasicBlock[count];
        for (var i = 0; i < count; i++)
        {
            order[i] = postorder[count - 1 - i];
            number[order[i].Id] = i;
        }
        return (order, number);
    }
}
