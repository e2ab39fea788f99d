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
        // Sweeps go backward (last block first, last instruction first): reads mostly follow their definitions, so a
        // chain of dead instructions dies in one sweep instead of one sweep per link.
        var blocks = function.Blocks;
        bool changed;
        do
        {
            changed = false;
            for (var b = blocks.Count - 1; b >= 0; b--)
            {
                var instructions = blocks[b].Instructions;
                var dead = 0;
                for (var i = instructions.Count - 1; i >= 0; i--)
                {
                    var inst = instructions[i];
                    if (!inst.IsPure || inst.Dest is not { } d || uses[d.Id] != 0) continue;
                    var operands = inst.Uses;
                    for (var k = 0; k < operands.Count; k++)
                    {
                        if (--uses[operands[k].Id] == 0) changed = true;
                    }
                    instructions[i] = null!;
                    dead++;
                }
                if (dead > 0) instructions.RemoveAll(static inst => inst is null);
            }
        }
        while (changed);
    }
}
