using Sox.Compiler.Ir;
using Sox.Compiler.Lowering;
using static Sox.Toolchain.Tests.Ir.IrTestHelpers;

namespace Sox.Toolchain.Tests.Ir;

[TestClass]
public sealed class LoweringTests
{
    [TestMethod]
    public void CapturedLocalLivesInACellAndTheClosureReadsItThroughItsCells()
    {
        var m = Lower("fn outer() { var x = 1\n return fn () { return x } }");
        var outer = Function(m, "outer");
        Assert.AreEqual(1, CallsTo(outer, RuntimeFunctions.CellNew).Count());
        var store = Instructions(outer).OfType<StoreInst>().Single(s => s.Offset == ValueBits.ClosureCellsOffset);
        Assert.AreEqual(CallsTo(outer, RuntimeFunctions.CellNew).Single().Result, store.Value, "the cell goes into the closure's first capture");
        var lambda = Function(m, "fn");
        var loads = Instructions(lambda).OfType<LoadInst>().ToList();
        Assert.IsTrue(loads.Any(l => l.Base == lambda.Parameters[0] && l.Offset == 24), "cell loaded from [closure+24]");
        Assert.IsTrue(loads.Any(l => l.Offset == ValueBits.CellValueOffset), "value loaded from [cell+8]");
    }

    [TestMethod]
    public void UncapturedLocalsStayInRegisters()
    {
        var m = Lower("fn f(a) { var x = a\n x = x + 1\n return x }");
        var f = Function(m, "f");
        Assert.AreEqual(0, CallsTo(f, RuntimeFunctions.CellNew).Count());
        Assert.IsFalse(Instructions(f).OfType<StoreInst>().Any());
    }

    [TestMethod]
    public void CapturedParameterMovesIntoACellOnEntry()
    {
        var m = Lower("fn f(a) { return fn () { return a } }");
        var f = Function(m, "f");
        var cell = CallsTo(f, RuntimeFunctions.CellNew).Single();
        Assert.AreEqual(f.Parameters[1], cell.Arguments[0]);
        Assert.AreSame(f.Entry, IrShape.BlockOf(f, cell));
    }

    [TestMethod]
    public void CallToAKnownFunctionIsDirect()
    {
        var m = Lower("fn g(a) { return a }\nprint g(1)");
        var init = Init(m);
        var g = Function(m, "g");
        var call = Instructions(init).OfType<CallInst>().Single(c => c.Symbol == g.Symbol);
        Assert.AreEqual(CallingConvention.Sox, call.Convention);
        Assert.AreEqual(2, call.Arguments.Count, "closure + one argument");
        Assert.IsFalse(CallsTo(init, RuntimeFunctions.Call).Any());
        Assert.IsTrue(CallsTo(init, RuntimeFunctions.UndefinedVariable).Any(), "the global may still be read before its fn runs");
    }

    [TestMethod]
    public void RecursiveLocalFunctionCallsItselfDirectly()
    {
        var m = Lower("fn outer() { fn loop(n) { if n > 0 { return loop(n - 1) } return 0 }\n return loop(3) }");
        var loop = Function(m, "loop");
        Assert.IsTrue(CallsTo(loop, loop.Symbol).Any(), "self call through the captured cell is direct");
        Assert.IsTrue(CallsTo(Function(m, "outer"), loop.Symbol).Any());
    }

    [TestMethod]
    public void WrongArgumentCountOrReassignedFunctionGoesThroughTheValue()
    {
        var m = Lower("fn g(a) { return a }\ng(1, 2)\nfn h() {}\nh = nil\nh()");
        var init = Init(m);
        Assert.IsFalse(Instructions(init).OfType<CallInst>().Any(c => c.Convention == CallingConvention.Sox && c.Symbol is not null));
        Assert.AreEqual(2, CallsTo(init, RuntimeFunctions.Call).Count());
    }

