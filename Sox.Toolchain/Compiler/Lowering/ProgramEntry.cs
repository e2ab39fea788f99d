using Sox.Compiler.Ir;
using Sox.Compiler.Semantics;
using Sox.Compiler.Syntax.Ast;

namespace Sox.Compiler.Lowering;

/// <summary>
/// <c>void sox_program_entry(void)</c> (runtime-abi.md "Entry points"): runs the entry module's initialiser (which
/// runs its imports, its top level and its top-level defers), then by <see cref="EntryMode"/>:
/// <c>sox_run_main(main)</c> when the module declares <c>main</c> (§5; skipped if a top-level return left it
/// undefined), or the <c>#[test]</c> functions for <c>sox_test_run</c>, or the <c>Benchmark*</c> functions for
/// <c>sox_bench_run</c> (§7). Tests and benchmarks are the module's top-level <c>fn</c> declarations.
/// </summary>
internal static class ProgramEntry
{
    public static IrFunction Lower(ModuleContext m, EntryMode mode)
    {
        var f = new IrFunction(SymbolNames.ProgramEntry, Linkage.Global, CallingConvention.C, null) { InLineTable = false };
        var b = new IrBuilder(f) { Line = 0 };
        b.SetBlock(f.NewBlock());
        b.CallValue(m.Names.Init());
        var slots = b.SymbolAddress(m.Names.Globals);
        switch (mode)
        {
            case EntryMode.Run:
                var main = m.Source.Globals.FirstOrDefault(g => g.Name == "main" && g.IsDefined);
                if (main is not null)
                {
                    var value = b.Load(slots, 8 * m.GlobalSlot(main));
                    var run = f.NewBlock("run_main");
                    var done = f.NewBlock("done");
                    b.CompareBranch(IntCondition.Ne, value, b.Const(ValueBits.Undefined), run, done);
                    b.SetBlock(run);
                    b.CallC(RuntimeFunctions.RunMain, [value], hasResult: false);
                    b.Jump(done);
                    b.SetBlock(done);
                }
                break;
            case EntryMode.Test:
                RunCases(m, f, b, slots, d => d.IsTest, testCases: true);
                break;
            case EntryMode.Bench:
                RunCases(m, f, b, slots, d => d.Name?.Text.StartsWith("Benchmark", StringComparison.Ordinal) == true, testCases: false);
                break;
        }
        b.Return(null);
        return f;
    }

    private const int TestCaseSize = 32, BenchCaseSize = 16;

    /// <summary>
    /// Builds the runner's case array in a frame slot and calls it (sox_runtime.h): <c>SoxTestCase</c> is
    /// <c>{const char* name; SoxValue closure; const char* file; uint32_t line, reserved}</c> for
    /// <c>sox_test_run(cases, count)</c>; <c>SoxBenchCase</c> is <c>{name, closure}</c> for
    /// <c>sox_bench_run(cases, count, filter)</c>, with a NULL filter (all benchmarks).
    /// </summary>
    private static void RunCases(ModuleContext m, IrFunction f, IrBuilder b, VReg slots, Func<FunctionDecl, bool> select, bool testCases)
    {
        var functions = m.Source.Unit.Statements.OfType<FunctionStmt>()
            .Where(s => s.Symbol is { Kind: SymbolKind.Global } && s.Function.Info is { } info && m.IsLowered(info) && select(s.Function))
            .GroupBy(s => s.Symbol!)
            .Select(g => g.Last()) // a redeclared name holds its last definition
            .ToList();
        var size = testCases ? TestCaseSize : BenchCaseSize;
        var cases = b.Const(0);
        if (functions.Count > 0)
        {
            cases = b.SlotAddress(f.NewStackSlot(size * functions.Count, 8, testCases ? "tests" : "benchmarks"));
            var file = m.Names.FileName;
            if (testCases) m.Strings.AddCString(file, m.Source.DisplayPath);
            for (var i = 0; i < functions.Count; i++)
            {
                var function = functions[i];
                var offset = size * i;
                b.Store(cases, offset, b.SymbolAddress(m.FunctionFor(function.Function.Info!).NameSymbol));
                b.Store(cases, offset + 8, b.Load(slots, 8 * m.GlobalSlot(function.Symbol!)));
                if (!testCases) continue;
                b.Store(cases, offset + 16, b.SymbolAddress(file));
                b.Store(cases, offset + 24, b.Const(m.Line(function.Function.Span)), width: 4);
                b.Store(cases, offset + 28, b.Const(0), width: 4);
            }
        }
        var count = b.Const(functions.Count);
        if (testCases) b.CallC(RuntimeFunctions.TestRun, [cases, count]);
        else b.CallC(RuntimeFunctions.BenchRun, [cases, count, b.Const(0)], hasResult: false);
    }
}
