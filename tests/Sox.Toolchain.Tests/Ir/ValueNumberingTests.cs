using Sox.Compiler.Ir;
using Sox.Compiler.Passes;
using static Sox.Toolchain.Tests.Ir.IrTestHelpers;

namespace Sox.Toolchain.Tests.Ir;

/// <summary>
/// The <c>gvn</c> pass on hand-built functions: a repeated pure computation becomes a copy (commutative operands
/// and copies normalised), but not from a sibling branch or through a reassigned register; a repeated load becomes a
/// copy unless a call or a store that may alias comes between (on any path to a join); a 64-bit store forwards its
/// value to a later load of the same address; and -O2 programs still verify with the pass in the pipeline.
/// </summary>
[TestClass]
public sealed class ValueNumberingTests
{
    private sealed record Fn(IrFunction F, IrBuilder B, VReg Closure, VReg A, VReg Object);

    /// <summary>A Sox-convention function (closure, a, o) whose entry block is current; <c>Object</c> is o unboxed.</summary>
    private static Fn NewFunction()
    {
        var f = new IrFunction("f", Linkage.Local, CallingConvention.Sox, IrType.I64);
        var closure = f.AddParameter(IrType.I64);
        var a = f.AddParameter(IrType.I64);
        var o = f.AddParameter(IrType.I64);
        var b = new IrBuilder(f) { Line = 1 };
        b.SetBlock(f.NewBlock("entry"));
        return new Fn(f, b, closure, a, b.UnboxObject(o));
    }

    private static Instruction Def(IrFunction f, VReg r) => Instructions(f).Single(i => i.Dest == r);

    private static void Run(IrFunction f)
    {
        Assert.AreEqual(0, IrVerifier.Verify(f).Count, string.Join("\n", IrVerifier.Verify(f)));
        new ValueNumbering().Run(f);
        Assert.AreEqual(0, IrVerifier.Verify(f).Count, string.Join("\n", IrVerifier.Verify(f)));
    }

    private static void AssertCopyOf(IrFunction f, VReg dest, VReg source)
    {
        var def = Def(f, dest);
        Assert.IsInstanceOfType<CopyInst>(def, $"{dest} should be a copy: {def}");
        Assert.AreSame(source, ((CopyInst)def).Source);
    }

    private static void AssertKept<T>(IrFunction f, VReg dest) where T : Instruction =>
        Assert.IsInstanceOfType<T>(Def(f, dest), $"{dest} should stay: {Def(f, dest)}");

    [TestMethod]
    public void RepeatedPureOperationsBecomeCopiesWithCopiesAndCommutedOperandsNormalised()
    {
        var (f, b, _, a, o) = NewFunction();
        var sum = b.Int(IntOp.Add, a, o);
        var alias = b.NewRegister();
        b.Copy(alias, a);
        var commuted = b.Int(IntOp.Add, o, alias);          // a + o again, through a copy and swapped
        var difference = b.Int(IntOp.Sub, a, o);
        var swapped = b.Int(IntOp.Sub, o, a);               // not commutative: a different value
        var mask = b.Int(IntOp.And, a, ValueBits.AddressMask);
        var maskAgain = b.Int(IntOp.And, alias, ValueBits.AddressMask); // a second const of the same bits
        var less = b.Compare(IntCondition.Lt, a, o);
        var lessAgain = b.Compare(IntCondition.Lt, a, o);
        var greater = b.Compare(IntCondition.Gt, o, a);     // same truth, other condition: not matched
        var all = b.Int(IntOp.Xor, b.Int(IntOp.Xor, commuted, swapped), b.Int(IntOp.Xor, maskAgain, b.Int(IntOp.Xor, lessAgain, greater)));
        b.Store(o, 8, difference);
        b.Return(all);
        Run(f);

        AssertCopyOf(f, commuted, sum);
        AssertKept<IntBinaryInst>(f, swapped);
        AssertCopyOf(f, maskAgain, mask);
        AssertCopyOf(f, lessAgain, less);
        AssertKept<IntCompareInst>(f, greater);
        Assert.AreEqual(3, Instructions(f).OfType<ConstInst>().Count(c => c.Bits == ValueBits.AddressMask), "constants stay (immediates): the unboxing and the two masks");
    }

    [TestMethod]
    public void AValueFromASiblingBranchIsNotReusedButOneFromADominatorIs()
    {
        var (f, b, _, a, o) = NewFunction();
        var then = b.NewBlock("then");
        var other = b.NewBlock("else");
        var join = b.NewBlock("join");
        var before = b.Int(IntOp.Mul, a, a);
        b.CompareBranch(IntCondition.Eq, a, o, then, other);

        b.SetBlock(then);
        var inThen = b.Int(IntOp.Add, a, o);
        var squareInThen = b.Int(IntOp.Mul, a, a);
        b.Store(o, 8, b.Int(IntOp.Xor, inThen, squareInThen));
        b.Jump(join);

        b.SetBlock(other);
        var inElse = b.Int(IntOp.Add, a, o);
        b.Store(o, 8, inElse);
        b.Jump(join);

        b.SetBlock(join);
        var atJoin = b.Int(IntOp.Add, a, o);
        b.Return(atJoin);
        Run(f);

        AssertCopyOf(f, squareInThen, before);
        AssertKept<IntBinaryInst>(f, inElse);
        AssertKept<IntBinaryInst>(f, atJoin);
    }

