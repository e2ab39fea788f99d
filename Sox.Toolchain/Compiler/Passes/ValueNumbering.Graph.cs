using Sox.Compiler.Ir;

namespace Sox.Compiler.Passes;

/// <summary>
/// The control-flow facts <see cref="ValueNumbering"/> walks: blocks numbered in reverse postorder (reachable ones
/// only), their predecessors, immediate dominators (Cooper, Harvey and Kennedy, "A Simple, Fast Dominance
/// Algorithm", 2001), the dominator tree's children and pre/post numbers for O(1) dominance queries.
/// <para>Compile time: <c>gvn</c> runs once per function, thousands of times per module, so the graph is one object
/// per thread whose flat arrays (indexed by reverse-postorder number; predecessors and children packed as rows of
/// one array each) are reused by the next function (<see cref="For"/>): no array per block and no allocation once
/// the arrays are large enough. A graph is therefore valid only until the next <see cref="For"/> on its thread,
/// which is how the pass uses it (one function at a time).</para>
/// </summary>
internal sealed class ValueNumberingGraph
{
    [ThreadStatic] private static ValueNumberingGraph? t_current;

    /// <summary>The reachable blocks in reverse postorder (index 0 is the entry); the first <see cref="Count"/> are
    /// this function's.</summary>
    public BasicBlock[] Blocks = [];

    /// <summary>The number of reachable blocks.</summary>
    public int Count;

    /// <summary>Reverse-postorder number per <see cref="BasicBlock.Id"/>; -1 for unreachable blocks.</summary>
    public int[] NumberOfId = [];

    /// <summary>Immediate dominator of each block (the entry's is itself).</summary>
    public int[] Idom = [];

    // Distinct reachable predecessors of block i: _predItems[_predStart[i].._predStart[i + 1]], in reverse postorder.
    private int[] _predStart = [], _predItems = [];
    // Dominator-tree children of block i: _childItems[_childStart[i].._childStart[i + 1]], in reverse postorder.
    private int[] _childStart = [], _childItems = [];
    private int[] _pre = [], _post = [];
    // Depth-first walk stacks and marks.
    private int[] _stackNext = [], _seen = [];
    private BasicBlock[] _stackBlock = [];
    private int _listed;

    /// <summary>This thread's graph, recomputed for <paramref name="function"/> (valid until the next call on this
    /// thread).</summary>
    public static ValueNumberingGraph For(IrFunction function)
    {
        var graph = t_current ??= new ValueNumberingGraph();
        graph.Compute(function);
        return graph;
    }

    /// <summary>Distinct reachable predecessors of block <paramref name="b"/>, in reverse postorder.</summary>
    public ReadOnlySpan<int> Predecessors(int b) => _predItems.AsSpan(_predStart[b], _predStart[b + 1] - _predStart[b]);

    /// <summary>Children of block <paramref name="b"/> in the dominator tree, in reverse postorder.</summary>
    public ReadOnlySpan<int> Children(int b) => _childItems.AsSpan(_childStart[b], _childStart[b + 1] - _childStart[b]);

    /// <summary>Drops the references to the last function's blocks (the graph outlives it on its thread).</summary>
    public void Release()
    {
        Array.Clear(Blocks, 0, Count);
        Array.Clear(_stackBlock, 0, _listed);
    }

    private static T[] Grow<T>(T[] array, int n) => array.Length >= n ? array : new T[Math.Max(n, array.Length * 2)];

