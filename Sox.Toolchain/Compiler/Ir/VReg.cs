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

    /// <summary>The number of the register, dense per function (an index into <see cref="IrFunction.Registers"/>).</summary>
    public int Id { get; }

    /// <summary>The register class: a 64-bit word or a double.</summary>
    public IrType Type { get; }

    /// <summary>A source name for readability in dumps (never semantically significant).</summary>
    public string? Hint { get; }

    /// <summary><c>%id</c>, as dumps print it.</summary>
    public override string ToString() => "%" + Id;
}
