using Sox.Compiler.Ir;
using Sox.Compiler.Passes;
using static Sox.Toolchain.Tests.Ir.IrTestHelpers;

namespace Sox.Toolchain.Tests.Ir;

/// <summary>
/// The <c>version</c> pass (<see cref="LoopVersioning"/>): a loop's fast copy without calls, its invariant guards
/// tested once in check blocks before it, its slow paths leaving for the original loop with the values they need
/// copied back. Hand-built loops, then whole programs at -O2 with the verifier after every pass. Behaviour:
/// tests/conformance/optimisations/version_*.
/// </summary>
[TestClass]
public sealed class LoopVersioningTests
{
    private sealed record Built(IrFunction F, VReg Object, VReg Sum, BasicBlock Header, BasicBlock Hit, BasicBlock Miss, BasicBlock Exit);

    /// <summary>
    /// <c>while i &lt; n { if [[obj+16]] == [cache] { sum += [obj + [cache+8]] } else { sum += lookup(obj) } i += 1 }</c>:
    /// the shape guard of an invariant receiver against a cache only the call on the miss path could fill.
    /// </summary>
    private static Built ShapeGuardedLoop(bool storeToField = false)
    {
        var f = new IrFunction("f", Linkage.Local, CallingConvention.Sox, IrType.I64);
        f.AddParameter(IrType.I64);
        var obj = f.AddParameter(IrType.I64);
        var n = f.AddParameter(IrType.I64);
        var b = new IrBuilder(f) { Line = 1 };
        BasicBlock entry = f.NewBlock("entry"), pre = f.NewBlock("pre"), header = f.NewBlock("header"), body = f.NewBlock("body"),
            hit = f.NewBlock("hit"), miss = f.NewBlock("miss"), latch = f.NewBlock("latch"), exit = f.NewBlock("exit");
        b.SetBlock(entry);
        var sum = b.NewRegister(hint: "sum");
        var i = b.NewRegister(hint: "i");
        b.Copy(sum, b.Const(0));
        b.Copy(i, b.Const(0));
        b.Jump(pre);
        b.SetBlock(pre);
        b.Jump(header);
        b.SetBlock(header);
        b.Line = 2;
        b.CompareBranch(IntCondition.Lt, i, n, body, exit);
        b.SetBlock(body);
        b.Line = 3;
        var pointer = b.UnboxObject(obj);
        var shape = b.Load(b.Load(pointer, 16), 0);
        var cache = b.SymbolAddress("cache");
        var cached = b.Load(cache, 0);
        b.CompareBranch(IntCondition.Eq, shape, cached, hit, miss);
        b.SetBlock(hit);
        var slot = b.Int(IntOp.Add, pointer, b.Load(cache, 8));
        var field = b.Load(slot, 0);
        if (storeToField) b.Store(slot, 0, b.Int(IntOp.Add, field, 1));
        b.Emit(new IntBinaryInst(IntOp.Add, sum, sum, field, 3));
        b.Jump(latch);
        b.SetBlock(miss);
        var looked = b.CallValue("lookup", obj);
        b.Emit(new IntBinaryInst(IntOp.Add, sum, sum, looked, 3));
        b.Jump(latch);
        b.SetBlock(latch);
        b.Line = 4;
        b.Emit(new IntBinaryInst(IntOp.Add, i, i, b.Const(1), 4));
        b.Jump(header);
        b.SetBlock(exit);
        b.Line = 5;
        b.Return(sum);
        Assert.AreEqual(0, IrVerifier.Verify(f).Count, string.Join("\n", IrVerifier.Verify(f)));
        return new Built(f, obj, sum, header, hit, miss, exit);
    }

    private static void Verify(IrFunction f) => Assert.AreEqual(0, IrVerifier.Verify(f).Count, string.Join("\n", IrVerifier.Verify(f)) + "\n" + IrPrinter.Print(f));

    /// <summary>The body of the one natural loop that holds no call: the fast copy.</summary>
    private static HashSet<BasicBlock> FastLoop(IrFunction f) =>
        Loops.Find(f).Select(l => l.Body.ToHashSet()).Single(body => !body.SelectMany(b => b.Instructions).Any(i => i is CallInst));

