using Sox.Compiler.Ir;

namespace Sox.Compiler.Passes;

/// <summary>
/// Jump threading and block merging (issue 15 item 3, "no <c>jcc next; jmp other</c>"). The passes before it leave
/// blocks that hold nothing but a <c>jmp</c>: the direct arm of a construction once <c>inline</c> took an empty
/// <c>init</c> and <c>deadalloc</c> the instance, the passing arm of an undefined check <c>globals</c> dropped, arms
/// <c>dce</c> emptied. Each costs a taken jump at run time (<c>je L1 … L1: jmp L2</c>). Invariants established:
/// <list type="bullet">
/// <item>no terminator targets a block other than the entry that holds only a <c>jmp</c> (it targets that jump's
///   final destination; a cycle of empty blocks — an empty infinite loop — is left as it is);</item>
/// <item>no conditional branch has two equal targets (it is a <c>jmp</c>; its condition is left for <c>dce</c>);</item>
/// <item>no block ends in a <c>jmp</c> to a block (not the entry) whose only predecessor it is: the two are one
///   block;</item>
/// <item>every block is reachable (the threaded-over blocks go).</item>
/// </list>
/// Target-neutral, so both backends get it. Instructions keep their lines and columns: a removed block contributed
/// only a jump, which has no code once its target follows (the emitters drop a jump to the next block), so the line
/// table loses only entries that covered no instruction of the program.
/// </summary>
internal sealed class JumpThreading : FunctionPass
{
    public override string Name => "jumps";

    public override void Run(IrFunction function)
    {
        if (function.Blocks.Count == 0) return;
        // One block ending in a return or a jump (invoke thunks, most small functions): nothing to thread or merge.
        if (function.Blocks.Count == 1 && function.Blocks[0].Terminator is not (BranchInst or CompareBranchInst
            or FloatCompareBranchInst or BranchTruthyInst)) return;
        // A branch turned into a jump leaves its condition unread; once dce drops it, the block may hold only the jump
        // and thread in turn (`if c {} else {}`). Rare, so only then does dce run here, and at most a few rounds.
        for (var round = 0; round < 4 && Thread(function); round++) new DeadCodeElimination().Run(function);
        MergeStraightLines(function);
    }

    /// <summary>One threading sweep; true when a conditional branch became a jump.</summary>
    private static bool Thread(IrFunction function)
    {
        var blocks = function.Blocks;
        var entry = function.Entry;

        // Where a jump to each block ends up: through blocks that are only a `jmp`, stopping at a cycle. Arrays by block
        // id: `seen` holds the number of the walk that passed a block (no set per walk).
        var ids = 0;
        foreach (var b in blocks) ids = Math.Max(ids, b.Id + 1);
        var final = new BasicBlock?[ids];
        var seen = new int[ids];
        var walk = 0;
        BasicBlock Final(BasicBlock b)
        {
            if (b.Id < ids && final[b.Id] is { } known) return known;
            walk++;
            var at = b;
            while (at != entry && at.Instructions.Count == 1 && at.Instructions[0] is JumpInst j && at.Id < ids && seen[at.Id] != walk)
            {
                seen[at.Id] = walk;
                if (j.Target.Id < ids && final[j.Target.Id] is { } f)
                {
                    at = f;
                    break;
                }
                at = j.Target;
            }
            // A cycle of empty blocks: keep b's own target so the loop stays as written.
            if (at.Id < ids && seen[at.Id] == walk) at = b;
            if (b.Id < ids) final[b.Id] = at;
            return at;
        }

        var branchBecameJump = false;
        Func<BasicBlock, BasicBlock> toFinal = Final; // one delegate for all blocks, not one per block
        foreach (var block in blocks)
        {
            if (block.Terminator is not { } term) continue;
            var retargeted = Retarget(term, toFinal);
            if (ReferenceEquals(retargeted, term)) continue;
            block.Instructions[^1] = retargeted;
            branchBecameJump |= term is not JumpInst && retargeted is JumpInst;
        }
        Reachability.RemoveUnreachableBlocks(function);
        return branchBecameJump;
    }

