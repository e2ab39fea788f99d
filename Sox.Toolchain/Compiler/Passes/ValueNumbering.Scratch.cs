namespace Sox.Compiler.Passes;

/// <summary>
/// The arrays one <see cref="ValueNumbering"/> run needs, kept per thread and reused by the next function: a module
/// has thousands of small functions, and allocating each run's two dozen arrays afresh was most of the pass's
/// allocation. Arrays only grow; <see cref="ScratchArrays.Take{T}"/> clears the part a run uses.
/// </summary>
internal sealed class ValueNumberingScratch
{
    [ThreadStatic] private static ValueNumberingScratch? t_current;

    /// <summary>This thread's scratch.</summary>
    public static ValueNumberingScratch Current => t_current ??= new();

    // Per register.
    public bool[]? Stable;
    public int[]? Vn, Stamp, Generation, Defs, DefBlock, DefIndex;

    // Per value number (NewVn sets what a reader needs, so these are never cleared).
    public AddressClass[]? VnClass;
    public long[]? VnBase, VnAddend, VnBits;
    public bool[]? VnConst;

    // Per block.
    public byte[]? Effects;
    public bool[]? Done;
    public int[]? StoreStart, StoreCount, ExitStart, ExitCount, ArenaMark, WalkSeen, Work, ExitEpoch, Marks, Stack;

    // Growing lists.
    public AvailableLoad[]? Arena;
    public ValueNumbering.StoreFact[]? StoreFacts;
    public ValueNumberingTable? Table;
    public AvailableLoads Loads = new();


}
