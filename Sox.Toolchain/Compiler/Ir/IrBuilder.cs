namespace Sox.Compiler.Ir;

/// <summary>
/// Appends instructions to a current block of one function, stamping each with <see cref="Line"/>. Used by
/// lowering and by passes that expand an instruction into several blocks. After a terminator the builder has
/// no current block (<see cref="IsTerminated"/>) until <see cref="SetBlock"/>.
/// </summary>
public sealed class IrBuilder(IrFunction function)
{
    private BasicBlock? _block;

    public IrFunction Function { get; } = function;

    /// <summary>The source line given to instructions emitted from now on.</summary>
    public int Line { get; set; }

    public BasicBlock Block => _block ?? throw new InvalidOperationException("no current block (the last one was terminated)");

    public bool IsTerminated => _block is null;

    public void SetBlock(BasicBlock block) => _block = block;

    public BasicBlock NewBlock(string? hint = null) => Function.NewBlock(hint);

    public VReg NewRegister(IrType type = IrType.I64, string? hint = null) => Function.NewRegister(type, hint);

    public T Emit<T>(T inst) where T : Instruction
    {
        Block.Instructions.Add(inst);
        if (inst.IsTerminator) _block = null;
        return inst;
    }

    public VReg Const(long bits, string? hint = null)
    {
        var r = NewRegister(IrType.I64, hint);
        Emit(new ConstInst(r, bits, Line));
        return r;
    }

    public VReg ConstF64(double value)
    {
        var r = NewRegister(IrType.F64);
        Emit(new ConstInst(r, BitConverter.DoubleToInt64Bits(value), Line));
        return r;
    }

    public void Copy(VReg dest, VReg source) => Emit(new CopyInst(dest, source, Line));

    public VReg Int(IntOp op, VReg left, VReg right)
    {
        var r = NewRegister();
        Emit(new IntBinaryInst(op, r, left, right, Line));
        return r;
    }

    public VReg Int(IntOp op, VReg left, long right) => Int(op, left, Const(right));

    public VReg Float(FloatOp op, VReg left, VReg right)
    {
        var r = NewRegister(IrType.F64);
        Emit(new FloatBinaryInst(op, r, left, right, Line));
        return r;
    }

    public VReg Compare(IntCondition c, VReg left, VReg right)
    {
        var r = NewRegister();
        Emit(new IntCompareInst(c, r, left, right, Line));
        return r;
    }

    public VReg FloatCompare(FloatCondition c, VReg left, VReg right)
    {
        var r = NewRegister();
        Emit(new FloatCompareInst(c, r, left, right, Line));
        return r;
    }

    public VReg Convert(ConvertKind kind, VReg source)
    {
        var r = NewRegister(ConvertInst.Signature(kind).To);
        Emit(new ConvertInst(kind, r, source, Line));
        return r;
    }

    public VReg Load(VReg @base, int offset, int width = 8, IrType type = IrType.I64)
    {
        var r = NewRegister(type);
        Emit(new LoadInst(r, @base, offset, width, Line));
        return r;
    }

    public void Store(VReg @base, int offset, VReg value, int width = 8) => Emit(new StoreInst(@base, offset, value, width, Line));

    public VReg SymbolAddress(string symbol, long addend = 0)
    {
        var r = NewRegister();
        Emit(new SymbolAddressInst(r, symbol, addend, Line));
        return r;
    }

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

    public VReg CallValue(string symbol, params VReg[] args) => CallC(symbol, args)!;

    /// <summary>A call to a runtime error function: it does not return, so the block ends in unreachable.</summary>
    public void CallNoReturn(string symbol, params VReg[] args)
    {
        Emit(new CallInst(symbol, CallingConvention.C, args, null, Line, noReturn: true));
        Emit(new UnreachableInst(Line));
    }

    public void Jump(BasicBlock target) => Emit(new JumpInst(target, Line));

    public void Branch(VReg condition, BasicBlock ifTrue, BasicBlock ifFalse) => Emit(new BranchInst(condition, ifTrue, ifFalse, Line));

    public void CompareBranch(IntCondition c, VReg left, VReg right, BasicBlock ifTrue, BasicBlock ifFalse) =>
        Emit(new CompareBranchInst(c, left, right, ifTrue, ifFalse, Line));

    public void BranchTruthy(VReg value, BasicBlock ifTrue, BasicBlock ifFalse) => Emit(new BranchTruthyInst(value, ifTrue, ifFalse, Line));

    public void Return(VReg? value) => Emit(new ReturnInst(value, Line));

    /// <summary>Boxes a raw object pointer: <c>SIGN | QNAN | address</c>.</summary>
    public VReg BoxObject(VReg pointer) => Int(IntOp.Or, pointer, ValueBits.ObjectTag);

    /// <summary>The raw object pointer inside a boxed object value.</summary>
    public VReg UnboxObject(VReg value) => Int(IntOp.And, value, ValueBits.AddressMask);
}
