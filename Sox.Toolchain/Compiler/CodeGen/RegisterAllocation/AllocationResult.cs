namespace Sox.Compiler.CodeGen.RegisterAllocation;

/// <summary>What the frame layout needs from register allocation.</summary>
public sealed record AllocationResult(IReadOnlyList<int> UsedCalleeSaved, int SpilledRegisters, int RemovedCopies)
{
    /// <summary>Each virtual register's interval with its assigned register or spill slot, by virtual index.</summary>
    public IReadOnlyList<LiveInterval> Intervals { get; init; } = [];
}