    [TestMethod]
    public void CallThroughAValueChecksTagTypeAndArityThenCallsTheCodePointer()
    {
        var m = Lower("var h = fn (a) { return a }\nh(1)");
        var init = Init(m);
        var indirect = Instructions(init).OfType<CallInst>().Single(c => c.Target is not null);
        Assert.AreEqual(CallingConvention.Sox, indirect.Convention);
        Assert.AreEqual(2, indirect.Arguments.Count);
        var loads = Instructions(init).OfType<LoadInst>().ToList();
        Assert.IsTrue(loads.Any(l => l.Offset == 0 && l.Width == 1), "type byte");
        Assert.IsTrue(loads.Any(l => l.Offset == 4 && l.Width == 4), "arity");
        Assert.IsTrue(loads.Any(l => l.Offset == 8 && l.Width == 8 && l.Dest == indirect.Target), "code pointer");
        var slow = CallsTo(init, RuntimeFunctions.Call).Single();
        Assert.AreNotSame(IrShape.BlockOf(init, indirect), IrShape.BlockOf(init, slow));
    }

    [TestMethod]
    public void MethodCallsGoThroughAnInlineCacheAndBuiltinsThroughTheirStaticObject()
    {
        var m = Lower("var t = Table()\nt.m(1, 2)\nprint len(\"abc\")");
        var init = Init(m);
        // slow path: sox_invoke_cached(receiver, name, argc, args, cache)
        var invoke = CallsTo(init, RuntimeFunctions.InvokeCached).Single();
        Assert.AreEqual(5, invoke.Arguments.Count);
        // fast path: the cached closure's code called directly with closure, receiver and the two arguments
        // (two call instructions: entry 0's hit calls on its own; the other entries and the lookup share one)
        var direct = Instructions(init).OfType<CallInst>().Where(c => c.Target is not null && c.Convention == CallingConvention.Sox).ToList();
        Assert.HasCount(2, direct);
        foreach (var call in direct)
        {
            Assert.AreEqual(4, call.Arguments.Count);
            Assert.AreNotSame(IrShape.BlockOf(init, call), IrShape.BlockOf(init, invoke));
        }
        Assert.IsTrue(Instructions(init).OfType<LoadInst>().Any(l => l.Offset == ValueBits.InstanceShapeOffset), "shape load");
        var caches = m.Data.Single(d => d.Symbol.StartsWith("sox_ics_", StringComparison.Ordinal));
        Assert.AreEqual(ValueBits.InvokeCacheSize, caches.Bytes.Length, "one invoke cache for the one site");
        // a miss asks sox_invoke_lookup(receiver, name, argc, cache) for the method, then calls it directly too
        var lookup = CallsTo(init, RuntimeFunctions.InvokeLookup).Single();
        Assert.AreEqual(4, lookup.Arguments.Count);
        Assert.AreEqual(ValueBits.InvokeCacheEntries, Instructions(init).OfType<LoadInst>()
            .Count(l => l.Offset % ValueBits.InvokeCacheEntrySize == 0 && l.Offset < ValueBits.InvokeCacheEntries * ValueBits.InvokeCacheEntrySize
                && l.Width == 8 && Instructions(init).OfType<SymbolAddressInst>().Any(a => a.Dest == l.Base && a.Symbol.StartsWith("sox_ics_", StringComparison.Ordinal))),
            "one shape id compare per cache entry");
        Assert.IsTrue(Instructions(init).OfType<SymbolAddressInst>().Any(a => a.Symbol == "sox_builtin_len"));
        Assert.IsTrue(Instructions(init).OfType<SymbolAddressInst>().Any(a => a.Symbol == "sox_builtin_Table"));
        Assert.AreEqual(2, CallsTo(init, RuntimeFunctions.Call).Count());
    }

    [TestMethod]
    public void CallsCarryTheLineOfTheClosingParenthesis()
    {
        var m = Lower("var t = 1\nprint t.f(1,\n2\n)");
        Assert.AreEqual(4, CallsTo(Init(m), RuntimeFunctions.InvokeCached).Single().Line);
        var direct = Instructions(Init(m)).OfType<CallInst>().Where(c => c.Target is not null).ToList();
        Assert.HasCount(2, direct);
        Assert.IsTrue(direct.All(c => c.Line == 4));
    }

