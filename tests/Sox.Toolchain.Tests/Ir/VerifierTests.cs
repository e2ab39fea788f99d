using Sox.Compiler.Ir;

namespace Sox.Toolchain.Tests.Ir;

[TestClass]
public sealed class VerifierTests
{
    /// <summary>A Sox function returning its first argument plus one via a loop-free diamond.</summary>
    private static (IrFunction F, IrBuilder B) Start(string name = "f")
    {
        var f = new IrFunction(name, Linkage.Local, CallingConvention.Sox, IrType.I64);
        f.AddParameter(IrType.I64, "closure");
        f.AddParameter(IrType.I64, "a");
        var b = new IrBuilder(f) { Line = 1 };
        b.SetBlock(f.NewBlock());
        return (f, b);
    }

    private static void AssertRejected(IrFunction f, string fragment)
    {
        var errors = IrVerifier.Verify(f);
        Assert.IsTrue(errors.Any(e => e.Contains(fragment, StringComparison.Ordinal)),
            $"expected an error containing '{fragment}', got:\n{string.Join("\n", errors)}\n{IrPrinter.Print(f)}");
    }

    [TestMethod]
    public void AcceptsAWellFormedDiamondWithAResultAssignedOnBothPaths()
    {
        var (f, b) = Start();
        var result = b.NewRegister();
        var t = b.NewBlock("then");
        var e = b.NewBlock("else");
        var join = b.NewBlock("join");
        b.BranchTruthy(f.Parameters[1], t, e);
        b.SetBlock(t);
        b.Emit(new SoxBinaryInst(SoxBinaryOp.Add, result, f.Parameters[1], b.Const(ValueBits.Number(1)), 2));
        b.Jump(join);
        b.SetBlock(e);
        b.Copy(result, b.Const(ValueBits.Nil));
        b.Jump(join);
        b.SetBlock(join);
        b.Return(result);
        Assert.AreEqual(0, IrVerifier.Verify(f).Count, string.Join("\n", IrVerifier.Verify(f)));
    }

    [TestMethod]
    public void RejectsABlockWithoutTerminator()
    {
        var (f, b) = Start();
        b.Const(1);
        AssertRejected(f, "does not end in a terminator");
    }

    [TestMethod]
    public void RejectsAnEmptyBlock()
    {
        var (f, b) = Start();
        var empty = f.NewBlock();
        b.Jump(empty);
        AssertRejected(f, "empty block");
    }

    [TestMethod]
    public void RejectsATerminatorBeforeTheEnd()
    {
        var (f, b) = Start();
        f.Entry.Instructions.Add(new ReturnInst(f.Parameters[1], 1));
        b.Return(f.Parameters[1]);
        AssertRejected(f, "is not the last instruction");
    }

    [TestMethod]
    public void RejectsABranchToAnotherFunctionsBlock()
    {
        var (f, b) = Start();
        var (g, _) = Start("g");
        b.Jump(g.Entry);
        AssertRejected(f, "not a block of this function");
    }

    [TestMethod]
    public void RejectsAJumpBackToTheEntry()
    {
        var (f, b) = Start();
        b.Jump(f.Entry);
        AssertRejected(f, "entry block has predecessors");
    }

    [TestMethod]
    public void RejectsAUseWithoutDefinitionOnAnyPath()
    {
        var (f, b) = Start();
        var never = b.NewRegister();
        b.Return(never);
        AssertRejected(f, "used but not defined");
    }

    [TestMethod]
    public void RejectsAUseDefinedOnlyAfterItInTheSameBlock()
    {
        var (f, b) = Start();
        var r = b.NewRegister();
        var next = b.NewBlock();
        b.Jump(next);
        b.SetBlock(next);
        b.Copy(f.Parameters[1], r);
        b.Copy(r, f.Parameters[1]);
        b.Return(r);
        AssertRejected(f, $"{r} is used but not defined");
    }