    [TestMethod]
    public void TheShapeGuardRunsOnceBeforeACopyOfTheLoopWithoutCallsAndTheMissLeavesForTheOriginal()
    {
        var l = ShapeGuardedLoop();
        new LoopVersioning().Run(l.F);
        Verify(l.F);
        var text = IrPrinter.Print(l.F);

        // The checks: the shape guard's loads and compare, before any loop.
        var checks = l.F.Blocks.Where(b => b.Hint == "version_check").ToList();
        Assert.AreEqual(2, checks.Count, text);
        var guard = (CompareBranchInst)checks[0].Terminator!;
        Assert.AreEqual(IntCondition.Eq, guard.Condition, text);
        Assert.IsTrue(checks[0].Instructions.OfType<LoadInst>().Count() >= 3, text); // [obj+16], [shape], [cache]

        // The fast copy: its header is entered from the last check; its cycle holds no call, no guard on the shape,
        // and reads the field without reloading the cache's offset (moved to the checks, as is the field: no store).
        var fast = FastLoop(l.F);
        Assert.IsTrue(fast.Contains(checks[1].Successors.Single()), text);
        Assert.IsFalse(fast.Contains(l.Header) || fast.Contains(l.Miss), text);
        Assert.IsFalse(fast.SelectMany(b => b.Instructions).Any(i => i is CallInst or LoadInst), text);
        Assert.AreEqual(1, fast.Count(b => b.Terminator is CompareBranchInst), text); // only i < n

        // A failed check enters the original loop, whose miss path still calls and whose latch re-runs the checks.
        Assert.AreSame(l.Header, guard.IfFalse.Successors.Single(), text);
        Assert.AreEqual(1, CallsTo(l.F, "lookup").Count(), text);
        Assert.IsTrue(l.F.Blocks.Any(b => b.Hint == "version_recheck" && b.Successors.Contains(checks[0]) && b.Successors.Contains(l.Header)), text);
    }

    [TestMethod]
    public void LeavingTheCopyCopiesBackTheRegistersLiveAtTheTarget()
    {
        var l = ShapeGuardedLoop();
        new LoopVersioning().Run(l.F);
        Verify(l.F);
        var text = IrPrinter.Print(l.F);
        // The loop exit reads sum: the copy's sum is copied back into the original register before it.
        var exits = l.F.Blocks.Where(b => b.Hint == "version_exit").ToList();
        Assert.AreEqual(1, exits.Count, text); // only the loop's exit: the miss side was a hoisted guard
        var back = exits[0].Instructions.OfType<CopyInst>().ToList();
        Assert.IsTrue(back.Any(c => c.Dest == l.Sum), text);
        Assert.AreSame(l.Exit, exits[0].Successors.Single(), text);
        // The copy assigns renamed registers only: the original sum is assigned in the original loop, the entry and
        // the copy-back only.
        var sumDefinitions = Instructions(l.F).Count(i => i.Dest == l.Sum);
        Assert.AreEqual(4, sumDefinitions, text); // entry, hit, miss, copy-back
    }

    [TestMethod]
    public void AFieldTheLoopStoresIsReloadedInTheCopy()
    {
        var l = ShapeGuardedLoop(storeToField: true);
        new LoopVersioning().Run(l.F);
        Verify(l.F);
        var text = IrPrinter.Print(l.F);
        var checks = l.F.Blocks.Where(b => b.Hint == "version_check").ToList();
        var fast = FastLoop(l.F).SelectMany(b => b.Instructions).ToList();
        // The shape and cache loads moved (a field store never writes a header, shape or module data); the field
        // load did not.
        Assert.AreEqual(1, fast.OfType<LoadInst>().Count(), text);
        Assert.AreEqual(1, fast.OfType<StoreInst>().Count(), text);
    }