    [TestMethod]
    public void BinaryOperationsCarryTheOperatorLine()
    {
        var m = Lower("var a = 1\nvar b = a\n+\n2");
        Assert.AreEqual(3, Instructions(Init(m)).OfType<SoxBinaryInst>().Single().Line);
    }

    [TestMethod]
    public void GlobalsCheckForUndefinedOnReadAndAssignment()
    {
        var m = Lower("fn f() { print later\n later = 2 }\nvar later = 1");
        var f = Function(m, "f");
        var errors = CallsTo(f, RuntimeFunctions.UndefinedVariable).ToList();
        Assert.AreEqual(2, errors.Count);
        Assert.IsTrue(errors.All(e => e.NoReturn));
        var slots = m.FindData(new SymbolNames("main").Globals)!;
        Assert.AreEqual(8 * 3, slots.Bytes.Length, "f, later and the module value");
        for (var i = 0; i < 3; i++) Assert.AreEqual(ValueBits.Undefined, BitConverter.ToInt64(slots.Bytes, 8 * i));
    }

    [TestMethod]
    public void StringConstantsAreStaticObjectsEmittedOnce()
    {
        var m = Lower("print \"hi\"\nprint \"hi\"");
        var strings = m.Data.Where(d => d.Kind == DataKind.StringObject).ToList();
        Assert.AreEqual(1, strings.Count);
        var bytes = strings[0].Bytes;
        CollectionAssert.AreEqual(new byte[] { 1, 1, 0, 0, 0, 0, 0, 0, 2, 0, 0, 0 }, bytes[..12]);
        Assert.AreEqual(StringTable.Fnv1a("hi"u8), BitConverter.ToUInt32(bytes, 12));
        CollectionAssert.AreEqual("hi\0"u8.ToArray(), bytes[16..]);
        Assert.AreEqual(8, strings[0].Alignment);
    }

    [TestMethod]
    public void Fnv1aMatchesTheReferenceVectors()
    {
        Assert.AreEqual(0x811C9DC5u, StringTable.Fnv1a(""u8));
        Assert.AreEqual(0xE40C292Cu, StringTable.Fnv1a("a"u8));
        Assert.AreEqual(0xBF9CF968u, StringTable.Fnv1a("foobar"u8));
    }

    [TestMethod]
    public void DefersRunOnEveryReturnPath()
    {
        var m = Lower("fn f(x) {\n defer { print 1 }\n if x { return 1 }\n if !x { return }\n print 3 }");
        var f = Function(m, "f");
        Assert.IsTrue(f.HasDefers);
        var push = CallsTo(f, RuntimeFunctions.DeferPush).Single();
        Assert.AreEqual(push.Result, push.Arguments[0], "sox_defer_push returns the list the frame keeps");
        Assert.IsTrue(CallsTo(f, RuntimeFunctions.DeferRun).All(r => r.Arguments[0] == push.Result));
        var returns = f.Blocks.Where(b => b.Terminator is ReturnInst).ToList();
        Assert.AreEqual(3, returns.Count);
        foreach (var block in returns) Assert.IsTrue(block.Instructions.OfType<CallInst>().Any(c => c.Symbol == RuntimeFunctions.DeferRun), block.Label);
        var body = m.Functions.Single(x => x.Source?.Kind == Sox.Compiler.Syntax.Ast.FunctionKind.Defer);
        Assert.AreEqual(0, CallsTo(body, RuntimeFunctions.DeferRun).Count(), "the defer body itself has none");
    }

    [TestMethod]
    public void TopLevelDefersRunAtTheEndOfTheModule()
    {
        var m = Lower("defer { print 1 }\nprint 2");
        var init = Init(m);
        var ret = init.Blocks.Last(b => b.Terminator is ReturnInst && b.Hint != "done");
        Assert.IsTrue(ret.Instructions.OfType<CallInst>().Any(c => c.Symbol == RuntimeFunctions.DeferRun));
    }