    private void Compute(IrFunction function)
    {
        var maxId = 0;
        foreach (var b in function.Blocks) maxId = Math.Max(maxId, b.Id);
        var ids = maxId + 1;
        var blockCount = function.Blocks.Count;
        NumberOfId = Grow(NumberOfId, ids);
        Array.Fill(NumberOfId, -1, 0, ids);

        // Iterative depth-first search taking successors in order; the postorder goes into Blocks from the end, so
        // Blocks ends up in reverse postorder. NumberOfId doubles as the "seen" mark (-2) during the walk.
        Blocks = Grow(Blocks, blockCount);
        _stackBlock = Grow(_stackBlock, blockCount);
        _stackNext = Grow(_stackNext, blockCount);
        _seen = Grow(_seen, blockCount);
        _listed = blockCount;
        var posts = 0;
        var top = 0;
        _stackBlock[0] = function.Entry;
        _stackNext[0] = 0;
        NumberOfId[function.Entry.Id] = -2;
        while (top >= 0)
        {
            var block = _stackBlock[top];
            var next = _stackNext[top];
            var succ = block.Successors;
            if (next < succ.Count)
            {
                _stackNext[top] = next + 1;
                var s = succ[next];
                if (NumberOfId[s.Id] == -1)
                {
                    NumberOfId[s.Id] = -2;
                    top++;
                    _stackBlock[top] = s;
                    _stackNext[top] = 0;
                }
            }
            else
            {
                top--;
                Blocks[blockCount - 1 - posts++] = block;
            }
        }
        var n = Count = posts;
        if (n < blockCount) Array.Copy(Blocks, blockCount - n, Blocks, 0, n);
        for (var i = 0; i < n; i++) NumberOfId[Blocks[i].Id] = i;
        if (n < blockCount) Array.Clear(Blocks, n, blockCount - n);

        // Distinct reachable predecessors: count, then fill (a branch may name a block twice).
        _predStart = Grow(_predStart, n + 1);
        Array.Clear(_predStart, 0, n + 1);
        var seen = _seen;
        Array.Clear(seen, 0, n);
        var edges = 0;
        for (var i = 0; i < n; i++)
        {
            var successors = Blocks[i].Successors;
            for (var k = 0; k < successors.Count; k++)
            {
                var j = NumberOfId[successors[k].Id];
                if (seen[j] == i + 1) continue;
                seen[j] = i + 1;
                _predStart[j + 1]++;
                edges++;
            }
        }
        for (var j = 0; j < n; j++) _predStart[j + 1] += _predStart[j];
        _predItems = Grow(_predItems, edges);
        var fill = _stackNext; // reused as each row's fill count
        Array.Clear(fill, 0, n);
        Array.Clear(seen, 0, n);
        for (var i = 0; i < n; i++)
        {
            var successors = Blocks[i].Successors;
            for (var k = 0; k < successors.Count; k++)
            {
                var j = NumberOfId[successors[k].Id];
                if (seen[j] == i + 1) continue;
                seen[j] = i + 1;
                _predItems[_predStart[j] + fill[j]++] = i;
            }
        }

        Idom = Grow(Idom, n);
        Array.Fill(Idom, -1, 0, n);
        Idom[0] = 0;
        bool changed;
        do
        {
            changed = false;
            for (var i = 1; i < n; i++)
            {
                var candidate = -1;
                for (var k = _predStart[i]; k < _predStart[i + 1]; k++)
                {
                    var p = _predItems[k];
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

        _childStart = Grow(_childStart, n + 1);
        Array.Clear(_childStart, 0, n + 1);
        for (var i = 1; i < n; i++) _childStart[Idom[i] + 1]++;
        for (var j = 0; j < n; j++) _childStart[j + 1] += _childStart[j];
        _childItems = Grow(_childItems, Math.Max(n - 1, 0));
        Array.Clear(fill, 0, n);
        for (var i = 1; i < n; i++) _childItems[_childStart[Idom[i]] + fill[Idom[i]]++] = i;

        // Pre/post numbers of the dominator tree: a dominates b iff pre[a] <= pre[b] and post[b] <= post[a].
        _pre = Grow(_pre, n);
        _post = Grow(_post, n);
        var counter = 0;
        var nodes = seen; // the walk's stack of nodes; fill holds each one's next child
        Array.Clear(fill, 0, n);
        top = 0;
        nodes[0] = 0;
        _pre[0] = counter++;
        while (top >= 0)
        {
            var node = nodes[top];
            var next = fill[node];
            if (next < _childStart[node + 1] - _childStart[node])
            {
                fill[node] = next + 1;
                var c = _childItems[_childStart[node] + next];
                _pre[c] = counter++;
                nodes[++top] = c;
            }
            else
            {
                _post[node] = counter++;
                top--;
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
