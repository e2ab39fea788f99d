using Sox.Compiler.Ir;
using Sox.Compiler.Passes;
using static Sox.Toolchain.Tests.Ir.IrTestHelpers;

namespace Sox.Toolchain.Tests.Ir;

[TestClass]
public sealed class PassTests
{
    private static IrModule Compile(string source, OptimizationLevel level)
    {
        var m = Lower(source);
        PassPipeline.Run(m, level, new PassRunOptions(Verify: true));
        return m;
    }

    private static long PrintedConstant(IrFunction f)
    {
        var print = CallsTo(f, RuntimeFunctions.Print).Single();
        return Instructions(f).OfType<ConstInst>().Single(c => c.Dest == print.Arguments[0]).Bits;
    }

    [TestMethod]
    public void FoldsNumberArithmeticAndComparisons()
    {
        Assert.AreEqual(ValueBits.Number(7), PrintedConstant(Init(Compile("print 1 + 2 * 3", OptimizationLevel.O2))));
        Assert.AreEqual(ValueBits.Number(1), PrintedConstant(Init(Compile("print 7 % 3", OptimizationLevel.O2))));
        Assert.AreEqual(ValueBits.Number(-2.5), PrintedConstant(Init(Compile("print -(5 / 2)", OptimizationLevel.O2))));
        Assert.AreEqual(ValueBits.True, PrintedConstant(Init(Compile("print 1 < 2", OptimizationLevel.O2))));
        Assert.AreEqual(ValueBits.False, PrintedConstant(Init(Compile("print nil == false", OptimizationLevel.O2))));
        Assert.AreEqual(ValueBits.True, PrintedConstant(Init(Compile("print !nil", OptimizationLevel.O2))));
        Assert.AreEqual(ValueBits.True, PrintedConstant(Init(Compile("print 1 != nil", OptimizationLevel.O2))));
    }

    [TestMethod]
    public void FoldingFollowsIeeeAndCanonicalisesNan()
    {
        Assert.AreEqual(ValueBits.Number(double.PositiveInfinity), PrintedConstant(Init(Compile("print 1 / 0", OptimizationLevel.O2))));
        Assert.AreEqual(ValueBits.CanonicalNan, PrintedConstant(Init(Compile("print 0 / 0", OptimizationLevel.O2))));
        Assert.AreEqual(ValueBits.True, PrintedConstant(Init(Compile("print 0 / 0 != 0 / 0", OptimizationLevel.O2))));
    }

    [TestMethod]
    public void LeavesStringsAndErrorsToTheRuntime()
    {
        var init = Init(Compile("print \"a\" + 1\nprint nil + 1", OptimizationLevel.O2));
        Assert.AreEqual(2, CallsTo(init, RuntimeFunctions.Add).Count());
    }

    [TestMethod]
    public void ConstantBranchesBecomeJumpsAndDeadArmsDisappear()
    {
        var init = Init(Compile("if false { print 1 } else { print 2 }\nwhile nil { print 3 }", OptimizationLevel.O2));
        var print = CallsTo(init, RuntimeFunctions.Print).Single();
        Assert.AreEqual(ValueBits.Number(2), Instructions(init).OfType<ConstInst>().Single(c => c.Dest == print.Arguments[0]).Bits);
        Assert.IsFalse(init.Blocks.Any(b => b.Terminator is CompareBranchInst { Condition: IntCondition.UGt }), "no truthiness test is left");
    }

    /// <summary>The undefined checks left: one <c>sox_undefined_variable</c> call per global read that may fail.</summary>
    private static string[] UndefinedChecks(IrFunction f) =>
        CallsTo(f, RuntimeFunctions.UndefinedVariable).Select(c => c.Line.ToString(System.Globalization.CultureInfo.InvariantCulture)).ToArray();