    [TestMethod]
    public void ForSharesOneCellWhileForeachMakesOnePerIteration()
    {
        var forLoop = Lower("fn f() { for var i = 0; i < 3; i = i + 1 { var g = fn () { return i } } }");
        var f = Function(forLoop, "f");
        var cells = CallsTo(f, RuntimeFunctions.CellNew).ToList();
        Assert.AreEqual(1, cells.Count);
        Assert.IsFalse(IrShape.InCycle(IrShape.BlockOf(f, cells[0])), "the for variable's cell is made once, outside the loop");

        var foreachLoop = Lower("fn f(xs) { foreach var i, v in xs { var g = fn () { return v + i } } }");
        var g = Function(foreachLoop, "f");
        var perIteration = CallsTo(g, RuntimeFunctions.CellNew).ToList();
        Assert.AreEqual(2, perIteration.Count);
        Assert.IsTrue(perIteration.All(c => IrShape.InCycle(IrShape.BlockOf(g, c))));
        var count = CallsTo(g, RuntimeFunctions.ForeachCount).Single();
        Assert.IsFalse(IrShape.InCycle(IrShape.BlockOf(g, count)), "the count is taken once");
        Assert.IsTrue(IrShape.InCycle(IrShape.BlockOf(g, CallsTo(g, RuntimeFunctions.ForeachKey).Single())));
        Assert.IsTrue(IrShape.InCycle(IrShape.BlockOf(g, CallsTo(g, RuntimeFunctions.ForeachValue).Single())));

        var valuesOnly = Function(Lower("fn f(xs) { foreach var v in xs { print v } }"), "f");
        Assert.AreEqual(0, CallsTo(valuesOnly, RuntimeFunctions.ForeachKey).Count(), "no key call for the one-variable form");
    }

    [TestMethod]
    public void ClassesInheritAddMethodsAndInitReturnsThis()
    {
        var m = Lower("class A { init(x) { this.x = x\n return } m() { return 1 } }\nclass B < A { m() { return super.m() + 1 } }");
        var init = Init(m);
        Assert.AreEqual(2, CallsTo(init, RuntimeFunctions.ClassNew).Count());
        Assert.AreEqual(1, CallsTo(init, RuntimeFunctions.ClassInherit).Count());
        Assert.AreEqual(3, CallsTo(init, RuntimeFunctions.ClassAddMethod).Count());
        var ctor = Function(m, "init");
        foreach (var ret in ctor.Blocks.Select(b => b.Terminator).OfType<ReturnInst>())
        {
            var def = Instructions(ctor).Single(i => i.Dest == ret.Value);
            Assert.AreEqual(ctor.Parameters[1], ((CopyInst)def).Source, "init returns this");
        }
        var bm = m.Functions.Single(f => f.TraceName == "m" && CallsTo(f, RuntimeFunctions.InvokeSuper).Any());
        Assert.AreEqual(5, CallsTo(bm, RuntimeFunctions.InvokeSuper).Single().Arguments.Count, "the fallback of every error");
        // super.m(): the site's cache is compared with the superclass's id, a miss asks sox_super_lookup, and both
        // call the method's code directly, marked for inline.methods.
        Assert.IsTrue(Instructions(bm).OfType<LoadInst>().Any(l => l.Offset == ValueBits.ClassIdOffset), "the superclass's id is read");
        Assert.AreEqual(4, CallsTo(bm, RuntimeFunctions.SuperLookup).Single().Arguments.Count);
        Assert.AreEqual(2, Instructions(bm).OfType<CallInst>().Count(c => c.InvokedMethod == "m" && c.Target is not null), "hit and lookup call directly");
        Assert.IsTrue(Instructions(bm).OfType<LoadInst>().Any(l => l.Base == bm.Parameters[0] && l.Offset == 24), "super is a captured cell");
    }

