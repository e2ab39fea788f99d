namespace Sox.Compiler.Ir;

/// <summary>
/// A virtual register of one <see cref="IrFunction"/>. The IR is not SSA: a register may be assigned by several
/// instructions (e.g. the result of a call on both its fast and slow path, or a loop variable), and the register
/// allocator sees each one as a single live range set. Identity is by reference; <see cref="Id"/> is unique
/// within its function and is what the printer shows.
/// </summary>
public sealed class VReg
{
    internal VReg(int id, IrType type, string? hint)
    {
        Id = id;
        Type = type;
        Hint = hint;
    }

    public int Id { get; }

    public IrType Type { get; }

    /// <summary>A source name for readability in dumps (never semantically significant).</summary>
    public string? Hint { get; }

    public override string ToString() => "%" + Id;
}
