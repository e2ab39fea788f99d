namespace Sox.Compiler.Ir;

/// <summary><c>dest = bits</c>; for an F64 destination the bits are those of the double.</summary>
public sealed class ConstInst(VReg dest, long bits, int line) : Instruction(line)
{
    /// <inheritdoc/>
    public override VReg Dest { get; } = dest;

    /// <summary>The 64-bit pattern assigned: an integer, a NaN-boxed value, or the bits of a double.</summary>
    public long Bits { get; } = bits;

    /// <summary><see cref="Bits"/> read as a double (the constant of an F64 destination).</summary>
    public double AsDouble => BitConverter.Int64BitsToDouble(Bits);

    /// <inheritdoc/>
    public override IReadOnlyList<VReg> Uses => [];

    /// <inheritdoc/>
    public override bool IsPure => true;
}

/// <summary><c>dest = src</c> (same type).</summary>
public sealed class CopyInst(VReg dest, VReg source, int line) : Instruction(line)
{
    /// <inheritdoc/>
    public override VReg Dest { get; } = dest;

    /// <summary>The register copied.</summary>
    public VReg Source { get; } = source;

    private VReg[]? _uses;

    /// <inheritdoc/>
    public override IReadOnlyList<VReg> Uses => _uses ??= [Source];

    /// <inheritdoc/>
    public override bool IsPure => true;
}

/// <summary><c>dest = left op right</c> on I64.</summary>
public sealed class IntBinaryInst(IntOp op, VReg dest, VReg left, VReg right, int line) : Instruction(line)
{
    /// <summary>The integer operation.</summary>
    public IntOp Op { get; } = op;

    /// <inheritdoc/>
    public override VReg Dest { get; } = dest;

    /// <summary>The left operand.</summary>
    public VReg Left { get; } = left;

    /// <summary>The right operand.</summary>
    public VReg Right { get; } = right;

    private VReg[]? _uses;

    /// <inheritdoc/>
    public override IReadOnlyList<VReg> Uses => _uses ??= [Left, Right];

    /// <inheritdoc/>
    public override bool IsPure => true;
}

/// <summary><c>dest = left op right</c> on F64.</summary>
public sealed class FloatBinaryInst(FloatOp op, VReg dest, VReg left, VReg right, int line) : Instruction(line)
{
    /// <summary>The floating-point operation.</summary>
    public FloatOp Op { get; } = op;

    /// <inheritdoc/>
    public override VReg Dest { get; } = dest;

    /// <summary>The left operand.</summary>
    public VReg Left { get; } = left;

    /// <summary>The right operand.</summary>
    public VReg Right { get; } = right;

    private VReg[]? _uses;

    /// <inheritdoc/>
    public override IReadOnlyList<VReg> Uses => _uses ??= [Left, Right];

    /// <inheritdoc/>
    public override bool IsPure => true;
}

/// <summary><c>dest = (left cond right) ? 1 : 0</c>, I64 operands.</summary>
public sealed class IntCompareInst(IntCondition condition, VReg dest, VReg left, VReg right, int line) : Instruction(line)
{
    /// <summary>The comparison, signed or unsigned.</summary>
    public IntCondition Condition { get; } = condition;

    /// <inheritdoc/>
    public override VReg Dest { get; } = dest;

    /// <summary>The left operand.</summary>
    public VReg Left { get; } = left;

    /// <summary>The right operand.</summary>
    public VReg Right { get; } = right;

    private VReg[]? _uses;

    /// <inheritdoc/>
    public override IReadOnlyList<VReg> Uses => _uses ??= [Left, Right];

    /// <inheritdoc/>
    public override bool IsPure => true;
}

/// <summary><c>dest = (left cond right) ? 1 : 0</c>, F64 operands, IEEE semantics (<see cref="FloatCondition"/>).</summary>
public sealed class FloatCompareInst(FloatCondition condition, VReg dest, VReg left, VReg right, int line) : Instruction(line)
{
    /// <summary>The IEEE comparison.</summary>
    public FloatCondition Condition { get; } = condition;

    /// <inheritdoc/>
    public override VReg Dest { get; } = dest;

    /// <summary>The left operand.</summary>
    public VReg Left { get; } = left;

    /// <summary>The right operand.</summary>
    public VReg Right { get; } = right;

    private VReg[]? _uses;

    /// <inheritdoc/>
    public override IReadOnlyList<VReg> Uses => _uses ??= [Left, Right];

    /// <inheritdoc/>
    public override bool IsPure => true;
}

/// <summary>A bitcast or numeric conversion between I64 and F64 (<see cref="ConvertKind"/>).</summary>
public sealed class ConvertInst(ConvertKind kind, VReg dest, VReg source, int line) : Instruction(line)
{
    /// <summary>The conversion, which fixes the operand and result types (<see cref="Signature"/>).</summary>
    public ConvertKind Kind { get; } = kind;

    /// <inheritdoc/>
    public override VReg Dest { get; } = dest;

    /// <summary>The register converted.</summary>
    public VReg Source { get; } = source;

    private VReg[]? _uses;

    /// <inheritdoc/>
    public override IReadOnlyList<VReg> Uses => _uses ??= [Source];

    /// <inheritdoc/>
    public override bool IsPure => true;

    /// <summary>The operand and result types each kind requires.</summary>
    public static (IrType From, IrType To) Signature(ConvertKind kind) => kind switch
    {
        ConvertKind.BitsToFloat or ConvertKind.IntToFloat => (IrType.I64, IrType.F64),
        ConvertKind.DoubleToSingle or ConvertKind.SingleToDouble => (IrType.F64, IrType.F64),
        _ => (IrType.F64, IrType.I64),
    };
}
