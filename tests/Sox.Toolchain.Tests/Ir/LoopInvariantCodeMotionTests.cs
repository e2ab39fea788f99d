using Sox.Compiler.Ir;
using Sox.Compiler.Passes;
using static Sox.Toolchain.Tests.Ir.IrTestHelpers;

namespace Sox.Toolchain.Tests.Ir;

/// <summary>
/// The <c>licm</c> pass on hand-built loops (what moves to the preheader and what must stay), and at -O2 with the
/// known constant values of the type analysis: equalities of globals assigned once fold, equalities of other
/// loop-invariant values run before the loop, a global reassigned by a function the loop calls folds nothing.
/// </summary>
[TestClass]
public sealed class LoopInvariantCodeMotionTests
{
    private sealed record Loop(IrFunction F, VReg Closure, VReg A, VReg B, BasicBlock Entry, BasicBlock Header, BasicBlock Body, BasicBlock Exit);

    /// <summary>entry → header ⇄ body, header → exit; the header's only outside predecessor is the entry (the preheader).</summary>
    private static (Loop Loop, IrBuilder Builder) NewLoop()
    {
        var f = new IrFunction("f", Linkage.Local, CallingConvention.Sox, IrType.I64);
        var closure = f.AddParameter(IrType.I64);
        var a = f.AddParameter(IrType.I64);
        var b = f.AddParameter(IrType.I64);
        var builder = new IrBuilder(f) { Line = 1 };
        var loop = new Loop(f, closure, a, b, f.NewBlock("entry"), f.NewBlock("header"), f.NewBlock("body"), f.NewBlock("exit"));
        builder.SetBlock(loop.Entry);
        return (loop, builder);
    }

    private static Instruction Def(IrFunction f, VReg r) => Instructions(f).Single(i => i.Dest == r);

    [TestMethod]
    public void InvariantPureInstructionsMoveToThePreheaderAndTheRestStays()
    {
        var (l, b) = NewLoop();
        var multi = b.NewRegister();
        b.Copy(multi, l.A);
        b.Line = 2;
        b.Jump(l.Header);

        b.Line = 3;
        b.SetBlock(l.Header);
        var copyA = b.NewRegister();
        b.Copy(copyA, l.A);
        var equal = b.NewRegister();
        b.Emit(new SoxBinaryInst(SoxBinaryOp.Eq, equal, copyA, l.B, 3));   // never fails: moves whole
        var three = b.Const(3);
        var sum = b.Int(IntOp.Add, l.A, three);                           // moves, and with it the constant
        var alone = b.Const(5);                                           // a constant nothing moved reads: stays
        var loaded = b.Load(l.Closure, 24);                               // memory may change: stays
        var negated = b.NewRegister();
        b.Emit(new SoxUnaryInst(SoxUnaryOp.Negate, negated, l.A, 3));     // fails on a non-number: stays
        var less = b.NewRegister();
        b.Emit(new SoxBinaryInst(SoxBinaryOp.Lt, less, l.A, l.B, 3));     // fails on non-numbers: stays
        var late = b.NewRegister();
        b.Store(l.Closure, 8, late);                                      // read before its definition below
        b.Store(l.Closure, 16, alone);
        b.Store(l.Closure, 16, sum);
        b.Store(l.Closure, 16, loaded);
        b.Store(l.Closure, 16, negated);
        b.Store(l.Closure, 16, less);
        b.BranchTruthy(equal, l.Body, l.Exit);

        b.SetBlock(l.Body);
        b.Copy(late, l.A);                                               // single definition, but not dominating its read
        b.Copy(multi, l.B);                                              // two definitions: stays
        b.Jump(l.Header);

        b.SetBlock(l.Exit);
        b.Return(multi);
        Assert.AreEqual(0, IrVerifier.Verify(l.F).Count);

        new LoopInvariantCodeMotion().Run(l.F);
        Assert.AreEqual(0, IrVerifier.Verify(l.F).Count, string.Join("\n", IrVerifier.Verify(l.F)));
        var entry = l.Entry.Instructions;
        CollectionAssert.AreEqual(
            new Instruction[] { Def(l.F, copyA), Def(l.F, equal), Def(l.F, three), Def(l.F, sum) },
            entry.Skip(1).Take(4).ToArray(), "moved in order, before the preheader's jump");
        Assert.IsInstanceOfType<JumpInst>(entry[^1]);
        Assert.IsTrue(entry.Skip(1).Take(4).All(i => i.Line == 2), "moved code takes the line of the preheader's jump");
        foreach (var stays in new[] { alone, loaded, negated, less })
        {
            Assert.IsTrue(l.Header.Instructions.Contains(Def(l.F, stays)), $"{stays} stays in the loop");
        }
        Assert.AreEqual(2, l.Body.Instructions.Count(i => i.Dest == late || i.Dest == multi));
    }

