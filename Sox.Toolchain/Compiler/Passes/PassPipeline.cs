using Sox.Compiler.Ir;
using Sox.Compiler.Passes.Types;

namespace Sox.Compiler.Passes;

/// <summary>The optimisation level of a build (<c>-O0</c>, <c>-O2</c>), which selects the pass list.</summary>
public enum OptimizationLevel
{
    /// <summary>Only legalisation: every Sox operation is a runtime call. Fastest compile, for debugging.</summary>
    O0,

    /// <summary>Folding, dead-code elimination and number fast paths (the default of <c>sox build</c>).</summary>
    O2,
}

/// <summary>
/// The pass lists, flat and in order, so that the whole pipeline fits on one screen.
/// <list type="bullet">
/// <item>-O0: legalize — only what the backends require.</item>
/// <item>-O2: inline → inline.methods → fold → globals → promote → types → dce → deadalloc → licm → fastpath → legalize → fold → version → gvn → licm → jumps → unbox → dce. Inlining first replaces direct
///   calls of bodies that cannot fail by their constants and copies (<see cref="Inlining"/>), so the loops that
///   called them hold no call, and small methods run in place behind their invoke cache with the call as the
///   fallback (<see cref="MethodInlining"/>); folding turns constant conditions into jumps so
///   dce can drop dead arms before fast paths multiply code; globals drops undefined checks of globals already
///   known defined (<see cref="DefinedGlobals"/>); promote keeps globals in registers where no call can change them
///   and hoists their loads out of loops (<see cref="GlobalPromotion"/>); types folds branches and equalities the type
///   analysis decides (<see cref="TypeFacts"/>), and fastpath uses the same analysis to skip tag tests of proven
///   numbers; deadalloc removes instances that dce left unused (<see cref="DeadAllocations"/>); licm moves pure instructions that cannot fail out of loops (<see cref="LoopInvariantCodeMotion"/>), before fastpath so equalities move whole and after legalize for the tag masks; the second fold/dce
///   cleans what legalisation exposed; version makes a fast copy of a loop whose invariant guards (tag, instance and
///   inline-cache tests) run once before it and whose slow paths exit into the original loop
///   (<see cref="LoopVersioning"/>), after the fast paths and tag masks exist and before gvn/licm clean the copy; gvn replaces computations and loads a dominating instruction already did
///   (the repeated unboxing masks, shape and cache loads of inlined methods) by copies (<see cref="ValueNumbering"/>)
///   (constant truthiness tests, unused constants); jumps threads branches through blocks left holding only a
///   jump and merges straight-line blocks (<see cref="JumpThreading"/>) before that last dce drops the conditions
///   of branches it turned into jumps; unbox keeps numbers in float registers between float operations
///   and boxes them only where they escape (<see cref="FloatRegisters"/>).</item>
/// </list>
/// After every pass the verifier runs when <see cref="PassRunOptions.Verify"/> is set (tests and debug builds), and
/// after legalize the module must hold no high-level Sox instruction
/// (<see cref="Legalize.FindHighLevel(IrModule)"/>). Every pass transforms each function on its own, so without
/// verification or dumps each function runs the whole list by itself and functions run in parallel
/// (<see cref="FunctionParallelism"/>); the result is the same.
/// </summary>
public static class PassPipeline
{
    /// <summary>The passes of <paramref name="level"/>, new instances in the order they run.</summary>
    public static IReadOnlyList<IIrPass> For(OptimizationLevel level) => level switch
    {
        OptimizationLevel.O0 => [new Legalize()],
        _ => [new Inlining(), new MethodInlining(), new ConstantFolding(), new DefinedGlobals(), new GlobalPromotion(), new TypeFacts(), new DeadCodeElimination(), new DeadAllocations(), new LoopInvariantCodeMotion(), new NumberFastPaths(), new Legalize(), new ConstantFolding(), new LoopVersioning(), new ValueNumbering(), new LoopInvariantCodeMotion(), new JumpThreading(), new FloatRegisters(), new DeadCodeElimination()],
    };

    /// <summary>Every pass name any level uses (valid values of <c>--dump-after</c>).</summary>
    public static IReadOnlyList<string> PassNames { get; } =
        For(OptimizationLevel.O2).Concat(For(OptimizationLevel.O0)).Select(p => p.Name).Distinct().ToArray();

    /// <summary>
    /// Runs the passes of <paramref name="level"/> over <paramref name="module"/> in place. Throws
    /// <see cref="InvalidOperationException"/> when verification fails or legalisation leaves a high-level instruction
    /// (a compiler bug, not a user error).
    /// </summary>
    public static void Run(IrModule module, OptimizationLevel level, PassRunOptions? options = null)
    {
        options ??= new PassRunOptions();
#if DEBUG
        var verify = true;
#else
        var verify = options.Verify;
#endif
        var passes = For(level);
        var prepared = options.Clock is null ? default : StageClock.Now();
        foreach (var pass in passes)
        {
            if (pass is IModuleAnalysis analysis) analysis.Prepare(module);
        }
        options.Clock?.Add("  module analyses", prepared);
        if (!verify && options.DumpAfter is null && passes.All(p => p is FunctionPass))
        {
            // Nothing to look at between passes: each function runs the whole list on its own, functions in parallel.
            var clock = options.Clock;
            var stepNames = passes.Select(p => "  " + p.Name).ToArray();
            FunctionParallelism.For(module.Functions, i =>
            {
                var function = module.Functions[i];
                var mark = clock is null ? default : StageClock.Now();
                for (var k = 0; k < passes.Count; k++)
                {
                    var pass = passes[k];
                    ((FunctionPass)pass).Run(function);
                    if (clock is not null) mark = clock.Add(stepNames[k], mark);
                    if (pass is Legalize && Legalize.FindHighLevel(function) is { } left)
                    {
                        throw new InvalidOperationException($"legalize left a high-level instruction: {left}");
                    }
                }
            });
            return;
        }

        if (verify) IrVerifier.VerifyOrThrow(module, "lowering");
        foreach (var pass in passes)
        {
            var mark = options.Clock is null ? default : StageClock.Now();
            pass.Run(module);
            options.Clock?.Add("  " + pass.Name, mark);
            if (verify) IrVerifier.VerifyOrThrow(module, pass.Name);
            if (pass is Legalize && Legalize.FindHighLevel(module) is { } left)
            {
                throw new InvalidOperationException($"legalize left a high-level instruction: {left}");
            }
            if (options.DumpAfter is { } name && name == pass.Name) options.Dump?.Invoke(pass.Name, IrPrinter.Print(module));
        }
    }
}

/// <summary>How to run the pipeline.</summary>
/// <param name="Verify">Run the verifier after every pass (always on in debug builds).</param>
/// <param name="DumpAfter">The pass after which to print the module (<c>--dump-after=&lt;pass&gt;</c>).</param>
/// <param name="Dump">Receives (pass name, printed module) for <paramref name="DumpAfter"/>.</param>
/// <param name="Clock">Receives each pass's time and allocation, summed over functions (<c>--timings</c>).</param>
public sealed record PassRunOptions(bool Verify = false, string? DumpAfter = null, Action<string, string>? Dump = null, StageClock? Clock = null);
