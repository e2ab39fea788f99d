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
        var scratch = Scratch.Current;
        var n = ReversePostorder(scratch, blocks[0], ids, blocks.Count);
        var rpo = scratch.Order!;
        var number = scratch.Number!;
        ids = scratch.Ids;
        try
        {
            // Every back edge retreats in reverse postorder, so a function without a retreating edge has no loop and
            // needs no dominators (a long top-level script: most of the cost of this method, for nothing).
            var retreats = false;
            for (var i = 0; i < n && !retreats; i++)
            {
                var successors = rpo[i].Successors;
                for (var k = 0; k < successors.Count; k++) retreats |= number[successors[k].Id] <= i;
            }
            if (!retreats) return [];

            // Predecessors by reverse-postorder number, each once, in the order of the predecessors' numbers (as a
            // walk over the blocks in reverse postorder adding each block to its distinct successors' lists finds
            // them): the loop bodies below are found in this order.
            var (predStart, preds) = PredecessorRows(scratch, rpo, n, number);

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

            dominators = new Dominators(number.AsSpan(0, ids).ToArray(), idom);

            var bodies = ScratchArrays.Take(ref scratch.Bodies, n);
            var work = ScratchArrays.Take(ref scratch.Work, n);
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
                    // A stack of reverse-postorder numbers: each block is pushed at most once per loop.
                    var top = 0;
                    if (body.Add(rpo[latch])) work[top++] = latch;
                    while (top > 0)
                    {
                        var at = work[--top];
                        for (var p = predStart[at]; p < predStart[at + 1]; p++)
                        {
                            if (body.Add(rpo[preds[p]])) work[top++] = preds[p];
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
            Array.Clear(bodies, 0, n);
            return loops;
        }
        finally
        {
            // The scratch outlives the function on this thread: drop its blocks.
            Array.Clear(rpo, 0, n);
        }
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
    /// Puts the blocks reachable from <paramref name="entry"/> in <paramref name="scratch"/>'s <c>Order</c>, in reverse
    /// postorder of a depth-first walk that takes successors in order, and each block's number in it in <c>Number</c>
    /// by block id (−1: not reached; <c>Ids</c> grows past <paramref name="ids"/> if a successor has a larger id);
    /// returns how many were reached.
    /// </summary>
    private static int ReversePostorder(Scratch scratch, BasicBlock entry, int ids, int listed)
    {
        ids = Math.Max(ids, entry.Id + 1);
        var number = ScratchArrays.TakeDirty(ref scratch.Number, ids);
        Array.Fill(number, -1, 0, ids);
        // number[] doubles as the "seen" mark during the walk (−2), then holds reverse-postorder numbers.
        var stackBlocks = ScratchArrays.TakeDirty(ref scratch.StackBlocks, listed + 1);
        var stackNext = ScratchArrays.TakeDirty(ref scratch.StackNext, listed + 1);
        var postorder = ScratchArrays.TakeDirty(ref scratch.Postorder, listed + 1);
        var count = 0;
        var top = 0;
        number[entry.Id] = -2;
        stackBlocks[0] = entry;
        stackNext[0] = 0;
        while (top >= 0)
        {
            var block = stackBlocks[top];
            var next = stackNext[top];
            var successors = block.Successors;
            if (next < successors.Count)
            {
                stackNext[top] = next + 1;
                var s = successors[next];
                if (s.Id >= ids)
                {
                    var grown = Math.Max(s.Id + 1, ids * 2);
                    if (grown > number.Length) Array.Resize(ref scratch.Number, grown);
                    number = scratch.Number!;
                    Array.Fill(number, -1, ids, grown - ids);
                    ids = grown;
                }
                if (number[s.Id] == -1)
                {
                    number[s.Id] = -2;
                    top++;
                    if (top == stackBlocks.Length)
                    {
                        Array.Resize(ref scratch.StackBlocks, top * 2);
                        Array.Resize(ref scratch.StackNext, top * 2);
                        stackBlocks = scratch.StackBlocks!;
                        stackNext = scratch.StackNext!;
                    }
                    stackBlocks[top] = s;
                    stackNext[top] = 0;
                }
                continue;
            }
            stackBlocks[top] = null!;
            top--;
            if (count == postorder.Length)
            {
                Array.Resize(ref scratch.Postorder, count * 2);
                postorder = scratch.Postorder!;
            }
            postorder[count++] = block;
        }
        var order = ScratchArrays.TakeDirty(ref scratch.Order, count);
        for (var i = 0; i < count; i++)
        {
            order[i] = postorder[count - 1 - i];
            number[order[i].Id] = i;
        }
        Array.Clear(postorder, 0, count);
        scratch.Ids = ids;
        return count;
    }

    /// <summary>As <see cref="FlowGraph.PredecessorRows"/> over the first <paramref name="n"/> of
    /// <paramref name="blocks"/>, into <paramref name="scratch"/>'s arrays.</summary>
    private static (int[] Start, int[] Items) PredecessorRows(Scratch scratch, BasicBlock[] blocks, int n, int[] positionById)
    {
        var start = ScratchArrays.Take(ref scratch.PredStart, n + 1);
        // seen[j] == i + 1: block i is already a predecessor of block j.
        var seen = ScratchArrays.Take(ref scratch.Seen, n);
        var edges = 0;
        for (var i = 0; i < n; i++)
        {
            var successors = blocks[i].Successors;
            for (var k = 0; k < successors.Count; k++)
            {
                var j = FlowGraph.PositionOf(positionById, successors[k]);
                if (j < 0 || seen[j] == i + 1) continue;
                seen[j] = i + 1;
                start[j + 1]++;
                edges++;
            }
        }
        for (var j = 0; j < n; j++) start[j + 1] += start[j];
        var items = ScratchArrays.TakeDirty(ref scratch.PredItems, edges);
        Array.Clear(seen, 0, n);
        var fill = ScratchArrays.Take(ref scratch.Fill, n);
        for (var i = 0; i < n; i++)
        {
            var successors = blocks[i].Successors;
            for (var k = 0; k < successors.Count; k++)
            {
                var j = FlowGraph.PositionOf(positionById, successors[k]);
                if (j < 0 || seen[j] == i + 1) continue;
                seen[j] = i + 1;
                items[start[j] + fill[j]++] = i;
            }
        }
        return (start, items);
    }

    /// <summary>
    /// The arrays one <see cref="Find(IrFunction, out Dominators?)"/> needs, kept per thread and reused by the next
    /// call: promote, licm (twice), version and unbox ask for the loops of each of a module's thousands of functions,
    /// most of which have none. What a call returns (the loops, their bodies, the dominators) is always fresh.
    /// </summary>
    private sealed class Scratch
    {
        [ThreadStatic] private static Scratch? t_current;

        public static Scratch Current => t_current ??= new();

        public int[]? Number, StackNext, PredStart, Seen, PredItems, Fill, Work;
        public BasicBlock[]? StackBlocks, Postorder, Order;
        public LoopBody?[]? Bodies;
        public int Ids;


    }
}
