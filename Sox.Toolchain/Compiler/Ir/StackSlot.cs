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

    public int Id { get; }

    public int Size { get; }

    public int Alignment { get; }

    public string? Hint { get; }

    public override string ToString() => "$" + Id;
}
