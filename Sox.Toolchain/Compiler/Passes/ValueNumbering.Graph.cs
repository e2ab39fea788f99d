using Sox.Compiler.Ir;

namespace Sox.Compiler.Passes;

/// <summary>
/// The control-flow facts <see cref="ValueNumbering"/> walks: blocks numbered in reverse postorder (reachable ones
/// only), their predecessors, immediate dominators (Cooper, Harvey and Kennedy, "A Simple, Fast Dominance
/// Algorithm", 2001), the dominator tree's children and pre/post numbers for O(1) dominance queries. Flat arrays
/// indexed by reverse-postorder number, so the pass allocates no dictionary per block.
/// </summary>
internal sealed class ValueNumberingGraph
{
    /// <summary>The reachable blocks in reverse postorder (index 0 is the entry).</summary>
    public readonly BasicBlock[] Blocks;

    /// <summary>Reverse-postorder number per <see cref="BasicBlock.Id"/>; -1 for unreachable blocks.</summary>
    public readonly int[] NumberOfId;

    /// <summary>Distinct reachable predecessors of each block.</summary>
    public readonly int[][] Predecessors;

    /// <summary>Immediate dominator of each block (the entry's is itself).</summary>
    public readonly int[] Idom;

    /// <summary>Children of each block in the dominator tree, in reverse postorder.</summary>
    public readonly int[][] Children;

    private readonly int[] _pre;
    private readonly int[] _post;

    public ValueNumberingGraph(IrFunction function)
    {
        var maxId = 0;
        foreach (var b in function.Blocks) maxId = Math.Max(maxId, b.Id);
        NumberOfId = new int[maxId + 1];
        Array.Fill(NumberOfId, -1);

        // Iterative depth-first search for the postorder.
        var post = new List<BasicBlock>(function.Blocks.Count);
        var visited = new bool[maxId + 1];
        var stack = new Stack<(BasicBlock Block, int Next)>();
        stack.Push((function.Entry, 0));
        visited[function.Entry.Id] = true;
        while (stack.Count > 0)
        {
            var (block, next) = stack.Pop();
            var succ = block.Successors;
            if (next < succ.Count)
            {
                stack.Push((block, next + 1));
                var s = succ[next];
                if (!visited[s.Id])
                {
                    visited[s.Id] = true;
                    stack.Push((s, 0));
                }
            }
            else
            {
                post.Add(block);
            }
        }
        var n = post.Count;
        Blocks = new BasicBlock[n];
        for (var i = 0; i < n; i++)
        {
            Blocks[i] = post[n - 1 - i];
            NumberOfId[Blocks[i].Id] = i;
        }

        // Distinct reachable predecessors: count, then fill (a branch may name a block twice).
        var counts = new int[n];
        var seen = new int[n];
        for (var i = 0; i < n; i++)
        {
            foreach (var s in Blocks[i].Successors)
            {
                var j = NumberOfId[s.Id];
                if (seen[j] == i + 1) continue;
                seen[j] = i + 1;
                counts[j]++;
            }
        }
        Predecessors = new int[n][];
        for (var i = 0; i < n; i++) Predecessors[i] = counts[i] == 0 ? [] : new int[counts[i]];
        Array.Clear(counts);
        Array.Clear(seen);
        for (var i = 0; i < n; i++)
        {
            foreach (var s in Blocks[i].Successors)
            {
                var j = NumberOfId[s.Id];
                if (seen[j] == i + 1) continue;
                seen[j] = i + 1;
                Predecessors[j][counts[j]++] = i;
            }
        }

        Idom = new int[n];
        Array.Fill(Idom, -1);
        Idom[0] = 0;
        bool changed;
        do
        {
            changed = false;
            for (var i = 1; i < n; i++)
            {
                var candidate = -1;
                foreach (var p in Predecessors[i])
                {
                    if (Idom[p] < 0) continue;
                    candidate = candidate < 0 ? p : Intersect(candidate, p);
                }
                if (candidate != Idom[i])
                {
                    Idom[i] = candidate;
                    changed = true;
                }
            }
        }
        while (changed);

        var childCounts = new int[n];
        for (var i = 1; i < n; i++) childCounts[Idom[i]]++;
        Children = new int[n][];
        for (var i = 0; i < n; i++) Children[i] = childCounts[i] == 0 ? [] : new int[childCounts[i]];
        Array.Clear(childCounts);
        for (var i = 1; i < n; i++) Children[Idom[i]][childCounts[Idom[i]]++] = i;

        // Pre/post numbers of the dominator tree: a dominates b iff pre[a] <= pre[b] and post[b] <= post[a].
        _pre = new int[n];
        _post = new int[n];
        var counter = 0;
        var walk = new Stack<(int Node, int Next)>();
        walk.Push((0, 0));
        _pre[0] = counter++;
        while (walk.Count > 0)
        {
            var (node, next) = walk.Pop();
            if (next < Children[node].Length)
            {
                walk.Push((node, next + 1));
                var c = Children[node][next];
                _pre[c] = counter++;
                walk.Push((c, 0));
            }
            else
            {
                _post[node] = counter++;
            }
        }
    }

    /// <summary>True when every path from the entry to block <paramref name="b"/> passes through block
    /// <paramref name="a"/> (reverse-postorder numbers; a block dominates itself).</summary>
    public bool Dominates(int a, int b) => _pre[a] <= _pre[b] && _post[b] <= _post[a];

    private int Intersect(int a, int b)
    {
        while (a != b)
        {
            while (a > b) a = Idom[a];
            while (b > a) b = Idom[b];
        }
        return a;
    }
}
