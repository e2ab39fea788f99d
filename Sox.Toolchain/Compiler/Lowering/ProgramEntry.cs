using Sox.Compiler.Ir;
using Sox.Compiler.Semantics;
using Sox.Compiler.Syntax.Ast;

namespace Sox.Compiler.Lowering;

/// <summary>
/// <c>void sox_program_entry(void)</c> (runtime-abi.md "Entry points"): runs the entry module's initialiser (which
/// runs its imports, its top level and its top-level defers), then by <see cref="EntryMode"/>:
/// <c>sox_run_main(main)</c> when the module declares <c>main</c> (§5; skipped if a top-level return left it
/// undefined), or the list of <c>#[test]</c> functions for <c>sox_run_tests</c>, or of <c>Benchmark*</c> functions
/// for <c>sox_run_benchmarks</c> (§7). Tests and benchmarks are the module's top-level <c>fn</c> declarations.
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
                RunList(m, f, b, slots, d => d.IsTest, RuntimeFunctions.RunTests);
                break;
            case EntryMode.Bench:
                RunList(m, f, b, slots, d => d.Name?.Text.StartsWith("Benchmark", StringComparison.Ordinal) == true, RuntimeFunctions.RunBenchmarks);
                break;
        }
        b.Return(null);
        return f;
    }

    /// <summary>Loads the selected top-level functions' slots into a frame array and hands it to the runner.</summary>
    private static void RunList(ModuleContext m, IrFunction f, IrBuilder b, VReg slots, Func<FunctionDecl, bool> select, string runner)
    {
        var symbols = m.Source.Unit.Statements.OfType<FunctionStmt>()
            .Where(s => s.Symbol is { Kind: SymbolKind.Global } && select(s.Function))
            .Select(s => s.Symbol!)
            .Distinct()
            .ToList();
        var array = b.Const(0);
        if (symbols.Count > 0)
        {
            var slot = f.NewStackSlot(8 * symbols.Count, 8, "functions");
            array = b.SlotAddress(slot);
            for (var i = 0; i < symbols.Count; i++) b.Store(array, 8 * i, b.Load(slots, 8 * m.GlobalSlot(symbols[i])));
        }
        b.CallC(runner, [b.Const(symbols.Count), array], hasResult: false);
    }
}
