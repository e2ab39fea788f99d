using Sox.Compiler.Ir;
using Sox.Compiler.Passes;
using Sox.Compiler.Passes.Types;
using static Sox.Toolchain.Tests.Ir.IrTestHelpers;

namespace Sox.Toolchain.Tests.Ir;

/// <summary>
/// The type analysis (Passes/Types) and what -O2 does with it: tag tests of values it proves numbers disappear,
/// tests of values it cannot prove stay, `==` and `%` get their fast paths.
/// </summary>
[TestClass]
public sealed class TypeAnalysisTests
{
    private static IrFunction CompileFunction(string source, string name)
    {
        var m = Lower(source);
        PassPipeline.Run(m, OptimizationLevel.O2, new PassRunOptions(Verify: true));
        return Function(m, name);
    }

    /// <summary>The registers the number tag tests <c>br.ne (v &amp; QNAN), QNAN</c> of <paramref name="f"/> test.</summary>
    private static List<VReg> TagTested(IrFunction f)
    {
        var qnan = Instructions(f).OfType<ConstInst>().Where(c => c.Bits == ValueBits.Qnan).Select(c => c.Dest).ToHashSet();
        var tested = new List<VReg>();
        foreach (var block in f.Blocks)
        {
            if (block.Terminator is not CompareBranchInst { Condition: IntCondition.Ne } br || !qnan.Contains(br.Right)) continue;
            // licm may have moved the mask of a loop-invariant value to the loop's preheader.
            // gvn may have made it a copy of an earlier identical mask ('version' tests it before the fast loop too).
            var masked = br.Left;
            while (Instructions(f).OfType<CopyInst>().LastOrDefault(c => c.Dest == masked) is { } copied) masked = copied.Source;
            var and = Instructions(f).OfType<IntBinaryInst>().Last(i => i.Dest == masked);
            tested.Add(qnan.Contains(and.Right) ? and.Left : and.Right);
        }
        return tested;
    }

    [TestMethod]
    public void LoopCounterIsProvenANumberButTheParameterBoundIsTested()
    {
        var f = CompileFunction("fn f(n) {\n var i = 0\n while i < n { i = i + 1 }\n return i\n}", "f");
        var tested = TagTested(f).Distinct().ToList();
        Assert.AreEqual(1, tested.Count, "one value is tested: " + string.Join(", ", tested));
        var copy = Instructions(f).OfType<CopyInst>().Single(c => c.Dest == tested[0]);
        Assert.AreSame(f.Parameters[1], copy.Source, "the parameter n (after the closure) is the one tested");
        // 'version' tests it once before the fast copy of the loop; the original loop (entered when it is not a
        // number) tests it as before.
        Assert.IsTrue(TagTested(f).Count <= 2, string.Join(", ", TagTested(f)));
        Assert.AreEqual(0, CallsTo(f, RuntimeFunctions.Add).Count(), "i + 1 has no slow path");
        Assert.AreEqual(1, CallsTo(f, RuntimeFunctions.Less).Count(), "i < n keeps its slow path for n");
    }

    [TestMethod]
    public void AnOperandAnOperatorAcceptedOnlyAsANumberIsANumberAfterwards()
    {
        // After `a - 1` returns, `a` is a number (§3: anything else is a runtime error), so `a * 2` tests nothing.
        var f = CompileFunction("fn g(a) {\n var x = a - 1\n return a * 2 + x\n}", "g");
        Assert.AreEqual(1, TagTested(f).Count, "only the first use of a is tested");
        Assert.AreEqual(1, CallsTo(f, RuntimeFunctions.Subtract).Count());
        Assert.AreEqual(0, CallsTo(f, RuntimeFunctions.Multiply).Count());
        Assert.AreEqual(0, CallsTo(f, RuntimeFunctions.Add).Count());
    }

    [TestMethod]
    public void AVariableThatMayHoldAStringKeepsItsTest()
    {
        var f = CompileFunction("fn t(c) {\n var x = 0\n if c { x = \"s\" }\n return x + 1\n}", "t");
        Assert.AreEqual(1, TagTested(f).Count);
        Assert.AreEqual(1, CallsTo(f, RuntimeFunctions.Add).Count(), "x + 1 may concatenate");
    }