    [TestMethod]
    public void AReassignedRegisterDoesNotStandForItsOldValue()
    {
        var (f, b, _, a, o) = NewFunction();
        var next = b.NewBlock("next");
        var r = b.NewRegister();
        b.Copy(r, a);
        var first = b.Int(IntOp.Add, r, o);
        var held = b.NewRegister();
        b.Copy(held, first);
        b.Copy(r, o);                                  // r now holds o
        var second = b.Int(IntOp.Add, r, o);           // o + o: not a + o
        var third = b.Int(IntOp.Add, a, o);            // a + o: held by `first`, which is stable
        b.Jump(next);
        b.SetBlock(next);
        var fourth = b.Int(IntOp.Add, r, o);           // r has two definitions: unknown in another block
        b.Return(b.Int(IntOp.Xor, b.Int(IntOp.Xor, second, third), b.Int(IntOp.Xor, fourth, held)));
        Run(f);

        AssertKept<IntBinaryInst>(f, second);
        AssertCopyOf(f, third, first);
        AssertKept<IntBinaryInst>(f, fourth);
    }

    [TestMethod]
    public void ALoadIsNotReusedAcrossACall()
    {
        var (f, b, _, _, o) = NewFunction();
        var shape = b.Load(o, 16);
        var again = b.Load(o, 16);
        b.CallC(RuntimeFunctions.DeferRun, [shape], hasResult: false); // runs closures: may write anything
        var afterCall = b.Load(o, 16);
        b.Return(b.Int(IntOp.Xor, again, afterCall));
        Run(f);

        AssertCopyOf(f, again, shape);
        AssertKept<LoadInst>(f, afterCall);
    }

    [TestMethod]
    public void ALoadIsReusedAcrossCallsThatWriteNoMemoryAndAcrossAJoinReachedThroughOne()
    {
        var (f, b, _, a, o) = NewFunction();
        var quiet = b.NewBlock("quiet");
        var join = b.NewBlock("join");
        var shape = b.Load(o, 16);
        b.CallC(RuntimeFunctions.Print, [shape], hasResult: false);     // output only (RuntimeEffect.ReadsOnly)
        var afterPrint = b.Load(o, 16);
        var less = b.CallValue(RuntimeFunctions.Less, a, shape);       // raises or returns a boolean
        var afterLess = b.Load(o, 16);
        b.CompareBranch(IntCondition.Eq, a, less, quiet, join);
        b.SetBlock(quiet);
        b.CallValue(RuntimeFunctions.Equal, a, shape);                 // pure
        b.Jump(join);
        b.SetBlock(join);
        var afterJoin = b.Load(o, 16);
        b.CallC(RuntimeFunctions.SetIndex, [a, a, a]);                 // writes an object: every heap fact ends
        var afterSet = b.Load(o, 16);
        b.Return(b.Int(IntOp.Xor, afterPrint, b.Int(IntOp.Xor, afterLess, b.Int(IntOp.Xor, afterJoin, afterSet))));
        Run(f);

        AssertCopyOf(f, afterPrint, shape);
        AssertCopyOf(f, afterLess, shape);
        AssertCopyOf(f, afterJoin, shape);
        AssertKept<LoadInst>(f, afterSet);
    }

    [TestMethod]
    public void ARepeatedPureRuntimeCallBecomesACopyAndOthersStay()
    {
        var (f, b, _, a, o) = NewFunction();
        var alias = b.NewRegister();
        b.Copy(alias, a);
        var first = b.CallValue(RuntimeFunctions.Equal, a, o);
        var swapped = b.CallValue(RuntimeFunctions.Equal, o, alias); // §3: equality is symmetric
        var negated = b.CallValue(RuntimeFunctions.NotEqual, a, o);  // another function: its own value
        var sum = b.CallValue(RuntimeFunctions.Add, a, o);           // allocates: never merged
        var sumAgain = b.CallValue(RuntimeFunctions.Add, a, o);
        b.Return(b.Int(IntOp.Xor, swapped, b.Int(IntOp.Xor, negated, b.Int(IntOp.Xor, sum, sumAgain))));
        Run(f);

        AssertKept<CallInst>(f, first);
        AssertCopyOf(f, swapped, first);
        AssertKept<CallInst>(f, negated);
        AssertKept<CallInst>(f, sum);
        AssertKept<CallInst>(f, sumAgain);
    }

