using Sox.Compiler.Ir;
using Sox.Compiler.Passes;
using static Sox.Toolchain.Tests.Ir.IrTestHelpers;

namespace Sox.Toolchain.Tests.Ir;

/// <summary>
/// The -O2 pass 'inline.methods' (Passes/MethodInlining.cs): a small method runs in place behind one comparison of
/// the receiver's shape with the site's <c>SoxInlinedMethodCache</c> for it, its fields of <c>this</c> at the cached
/// offsets without further guards, with the call kept as the fallback and the invoke cache behind; bodies that
/// call, or that could fail after a store, are refused. Behaviour is covered by
/// tests/conformance/optimisations/inlined_method* and dispatch_*.
/// </summary>
[TestClass]
public sealed class MethodInliningTests
{
    private static IrFunction CompileInit(string source)
    {
        var m = Lower(source);
        PassPipeline.Run(m, OptimizationLevel.O2, new PassRunOptions(Verify: true));
        return Init(m);
    }

    /// <summary>The comparisons of a call's code pointer with method <paramref name="name"/>'s symbol.</summary>
    private static int CodeComparisons(IrFunction f, string name) =>
        Instructions(f).OfType<SymbolAddressInst>().Count(a => a.Symbol.StartsWith("sox_fn_", StringComparison.Ordinal) && a.Symbol.EndsWith("_" + name, StringComparison.Ordinal));

    private static int FallbackCalls(IrFunction f, string name) =>
        Instructions(f).OfType<CallInst>().Count(c => c.InvokedMethod == name && c.Convention == CallingConvention.Sox);

    private static int DirectCalls(IrFunction f, string name) =>
        Instructions(f).OfType<CallInst>().Count(c => c.Symbol is { } sym && sym.EndsWith("_" + name, StringComparison.Ordinal) && c.Convention == CallingConvention.Sox);

    /// <summary>Loads from the module's inlined-method caches, as (offset in the cache data, load).</summary>
    private static List<(long Offset, LoadInst Load)> CacheLoads(IrFunction f)
    {
        var addresses = Instructions(f).OfType<SymbolAddressInst>().Where(a => a.Symbol.StartsWith("sox_inlined_", StringComparison.Ordinal)).ToDictionary(a => a.Dest);
        return Instructions(f).OfType<LoadInst>().Where(l => addresses.ContainsKey(l.Base)).Select(l => (addresses[l.Base].Addend + l.Offset, l)).ToList();
    }

    [TestMethod]
    public void AGetterIsInlinedBehindTheCacheAndTheCallStaysAsTheFallback()
    {
        var init = CompileInit("class A {\n  init() { this.v = 1 }\n  get() { return this.v }\n}\nvar a = A()\nprint a.get()");
        Assert.IsTrue(CodeComparisons(init, "get") >= 1, IrPrinter.Print(init));
        Assert.IsTrue(FallbackCalls(init, "get") >= 1, "the call of the cached closure stays for every other closure\n" + IrPrinter.Print(init));
        // One guard: the receiver's shape id against the site's cache for `get` (+0); the read's offset comes from the
        // same cache (+48 the name, +56 its offset), with no guard of its own and no property-cache miss left.
        var loads = CacheLoads(init);
        Assert.AreEqual(1, loads.Count(l => l.Offset == 0 && l.Load.Width == 8), IrPrinter.Print(init));
        Assert.AreEqual(1, loads.Count(l => l.Offset == 56), IrPrinter.Print(init));
        Assert.AreEqual(0, CallsTo(init, RuntimeFunctions.GetPropertyCached).Count(), IrPrinter.Print(init));
        // The cache is filled before the real call when the found closure runs `get`'s code; the inlined body
        // cannot fail, so it has no fallback call.
        Assert.IsTrue(CallsTo(init, RuntimeFunctions.InlinedMethodFill).Any(), IrPrinter.Print(init));
        Assert.AreEqual(0, DirectCalls(init, "get"), IrPrinter.Print(init));
    }