    [TestMethod]
    public void ALoopThatCallsOnEveryIterationIsNotVersioned()
    {
        var m = Lower("fn f(n, o) {\n  var i = 0\n  while i < n {\n    print o.x\n    i = i + 1\n  }\n}\nf(3, nil)");
        PassPipeline.Run(m, OptimizationLevel.O2, new PassRunOptions(Verify: true));
        var f = Function(m, "f");
        Assert.IsFalse(f.Blocks.Any(b => b.Hint == "version_check"), IrPrinter.Print(f));
    }

    private const string CounterClass = "class C {\n  init() {\n    this.count = 0\n    this.step = 1\n  }\n  add(x) { this.count = this.count + x * this.step }\n}\n";

    [TestMethod]
    public void AnInlinedMethodOnAnInvariantReceiverKeepsItsFieldsInRegistersThroughTheFastLoop()
    {
        const string source = CounterClass
            + "fn run(n) {\n  var c = C()\n  var i = 0\n  while i < n {\n    c.add(i)\n    i = i + 1\n  }\n  return c.count\n}\nprint run(10)";
        var m = Lower(source);
        PassPipeline.Run(m, OptimizationLevel.O2, new PassRunOptions(Verify: true));
        var f = Function(m, "run");
        var text = IrPrinter.Print(f);
        // The guards of n's number test, c's object and instance tests and c's shape against the inlined method's
        // cache are checks before the loop, and so are the compares of the fields' addresses (count's two addresses
        // equal, step's different from count's) and the number test of count's value.
        var checks = f.Blocks.Where(b => b.Hint == "version_check").ToList();
        Assert.IsTrue(checks.Count >= 7, text);
        Assert.IsTrue(checks.Any(b => b.Terminator is CompareBranchInst { Condition: IntCondition.Ne } c && Definition(f, c.Left) is IntBinaryInst { Op: IntOp.Add }), text);
        // The fast loop: the float compare of i < n and the arithmetic, nothing else: no call, no tag test, and no
        // load or store (count is carried in a register, step was loaded before the loop).
        var fastLoop = FastLoop(f);
        var fast = fastLoop.SelectMany(b => b.Instructions).ToList();
        Assert.IsTrue(fastLoop.Any(b => b.Terminator is FloatCompareBranchInst), text);
        Assert.AreEqual(0, fastLoop.Count(b => b.Terminator is CompareBranchInst), text);
        Assert.IsFalse(fast.Any(i => i is LoadInst or StoreInst or CallInst), text);
        // count is stored back on the way out of the fast loop, into the field its address names.
        var exits = f.Blocks.Where(b => b.Hint == "version_exit").ToList();
        Assert.IsTrue(exits.Count > 0, text);
        foreach (var exit in exits)
        {
            Assert.IsFalse(fastLoop.Contains(exit.Successors.Single()), text);
            Assert.AreEqual(1, exit.Instructions.OfType<StoreInst>().Count(), text);
        }
    }

    [TestMethod]
    public void EveryWayOutOfTheFastLoopStoresTheCarriedFieldBackBeforeTheOriginalLoopRuns()
    {
        // A call on every 7th iteration leaves the fast loop for the original one (a side exit), as does the loop's
        // exit; both must see count in memory.
        const string source = CounterClass + "fn see(c) { return c.count }\n"
            + "fn run(n) {\n  var c = C()\n  var i = 0\n  while i < n {\n    c.add(i)\n    if (i % 7 == 0) see(c)\n    i = i + 1\n  }\n  return c.count\n}\nprint run(10)";
        var m = Lower(source);
        PassPipeline.Run(m, OptimizationLevel.O2, new PassRunOptions(Verify: true));
        var f = Function(m, "run");
        var text = IrPrinter.Print(f);
        var fastLoop = FastLoop(f);
        Assert.IsFalse(fastLoop.SelectMany(b => b.Instructions).Any(i => i is LoadInst or StoreInst), text);
        var exits = f.Blocks.Where(b => b.Hint == "version_exit").ToList();
        Assert.IsTrue(exits.Count >= 2, text); // the loop's exit and the call's side exit
        var stores = exits.Select(e => e.Instructions.OfType<StoreInst>().Single()).ToList();
        Assert.AreEqual(1, stores.Select(s => s.Value).Distinct().Count(), text); // one carried register
    }

