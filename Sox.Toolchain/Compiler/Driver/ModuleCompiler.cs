using System.Diagnostics;
using Sox.Compiler.CodeGen;
using Sox.Compiler.Diagnostics;
using Sox.Compiler.Ir;
using Sox.Compiler.Lowering;
using Sox.Compiler.ObjectFiles;
using Sox.Compiler.ObjectFiles.Debugging;
using Sox.Compiler.Passes;
using Sox.Compiler.Semantics;

namespace Sox.Compiler.Driver;

/// <summary>
/// The per-module half of the pipeline, written once: IR lowering → passes → backend → object model
/// (<see cref="CompileModule"/>). <c>sox build</c> (<see cref="NativeCompiler"/>) runs it for every module of a
/// program; the MSBuild <c>SoxCompile</c> task runs it (<see cref="Compile(SourceModule, bool, TargetPlatform, OptimizationLevel, EntryMode, DiagnosticBag, bool)"/>) only for the modules whose object is stale.
/// <para>
/// A module's object depends on its own source, on whether it is the program's entry (which adds
/// <c>sox_program_entry</c>), on the target and optimisation level, and on the <see cref="SourceModule.MangledName"/>
/// of each module it imports — an import is only a call to <c>sox_mod_&lt;name&gt;_init</c>, so an imported
/// module's body does not change its importers' objects. <see cref="ObjectKey(SourceModule, bool, TargetPlatform, OptimizationLevel, EntryMode, bool)"/> captures everything but the source.
/// </para>
/// </summary>
public static class ModuleCompiler
{
    /// <summary>
    /// A line that changes exactly when the object of <paramref name="module"/> would change for reasons other than
    /// its own source text: build tools store it beside the object and recompile when it differs.
    /// </summary>
    public static string ObjectKey(SourceModule module, bool isEntry, TargetPlatform target, OptimizationLevel optimization, EntryMode mode) =>
        ObjectKey(module, isEntry, target, optimization, mode, debug: false);

    /// <summary>
    /// <see cref="ObjectKey(SourceModule, bool, TargetPlatform, OptimizationLevel, EntryMode)"/> for an object with
    /// (<paramref name="debug"/>) or without debugging information (<c>-g</c>).
    /// </summary>
    public static string ObjectKey(SourceModule module, bool isEntry, TargetPlatform target, OptimizationLevel optimization, EntryMode mode, bool debug) =>
        string.Join(';',
            "sox " + typeof(ModuleCompiler).Assembly.ManifestModule.ModuleVersionId.ToString("N"),
            target.RuntimeIdentifier,
            optimization,
            isEntry ? "entry:" + mode : "module",
            "name:" + module.MangledName,
            "imports:" + string.Join(',', module.Imports.Select(i => i.MangledName)))
        + (debug ? ";debug" : "");

    /// <summary>
    /// Runs the stages of one module up to <see cref="ModuleCompileOptions.Until"/>. Null when lowering reported an
    /// error into <paramref name="diagnostics"/> (the later stages report none). Runs on the caller's thread, which
    /// must have a large stack (<see cref="LargeStack"/>): lowering recurses over the tree. Throws only for a compiler
    /// bug; callers turn that into SOX5099.
    /// </summary>
    public static CompiledModule? CompileModule(SourceModule module, bool isEntry, ModuleCompileOptions options, DiagnosticBag diagnostics)
    {
        var target = options.Target;
        var local = new DiagnosticBag();
        var ir = Stage(options, "IR lowering", () => ModuleLowerer.Lower(module, new LoweringOptions(IsEntry: isEntry, Mode: options.Mode,
            VariadicArgumentsOnStack: target.Description.Convention == CallingConventionKind.AppleArm64,
            VariadicArgumentsInBothFiles: target.Description.Convention == CallingConventionKind.MicrosoftX64), local));
        diagnostics.AddRange(local.Items);
        if (local.HasErrors) return null;

        Stage(options, "passes", () =>
        {
            PassPipeline.Run(ir, options.Optimization, new PassRunOptions(DumpAfter: options.DumpAfter, Dump: options.Dump, Clock: options.Clock));
            return 0;
        });
        if (options.Until == ModuleStage.Ir) return new CompiledModule(module, ir, null);

        var code = Stage(options, "backend", () =>
            target.CreateBackend().CompileFunctions(ir.Functions, new CodeGenOptions
            {
                DumpMachineCode = options.DumpMachineCode,
                KeepVariablesLive = options.Optimization == OptimizationLevel.O0,
                LayOutBlocks = options.Optimization != OptimizationLevel.O0,
                DescribeVariables = options.Debug,
                Clock = options.Clock,
            }));
        if (options.Until == ModuleStage.Code) return new CompiledModule(module, ir, null);

        var obj = Stage(options, "object writing", () =>
        {
            var mark = options.Clock is null ? default : StageClock.Now();
            var model = ObjectBuilder.Build(ir, code, target.Description, module.DisplayPath,
                options.Debug ? DebugSource.ForFile(module.FullPath, Environment.CurrentDirectory) : null);
            options.Clock?.Add(options.Debug ? "  object model, debug info" : "  object model", mark);
            return model;
        });
        return new CompiledModule(module, ir, obj);
    }

    /// <summary>
    /// Compiles <paramref name="module"/> on a large-stack thread and returns the object file's bytes, or null when a
    /// diagnostic (added to <paramref name="diagnostics"/>, which may be shared by parallel callers) is an error.
    /// Never throws: an internal failure is SOX5099.
    /// </summary>
    public static byte[]? Compile(SourceModule module, bool isEntry, TargetPlatform target, OptimizationLevel optimization,
        EntryMode mode, DiagnosticBag diagnostics) =>
        Compile(module, isEntry, target, optimization, mode, diagnostics, debug: false);

    /// <summary>
    /// <see cref="Compile(SourceModule, bool, TargetPlatform, OptimizationLevel, EntryMode, DiagnosticBag)"/>, with
    /// debugging information in the object when <paramref name="debug"/> is true (<c>-g</c>; see
    /// <see cref="ModuleCompileOptions.Debug"/>).
    /// </summary>
    public static byte[]? Compile(SourceModule module, bool isEntry, TargetPlatform target, OptimizationLevel optimization,
        EntryMode mode, DiagnosticBag diagnostics, bool debug)
    {
        var local = new DiagnosticBag();
        byte[]? bytes;
        try
        {
            bytes = LargeStack.Run("sox-module-compiler", () =>
                CompileModule(module, isEntry, new ModuleCompileOptions(target, optimization, mode) { Debug = debug }, local) is { Object: { } obj }
                    ? target.ObjectWriter.Write(obj)
                    : null);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            local.Report(DiagnosticCodes.InternalError, $"{module.DisplayPath}: {e.GetType().Name}: {e.Message}");
            bytes = null;
        }
        lock (diagnostics) diagnostics.AddRange(local.Items);
        return local.HasErrors ? null : bytes;
    }

    private static T Stage<T>(ModuleCompileOptions options, string name, Func<T> work)
    {
        if (options.Timing is null) return work();
        var allocated = GC.GetTotalAllocatedBytes();
        var watch = Stopwatch.StartNew();
        var result = work();
        options.Timing(name, watch.Elapsed);
        options.Allocation?.Invoke(name, GC.GetTotalAllocatedBytes() - allocated);
        options.Clock?.Take((step, time, bytes) =>
        {
            options.Timing(step, time);
            options.Allocation?.Invoke(step, bytes);
        });
        return result;
    }
}