    [TestMethod]
    public void EachCandidateHasACacheWithTheNamesOfItsFields()
    {
        var m = Lower("class A {\n  init() { this.x = 1  this.y = 2 }\n  sum() { return this.x + this.y + this.x }\n}\nclass B { sum() { return 0 } }\nvar a = A()\nprint a.sum()");
        PassPipeline.Run(m, OptimizationLevel.O2, new PassRunOptions(Verify: true));
        var data = m.Data.Single(d => d.Symbol.StartsWith("sox_inlined_", StringComparison.Ordinal));
        // A.sum: 48 bytes of header, names x and y (x once), two offsets; B.sum: the header alone; then A.sum's own
        // cache for its second copy (three accesses to fields of this), with the same two names.
        Assert.AreEqual(48 + 16 * 2 + 48 + 48 + 16 * 2, data.Bytes.Length);
        Assert.AreEqual(2L, BitConverter.ToInt64(data.Bytes, MethodInlining.CacheCountOffset));
        Assert.AreEqual(0L, BitConverter.ToInt64(data.Bytes, 80 + MethodInlining.CacheCountOffset));
        Assert.AreEqual(4, data.Relocations.Count);
        Assert.IsTrue(data.Relocations.Select(r => r.Offset).SequenceEqual([48, 56, 176, 184]));
        var strings = m.Data.Where(d => d.Kind == DataKind.StringObject).Select(d => d.Symbol).ToHashSet();
        Assert.IsTrue(data.Relocations.All(r => strings.Contains(r.Symbol)), "the names are the static strings");
        // Both candidates are compared before the invoke cache; each marked call fills the candidate it runs.
        var init = Init(m);
        Assert.AreEqual(2, CacheLoads(init).Count(l => l.Offset is 0 or 80), IrPrinter.Print(init));
        Assert.AreEqual(4, CallsTo(init, RuntimeFunctions.InlinedMethodFill).Count(), IrPrinter.Print(init));
    }

    [TestMethod]
    public void StoresToSeveralFieldsOfThisAreInlined()
    {
        // Before one guard per call each store had its own cache miss, so the second one's came after a store.
        var init = CompileInit("class S {\n  init() { this.x = 0  this.y = 0 }\n  set(a, b) {\n    this.x = a\n    this.y = b\n  }\n}\nvar s = S()\ns.set(1, 2)");
        Assert.IsTrue(CodeComparisons(init, "set") >= 1, IrPrinter.Print(init));
        Assert.AreEqual(0, CallsTo(init, RuntimeFunctions.SetPropertyCached).Count(), IrPrinter.Print(init));
        Assert.AreEqual(2, CacheLoads(init).Count(l => l.Offset is 64 or 72), "both offsets from the cache\n" + IrPrinter.Print(init));
    }

    [TestMethod]
    public void AFieldOfAnotherObjectKeepsItsGuard()
    {
        // `o.v` is not a field of this: its property cache and its miss (the fallback) stay.
        var init = CompileInit("class V {\n  init() { this.v = 1 }\n  plus(o) { return this.v + o.v }\n}\nvar p = V()\nprint p.plus(V())");
        Assert.IsTrue(CodeComparisons(init, "plus") >= 1, IrPrinter.Print(init));
        Assert.AreEqual(1, CacheLoads(init).Count(l => l.Offset == 56), "this.v from the cache\n" + IrPrinter.Print(init));
        var caches = Instructions(init).OfType<SymbolAddressInst>().Where(a => a.Symbol.StartsWith("sox_ics_", StringComparison.Ordinal)).Select(a => a.Addend).Distinct().Count();
        Assert.IsTrue(caches >= 2, "the site's invoke cache and o.v's property cache\n" + IrPrinter.Print(init));
        // A miss of o.v's cache falls back to a direct call of `plus` with the cached closure.
        Assert.AreEqual(1, DirectCalls(init, "plus"), IrPrinter.Print(init));
    }

