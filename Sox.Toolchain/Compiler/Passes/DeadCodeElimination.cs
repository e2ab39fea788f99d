using Sox.Compiler.Ir;

namespace Sox.Compiler.Passes;

/// <summary>
/// Dead-code elimination. Invariants established: every block is reachable from the entry; no pure instruction
/// (<see cref="Instruction.IsPure"/>) assigns a register that nothing reads. Calls, stores, Sox operations that can
/// fail and terminators are always kept. Runs to a fixed point (removing one instruction can orphan its operands).
/// </summary>
public sealed class DeadCodeElimination : FunctionPass
{
    public override string Name => "dce";

    public override void Run(IrFunction function)
    {
        Reachability.RemoveUnreachableBlocks(function);
        bool changed;
        do
        {
            var uses = Reachability.UseCounts(function);
            changed = false;
            foreach (var block in function.Blocks)
            {
                changed |= block.Instructions.RemoveAll(i => i.IsPure && i.Dest is { } d && !uses.ContainsKey(d)) > 0;
            }
        }
        while (changed);
    }
}