    [TestMethod]
    public void EqualityOfKindsThatCannotMatchIsFolded()
    {
        var f = CompileFunction("fn h(a) {\n var n = a * 1\n print n == nil\n print n != \"s\"\n}", "h");
        Assert.AreEqual(0, CallsTo(f, RuntimeFunctions.Equal).Count() + CallsTo(f, RuntimeFunctions.NotEqual).Count());
        var printed = CallsTo(f, RuntimeFunctions.Print).Select(p => Instructions(f).OfType<ConstInst>().Single(c => c.Dest == p.Arguments[0]).Bits);
        CollectionAssert.AreEqual(new[] { ValueBits.False, ValueBits.True }, printed.ToArray());
    }

    [TestMethod]
    public void EqualityOfUnknownValuesCallsTheRuntimeOnlyForTwoObjects()
    {
        var f = CompileFunction("fn k(a, b) { if a == b { return 1 } return 2 }", "k");
        var call = CallsTo(f, RuntimeFunctions.Equal).Single();
        var slow = IrShape.BlockOf(f, call);
        // The runtime block is reached only from the object type tests (string or C pointer), after the tag tests.
        foreach (var pred in IrShape.Predecessors(f, slow))
        {
            var test = (CompareBranchInst)pred.Terminator!;
            Assert.AreEqual(IntCondition.Eq, test.Condition);
            Assert.IsTrue(pred.Instructions.OfType<LoadInst>().Any() || IrShape.Predecessors(f, pred).Any(p => p.Instructions.OfType<LoadInst>().Any()),
                "the object type byte is read before the runtime call");
        }
        Assert.IsTrue(f.Blocks.Any(b => b.Terminator is FloatCompareBranchInst { Condition: FloatCondition.Eq }), "two numbers compare as doubles");
    }

    [TestMethod]
    public void ModuloOfNumbersUsesIntegerOperationsAndKeepsFmodForTheRest()
    {
        var f = CompileFunction("fn m(a) { return a % 3 }", "m");
        Assert.AreEqual(1, CallsTo(f, RuntimeFunctions.Modulo).Count(), "fractions, NaN, huge values and non-numbers");
        Assert.IsTrue(Instructions(f).OfType<ConvertInst>().Any(c => c.Kind == ConvertKind.FloatToInt));
        Assert.IsTrue(Instructions(f).OfType<IntBinaryInst>().Any(i => i.Op == IntOp.Mul), "a - trunc(a/b)*b");
    }

    [TestMethod]
    public void AnalysisProvesTheTestedValueOnlyOnTheTestsTrueEdge()
    {
        // Straight on the lowered IR with fast paths: after `(v & QNAN) != QNAN` the value is a number on the
        // true edge only, and a value never tested stays unknown.
        var m = Lower("fn p(a, b) { return a + b }");
        var f = Function(m, "p");
        new NumberFastPaths().Run(f);
        var analysis = TypeAnalysis.Run(f)!;
        var fadd = Instructions(f).OfType<FloatBinaryInst>().Single();
        var fast = IrShape.BlockOf(f, fadd);
        var add = Instructions(f).OfType<SoxBinaryInst>().Single();
        var slow = IrShape.BlockOf(f, add);
        Assert.IsTrue(ValueKinds.IsNumber(TypeAnalysis.Of(analysis.EntryState(fast), add.Left)));
        Assert.IsTrue(ValueKinds.IsNumber(TypeAnalysis.Of(analysis.EntryState(fast), add.Right)));
        Assert.IsFalse(ValueKinds.IsNumber(TypeAnalysis.Of(analysis.EntryState(slow), add.Left)), "the slow path is reached when a test fails");
        Assert.AreEqual(ValueKind.Any, TypeAnalysis.Of(analysis.EntryState(f.Entry), add.Left), "parameters are unknown");
        Assert.IsTrue(analysis.IsReached(slow));
    }
}