    [TestMethod]
    public void SwitchEvaluatesItsSubjectOnceAndComparesEachCase()
    {
        var m = Lower("fn f() { return 2 }\nswitch f() { case 1 { print 1 } default { print 0 } case 2 case 3 { print 2 } }");
        var init = Init(m);
        var f = Function(m, "f");
        Assert.AreEqual(1, CallsTo(init, f.Symbol).Count());
        var tests = Instructions(init).OfType<SoxBinaryInst>().Where(b => b.Op == SoxBinaryOp.Eq).ToList();
        Assert.AreEqual(3, tests.Count);
        Assert.AreEqual(1, tests.Select(t => t.Left).Distinct().Count(), "every case compares the same subject register");
        Assert.AreEqual(3, CallsTo(init, RuntimeFunctions.Print).Count());
    }

    [TestMethod]
    public void LiteralsUseArgumentArraysInStackSlots()
    {
        var m = Lower("var a = [1, 2, 3]\nvar t = {x: 1, \"y z\": 2}\nvar e[]\nprint a[0:1]\nprint a[:1]");
        var init = Init(m);
        Assert.AreEqual(24, init.StackSlots.Single().Size, "three elements; the empty array passes no slot");
        Assert.AreEqual(2, CallsTo(init, RuntimeFunctions.ArrayNew).Count());
        Assert.AreEqual(1, CallsTo(init, RuntimeFunctions.TableNew).Count());
        Assert.AreEqual(2, CallsTo(init, RuntimeFunctions.TableSet).Count());
        var slices = CallsTo(init, RuntimeFunctions.Slice).ToList();
        Assert.AreEqual(2, slices.Count);
        var nilStart = Instructions(init).OfType<ConstInst>().Single(c => c.Dest == slices[1].Arguments[1]);
        Assert.AreEqual(ValueBits.Nil, nilStart.Bits);
    }

    [TestMethod]
    public void AssertCallsTheNoReturnFailureOnlyWhenFalsey()
    {
        var m = Lower("var x = 1\nassert(x == 1, \"bad\")");
        var init = Init(m);
        var fail = CallsTo(init, RuntimeFunctions.AssertFail).Single();
        Assert.IsTrue(fail.NoReturn);
        var failBlock = IrShape.BlockOf(init, fail);
        Assert.IsInstanceOfType<BranchTruthyInst>(IrShape.Predecessors(init, failBlock).Single().Terminator);
    }

    [TestMethod]
    public void InitialiserRunsOnceRegistersItsLineTableAndRoots()
    {
        var m = Lower("var a = 1\nreturn {a: a}");
        var init = Init(m);
        Assert.AreEqual(Linkage.Global, init.Linkage);
        Assert.IsInstanceOfType<CompareBranchInst>(init.Entry.Terminator);
        Assert.AreEqual(1, CallsTo(init, RuntimeFunctions.RegisterCode).Count());
        var roots = CallsTo(init, RuntimeFunctions.GcAddRoots).Single();
        Assert.AreEqual(2L, Instructions(init).OfType<ConstInst>().Single(c => c.Dest == roots.Arguments[1]).Bits);
        var globals = Instructions(init).OfType<SymbolAddressInst>().Where(a => a.Symbol == "sox_globals_main").Select(a => a.Dest).ToHashSet();
        var stores = Instructions(init).OfType<StoreInst>().Where(s => s.Offset == 8 && globals.Contains(s.Base)).ToList();
        Assert.AreEqual(2, stores.Count, "the module value slot is set to nil at start and to the returned table");
    }

    [TestMethod]
    public void DescriptorsAndThunksFollowTheAbi()
    {
        var m = Lower("class P { m(a, b) { return a } }\nfn f(x) { return fn () { return x } }");
        var desc = m.Data.Where(d => d.Kind == DataKind.FunctionDescriptor).ToList();
        Assert.AreEqual(3, desc.Count);
        foreach (var d in desc)
        {
            Assert.AreEqual(40, d.Bytes.Length);
            CollectionAssert.AreEquivalent(new[] { 0, 8, 24 }, d.Relocations.Select(r => r.Offset).ToArray());
        }
        var method = desc.Single(d => BitConverter.ToUInt32(d.Bytes, 32) == 1);
        Assert.AreEqual(2u, BitConverter.ToUInt32(method.Bytes, 16), "arity without this");
        var lambda = desc.Single(d => BitConverter.ToUInt32(d.Bytes, 32) == 4);
        Assert.AreEqual(1u, BitConverter.ToUInt32(lambda.Bytes, 20), "one capture");
        var thunk = m.FindFunction(method.Relocations.Single(r => r.Offset == 8).Symbol)!;
        Assert.AreEqual(CallingConvention.InvokeThunk, thunk.Convention);
        Assert.AreEqual(3, Instructions(thunk).OfType<LoadInst>().Count(), "receiver and two arguments");
        Assert.AreEqual(4, Instructions(thunk).OfType<CallInst>().Single().Arguments.Count);
    }

