using Sox.Compiler.Ir;

namespace Sox.Compiler.Passes;

/// <summary>
/// The per-register and per-block arrays one <see cref="LoopVersioning"/> plan needs, kept per thread and reused by
/// the next loop and function (as <see cref="ValueNumberingScratch"/> does for <c>gvn</c>): a module has hundreds of
/// small loops, and dictionaries keyed by registers and a bit set per block for each loop looked at were most of the
/// pass's allocation. A plan's <see cref="LoopVersioning.Liveness"/> and register counts live in these arrays, so they
/// are valid until the next plan is made on the same thread — the pass applies a plan before making the next one.
/// </summary>
internal sealed class LoopVersioningScratch
{
    [ThreadStatic] private static LoopVersioningScratch? t_current;

    /// <summary>This thread's scratch.</summary>
    public static LoopVersioningScratch Current => t_current ??= new();

    // Per register: definitions and reads inside the loop, the liveness index of the registers the copy assigns.
    public int[]? BodyDefinitions, BodyUses, Index, Definitions, Uses, Assigned;

    // Per register: the one defining instruction, debug-variable and parameter flags (LoopVersioning.Facts).
    public Instruction?[]? SingleDefinition, RegionDefinition;
    public byte[]? Flags;

    // Per block id: a loop block's position in the liveness rows; a block's position in the function (layout).
    public int[]? Position, Layout;

    // Liveness rows (blocks × words) and the row for outside the loop.
    public ulong[]? Gen, Kill, Live, Outside, Scratch;

    /// <summary>The loop's blocks in order.</summary>
    public readonly List<BasicBlock> Blocks = [];

    /// <summary>Calls <paramref name="use"/> for each register <paramref name="inst"/> reads; for a call, without
    /// building the list <see cref="CallInst.Uses"/> makes when it has a target.</summary>
    public static void ForEachUse<TState>(Instruction inst, ref TState state, UseAction<TState> use)
    {
        if (inst is CallInst call)
        {
            if (call.Target is { } target) use(target, ref state);
            var args = call.Arguments;
            for (var i = 0; i < args.Count; i++) use(args[i], ref state);
            return;
        }
        var uses = inst.Uses;
        for (var i = 0; i < uses.Count; i++) use(uses[i], ref state);
    }

    /// <summary>What <see cref="ForEachUse{TState}"/> calls.</summary>
    public delegate void UseAction<TState>(VReg register, ref TState state);
}
