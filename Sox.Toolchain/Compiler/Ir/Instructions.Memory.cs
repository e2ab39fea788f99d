namespace Sox.Compiler.Ir;

/// <summary>
/// <c>dest = [base + offset]</c> reading <see cref="Width"/> bytes (1, 4 or 8), zero-extended to 64 bits. An F64
/// destination requires width 8. Loads in generated code only read memory the ABI guarantees readable (object
/// headers after a tag check, cells, closures, global slots), so they are treated as pure.
/// </summary>
public sealed class LoadInst(VReg dest, VReg @base, int offset, int width, int line) : Instruction(line)
{
    /// <inheritdoc/>
    public override VReg Dest { get; } = dest;

    /// <summary>The register holding the base address.</summary>
    public VReg Base { get; } = @base;

    /// <summary>The constant byte offset added to <see cref="Base"/>.</summary>
    public int Offset { get; } = offset;

    /// <summary>The access size in bytes: 1, 4 or 8.</summary>
    public int Width { get; } = width;

    private VReg[]? _uses;

    /// <inheritdoc/>
    public override IReadOnlyList<VReg> Uses => _uses ??= [Base];

    /// <inheritdoc/>
    public override bool IsPure => true;
}

/// <summary><c>[base + offset] = value</c>, storing the low <see cref="Width"/> bytes (1, 4 or 8; F64 values: 8).</summary>
public sealed class StoreInst(VReg @base, int offset, VReg value, int width, int line) : Instruction(line)
{
    /// <summary>The register holding the base address.</summary>
    public VReg Base { get; } = @base;

    /// <summary>The constant byte offset added to <see cref="Base"/>.</summary>
    public int Offset { get; } = offset;

    /// <summary>The register whose low <see cref="Width"/> bytes are stored.</summary>
    public VReg Value { get; } = value;

    /// <summary>The access size in bytes: 1, 4 or 8.</summary>
    public int Width { get; } = width;

    private VReg[]? _uses;

    /// <inheritdoc/>
    public override IReadOnlyList<VReg> Uses => _uses ??= [Base, Value];
}

/// <summary>
/// <c>dest = &amp;symbol + addend</c>: a function or data symbol of this module or an external one (runtime,
/// other modules). Instruction selection picks the addressing (RIP-relative lea / adrp+add, or the GOT).
/// </summary>
public sealed class SymbolAddressInst(VReg dest, string symbol, long addend, int line) : Instruction(line)
{
    /// <inheritdoc/>
    public override VReg Dest { get; } = dest;

    /// <summary>The symbol whose address is taken.</summary>
    public string Symbol { get; } = symbol;

    /// <summary>A constant byte offset added to the address.</summary>
    public long Addend { get; } = addend;

    /// <inheritdoc/>
    public override IReadOnlyList<VReg> Uses => [];

    /// <inheritdoc/>
    public override bool IsPure => true;
}

/// <summary><c>dest = address of a stack slot</c> of the current frame (argument arrays, out-parameters).</summary>
public sealed class StackSlotAddressInst(VReg dest, StackSlot slot, int line) : Instruction(line)
{
    /// <inheritdoc/>
    public override VReg Dest { get; } = dest;

    /// <summary>The slot of the current frame.</summary>
    public StackSlot Slot { get; } = slot;

    /// <inheritdoc/>
    public override IReadOnlyList<VReg> Uses => [];

    /// <inheritdoc/>
    public override bool IsPure => true;
}
