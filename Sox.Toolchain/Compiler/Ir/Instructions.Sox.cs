namespace Sox.Compiler.Ir;

/// <summary>
/// A §3 binary operator on two Sox values, with its runtime errors (<c>Operands must be numbers.</c>, …) at
/// <see cref="Instruction.Line"/>. High level: the fast-path pass may inline the number case, and
/// legalisation turns whatever remains into runtime calls; backends never see it.
/// </summary>
public sealed class SoxBinaryInst(SoxBinaryOp op, VReg dest, VReg left, VReg right, int line) : Instruction(line)
{
    public SoxBinaryOp Op { get; } = op;

    public override VReg Dest { get; } = dest;

    public VReg Left { get; } = left;

    public VReg Right { get; } = right;

    private VReg[]? _uses;

    public override IReadOnlyList<VReg> Uses => _uses ??= [Left, Right];
}

/// <summary>A §3 unary operator (<c>-</c> may fail with <c>Operand must be a number.</c>). High level.</summary>
public sealed class SoxUnaryInst(SoxUnaryOp op, VReg dest, VReg operand, int line) : Instruction(line)
{
    public SoxUnaryOp Op { get; } = op;

    public override VReg Dest { get; } = dest;

    public VReg Operand { get; } = operand;

    private VReg[]? _uses;

    public override IReadOnlyList<VReg> Uses => _uses ??= [Operand];

    public override bool IsPure => Op == SoxUnaryOp.Not;
}

/// <summary><c>dest = truthy(value) ? 1 : 0</c> per §2 (nil and false are false). High level; never fails.</summary>
public sealed class SoxTruthyInst(VReg dest, VReg value, int line) : Instruction(line)
{
    public override VReg Dest { get; } = dest;

    public VReg Value { get; } = value;

    private VReg[]? _uses;

    public override IReadOnlyList<VReg> Uses => _uses ??= [Value];

    public override bool IsPure => true;
}