    [TestMethod]
    public void AStoreAfterEveryGuardIsInlined()
    {
        // methods benchmark shape: both reads and the arithmetic come before the only store.
        var init = CompileInit("class C {\n  init() { this.count = 0  this.step = 1 }\n  add(x) { this.count = this.count + x * this.step }\n}\nvar c = C()\nc.add(2)\nprint c.count");
        Assert.IsTrue(CodeComparisons(init, "add") >= 1, IrPrinter.Print(init));
    }

    [TestMethod]
    public void BodiesThatCallAreNotInlined()
    {
        var init = CompileInit("class B {\n  other() { return 1 }\n  viaCall() { return this.other() }\n  viaPrint() { print 1 }\n}\nvar b = B()\nprint b.viaCall()\nb.viaPrint()");
        Assert.AreEqual(0, CodeComparisons(init, "viaCall"), IrPrinter.Print(init));
        Assert.AreEqual(0, CodeComparisons(init, "viaPrint"), IrPrinter.Print(init));
        Assert.IsTrue(FallbackCalls(init, "viaCall") >= 1, IrPrinter.Print(init));
    }

    [TestMethod]
    public void ABodyThatCouldFailAfterAStoreIsNotInlined()
    {
        // `this.s + this.t` may fail (or miss its caches) after `this.n` was stored: the fallback would store twice.
        var init = CompileInit("class K {\n  init() { this.n = 0  this.s = 1  this.t = 2 }\n  bump() {\n    this.n = this.n + 1\n    return this.s + this.t\n  }\n}\nvar k = K()\nprint k.bump()");
        Assert.AreEqual(0, CodeComparisons(init, "bump"), IrPrinter.Print(init));
    }

    [TestMethod]
    public void ASuperTargetIsInlinedBehindTheSuperclassIdAndTheShapeOfThis()
    {
        var m = Lower("class A {\n  init() { this.v = 1 }\n  get() { return this.v }\n}\nclass B < A {\n  get() { return super.get() + 1 }\n}\nprint B().get()");
        PassPipeline.Run(m, OptimizationLevel.O2, new PassRunOptions(Verify: true));
        var get = m.Functions.Single(f => f.TraceName == "get" && CallsTo(f, RuntimeFunctions.SuperLookup).Any());
        // Two guards: the superclass's id against the cache's (+32), then the shape id of `this` against +0; the
        // field's offset from the same cache (+48 the name, +56 its offset), with no property cache of its own.
        var loads = CacheLoads(get);
        Assert.AreEqual(1, loads.Count(l => l.Offset == MethodInlining.CacheClassIdOffset), IrPrinter.Print(get));
        Assert.AreEqual(1, loads.Count(l => l.Offset == 0), IrPrinter.Print(get));
        Assert.AreEqual(1, loads.Count(l => l.Offset == 56), IrPrinter.Print(get));
        Assert.IsTrue(Instructions(get).OfType<LoadInst>().Any(l => l.Offset == ValueBits.ShapeIdOffset && l.Width == 8), IrPrinter.Print(get));
        Assert.AreEqual(0, CallsTo(get, RuntimeFunctions.GetPropertyCached).Count(), IrPrinter.Print(get));
        // Both of the site's direct calls (cache hit, after sox_super_lookup) fill the cache for the superclass's
        // id first, and still call; the super cache's probe stays behind the guards.
        var fills = CallsTo(get, RuntimeFunctions.InlinedSuperFill).ToList();
        Assert.AreEqual(2, fills.Count, IrPrinter.Print(get));
        Assert.IsTrue(fills.All(f => f.Arguments.Count == 4), IrPrinter.Print(get));
        Assert.AreEqual(0, CallsTo(get, RuntimeFunctions.InlinedMethodFill).Count(), IrPrinter.Print(get));
        Assert.AreEqual(2, FallbackCalls(get, "get"), IrPrinter.Print(get));
        Assert.AreEqual(1, CallsTo(get, RuntimeFunctions.SuperLookup).Count(), IrPrinter.Print(get));
    }

