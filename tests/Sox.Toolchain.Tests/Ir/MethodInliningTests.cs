using Sox.Compiler.Ir;
using Sox.Compiler.Passes;
using static Sox.Toolchain.Tests.Ir.IrTestHelpers;

namespace Sox.Toolchain.Tests.Ir;

/// <summary>
/// The -O2 pass 'inline.methods' (Passes/MethodInlining.cs): a small method runs in place behind the invoke cache
/// when the cached closure's code is the method's, with the call kept as the fallback; bodies that call, or that
/// could fail after a store, are refused. Behaviour is covered by tests/conformance/optimisations/inlined_method*.
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

    [TestMethod]
    public void AGetterIsInlinedBehindTheCacheAndTheCallStaysAsTheFallback()
    {
        var init = CompileInit("class A {\n  init() { this.v = 1 }\n  get() { return this.v }\n}\nvar a = A()\nprint a.get()");
        Assert.IsTrue(CodeComparisons(init, "get") >= 1, IrPrinter.Print(init));
        Assert.IsTrue(FallbackCalls(init, "get") >= 1, "the call of the cached closure stays for every other closure\n" + IrPrinter.Print(init));
        // The inlined read goes through the method's own property cache: a load at the cached offset.
        Assert.IsTrue(Instructions(init).OfType<SymbolAddressInst>().Count(s => s.Symbol.StartsWith("sox_ics_", StringComparison.Ordinal)) >= 2, IrPrinter.Print(init));
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
    public void EveryMethodOfTheNameIsACandidateAndOnlyOfTheArgumentCount()
    {
        var init = CompileInit("class P { m() { return 1 } }\nclass Q { m() { return 2 } }\nclass R { m(x) { return x } }\nvar p = P()\nprint p.m()");
        var candidates = Instructions(init).OfType<SymbolAddressInst>().Where(a => a.Symbol.StartsWith("sox_fn_", StringComparison.Ordinal) && a.Symbol.EndsWith("_m", StringComparison.Ordinal)).Select(a => a.Symbol).Distinct().Count();
        Assert.AreEqual(2, candidates, "P.m and Q.m take no argument; R.m takes one\n" + IrPrinter.Print(init));
    }
}