    [TestMethod]
    public void GlobalsKnownDefinedAreReadWithoutACheck()
    {
        // `a` and `sum` are declared before the loop: no check in it. `b` is declared after: its read keeps one.
        var init = Init(Compile("var a = 1\nvar sum = 0\nwhile sum < 3 {\n  sum = sum + a + b\n}\nvar b = 2\nprint sum", OptimizationLevel.O2));
        CollectionAssert.AreEqual(new[] { "4" }, UndefinedChecks(init));
        Assert.AreEqual(1, CallsTo(init, RuntimeFunctions.UndefinedVariable).Count());
    }

    [TestMethod]
    public void AGlobalReceiverOfInlinedMethodCallsInALoopIsReadWithoutACheck()
    {
        // Each inlined site leaves a direct-call block nothing jumps to before dead-code elimination; the join after
        // the site must still know `c` defined (an unreachable predecessor never runs), or every site rechecks it.
        const string source = "class C {\n  init() { this.x = 1 }\n  m() { return this.x }\n  n() { return this.x }\n}\n"
            + "var c = C()\nvar s = 0\nvar i = 0\nwhile i < 3 {\n  s = s + c.m() + c.n() + c.m()\n  i = i + 1\n}\nprint s";
        var init = Init(Compile(source, OptimizationLevel.O2));
        Assert.IsTrue(CallsTo(init, RuntimeFunctions.InvokeCached).Any(), "the sites are still invoke sites");
        CollectionAssert.AreEqual(Array.Empty<string>(), UndefinedChecks(init), string.Join(",", UndefinedChecks(init)));
    }

    [TestMethod]
    public void ABlockNothingJumpsToDoesNotMakeAJoinForgetADefinedGlobal()
    {
        // b0: store slot; jmp join.  dead: jmp join (no predecessor).  join: load slot; check → error / ok.
        var f = new IrFunction("f", Linkage.Local, CallingConvention.C, IrType.I64);
        var b = new IrBuilder(f) { Line = 1 };
        b.SetBlock(f.NewBlock());
        var value = b.Const(ValueBits.Number(1));
        b.Store(b.SymbolAddress("sox_globals_t"), 8, value);
        var join = f.NewBlock("join");
        var dead = f.NewBlock("dead");
        var error = f.NewBlock("undefined");
        var ok = f.NewBlock("ok");
        b.Jump(join);
        b.SetBlock(dead);
        b.Jump(join);
        b.SetBlock(join);
        var loaded = b.Load(b.SymbolAddress("sox_globals_t"), 8);
        b.CompareBranch(IntCondition.Eq, loaded, b.Const(ValueBits.Undefined), error, ok);
        b.SetBlock(error);
        b.Return(value);
        b.SetBlock(ok);
        b.Return(loaded);

        new DefinedGlobals().Run(f);
        Assert.IsInstanceOfType<JumpInst>(join.Terminator, "the check of a slot stored on every path that runs is dropped");
    }

    [TestMethod]
    public void InsideAFunctionTheFirstReadOfAGlobalChecksAndLaterReadsOnItsPathDoNot()
    {
        var m = Compile("fn f(x) {\n  var y = g + 1\n  if (x) { y = g + y } else { y = y }\n  return g + h\n}\nvar g = 1\nvar h = 2", OptimizationLevel.O2);
        var f = m.Functions.Single(fn => fn.Symbol.EndsWith("_f", StringComparison.Ordinal));
        // g: checked once at line 2, dominating every later read; h: checked at line 4 (its first read).
        CollectionAssert.AreEqual(new[] { "2", "4" }, UndefinedChecks(f));
    }

    [TestMethod]
    public void AReadOnOnlySomePathsAfterADefinitionKeepsItsCheck()
    {
        // `late` is defined only when the condition holds, so the read after the merge must still check.
        var init = Init(Compile("var c = clock() > 0\n\nif (c) late = 1\nprint late\nvar late = 0", OptimizationLevel.O2));
        Assert.IsTrue(UndefinedChecks(init).Contains("4"), string.Join(",", UndefinedChecks(init)));
    }