    [TestMethod]
    public void ASuperTargetThatFailsAfterAStoreIsNotInlined()
    {
        var m = Lower("class A {\n  init() { this.n = 0 }\n  bump(x) {\n    this.n = 1\n    return this.n + x\n  }\n}\nclass B < A {\n  bump(x) { return super.bump(x) }\n}\nprint B().bump(1)");
        PassPipeline.Run(m, OptimizationLevel.O2, new PassRunOptions(Verify: true));
        var bump = m.Functions.Single(f => f.TraceName == "bump" && CallsTo(f, RuntimeFunctions.SuperLookup).Any());
        Assert.AreEqual(0, CacheLoads(bump).Count, IrPrinter.Print(bump));
        Assert.AreEqual(0, CallsTo(bump, RuntimeFunctions.InlinedSuperFill).Count(), IrPrinter.Print(bump));
    }

    [TestMethod]
    public void AMethodWithTwoFieldsOfThisGetsASecondCopyBehindOneShapeCompareAtEntry()
    {
        var m = Lower("class N {\n  init() { this.count = 0  this.max = 3 }\n  step() {\n    this.count = this.count + 1\n    if (this.count >= this.max) print this.count\n    return this\n  }\n}\nvar n = N()\nn.step()");
        PassPipeline.Run(m, OptimizationLevel.O2, new PassRunOptions(Verify: true));
        var step = m.Functions.Single(f => f.TraceName == "step");
        // The entry compares the shape id of `this` with the method's own cache and fills an empty one.
        Assert.AreEqual("this_shape", step.Entry.Hint, IrPrinter.Print(step));
        Assert.AreEqual(1, CallsTo(step, RuntimeFunctions.MethodEntryFill).Count(), IrPrinter.Print(step));
        // Two copies of the body: the print (a call that cannot be dropped) is in both, and the copy reads and
        // writes count and max at the cache's offsets (+48, +56 the names; +64, +72 the offsets) with no guard.
        Assert.AreEqual(2, CallsTo(step, RuntimeFunctions.Print).Count(), IrPrinter.Print(step));
        var offsets = CacheLoads(step).Select(l => l.Offset).ToList();
        Assert.IsTrue(offsets.Contains(0) && offsets.Contains(64) && offsets.Contains(72), IrPrinter.Print(step));
        // Every line of the body is still there in the copy (traces and line tables name the same lines).
        var lines = Instructions(step).Where(i => i is SoxBinaryInst or CallInst).GroupBy(i => i.Line).ToDictionary(g => g.Key, g => g.Count());
        Assert.IsTrue(lines.Values.All(c => c >= 2), IrPrinter.Print(step));
    }

    [TestMethod]
    public void AMethodWithALoopOrOneFieldKeepsOneCopy()
    {
        var m = Lower("class L {\n  init() { this.a = 1  this.b = 2 }\n  loop() {\n    var s = 0\n    while s < 10 { s = s + this.a + this.b }\n    return s\n  }\n  one() { return this.a + 1 }\n}\nvar l = L()\nprint l.loop() + l.one()");
        PassPipeline.Run(m, OptimizationLevel.O2, new PassRunOptions(Verify: true));
        foreach (var name in new[] { "loop", "one" })
        {
            var f = m.Functions.Single(f => f.TraceName == name);
            Assert.AreEqual(0, CallsTo(f, RuntimeFunctions.MethodEntryFill).Count(), IrPrinter.Print(f));
        }
    }

    [TestMethod]
    public void EveryMethodOfTheNameIsACandidateAndOnlyOfTheArgumentCount()
    {
        var init = CompileInit("class P { m() { return 1 } }\nclass Q { m() { return 2 } }\nclass R { m(x) { return x } }\nvar p = P()\nprint p.m()");
        var candidates = Instructions(init).OfType<SymbolAddressInst>().Where(a => a.Symbol.StartsWith("sox_fn_", StringComparison.Ordinal) && a.Symbol.EndsWith("_m", StringComparison.Ordinal)).Select(a => a.Symbol).Distinct().Count();
        Assert.AreEqual(2, candidates, "P.m and Q.m take no argument; R.m takes one\n" + IrPrinter.Print(init));
    }
}
