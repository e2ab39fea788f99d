using Sox.Compiler.Ir;
using Sox.Compiler.Passes;
using static Sox.Toolchain.Tests.Ir.IrTestHelpers;

namespace Sox.Toolchain.Tests.Ir;

/// <summary>
/// The -O2 passes that look past one operation: 'inline' (direct calls of bodies that cannot fail) and 'promote'
/// (globals mirrored in registers, loads hoisted out of loops). Each transformation is shown on a small program,
/// next to a case it must refuse. Behaviour is covered by the conformance programs named in the pass comments.
/// </summary>
[TestClass]
public sealed class WholeProgramPassTests
{
    private static IrModule Compile(string source)
    {
        var m = Lower(source);
        PassPipeline.Run(m, OptimizationLevel.O2, new PassRunOptions(Verify: true));
        return m;
    }

    private static IEnumerable<CallInst> SoxCallsTo(IrFunction f, string name) =>
        Instructions(f).OfType<CallInst>().Where(c => c.Convention == CallingConvention.Sox && c.Symbol is { } s && s.EndsWith("_" + name, StringComparison.Ordinal));

    /// <summary>Loads from the module's globals array inside a loop of <paramref name="f"/>.</summary>
    private static int GlobalLoadsInLoops(IrFunction f)
    {
        var addresses = Instructions(f).OfType<SymbolAddressInst>().Where(a => a.Symbol.StartsWith("sox_globals_", StringComparison.Ordinal)).Select(a => a.Dest).ToHashSet();
        return f.Blocks.Where(IrShape.InCycle).SelectMany(b => b.Instructions).OfType<LoadInst>().Count(l => addresses.Contains(l.Base));
    }

    [TestMethod]
    public void BodiesThatCannotFailAreInlinedAtDirectCalls()
    {
        var init = Init(Compile("fn nothing() {}\nfn seven() { return 7 }\nfn same(x) { return x }\nprint nothing()\nprint seven()\nprint same(\"s\")"));
        foreach (var name in new[] { "nothing", "seven", "same" })
        {
            Assert.AreEqual(0, SoxCallsTo(init, name).Count(), name + "\n" + IrPrinter.Print(init));
        }
        // What is printed is what the bodies return: nil, 7 and the argument.
        var printed = CallsTo(init, RuntimeFunctions.Print).Select(p => Instructions(init).OfType<ConstInst>().FirstOrDefault(c => c.Dest == p.Arguments[0])?.Bits).ToArray();
        Assert.AreEqual(ValueBits.Nil, printed[0]);
        Assert.AreEqual(ValueBits.Number(7), printed[1]);
    }

    [TestMethod]
    public void BodiesThatCanFailOrAreCalledThroughAValueAreNotInlined()
    {
        // `grow` can fail (its frame must stay in traces); `g` is reassigned, so it is called through its value;
        // `wrong` is called with the wrong argument count, which must stay a runtime error.
        var init = Init(Compile("fn grow(x) { return x * 2 }\nvar g = fn () { return 1 }\ng = fn () { return 2 }\nfn wrong(a) { return a }\nprint grow(1)\nprint g()\nprint wrong()"));
        Assert.AreEqual(1, SoxCallsTo(init, "grow").Count());
        Assert.IsTrue(CallsTo(init, RuntimeFunctions.Call).Count() >= 2, IrPrinter.Print(init));
    }

    [TestMethod]
    public void TopLevelLoopOverGlobalsLoadsNoGlobal()
    {
        // equality/loop benchmark shape: every global is stored before the loop, the loop calls nothing that can
        // run Sox code, so reads become copies of the mirror registers; the stores stay (write-through).
        var init = Init(Compile("var one = 1\nvar count = 0\nvar i = 0\nwhile i < 10 {\n  i = i + 1\n  if (one == i) count = count + 1\n}\nprint count"));
        Assert.AreEqual(0, GlobalLoadsInLoops(init), IrPrinter.Print(init));
        var stores = init.Blocks.Where(IrShape.InCycle).SelectMany(b => b.Instructions).OfType<StoreInst>().Count();
        Assert.AreEqual(2, stores, "i and count are still stored on every write");
    }

    [TestMethod]
    public void AGlobalIsReadAgainAfterACallThatCanRunSoxCode()
    {
        // bump() may change count: the read of count after it is a load again, in the loop.
        var init = Init(Compile("var count = 0\nfn bump() { count = count + 100 }\nvar i = 0\nwhile i < 10 {\n  if (i > 5) bump()\n  count = count + 1\n  i = i + 1\n}\nprint count"));
        Assert.IsTrue(GlobalLoadsInLoops(init) >= 1, IrPrinter.Print(init));
    }

    [TestMethod]
    public void LoadsOfGlobalsAreHoistedOutOfALoopInAFunction()
    {
        var m = Compile("var limit = 5\nvar sum = 0\nfn f() {\n  var k = 0\n  while k < limit {\n    sum = sum + k\n    k = k + 1\n  }\n  return sum\n}\nprint f()");
        var f = Function(m, "f");
        Assert.AreEqual(0, GlobalLoadsInLoops(f), IrPrinter.Print(f));
    }

    [TestMethod]
    public void NoHoistingOutOfALoopThatCallsSoxCode()
    {
        var m = Compile("var limit = 5\nfn g() { limit = limit - 1 }\nfn f() {\n  var k = 0\n  while k < limit {\n    g()\n    k = k + 1\n  }\n  return k\n}\nprint f()");
        var f = Function(m, "f");
        Assert.IsTrue(GlobalLoadsInLoops(f) >= 1, IrPrinter.Print(f));
    }
}
