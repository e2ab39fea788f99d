namespace Sox.Compiler.Ir;

/// <summary>
/// Appends instructions to a current block of one function, stamping each with <see cref="Line"/>. Used by
/// lowering and by passes that expand an instruction into several blocks. After a terminator the builder has
/// no current block (<see cref="IsTerminated"/>) until <see cref="SetBlock"/>.
/// </summary>
public sealed class IrBuilder(IrFunction function)
{
    private BasicBlock? _block;

    /// <summary>The function instructions, registers and blocks are added to.</summary>
    public IrFunction Function { get; } = function;

    private int _line;

    /// <summary>The source line given to instructions emitted from now on; setting it makes <see cref="Column"/> 0
    /// (unknown) until that is set too, so a column never outlives its line.</summary>
    public int Line
    {
        get => _line;
        set
        {
            _line = value;
            Column = 0;
        }
    }

    /// <summary>The 1-based source column given to instructions emitted from now on (0: unknown); set after <see cref="Line"/>.</summary>
    public int Column { get; set; }

    /// <summary>The block instructions are appended to; throws when the last one was terminated.</summary>
    public BasicBlock Block => _block ?? throw new InvalidOperationException("no current block (the last one was terminated)");

    /// <summary>True when there is no current block (after a terminator, until <see cref="SetBlock"/>).</summary>
    public bool IsTerminated => _block is null;

    /// <summary>Makes <paramref name="block"/> the current block.</summary>
    public void SetBlock(BasicBlock block) => _block = block;

    /// <summary>A new block of the function (not made current).</summary>
    public BasicBlock NewBlock(string? hint = null) => Function.NewBlock(hint);

    /// <summary>A new register of the function.</summary>
    public VReg NewRegister(IrType type = IrType.I64, string? hint = null) => Function.NewRegister(type, hint);

    /// <summary>Appends <paramref name="inst"/> to the current block; a terminator ends the block.</summary>
    public T Emit<T>(T inst) where T : Instruction
    {
        Block.Instructions.Add(inst);
        if (inst.Line == _line) inst.Column = Column;
        if (inst.IsTerminator) _block = null;
        return inst;
    }

    /// <summary>A new I64 register assigned <paramref name="bits"/>.</summary>
    public VReg Const(long bits, string? hint = null)
    {
        var r = NewRegister(IrType.I64, hint);
        Emit(new ConstInst(r, bits, Line));
        return r;
    }

    /// <summary>A new F64 register assigned <paramref name="value"/>.</summary>
    public VReg ConstF64(double value)
    {
        var r = NewRegister(IrType.F64);
        Emit(new ConstInst(r, BitConverter.DoubleToInt64Bits(value), Line));
        return r;
    }

    /// <summary><c>dest = source</c>.</summary>
    public void Copy(VReg dest, VReg source) => Emit(new CopyInst(dest, source, Line));

    /// <summary>A new I64 register assigned <c>left op right</c>.</summary>
    public VReg Int(IntOp op, VReg left, VReg right)
    {
        var r = NewRegister();
        Emit(new IntBinaryInst(op, r, left, right, Line));
        return r;
    }

    /// <summary>A new I64 register assigned <c>left op right</c> with a constant right operand.</summary>
    public VReg Int(IntOp op, VReg left, long right) => Int(op, left, Const(right));

    /// <summary>A new F64 register assigned <c>left op right</c>.</summary>
    public VReg Float(FloatOp op, VReg left, VReg right)
    {
        var r = NewRegister(IrType.F64);
        Emit(new FloatBinaryInst(op, r, left, right, Line));
        return r;
    }

    /// <summary>A new I64 register assigned 1 when <c>left c right</c> holds, else 0.</summary>
    public VReg Compare(IntCondition c, VReg left, VReg right)
    {
        var r = NewRegister();
        Emit(new IntCompareInst(c, r, left, right, Line));
        return r;
    }

    /// <summary>A new I64 register assigned 1 when the IEEE comparison <c>left c right</c> holds, else 0.</summary>
    public VReg FloatCompare(FloatCondition c, VReg left, VReg right)
    {
        var r = NewRegister();
        Emit(new FloatCompareInst(c, r, left, right, Line));
        return r;
    }