    [TestMethod]
    public void PureRuntimeCallsMoveAndOtherCallsStay()
    {
        var (l, b) = NewLoop();
        b.Jump(l.Header);

        b.SetBlock(l.Header);
        var equal = b.CallValue(RuntimeFunctions.Equal, l.A, l.B);       // RuntimeEffect.Pure: moves
        var less = b.CallValue(RuntimeFunctions.Less, l.A, l.B);         // may raise: stays
        var sum = b.CallValue(RuntimeFunctions.Add, l.A, l.B);           // allocates: stays
        var varying = b.NewRegister();
        b.Copy(varying, l.A);
        var equalVarying = b.CallValue(RuntimeFunctions.Equal, varying, l.B); // an operand the loop assigns: stays
        b.Store(l.Closure, 16, less);
        b.Store(l.Closure, 16, sum);
        b.Store(l.Closure, 16, equalVarying);
        b.BranchTruthy(equal, l.Body, l.Exit);

        b.SetBlock(l.Body);
        b.Copy(varying, l.B);
        b.Jump(l.Header);

        b.SetBlock(l.Exit);
        b.Return(l.A);
        Assert.AreEqual(0, IrVerifier.Verify(l.F).Count);

        new LoopInvariantCodeMotion().Run(l.F);
        Assert.AreEqual(0, IrVerifier.Verify(l.F).Count, string.Join("\n", IrVerifier.Verify(l.F)));
        Assert.IsTrue(l.Entry.Instructions.Contains(Def(l.F, equal)), "sox_equal of invariant operands runs before the loop");
        foreach (var stays in new[] { less, sum, equalVarying })
        {
            Assert.IsTrue(l.Header.Instructions.Contains(Def(l.F, stays)), $"{Def(l.F, stays)} stays in the loop");
        }
    }

    [TestMethod]
    public void RuntimeEffectsOfTheRuntimeFunctions()
    {
        // Only the equalities are pure; the number operators may raise; the rest that run no Sox code may allocate
        // or write objects; whatever calls closures, and every other symbol, may do anything.
        var names = typeof(RuntimeFunctions).GetFields().Where(f => f.IsLiteral).Select(f => (string)f.GetRawConstantValue()!).ToList();
        Assert.IsTrue(names.Count > 40);
        var pure = names.Where(n => RuntimeFunctions.EffectOf(n) == RuntimeEffect.Pure).Order().ToArray();
        CollectionAssert.AreEqual(new[] { RuntimeFunctions.Equal, RuntimeFunctions.NotEqual }, pure);
        foreach (var n in new[] { RuntimeFunctions.Subtract, RuntimeFunctions.Less, RuntimeFunctions.Negate, RuntimeFunctions.Print })
        {
            Assert.AreEqual(RuntimeEffect.ReadsOnly, RuntimeFunctions.EffectOf(n), n);
        }
        foreach (var n in new[] { RuntimeFunctions.Add, RuntimeFunctions.SetIndex, RuntimeFunctions.InstanceAlloc, RuntimeFunctions.InvokeLookup })
        {
            Assert.AreEqual(RuntimeEffect.NoSoxCode, RuntimeFunctions.EffectOf(n), n);
        }
        foreach (var n in new[] { RuntimeFunctions.Call, RuntimeFunctions.InvokeCached, RuntimeFunctions.DeferRun, RuntimeFunctions.InlinedMethodFill, "sox_mod_x_init", "puts" })
        {
            Assert.AreEqual(RuntimeEffect.Any, RuntimeFunctions.EffectOf(n), n);
        }
        var soxCall = new CallInst(RuntimeFunctions.Equal, CallingConvention.Sox, [], null, 1);
        Assert.AreEqual(RuntimeEffect.Any, RuntimeFunctions.EffectOf(soxCall), "only C calls of the runtime are classified");
    }

