namespace Sox.Compiler.Ir;

/// <summary>
/// A §3 binary operator on two Sox values, with its runtime errors (<c>Operands must be numbers.</c>, …) at
/// <see cref="Instruction.Line"/>. High level: the fast-path pass may inline the number case, and
/// legalisation turns whatever remains into runtime calls; backends never see it.
/// </summary>
public sealed class SoxBinaryInst(SoxBinaryOp op, VReg dest, VReg left, VReg right, int line) : Instruction(line)
{
    /// <summary>The Sox operator.</summary>
    public SoxBinaryOp Op { get; } = op;

    /// <inheritdoc/>
    public override VReg Dest { get; } = dest;

    /// <summary>The left operand.</summary>
    public VReg Left { get; } = left;

    /// <summary>The right operand.</summary>
    public VReg Right { get; } = right;

    private VReg[]? _uses;

    /// <inheritdoc/>
    public override IReadOnlyList<VReg> Uses => _uses ??= [Left, Right];
}

/// <summary>A §3 unary operator (<c>-</c> may fail with <c>Operand must be a number.</c>). High level.</summary>
public sealed class SoxUnaryInst(SoxUnaryOp op, VReg dest, VReg operand, int line) : Instruction(line)
{
    /// <summary>The Sox operator.</summary>
    public SoxUnaryOp Op { get; } = op;

    /// <inheritdoc/>
    public override VReg Dest { get; } = dest;

    /// <summary>The value operated on.</summary>
    public VReg Operand { get; } = operand;

    private VReg[]? _uses;

    /// <inheritdoc/>
    public override IReadOnlyList<VReg> Uses => _uses ??= [Operand];

    /// <inheritdoc/>
    public override bool IsPure => Op == SoxUnaryOp.Not;
}

/// <summary><c>dest = truthy(value) ? 1 : 0</c> per §2 (nil and false are false). High level; never fails.</summary>
public sealed class SoxTruthyInst(VReg dest, VReg value, int line) : Instruction(line)
{
    /// <inheritdoc/>
    public override VReg Dest { get; } = dest;

    /// <summary>The Sox value tested.</summary>
    public VReg Value { get; } = value;

    private VReg[]? _uses;

    /// <inheritdoc/>
    public override IReadOnlyList<VReg> Uses => _uses ??= [Value];

    /// <inheritdoc/>
    public override bool IsPure => true;
}
