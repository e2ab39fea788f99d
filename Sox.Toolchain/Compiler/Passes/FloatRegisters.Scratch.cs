using Sox.Compiler.Ir;

namespace Sox.Compiler.Passes;

/// <summary>
/// The arrays one <see cref="FloatRegisters"/> run needs, kept per thread and reused by the next function (as
/// <see cref="ValueNumberingScratch"/> does for <c>gvn</c>): a module has thousands of small functions with float work,
/// and a dozen fresh arrays by register id each (about 80 bytes per register) were most of the pass's allocation.
/// Arrays only grow; <see cref="ScratchArrays.Take{T}"/> clears the part a run uses.
/// </summary>
internal sealed class FloatRegistersScratch
{
    [ThreadStatic] private static FloatRegistersScratch? t_current;

    /// <summary>This thread's scratch.</summary>
    public static FloatRegistersScratch Current => t_current ??= new();

    // Unbox, per register.
    public bool[]? Candidate, FloatUse, Kept;
    public int[]? SourceStart, UserStart, Work;
    public VReg?[]? Twin;

    // Unbox, per copy (dest, source) in instruction order, and the copy web in rows by register.
    public int[]? CopyDest, CopySource, SourceItems, UserItems, Fill;

    // PropagateCopies / HoistConstants / SplitAtCalls, per register.
    public bool[]? DebugRegisters;
    public VReg?[]? Alias;
    public int[]? Uses, Assignments, Dense, Crossing;

    // SplitAtCalls, per F64 register and per block.
    public int[]? AssignedIn;
    public ConstInst?[]? ConstantOf;
    public ulong[]? LiveIn, LiveOut, ReadFirst, Assigned;

    // Lists, cleared after each use.
    public readonly List<int> Aliased = [];
    public readonly List<Instruction> Output = [];
    public readonly List<Instruction> Before = [];
    public readonly List<Instruction> After = [];
    public readonly List<VReg> Floats = [];
    public readonly List<int> CrossingToDense = [];
}
