using Sox.Compiler.Ir;
using Sox.Compiler.Passes;
using static Sox.Toolchain.Tests.Ir.IrTestHelpers;

namespace Sox.Toolchain.Tests.Ir;

/// <summary>
/// <c>Foo()</c> of a known class (lowering's direct construction) and the 'deadalloc' pass: an unused instance of a
/// class whose init was inlined or absent disappears; an instance whose init has a body, or a class that is
/// reassigned, keeps its allocation or goes through <c>sox_call</c>. Behaviour: tests/conformance/classes/construct_*.
/// </summary>
[TestClass]
public sealed class ConstructionPassTests
{
    private static IrFunction CompileInit(string source)
    {
        var m = Lower(source);
        PassPipeline.Run(m, OptimizationLevel.O2, new PassRunOptions(Verify: true));
        return Init(m);
    }

    [TestMethod]
    public void UnusedInstancesOfClassesWithEmptyOrNoInitAreRemoved()
    {
        var init = CompileInit("class Foo { init() {} }\nclass Bar {}\nclass Baz < Bar {}\nvar i = 0\nwhile i < 10 {\n  Foo()\n  Bar()\n  Baz()\n  i = i + 1\n}\nprint i");
        Assert.AreEqual(0, CallsTo(init, RuntimeFunctions.InstanceAlloc).Count(), IrPrinter.Print(init));
        Assert.AreEqual(0, CallsTo(init, RuntimeFunctions.InstanceFinish).Count(), IrPrinter.Print(init));
    }

    [TestMethod]
    public void AnInitWithABodyIsCalledDirectlyAndItsInstanceKept()
    {
        var init = CompileInit("class P {\n  init(x) { this.x = x }\n}\nP(1)\nprint P(2).x");
        Assert.AreEqual(2, CallsTo(init, RuntimeFunctions.InstanceAlloc).Count(), IrPrinter.Print(init));
        Assert.AreEqual(2, Instructions(init).OfType<CallInst>().Count(c => c.Convention == CallingConvention.Sox && c.Symbol is { } s && s.EndsWith("_init", StringComparison.Ordinal)));
    }

    [TestMethod]
    public void AReassignedClassOrAWrongArgumentCountGoesThroughTheRuntime()
    {
        var init = CompileInit("class A {}\nclass B { init(x) {} }\nA = nil\nA()\nB()");
        Assert.AreEqual(0, CallsTo(init, RuntimeFunctions.InstanceAlloc).Count(), IrPrinter.Print(init));
        Assert.AreEqual(2, CallsTo(init, RuntimeFunctions.Call).Count(), IrPrinter.Print(init));
    }
}
