using Sox.Compiler.Ir;
using Sox.Compiler.Passes;
using static Sox.Toolchain.Tests.Ir.IrTestHelpers;

namespace Sox.Toolchain.Tests.Ir;

/// <summary>
/// Several passes keep their per-register and per-block arrays per thread and reuse them for the next function
/// (<c>unbox</c>, <c>gvn</c>, the type analysis of <c>types</c>/<c>fastpath</c>): what one function leaves in them must
/// never reach the next. Running the -O2 passes over a module's functions first to last and last to first on one
/// thread hands each function scratch left by different, differently sized functions; the IR must be the same.
/// </summary>
[TestClass]
public sealed class PassScratchTests
{
    private const string Source = """
        fn big(n) {
          var sum = 0
          var x = 1.5
          var s = "a"
          for var i = 0; i < n; i = i + 1 {
            var y = x * i + 2
            if y > 100 { sum = sum + y / 3 } else { sum = sum - y }
            if i == 7 { s = s + "b"; print s }
            while y > 1 { y = y / 2; sum = sum + y * 0.5 }
            print sum
          }
          var t = sum
          for var j = 0; j < 10; j = j + 1 { t = t * 1.25 - j; print t }
          return sum + t
        }
        fn small(a) { return a * 2 + 1 }
        fn medium(a, b) {
          var r = a
          while r < b { r = r + small(r) * 0.5 }
          return r
        }
        class P {
          init(x) { this.x = x }
          get() { return this.x + 1 }
        }
        fn tiny() { return nil }
        var p = P(3)
        print big(20)
        print medium(1, 50)
        print p.get() + small(4)
        print tiny()
        """;

    [TestMethod]
    public void PassesGiveTheSameIrWhicheverOrderFunctionsRunInOnOneThread()
    {
        // The reference: each function on a thread of its own, so every scratch array starts empty.
        var fresh = Lower(Source);
        var passes = Prepare(fresh);
        foreach (var function in fresh.Functions)
        {
            var thread = new Thread(() => RunPasses(passes, function));
            thread.Start();
            thread.Join();
        }
        var forward = Lower(Source);
        var backward = Lower(Source);
        Run(forward, reversed: false);
        Run(backward, reversed: true);
        Assert.IsGreaterThan(3, forward.Functions.Count);
        var expected = IrPrinter.Print(fresh);
        Assert.AreEqual(expected, IrPrinter.Print(forward), "first to last on one thread");
        Assert.AreEqual(expected, IrPrinter.Print(backward), "last to first on one thread");
    }

    [TestMethod]
    public void TypeAnalysisGivesTheSameFactsWhicheverOrderFunctionsAreAnalysedInOnOneThread()
    {
        // The analysis keeps its states, per-block arrays, worklist, transfer functions (with the narrowed state of an
        // edge) and constants per thread. Every fact it gives — reached blocks, executable edges, the kinds before each
        // instruction — must be those of an analysis on a fresh thread, after larger and smaller functions alike.
        // `always` has a branch on a value proven a number (its false edge is never taken) and tests on parameters
        // that narrow the state on one edge.
        var module = Lower(Source + "\nfn always(a, b) {\n var k = 3\n if k { a = a - 1 }\n if b { return a * b }\n return a\n}\nprint always(2, 3)\n");
        var functions = module.Functions;
        var fresh = new string[functions.Count];
        for (var i = 0; i < functions.Count; i++)
        {
            var k = i;
            var thread = new Thread(() => fresh[k] = Facts(functions[k]));
            thread.Start();
            thread.Join();
        }
        Assert.IsTrue(fresh.Any(f => f.Contains("edge 10") || f.Contains("edge 01")), "some branch has one edge ruled out");
        for (var pass = 0; pass < 2; pass++)
        {
            for (var n = 0; n < functions.Count; n++)
            {
                var i = pass == 0 ? n : functions.Count - 1 - n;
                Assert.AreEqual(fresh[i], Facts(functions[i]), $"{functions[i].Symbol}, {(pass == 0 ? "first to last" : "last to first")}");
            }
        }
    }

    /// <summary>The type analysis's facts about <paramref name="function"/>, printed.</summary>
    private static string Facts(IrFunction function)
    {
        var analysis = Sox.Compiler.Passes.Types.TypeAnalysis.Run(function);
        if (analysis is null) return "not analysed";
        var text = new System.Text.StringBuilder();
        var state = new Sox.Compiler.Passes.Types.ValueKind[analysis.Registers];
        foreach (var block in function.Blocks)
        {
            text.Append(block).Append(':');
            if (!analysis.IsReached(block))
            {
                text.AppendLine(" not reached");
                continue;
            }
            analysis.EntryState(block, state);
            var instructions = block.Instructions;
            for (var i = 0; i < instructions.Count - 1; i++)
            {
                text.Append(' ').Append(string.Join(",", state.Select(k => (int)k)));
                analysis.Step(instructions[i], state);
            }
            text.Append(" edge ");
            for (var s = 0; s < block.Successors.Count; s++) text.Append(analysis.IsExecutable(block, s) ? '1' : '0');
            text.AppendLine();
        }
        return text.ToString();
    }

    /// <summary>New instances of the -O2 passes, their module analyses prepared for <paramref name="module"/>.</summary>
    private static IReadOnlyList<IIrPass> Prepare(IrModule module)
    {
        var passes = PassPipeline.For(OptimizationLevel.O2);
        foreach (var pass in passes)
        {
            if (pass is IModuleAnalysis analysis) analysis.Prepare(module);
        }
        return passes;
    }

    private static void RunPasses(IReadOnlyList<IIrPass> passes, IrFunction function)
    {
        foreach (var pass in passes) ((FunctionPass)pass).Run(function);
    }

    private static void Run(IrModule module, bool reversed)
    {
        var passes = Prepare(module);
        var functions = reversed ? Enumerable.Reverse(module.Functions).ToList() : module.Functions.ToList();
        foreach (var function in functions) RunPasses(passes, function);
    }
}