    [TestMethod]
    public void DeadCodeEliminationRemovesOnlyUnusedPureInstructionsAndUnreachableBlocks()
    {
        var f = new IrFunction("f", Linkage.Local, CallingConvention.Sox, IrType.I64);
        var closure = f.AddParameter(IrType.I64);
        var b = new IrBuilder(f) { Line = 1 };
        b.SetBlock(f.NewBlock());
        var unusedConst = b.Const(5);
        var unusedSum = b.Int(IntOp.Add, closure, unusedConst);      // chain: both go
        var unusedCall = b.CallValue("sox_clock_like", closure);        // a call stays even if unused
        b.Store(closure, 8, closure);                                   // a store stays
        var negate = b.NewRegister();
        b.Emit(new SoxUnaryInst(SoxUnaryOp.Negate, negate, closure, 1)); // can fail: stays
        var kept = b.Int(IntOp.Xor, closure, closure);
        var exit = f.NewBlock();
        var dead = f.NewBlock("dead");
        b.Jump(exit);
        b.SetBlock(dead);
        b.Jump(exit);
        b.SetBlock(exit);
        b.Return(kept);

        new DeadCodeElimination().Run(f);
        Assert.AreEqual(0, IrVerifier.Verify(f).Count);
        var left = Instructions(f).ToList();
        Assert.IsFalse(left.Any(i => i.Dest == unusedConst || i.Dest == unusedSum));
        Assert.IsTrue(left.Any(i => i.Dest == unusedCall));
        Assert.IsTrue(left.OfType<StoreInst>().Any());
        Assert.IsTrue(left.Any(i => i.Dest == negate));
        Assert.IsTrue(left.Any(i => i.Dest == kept));
        Assert.IsFalse(f.Blocks.Contains(dead));
        Assert.AreEqual(2, f.Blocks.Count);
    }

    [TestMethod]
    public void O2AdditionTestsTagsAddsInlineAndCallsTheRuntimeOnlyOnTheSlowPath()
    {
        var f = Function(Compile("fn f(a, b) { return a + b }", OptimizationLevel.O2), "f");
        var fadd = Instructions(f).OfType<FloatBinaryInst>().Single(i => i.Op == FloatOp.FAdd);
        var slow = CallsTo(f, RuntimeFunctions.Add).Single();
        var fastBlock = IrShape.BlockOf(f, fadd);
        var slowBlock = IrShape.BlockOf(f, slow);
        Assert.AreNotSame(fastBlock, slowBlock);
        Assert.IsFalse(fastBlock.Instructions.OfType<CallInst>().Any(), "no call on the fast path");
        // Both blocks are reached from tag tests: (v & QNAN) != QNAN.
        var qnan = Instructions(f).OfType<ConstInst>().Where(c => c.Bits == ValueBits.Qnan).Select(c => c.Dest).ToHashSet();
        foreach (var pred in IrShape.Predecessors(f, slowBlock))
        {
            var test = (CompareBranchInst)pred.Terminator!;
            Assert.AreEqual(IntCondition.Ne, test.Condition);
            Assert.IsTrue(qnan.Contains(test.Right));
            Assert.AreSame(slowBlock, test.IfFalse);
        }
        Assert.AreEqual(2, IrShape.Predecessors(f, slowBlock).Count(), "one test per operand");
    }

    [TestMethod]
    public void O0UsesOnlyTheRuntimeCall()
    {
        var f = Function(Compile("fn f(a, b) { return a + b }", OptimizationLevel.O0), "f");
        Assert.AreEqual(1, CallsTo(f, RuntimeFunctions.Add).Count());
        Assert.IsFalse(Instructions(f).OfType<FloatBinaryInst>().Any());
        Assert.IsFalse(Instructions(f).OfType<ConvertInst>().Any());
        Assert.AreEqual(1, f.Blocks.Count);
    }

