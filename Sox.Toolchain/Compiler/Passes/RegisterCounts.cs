using Sox.Compiler.Ir;

namespace Sox.Compiler.Passes;

/// <summary>
/// Per-register facts of one function as flat arrays indexed by <see cref="VReg.Id"/> (ids are dense per function),
/// for passes that walk every instruction: no dictionary keyed by register objects, no per-lookup hashing.
/// </summary>
internal static class RegisterCounts
{
    /// <summary>How many times each register is read.</summary>
    public static int[] Uses(IrFunction function)
    {
        var counts = new int[function.Registers.Count];
        foreach (var block in function.Blocks)
        {
            foreach (var inst in block.Instructions)
            {
                var uses = inst.Uses;
                for (var i = 0; i < uses.Count; i++) counts[uses[i].Id]++;
            }
        }
        return counts;
    }

    /// <summary>How many instructions (and parameters) assign each register.</summary>
    public static int[] Definitions(IrFunction function)
    {
        var counts = new int[function.Registers.Count];
        foreach (var p in function.Parameters) counts[p.Id] = 1;
        foreach (var block in function.Blocks)
        {
            foreach (var inst in block.Instructions)
            {
                if (inst.Dest is { } d) counts[d.Id]++;
            }
        }
        return counts;
    }

    /// <summary>
    /// Deletes the blocks no path from the entry reaches (as <see cref="Reachability.RemoveUnreachableBlocks"/>),
    /// marking blocks by id. Returns true when any was removed.
    /// </summary>
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
        return blocks.RemoveAll(b => !reached[b.Id]) > 0;
    }
}
