using Sox.Compiler.Ir;

namespace Sox.Compiler.Passes;

/// <summary>
/// Dead-code elimination. Invariants established: every block is reachable from the entry; no pure instruction
/// (<see cref="Instruction.IsPure"/>) assigns a register that nothing reads. Calls, stores, Sox operations that can
/// fail and terminators are always kept. Runs to a fixed point (removing one instruction can orphan its operands).
/// </summary>
internal sealed class DeadCodeElimination : FunctionPass
{
    public override string Name => "dce";

    public override void Run(IrFunction function)
    {
        Reachability.RemoveUnreachableBlocks(function);
        // Use counts are kept up to date as instructions go (a deleted instruction no longer reads its operands),
        // and sweeps repeat while a deletion left some register unread. Deleting dead code never makes other code
        // live, so the result is the same unique fixed point as recounting before every sweep.
        var uses = RegisterCounts.Uses(function);
        bool changed;
        do
        {
            changed = false;
            foreach (var block in function.Blocks)
            {
                var instructions = block.Instructions;
                var kept = 0;
                for (var i = 0; i < instructions.Count; i++)
                {
                    var inst = instructions[i];
                    if (inst.IsPure && inst.Dest is { } d && uses[d.Id] == 0)
                    {
                        var operands = inst.Uses;
                        for (var k = 0; k < operands.Count; k++)
                        {
                            if (--uses[operands[k].Id] == 0) changed = true;
                        }
                        continue;
                    }
                    instructions[kept++] = inst;
                }
                if (kept < instructions.Count) instructions.RemoveRange(kept, instructions.Count - kept);
            }
        }
        while (changed);
    }
}
