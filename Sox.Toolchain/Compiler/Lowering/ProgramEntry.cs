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
                RunTests(m, f, b);
                break;
            case EntryMode.Bench:
                RunCases(m, f, b, slots, d => d.Name?.Text.StartsWith("Benchmark", StringComparison.Ordinal) == true, testCases: false);
                break;
        }
        b.Return(null);
        return f;
    }

    private const int TestCaseSize = 32, BenchCaseSize = 16;

    /// <summary>The symbol of a module's test collector: <c>uint64 sox_mod_M_tests(SoxTestCase* out)</c>.</summary>
    public static string TestCollector(string module) => $"sox_mod_{module}_tests";

    /// <summary>The <c>#[test]</c> functions a module declares at top level (a redeclared name counts once).</summary>
    private static List<FunctionStmt> Tests(SourceModule module) => module.Unit.Statements.OfType<FunctionStmt>()
        .Where(s => module.Model.Symbol(s) is { Kind: SymbolKind.Global } && s.Function.IsTest && module.Model.Function(s.Function) is not null)
        .GroupBy(s => module.Model.Symbol(s)!)
        .Select(g => g.Last())
        .ToList();

    public static int CountTests(SourceModule module) => Tests(module).Count;

    /// <summary>
    /// <c>sox test</c> builds one program from several test files (§7): the entry imports each of them, and each
    /// module with tests gets a collector that writes its <c>SoxTestCase</c>s (after its initialiser ran) to
    /// <c>out</c> and returns how many. The entry gathers every module's cases into one array for
    /// <c>sox_test_run</c>.
    /// </summary>
    public static IrFunction LowerTestCollector(ModuleContext m)
    {
        var f = new IrFunction(TestCollector(m.Names.Module), Linkage.Global, CallingConvention.C, IrType.I64) { InLineTable = false };
        var output = f.AddParameter(IrType.I64, "out");
        var b = new IrBuilder(f) { Line = 0 };
        b.SetBlock(f.NewBlock());
        var slots = b.SymbolAddress(m.Names.Globals);
        var tests = Tests(m.Source).Where(t => m.IsLowered(m.Model.Function(t.Function)!)).ToList();
        var file = m.Names.FileName;
        m.Strings.AddCString(file, m.Source.DisplayPath);
        for (var i = 0; i < tests.Count; i++)
        {
            var offset = TestCaseSize * i;
            b.Store(output, offset, b.SymbolAddress(m.FunctionFor(m.Model.Function(tests[i].Function)!).NameSymbol));
            b.Store(output, offset + 8, b.Load(slots, 8 * m.GlobalSlot(m.Model.Symbol(tests[i])!)));
            b.Store(output, offset + 16, b.SymbolAddress(file));
            b.Store(output, offset + 24, b.Const(m.Line(tests[i].Function.Span)), width: 4);
            b.Store(output, offset + 28, b.Const(0), width: 4);
        }
        b.Return(b.Const(tests.Count));
        return f;
    }

    /// <summary>Collects the tests of the entry module and of every module it imports directly, then runs them all.</summary>
    private static void RunTests(ModuleContext m, IrFunction f, IrBuilder b)
    {
        var modules = new[] { m.Source }.Concat(m.Source.Imports).Where(s => CountTests(s) > 0).Distinct().ToList();
        var total = modules.Sum(CountTests);
        var cases = total == 0 ? b.Const(0) : b.SlotAddress(f.NewStackSlot(TestCaseSize * total, 8, "tests"));
        var count = b.Const(0);
        var collected = b.NewRegister(IrType.I64, "collected");
        b.Copy(collected, count);
        foreach (var module in modules)
        {
            var at = b.Int(IntOp.Add, cases, b.Int(IntOp.Mul, collected, TestCaseSize));
            var n = b.CallValue(TestCollector(module.MangledName), at);
            b.Copy(collected, b.Int(IntOp.Add, collected, n));
        }
        b.CallC(RuntimeFunctions.TestRun, [cases, collected]);
    }

    /// <summary>
    /// Builds the runner's case array in a frame slot and calls it (sox_runtime.h): <c>SoxTestCase</c> is
    /// <c>{const char* name; SoxValue closure; const char* file; uint32_t line, reserved}</c> for
    /// <c>sox_test_run(cases, count)</c>; <c>SoxBenchCase</c> is <c>{name, closure}</c> for
    /// <c>sox_bench_run(cases, count, filter)</c>, with a NULL filter (all benchmarks).
    /// </summary>
    private static void RunCases(ModuleContext m, IrFunction f, IrBuilder b, VReg slots, Func<FunctionDecl, bool> select, bool testCases)
    {
        var functions = m.Source.Unit.Statements.OfType<FunctionStmt>()
            .Where(s => m.Model.Symbol(s) is { Kind: SymbolKind.Global } && m.Model.Function(s.Function) is { } info && m.IsLowered(info) && select(s.Function))
            .GroupBy(s => m.Model.Symbol(s)!)
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
                b.Store(cases, offset, b.SymbolAddress(m.FunctionFor(m.Model.Function(function.Function)!).NameSymbol));
                b.Store(cases, offset + 8, b.Load(slots, 8 * m.GlobalSlot(m.Model.Symbol(function)!)));
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
