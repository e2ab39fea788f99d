namespace Sox.Compiler.Ir;

/// <summary>Ends a basic block. Every block ends in exactly one terminator and contains no other.</summary>
public abstract class Terminator(int line) : Instruction(line)
{
    /// <inheritdoc/>
    public override bool IsTerminator => true;
}

/// <summary>Go to <see cref="Target"/> unconditionally.</summary>
public sealed class JumpInst(BasicBlock target, int line) : Terminator(line)
{
    /// <summary>The block control goes to.</summary>
    public BasicBlock Target { get; } = target;

    /// <inheritdoc/>
    public override IReadOnlyList<VReg> Uses => [];

    private BasicBlock[]? _successors;

    /// <inheritdoc/>
    public override IReadOnlyList<BasicBlock> Successors => _successors ??= [Target];
}

/// <summary>Go to <see cref="IfTrue"/> when the I64 <see cref="Condition"/> is not zero, else <see cref="IfFalse"/>.</summary>
public sealed class BranchInst(VReg condition, BasicBlock ifTrue, BasicBlock ifFalse, int line) : Terminator(line)
{
    /// <summary>The I64 register tested against zero.</summary>
    public VReg Condition { get; } = condition;

    /// <summary>Where control goes when the condition holds.</summary>
    public BasicBlock IfTrue { get; } = ifTrue;

    /// <summary>Where control goes otherwise.</summary>
    public BasicBlock IfFalse { get; } = ifFalse;

    private VReg[]? _uses;

    /// <inheritdoc/>
    public override IReadOnlyList<VReg> Uses => _uses ??= [Condition];

    private BasicBlock[]? _successors;

    /// <inheritdoc/>
    public override IReadOnlyList<BasicBlock> Successors => _successors ??= [IfTrue, IfFalse];
}

/// <summary>Fused integer compare and branch: <c>if (left cond right) goto ifTrue else ifFalse</c>.</summary>
public sealed class CompareBranchInst(IntCondition condition, VReg left, VReg right, BasicBlock ifTrue, BasicBlock ifFalse, int line) : Terminator(line)
{
    /// <summary>The integer comparison of <see cref="Left"/> with <see cref="Right"/>.</summary>
    public IntCondition Condition { get; } = condition;

    /// <summary>The left operand.</summary>
    public VReg Left { get; } = left;

    /// <summary>The right operand.</summary>
    public VReg Right { get; } = right;

    /// <summary>Where control goes when the condition holds.</summary>
    public BasicBlock IfTrue { get; } = ifTrue;

    /// <summary>Where control goes otherwise.</summary>
    public BasicBlock IfFalse { get; } = ifFalse;

    /// <summary>For an inline cache's branch, what it guards (<see cref="CacheGuard"/>); null otherwise.</summary>
    public CacheGuard? Guard { get; init; }

    private VReg[]? _uses;

    /// <inheritdoc/>
    public override IReadOnlyList<VReg> Uses => _uses ??= [Left, Right];

    private BasicBlock[]? _successors;

    /// <inheritdoc/>
    public override IReadOnlyList<BasicBlock> Successors => _successors ??= [IfTrue, IfFalse];
}

/// <summary>Fused float compare and branch with IEEE semantics (unordered goes to <see cref="IfFalse"/> except for Ne).</summary>
public sealed class FloatCompareBranchInst(FloatCondition condition, VReg left, VReg right, BasicBlock ifTrue, BasicBlock ifFalse, int line) : Terminator(line)
{
    /// <summary>The IEEE comparison of <see cref="Left"/> with <see cref="Right"/>.</summary>
    public FloatCondition Condition { get; } = condition;

    /// <summary>The left operand.</summary>
    public VReg Left { get; } = left;

    /// <summary>The right operand.</summary>
    public VReg Right { get; } = right;

    /// <summary>Where control goes when the condition holds.</summary>
    public BasicBlock IfTrue { get; } = ifTrue;

    /// <summary>Where control goes otherwise.</summary>
    public BasicBlock IfFalse { get; } = ifFalse;

    private VReg[]? _uses;

    /// <inheritdoc/>
    public override IReadOnlyList<VReg> Uses => _uses ??= [Left, Right];

    private BasicBlock[]? _successors;

    /// <inheritdoc/>
    public override IReadOnlyList<BasicBlock> Successors => _successors ??= [IfTrue, IfFalse];
}

/// <summary>High level: go to <see cref="IfTrue"/> when the Sox value is truthy (§2). Legalised to a compare-branch.</summary>
public sealed class BranchTruthyInst(VReg value, BasicBlock ifTrue, BasicBlock ifFalse, int line) : Terminator(line)
{
    /// <summary>The Sox value tested.</summary>
    public VReg Value { get; } = value;

    /// <summary>Where control goes when the condition holds.</summary>
    public BasicBlock IfTrue { get; } = ifTrue;

    /// <summary>Where control goes otherwise.</summary>
    public BasicBlock IfFalse { get; } = ifFalse;

    private VReg[]? _uses;

    /// <inheritdoc/>
    public override IReadOnlyList<VReg> Uses => _uses ??= [Value];

    private BasicBlock[]? _successors;

    /// <inheritdoc/>
    public override IReadOnlyList<BasicBlock> Successors => _successors ??= [IfTrue, IfFalse];
}

/// <summary>Return <see cref="Value"/> (required exactly when the function has a result type).</summary>
public sealed class ReturnInst(VReg? value, int line) : Terminator(line)
{
    /// <summary>The returned register; null in a function without a result.</summary>
    public VReg? Value { get; } = value;

    private VReg[]? _uses;

    /// <inheritdoc/>
    public override IReadOnlyList<VReg> Uses => _uses ??= Value is null ? [] : [Value];
}

/// <summary>Control never gets here (after a no-return call). Backends may emit a trap or nothing.</summary>
public sealed class UnreachableInst(int line) : Terminator(line)
{
    /// <inheritdoc/>
    public override IReadOnlyList<VReg> Uses => [];
}