    [TestMethod]
    public void RejectsARegisterOfAnotherFunction()
    {
        var (f, b) = Start();
        var (g, _) = Start("g");
        b.Return(g.Parameters[1]);
        AssertRejected(f, "does not belong to this function");
    }

    [TestMethod]
    public void RejectsFloatArithmeticOnIntegers()
    {
        var (f, b) = Start();
        var d = b.NewRegister(IrType.F64);
        b.Emit(new FloatBinaryInst(FloatOp.FAdd, d, f.Parameters[1], f.Parameters[1], 1));
        b.Return(f.Parameters[1]);
        AssertRejected(f, "expected F64");
    }

    [TestMethod]
    public void RejectsACopyBetweenRegisterClasses()
    {
        var (f, b) = Start();
        b.Copy(b.NewRegister(IrType.F64), f.Parameters[1]);
        b.Return(f.Parameters[1]);
        AssertRejected(f, "copy between");
    }

    [TestMethod]
    public void RejectsAnOddMemoryWidth()
    {
        var (f, b) = Start();
        b.Load(f.Parameters[0], 8, width: 2);
        b.Return(f.Parameters[1]);
        AssertRejected(f, "width 2");
    }

    [TestMethod]
    public void RejectsANarrowFloatLoad()
    {
        var (f, b) = Start();
        b.Load(f.Parameters[0], 8, width: 4, type: IrType.F64);
        b.Return(f.Parameters[1]);
        AssertRejected(f, "F64 memory access must be 8 bytes");
    }

    [TestMethod]
    public void RejectsAReturnWithoutValueInAValueFunction()
    {
        var (f, b) = Start();
        b.Return(null);
        AssertRejected(f, "return without a value");
    }

    [TestMethod]
    public void RejectsAFloatArgumentToASoxCall()
    {
        var (f, b) = Start();
        b.Emit(new CallInst("g", CallingConvention.Sox, [f.Parameters[0], b.ConstF64(1)], b.NewRegister(), 1));
        b.Return(f.Parameters[1]);
        AssertRejected(f, "Sox argument");
    }

    [TestMethod]
    public void RejectsASoxCallWithoutClosure()
    {
        var (f, b) = Start();
        b.Emit(new CallInst("g", CallingConvention.Sox, [], b.NewRegister(), 1));
        b.Return(f.Parameters[1]);
        AssertRejected(f, "needs the closure argument");
    }

    [TestMethod]
    public void RejectsANoReturnCallThatFallsThrough()
    {
        var (f, b) = Start();
        b.Emit(new CallInst("sox_undefined_variable", CallingConvention.C, [f.Parameters[1]], null, 1, noReturn: true));
        b.Return(f.Parameters[1]);
        AssertRejected(f, "must be followed by unreachable");
    }

    [TestMethod]
    public void RejectsAStackSlotOfAnotherFunction()
    {
        var (f, b) = Start();
        var (g, _) = Start("g");
        b.Emit(new StackSlotAddressInst(b.NewRegister(), g.NewStackSlot(8, 8), 1));
        b.Return(f.Parameters[1]);
        AssertRejected(f, "stack slot $0 does not belong");
    }

    [TestMethod]
    public void RejectsASoxFunctionWithoutClosureParameter()
    {
        var f = new IrFunction("f", Linkage.Local, CallingConvention.Sox, IrType.I64);
        var b = new IrBuilder(f);
        b.SetBlock(f.NewBlock());
        b.Return(b.Const(ValueBits.Nil));
        AssertRejected(f, "hidden closure parameter");
    }

    [TestMethod]
    public void RejectsDuplicateSymbolsInAModule()
    {
        var module = new IrModule("m", "sox_lines_m");
        var (f, b) = Start("same");
        b.Return(f.Parameters[1]);
        module.Functions.Add(f);
        module.Data.Add(new DataItem("same", Linkage.Local, DataSection.Data, DataKind.Other, 8, new byte[8]));
        Assert.IsTrue(IrVerifier.Verify(module).Any(e => e.Contains("duplicate symbol", StringComparison.Ordinal)));
    }
}