    [TestMethod]
    public void O2ComparisonFeedingABranchBecomesAFusedFloatCompareBranch()
    {
        var f = Function(Compile("fn f(n) { if n < 2 { return 1 } return 2 }", OptimizationLevel.O2), "f");
        var fused = f.Blocks.Select(b => b.Terminator).OfType<FloatCompareBranchInst>().Single();
        Assert.AreEqual(FloatCondition.Lt, fused.Condition);
        var slow = CallsTo(f, RuntimeFunctions.Less).Single();
        Assert.AreEqual(1, IrShape.Predecessors(f, IrShape.BlockOf(f, slow)).Count(), "the constant 2 needs no tag test");
        Assert.AreEqual(0, Instructions(f).OfType<FloatCompareInst>().Count());
    }

    [TestMethod]
    public void O2ComparisonAsAValueBoxesTheFlag()
    {
        var f = Function(Compile("fn f(a, b) { return a < b }", OptimizationLevel.O2), "f");
        Assert.AreEqual(FloatCondition.Lt, Instructions(f).OfType<FloatCompareInst>().Single().Condition);
        Assert.AreEqual(1, CallsTo(f, RuntimeFunctions.Less).Count());
        var ne = Function(Compile("fn f(a, b) { return a != b }", OptimizationLevel.O0), "f");
        Assert.AreEqual(1, CallsTo(ne, RuntimeFunctions.NotEqual).Count());
    }

    [TestMethod]
    public void O2NegationFlipsTheSignBitInline()
    {
        var f = Function(Compile("fn f(a) { return -a }", OptimizationLevel.O2), "f");
        Assert.IsTrue(Instructions(f).OfType<IntBinaryInst>().Any(i => i.Op == IntOp.Xor));
        Assert.AreEqual(1, CallsTo(f, RuntimeFunctions.Negate).Count());
    }

    [TestMethod]
    public void LegalizeLeavesNoHighLevelInstructionsAndTestsTruthinessInline()
    {
        foreach (var level in new[] { OptimizationLevel.O0, OptimizationLevel.O2 })
        {
            var m = Compile("fn f(a) { var b = !a\n if a { return b } return a % 2 }", level);
            Assert.IsNull(Legalize.FindHighLevel(m));
            var f = Function(m, "f");
            Assert.IsTrue(f.Blocks.Any(b => b.Terminator is CompareBranchInst { Condition: IntCondition.UGt }), level.ToString());
            Assert.AreEqual(1, CallsTo(f, RuntimeFunctions.Modulo).Count());
        }
    }

    [TestMethod]
    public void DumpAfterHandsThePrintedModuleToTheHook()
    {
        var dumps = new List<(string Pass, string Text)>();
        var m = Lower("print 1 + 2");
        PassPipeline.Run(m, OptimizationLevel.O2, new PassRunOptions(true, "fold", (p, t) => dumps.Add((p, t))));
        Assert.AreEqual(2, dumps.Count, "fold runs twice at -O2");
        Assert.IsTrue(dumps.All(d => d.Pass == "fold" && d.Text.StartsWith("module main", StringComparison.Ordinal)));
        CollectionAssert.AreEqual(new[] { "inline", "inline.methods", "fold", "globals", "promote", "types", "dce", "deadalloc", "licm", "fastpath", "legalize", "version", "gvn", "jumps", "unbox" }, PassPipeline.PassNames.ToArray());
    }

    [TestMethod]
    public void VerifierRunsAfterEachPassAndNamesTheCulprit()
    {
        var m = Lower("print 1");
        var init = Init(m);
        init.NewBlock("broken"); // an empty block
        var e = Assert.ThrowsExactly<InvalidOperationException>(() => PassPipeline.Run(m, OptimizationLevel.O0, new PassRunOptions(Verify: true)));
        StringAssert.Contains(e.Message, "after lowering");
    }
}