    /// <summary>A new register of the conversion's result type assigned the converted <paramref name="source"/>.</summary>
    public VReg Convert(ConvertKind kind, VReg source)
    {
        var r = NewRegister(ConvertInst.Signature(kind).To);
        Emit(new ConvertInst(kind, r, source, Line));
        return r;
    }

    /// <summary>A new register loaded from <c>[base + offset]</c> (<paramref name="width"/> bytes, zero-extended).</summary>
    public VReg Load(VReg @base, int offset, int width = 8, IrType type = IrType.I64)
    {
        var r = NewRegister(type);
        Emit(new LoadInst(r, @base, offset, width, Line));
        return r;
    }

    /// <summary><c>[base + offset] = value</c>, storing the low <paramref name="width"/> bytes.</summary>
    public void Store(VReg @base, int offset, VReg value, int width = 8) => Emit(new StoreInst(@base, offset, value, width, Line));

    /// <summary>A new register assigned the address of <paramref name="symbol"/> plus <paramref name="addend"/>.</summary>
    public VReg SymbolAddress(string symbol, long addend = 0)
    {
        var r = NewRegister();
        Emit(new SymbolAddressInst(r, symbol, addend, Line));
        return r;
    }

    /// <summary>A new register assigned the address of a stack slot of the current frame.</summary>
    public VReg SlotAddress(StackSlot slot)
    {
        var r = NewRegister();
        Emit(new StackSlotAddressInst(r, slot, Line));
        return r;
    }

    /// <summary>A C-convention call to a runtime (or libc) function returning an I64, or nothing.</summary>
    public VReg? CallC(string symbol, IReadOnlyList<VReg> args, bool hasResult = true, IrType resultType = IrType.I64)
    {
        var r = hasResult ? NewRegister(resultType) : null;
        Emit(new CallInst(symbol, CallingConvention.C, args, r, Line));
        return r;
    }

    /// <summary>A C-convention call of a runtime function that returns a value: the result register.</summary>
    public VReg CallValue(string symbol, params VReg[] args) => CallC(symbol, args)!;

    /// <summary>A call to a runtime error function: it does not return, so the block ends in unreachable.</summary>
    public void CallNoReturn(string symbol, params VReg[] args)
    {
        Emit(new CallInst(symbol, CallingConvention.C, args, null, Line, noReturn: true));
        Emit(new UnreachableInst(Line));
    }

    /// <summary>Ends the block with a jump to <paramref name="target"/>.</summary>
    public void Jump(BasicBlock target) => Emit(new JumpInst(target, Line));

    /// <summary>Ends the block with a branch on <paramref name="condition"/> being non-zero.</summary>
    public void Branch(VReg condition, BasicBlock ifTrue, BasicBlock ifFalse) => Emit(new BranchInst(condition, ifTrue, ifFalse, Line));

    /// <summary>Ends the block with a fused integer compare and branch.</summary>
    public void CompareBranch(IntCondition c, VReg left, VReg right, BasicBlock ifTrue, BasicBlock ifFalse) =>
        Emit(new CompareBranchInst(c, left, right, ifTrue, ifFalse, Line));

    /// <summary>Ends the block with a branch on the truthiness of a Sox value (high level, legalised later).</summary>
    public void BranchTruthy(VReg value, BasicBlock ifTrue, BasicBlock ifFalse) => Emit(new BranchTruthyInst(value, ifTrue, ifFalse, Line));

    /// <summary>Ends the block returning <paramref name="value"/> (null in a function without a result).</summary>
    public void Return(VReg? value) => Emit(new ReturnInst(value, Line));

    /// <summary>Boxes a raw object pointer: <c>SIGN | QNAN | address</c>.</summary>
    public VReg BoxObject(VReg pointer) => Int(IntOp.Or, pointer, ValueBits.ObjectTag);

    /// <summary>The raw object pointer inside a boxed object value.</summary>
    public VReg UnboxObject(VReg value) => Int(IntOp.And, value, ValueBits.AddressMask);
}
