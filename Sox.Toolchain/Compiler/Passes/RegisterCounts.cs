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
                if (inst is CallInst call)
                {
                    // Not through Uses, which builds a new list for a call with a target.
                    if (call.Target is { } target) counts[target.Id]++;
                    var args = call.Arguments;
                    for (var i = 0; i < args.Count; i++) counts[args[i].Id]++;
                    continue;
                }
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
}