    /// <summary>
    /// <paramref name="term"/> with every target replaced by <paramref name="map"/>'s, and a conditional branch whose
    /// targets are then equal replaced by a jump; <paramref name="term"/> itself when nothing changes.
    /// </summary>
    internal static Terminator Retarget(Terminator term, Func<BasicBlock, BasicBlock> map)
    {
        // No lambdas per case: this runs for every block of every function.
        Terminator result;
        switch (term)
        {
            case JumpInst j:
                result = map(j.Target) is var target && target != j.Target ? new JumpInst(target, j.Line) : j;
                break;
            case BranchInst or CompareBranchInst or FloatCompareBranchInst or BranchTruthyInst:
                var successors = term.Successors;
                var ifTrue = successors[0];
                var ifFalse = successors[1];
                var t = map(ifTrue);
                var f = map(ifFalse);
                if (t == f) result = new JumpInst(t, term.Line);
                else if (t == ifTrue && f == ifFalse) result = term;
                else
                {
                    result = term switch
                    {
                        BranchInst b => new BranchInst(b.Condition, t, f, b.Line),
                        CompareBranchInst c => new CompareBranchInst(c.Condition, c.Left, c.Right, t, f, c.Line),
                        FloatCompareBranchInst c => new FloatCompareBranchInst(c.Condition, c.Left, c.Right, t, f, c.Line),
                        BranchTruthyInst b => new BranchTruthyInst(b.Value, t, f, b.Line),
                        _ => throw new InvalidOperationException($"jumps: unexpected branch {term}"),
                    };
                }
                break;
            default:
                result = term;
                break;
        }
        if (!ReferenceEquals(result, term)) result.Column = term.Column;
        return result;
    }

    /// <summary>
    /// Appends each block that is reached only by a jump from one other block to that block (repeatedly, so a chain
    /// becomes one block), then drops the emptied blocks.
    /// </summary>
    private static void MergeStraightLines(IrFunction function)
    {
        var blocks = function.Blocks;
        // Arrays by block id rather than dictionaries and sets of blocks: this runs for every function.
        var ids = 0;
        foreach (var block in blocks) ids = Math.Max(ids, block.Id + 1);
        var predecessors = new int[ids];
        var lastFrom = new int[ids];
        for (var i = 0; i < blocks.Count; i++)
        {
            var successors = blocks[i].Successors;
            for (var k = 0; k < successors.Count; k++)
            {
                var s = successors[k].Id;
                if (s >= ids || lastFrom[s] == i + 1) continue;
                lastFrom[s] = i + 1;
                predecessors[s]++;
            }
        }
        var merged = new bool[ids];
        var mergedCount = 0;
        var position = new int[ids];
        for (var i = 0; i < blocks.Count; i++) position[blocks[i].Id] = i;
        var place = new int[ids];
        var placed = new bool[ids];
        foreach (var block in blocks)
        {
            if (merged[block.Id]) continue;
            var at = position[block.Id];
            while (block.Terminator is JumpInst j && j.Target != block && j.Target != function.Entry
                && j.Target.Id < ids && predecessors[j.Target.Id] == 1 && !merged[j.Target.Id])
            {
                var next = j.Target;
                block.Instructions.RemoveAt(block.Instructions.Count - 1);
                block.Instructions.AddRange(next.Instructions);
                next.Instructions.Clear();
                merged[next.Id] = true;
                mergedCount++;
                // next may itself have absorbed a chain already (it came earlier in the list).
                at = Math.Max(at, placed[next.Id] ? place[next.Id] : position[next.Id]);
            }
            place[block.Id] = block == function.Entry ? -1 : at;
            placed[block.Id] = true;
        }
        if (mergedCount == 0) return;
        // The merged block takes the place of the latest of its parts: the register allocator and the layout work
        // in list order, and lowering lists a loop's exit and a slow path's continuation after the code before them,
        // so putting the exit's code (jumped to once) back among the loop's blocks would lengthen the live ranges
        // that span the loop (measured: more spills in lox/properties' 30-call loop). Sorted by (place, position in
        // the kept list), packed in one 64-bit key: a stable order with no LINQ or tuple comparer.
        var kept = new List<BasicBlock>(blocks.Count - mergedCount);
        foreach (var block in blocks)
        {
            if (!merged[block.Id]) kept.Add(block);
        }
        var keys = new long[kept.Count];
        for (var i = 0; i < kept.Count; i++)
        {
            var b = kept[i];
            var key = placed[b.Id] ? place[b.Id] : position[b.Id];
            keys[i] = (long)(key + 1) << 32 | (uint)i;
        }
        Array.Sort(keys);
        blocks.Clear();
        foreach (var key in keys) blocks.Add(kept[(int)(uint)key]);
    }
}