    [TestMethod]
    public void TwoVariablesThatMayHoldOneObjectKeepTheirFieldsInMemory()
    {
        // a and b are two parameters: they may be the same object, so neither receiver's fields are carried (the
        // fast loop still exists, with its loads and stores).
        const string source = CounterClass
            + "fn run(n, a, b) {\n  var i = 0\n  while i < n {\n    a.add(1)\n    b.add(2)\n    i = i + 1\n  }\n  return a.count\n}\nvar c = C()\nprint run(10, c, c)";
        var m = Lower(source);
        PassPipeline.Run(m, OptimizationLevel.O2, new PassRunOptions(Verify: true));
        var f = Function(m, "run");
        var text = IrPrinter.Print(f);
        Assert.IsTrue(f.Blocks.Any(b => b.Hint == "version_check"), text);
        var fast = FastLoop(f).SelectMany(b => b.Instructions).ToList();
        Assert.AreEqual(2, fast.OfType<StoreInst>().Count(), text);
        Assert.IsTrue(fast.OfType<LoadInst>().Count() >= 2, text);
        Assert.IsFalse(f.Blocks.Where(b => b.Hint == "version_exit").Any(b => b.Instructions.Any(i => i is StoreInst)), text);
    }

    [TestMethod]
    public void ACopyOfAVariableReassignedBeforeTheLoopFailsTheAddressCompare()
    {
        // b = a, then a = another object: both trace back to a's register, so the pass guesses one object; the
        // compare of the two count addresses before the fast loop is what keeps that guess from being trusted.
        const string source = CounterClass
            + "fn run(n) {\n  var a = C()\n  var b = a\n  a = C()\n  var i = 0\n  while i < n {\n    a.add(1)\n    b.add(2)\n    i = i + 1\n  }\n  return a.count\n}\nprint run(10)";
        var m = Lower(source);
        PassPipeline.Run(m, OptimizationLevel.O2, new PassRunOptions(Verify: true));
        var f = Function(m, "run");
        var text = IrPrinter.Print(f);
        var checks = f.Blocks.Where(b => b.Hint == "version_check").ToList();
        var equal = checks.Select(b => b.Terminator).OfType<CompareBranchInst>()
            .Where(c => c.Condition == IntCondition.Eq && Definition(f, c.Left) is IntBinaryInst { Op: IntOp.Add } && Definition(f, c.Right) is IntBinaryInst { Op: IntOp.Add })
            .ToList();
        Assert.IsTrue(equal.Count >= 1, text);
        Assert.IsTrue(equal.All(c => c.IfFalse.Hint == "versioned_slow"), text);
    }

    private static Instruction? Definition(IrFunction f, VReg r) => Instructions(f).FirstOrDefault(i => i.Dest == r);

    [TestMethod]
    public void DebugVariablesKeepTheirRegistersInTheCopy()
    {
        var m = Lower("class C {\n  init() { this.v = 2 }\n  get() { return this.v }\n}\nfn run(n) {\n  var c = C()\n  var s = 0\n  var i = 0\n  while i < n {\n    s = s + c.get()\n    i = i + 1\n  }\n  return s\n}\nprint run(10)");
        PassPipeline.Run(m, OptimizationLevel.O2, new PassRunOptions(Verify: true));
        var f = Function(m, "run");
        var text = IrPrinter.Print(f);
        Assert.IsTrue(f.Blocks.Any(b => b.Hint == "version_check"), text);
        // The variables' registers (unbox's float twins by now) are assigned in the fast loop itself: the copy did not
        // rename them, so a debugger reading them there sees the current values.
        var fastLoop = FastLoop(f);
        Assert.IsTrue(fastLoop.Any(b => b.Terminator is FloatCompareBranchInst), text);
        foreach (var name in new[] { "s", "i" })
        {
            var v = f.DebugVariables.Single(d => d.Name == name);
            Assert.IsTrue(fastLoop.SelectMany(b => b.Instructions).Any(i => i.Dest == v.Register), $"{name} in {v.Register}\n{text}");
        }
    }
}
