namespace Sox.Compiler.CodeGen.RegisterAllocation;

/// <summary>What the frame layout needs from register allocation.</summary>
public sealed record AllocationResult(IReadOnlyList<int> UsedCalleeSaved, int SpilledRegisters, int RemovedCopies);