    [TestMethod]
    public void NestedLoopsEmptyLevelByLevel()
    {
        // entry → outer → pre → inner ⇄ inner → latch → outer | exit: the inner loop's preheader `pre` is in the
        // outer loop, whose preheader is the entry.
        var f = new IrFunction("g", Linkage.Local, CallingConvention.Sox, IrType.I64);
        f.AddParameter(IrType.I64);
        var a = f.AddParameter(IrType.I64);
        var b = new IrBuilder(f) { Line = 1 };
        BasicBlock entry = f.NewBlock("entry"), outer = f.NewBlock("outer"), pre = f.NewBlock("pre"), inner = f.NewBlock("inner"),
            latch = f.NewBlock("latch"), exit = f.NewBlock("exit");
        b.SetBlock(entry);
        b.Jump(outer);
        b.SetBlock(outer);
        b.Jump(pre);
        b.SetBlock(pre);
        b.Jump(inner);
        b.SetBlock(inner);
        var truthy = b.NewRegister();
        b.Emit(new SoxTruthyInst(truthy, a, 1));
        b.BranchTruthy(a, inner, latch);
        b.SetBlock(latch);
        b.BranchTruthy(a, outer, exit);
        b.SetBlock(exit);
        b.Return(truthy);
        Assert.AreEqual(0, IrVerifier.Verify(f).Count);

        new LoopInvariantCodeMotion().Run(f);
        Assert.AreEqual(0, IrVerifier.Verify(f).Count, string.Join("\n", IrVerifier.Verify(f)));
        Assert.IsTrue(entry.Instructions.Contains(Def(f, truthy)), "out of both loops");
        Assert.AreEqual(1, inner.Instructions.Count);
    }

    private static IrFunction CompileInit(string source)
    {
        var m = Lower(source);
        PassPipeline.Run(m, OptimizationLevel.O2, new PassRunOptions(Verify: true));
        return Init(m);
    }

    private static bool InLoop(IrFunction f, Instruction inst) => IrShape.InCycle(IrShape.BlockOf(f, inst));

    [TestMethod]
    public void EqualityOfGlobalsAssignedOnceFromLiteralsIsFolded()
    {
        var init = CompileInit("var one = 1\nvar two = 2\nvar none = nil\nvar yes = true\nvar count = 0\nvar i = 0\n"
            + "while i < 10 {\n i = i + 1\n if (one == one) count = count + 1\n if (one == two) count = count + 1\n"
            + " if (none == none) count = count + 1\n if (yes == none) count = count + 1\n if (yes != yes) count = count + 1\n}\nprint count");
        Assert.AreEqual(0, CallsTo(init, RuntimeFunctions.Equal).Count() + CallsTo(init, RuntimeFunctions.NotEqual).Count());
        // What is left in the loop compares only i (the loop test) and adds to count: no comparison of the globals.
        var loopCompares = Instructions(init).Where(i => i is FloatCompareBranchInst or FloatCompareInst && InLoop(init, i)).ToList();
        Assert.AreEqual(1, loopCompares.Count, string.Join("\n", loopCompares));
    }

    [TestMethod]
    public void StringEqualityOfInvariantGlobalsRunsBeforeTheLoop()
    {
        var init = CompileInit("var s = \"ab\"\nvar t = \"a\" + \"b\"\nvar n = 0\nvar i = 0\n"
            + "while i < 10 {\n i = i + 1\n if s == t { n = n + 1 }\n}\nprint n");
        var call = CallsTo(init, RuntimeFunctions.Equal).Single();
        Assert.IsFalse(InLoop(init, call), "sox_equal runs once, before the loop");
    }

    [TestMethod]
    public void AGlobalReassignedByAFunctionTheLoopCallsIsNotFolded()
    {
        var init = CompileInit("var one = 1\nfn change() { one = \"one\" }\nvar n = 0\nvar i = 0\n"
            + "while i < 10 {\n i = i + 1\n if one == 1 { n = n + 1 }\n change()\n}\nprint n");
        var compares = Instructions(init).OfType<FloatCompareBranchInst>().Where(i => i.Condition == FloatCondition.Eq && InLoop(init, i));
        Assert.IsTrue(compares.Any(), "one is read and compared again after every call");
    }

    [TestMethod]
    public void ARegisterAssignedTheSameConstantOnEveryPathIsThatConstant()
    {
        var m = Lower("fn f(c) {\n var x = 1\n if c { x = 1 }\n print x == 1\n print !x\n}");
        PassPipeline.Run(m, OptimizationLevel.O2, new PassRunOptions(Verify: true));
        var f = Function(m, "f");
        var printed = CallsTo(f, RuntimeFunctions.Print).Select(p => Instructions(f).OfType<ConstInst>().Single(c => c.Dest == p.Arguments[0]).Bits);
        CollectionAssert.AreEqual(new[] { ValueBits.True, ValueBits.False }, printed.ToArray());
    }
}
