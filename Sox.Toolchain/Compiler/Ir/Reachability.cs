namespace Sox.Compiler.Ir;

/// <summary>Control-flow helpers shared by the verifier and the passes.</summary>
public static class Reachability
{
    /// <summary>The blocks reachable from the entry.</summary>
    public static HashSet<BasicBlock> Reachable(IrFunction function)
    {
        var seen = new HashSet<BasicBlock>();
        if (function.Blocks.Count == 0) return seen;
        var work = new Stack<BasicBlock>();
        work.Push(function.Entry);
        seen.Add(function.Entry);
        while (work.Count > 0)
        {
            foreach (var s in work.Pop().Successors)
            {
                if (seen.Add(s)) work.Push(s);
            }
        }
        return seen;
    }

    /// <summary>Deletes blocks no path from the entry reaches. Returns true when any was removed.</summary>
    /// <remarks>Marks blocks by id (ids are dense per function) rather than in a set of blocks: this runs for every
    /// function lowering produces and after every dead-code pass.</remarks>
    public static bool RemoveUnreachableBlocks(IrFunction function)
    {
        var blocks = function.Blocks;
        if (blocks.Count == 0) return false;
        var maxId = 0;
        foreach (var b in blocks) maxId = Math.Max(maxId, b.Id);
        var reached = new bool[maxId + 1];
        var work = new Stack<BasicBlock>();
        reached[function.Entry.Id] = true;
        work.Push(function.Entry);
        while (work.Count > 0)
        {
            var successors = work.Pop().Successors;
            for (var i = 0; i < successors.Count; i++)
            {
                var s = successors[i];
                if (s.Id >= reached.Length) Array.Resize(ref reached, s.Id + 1);
                if (reached[s.Id]) continue;
                reached[s.Id] = true;
                work.Push(s);
            }
        }
        var kept = 0;
        for (var i = 0; i < blocks.Count; i++)
        {
            if (reached[blocks[i].Id]) blocks[kept++] = blocks[i];
        }
        if (kept == blocks.Count) return false;
        blocks.RemoveRange(kept, blocks.Count - kept);
        return true;
    }
}
