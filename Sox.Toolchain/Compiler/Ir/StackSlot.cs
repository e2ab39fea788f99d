namespace Sox.Compiler.Ir;

/// <summary>
/// A fixed-size area of the current frame (argument arrays for <c>sox_call</c>, literal element arrays, foreach
/// out-parameters, the defer list head). Frame layout places it; <see cref="StackSlotAddressInst"/> takes its address.
/// Slots holding values are scanned conservatively by the GC like the rest of the native stack (runtime-abi.md).
/// </summary>
public sealed class StackSlot
{
    internal StackSlot(int id, int size, int alignment, string? hint)
    {
        Id = id;
        Size = size;
        Alignment = alignment;
        Hint = hint;
    }

    /// <summary>The number of the slot within its function (<see cref="IrFunction.StackSlots"/>).</summary>
    public int Id { get; }

    /// <summary>The size in bytes.</summary>
    public int Size { get; }

    /// <summary>The required alignment in bytes (a power of two).</summary>
    public int Alignment { get; }

    /// <summary>What the slot holds, for dumps (<c>args</c>, <c>defers</c>); never semantically significant.</summary>
    public string? Hint { get; }

    /// <summary><c>$id</c>, as dumps print it.</summary>
    public override string ToString() => "$" + Id;
}