    [TestMethod]
    public void ProgramEntryRunsMainTestsOrBenchmarks()
    {
        const string source = "fn main(argc, argv) { return 0 }\n#[test]\nfn TestA(t) {}\nfn BenchmarkA(b) {}\nfn BenchmarkB(b) {}";
        var run = Lower(source).FindFunction(SymbolNames.ProgramEntry)!;
        Assert.AreEqual(1, CallsTo(run, SymbolNames.Init("main")).Count());
        Assert.AreEqual(1, CallsTo(run, RuntimeFunctions.RunMain).Count());
        var testModule = Lower(source, new LoweringOptions(true, EntryMode.Test));
        var test = testModule.FindFunction(SymbolNames.ProgramEntry)!;
        Assert.AreEqual(1, CallsTo(test, RuntimeFunctions.TestRun).Count());
        Assert.AreEqual(1, CallsTo(test, ProgramEntry.TestCollector("main")).Count(), "the entry collects its own tests");
        Assert.AreEqual(32, test.StackSlots.Single().Size, "one SoxTestCase");
        var collector = testModule.FindFunction(ProgramEntry.TestCollector("main"))!;
        var returned = Instructions(collector).OfType<ReturnInst>().Single().Value;
        Assert.AreEqual(1L, Instructions(collector).OfType<ConstInst>().Single(c => c.Dest == returned).Bits, "one test");
        Assert.AreEqual(3L, Instructions(collector).OfType<StoreInst>().Where(s => s.Offset == 24).Select(s => Instructions(collector).OfType<ConstInst>().Single(c => c.Dest == s.Value).Bits).Single(), "declaration line");
        var bench = Lower(source, new LoweringOptions(true, EntryMode.Bench)).FindFunction(SymbolNames.ProgramEntry)!;
        var benches = CallsTo(bench, RuntimeFunctions.BenchRun).Single();
        Assert.AreEqual(2L, Instructions(bench).OfType<ConstInst>().Single(c => c.Dest == benches.Arguments[1]).Bits);
        Assert.AreEqual(32, bench.StackSlots.Single().Size, "two SoxBenchCases");
        Assert.IsNull(Lower("print 1").FindFunction(SymbolNames.ProgramEntry)!.Blocks.SelectMany(b => b.Instructions).OfType<CallInst>().FirstOrDefault(c => c.Symbol == RuntimeFunctions.RunMain));
        Assert.IsNull(Lower("print 1", new LoweringOptions()).FindFunction(SymbolNames.ProgramEntry), "only the entry module has one");
    }

    [TestMethod]
    public void ConditionsWithAndOrNotBranchWithoutMaterialisingBooleans()
    {
        var m = Lower("var a = 1\nvar b = 2\nif a and !b or a { print 1 }");
        var init = Init(m);
        Assert.IsFalse(Instructions(init).OfType<SoxUnaryInst>().Any());
        Assert.AreEqual(3, init.Blocks.Count(b => b.Terminator is BranchTruthyInst));
        var value = Lower("var a = 1\nvar c = a and 2");
        Assert.AreEqual(1, Init(value).Blocks.Count(b => b.Terminator is BranchTruthyInst));
    }

    [TestMethod]
    public void StatementsAfterAReturnAreNotLowered()
    {
        var m = Lower("fn f() { return 1\n print 2 }");
        Assert.AreEqual(0, CallsTo(Function(m, "f"), RuntimeFunctions.Print).Count());
    }
}