    [TestMethod]
    public void StoresKillTheLoadsTheyMayAliasOnly()
    {
        var (f, b, closure, a, o) = NewFunction();
        var cell = b.Load(closure, 24);                     // a cell: an allocation start
        var globals = b.SymbolAddress("sox_globals_m");
        var shape = b.Load(o, 16);
        var id = b.Load(shape, 0);
        var global = b.Load(globals, 8);
        var cellValue = b.Load(cell, 8);
        b.Store(cell, 8, a);                                // another allocation's +8: not o+16, not a shape id
        b.Store(globals, 16, a);                            // another global slot
        var shapeAfterCell = b.Load(o, 16);
        var idAfterCell = b.Load(shapeAfterCell, 0);
        var globalAfter = b.Load(globals, 8);
        var cellAfter = b.Load(cell, 8);                    // forwarded from the store
        var field = b.Int(IntOp.Add, o, b.Load(b.SymbolAddress("sox_ics_m"), 8));
        b.Store(field, 0, a);                               // a field slot: any heap word
        var shapeAfterField = b.Load(o, 16);
        var globalAfterField = b.Load(globals, 8);
        b.Store(globals, 8, o);
        var globalForwarded = b.Load(globals, 8);
        var narrow = b.Load(globals, 8, width: 4);          // a narrower load reads only the low bytes: not forwarded
        b.Return(b.Int(IntOp.Xor, b.Int(IntOp.Xor, b.Int(IntOp.Xor, idAfterCell, globalAfter), b.Int(IntOp.Xor, cellAfter, shapeAfterField)),
            b.Int(IntOp.Xor, b.Int(IntOp.Xor, globalAfterField, globalForwarded), b.Int(IntOp.Xor, narrow, b.Int(IntOp.Xor, id, cellValue)))));
        _ = global;
        Run(f);

        AssertCopyOf(f, shapeAfterCell, shape);
        AssertCopyOf(f, idAfterCell, id);
        AssertCopyOf(f, globalAfter, global);
        AssertCopyOf(f, cellAfter, a);
        AssertKept<LoadInst>(f, shapeAfterField);
        AssertCopyOf(f, globalAfterField, global);
        AssertCopyOf(f, globalForwarded, o);
        AssertKept<LoadInst>(f, narrow);
    }

    [TestMethod]
    public void AtAJoinALoadSurvivesOnlyWhenNoPathFromTheDominatorCallsOrWritesIt()
    {
        var (f, b, _, a, o) = NewFunction();
        var clean = b.NewBlock("clean");
        var calls = b.NewBlock("calls");
        var join = b.NewBlock("join");
        var other = b.NewBlock("other");
        var join2 = b.NewBlock("join2");
        var shape = b.Load(o, 16);
        b.CompareBranch(IntCondition.Eq, a, o, clean, calls);

        b.SetBlock(clean);
        b.Jump(join);
        b.SetBlock(calls);
        b.CallC(RuntimeFunctions.DeferRun, [a], hasResult: false);
        b.Jump(join);

        b.SetBlock(join);
        var afterJoin = b.Load(o, 16);                  // the call arm may have changed the shape
        b.CompareBranch(IntCondition.Eq, a, o, other, join2);
        b.SetBlock(other);
        b.Store(o, 8, a);                               // a store that cannot reach +16 of an allocation start
        b.Jump(join2);

        b.SetBlock(join2);
        var afterJoin2 = b.Load(o, 16);
        b.Return(b.Int(IntOp.Xor, shape, b.Int(IntOp.Xor, afterJoin, afterJoin2)));
        Run(f);

        AssertKept<LoadInst>(f, afterJoin);
        AssertCopyOf(f, afterJoin2, afterJoin);
    }

    [TestMethod]
    public void ALoopThatStoresOrCallsReloadsAtItsHeaderAndOneThatDoesNotReuses()
    {
        foreach (var storing in new[] { false, true })
        {
            var (f, b, _, a, o) = NewFunction();
            var header = b.NewBlock("header");
            var body = b.NewBlock("body");
            var exit = b.NewBlock("exit");
            var shape = b.Load(o, 16);
            b.Jump(header);
            b.SetBlock(header);
            var inLoop = b.Load(o, 16);
            b.CompareBranch(IntCondition.Eq, inLoop, a, body, exit);
            b.SetBlock(body);
            if (storing) b.Store(b.Int(IntOp.Add, o, a), 0, a);
            b.Jump(header);
            b.SetBlock(exit);
            b.Return(shape);
            Run(f);

            if (storing) AssertKept<LoadInst>(f, inLoop);
            else AssertCopyOf(f, inLoop, shape);
        }
    }

    [TestMethod]
    public void OptimisedProgramsVerifyWithThePassInThePipeline()
    {
        var module = Lower("""
            class C {
              init(x) {
                this.x = x
                this.y = 0
              }
              sum() { return this.x + this.y }
            }
            var c = C(1)
            var total = 0
            var i = 0
            while i < 10 {
              c.y = i
              total = total + c.sum() + c.sum()
              i = i + 1
            }
            print total
            """);
        PassPipeline.Run(module, OptimizationLevel.O2, new PassRunOptions(Verify: true));
        AssertVerifies(module);
    }
}
