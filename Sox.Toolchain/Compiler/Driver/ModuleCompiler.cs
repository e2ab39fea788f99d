using Sox.Compiler.CodeGen;
using Sox.Compiler.Diagnostics;
using Sox.Compiler.Lowering;
using Sox.Compiler.ObjectFiles;
using Sox.Compiler.Passes;
using Sox.Compiler.Semantics;

namespace Sox.Compiler.Driver;

/// <summary>
/// Compiles one module of a loaded program to one relocatable object (IR lowering → passes → backend → object
/// writer), for builds that recompile only what changed (the MSBuild <c>SoxCompile</c> task).
/// <para>
/// A module's object depends on its own source, on whether it is the program's entry (which adds
/// <c>sox_program_entry</c>), on the target and optimisation level, and on the <see cref="SourceModule.MangledName"/>
/// of each module it imports — an import is only a call to <c>sox_mod_&lt;name&gt;_init</c>, so an imported
/// module's body does not change its importers' objects. <see cref="ObjectKey"/> captures everything but the source.
/// </para>
/// </summary>
public static class ModuleCompiler
{
    /// <summary>Lowering and code generation recurse over the tree; the same big stack as <see cref="FrontEnd"/>.</summary>
    private const int StackSize = 256 * 1024 * 1024;

    /// <summary>
    /// A line that changes exactly when the object of <paramref name="module"/> would change for reasons other than
    /// its own source text: build tools store it beside the object and recompile when it differs.
    /// </summary>
    public static string ObjectKey(SourceModule module, bool isEntry, TargetPlatform target, OptimizationLevel optimization, EntryMode mode) =>
        string.Join(';',
            "sox " + typeof(ModuleCompiler).Assembly.ManifestModule.ModuleVersionId.ToString("N"),
            target.RuntimeIdentifier,
            optimization,
            isEntry ? "entry:" + mode : "module",
            "name:" + module.MangledName,
            "imports:" + string.Join(',', module.Imports.Select(i => i.MangledName)));

    /// <summary>
    /// Compiles <paramref name="module"/> and returns the object file's bytes, or null when a diagnostic (added to
    /// <paramref name="diagnostics"/>) is an error. Never throws: an internal failure is SOX5099.
    /// </summary>
    public static byte[]? Compile(SourceModule module, bool isEntry, TargetPlatform target, OptimizationLevel optimization,
        EntryMode mode, DiagnosticBag diagnostics)
    {
        byte[]? result = null;
        var thread = new Thread(() =>
        {
            try
            {
                var local = new DiagnosticBag();
                var ir = ModuleLowerer.Lower(module, new LoweringOptions(IsEntry: isEntry, Mode: mode, VariadicArgumentsOnStack: target.Description.Convention == CodeGen.CallingConventionKind.AppleArm64), local);
                if (!local.HasErrors)
                {
                    PassPipeline.Run(ir, optimization);
                    var code = target.CreateBackend().CompileFunctions(ir.Functions, new CodeGenOptions());
                    var obj = ObjectBuilder.Build(ir, code, target.Description, module.DisplayPath);
                    result = target.ObjectWriter.Write(obj);
                }
                lock (diagnostics) diagnostics.AddRange(local.Items);
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                lock (diagnostics) diagnostics.Report(DiagnosticCodes.InternalError, $"{module.DisplayPath}: {e.GetType().Name}: {e.Message}");
                result = null;
            }
        }, StackSize)
        {
            Name = "sox-module-compiler",
            IsBackground = true,
        };
        thread.Start();
        thread.Join();
        return result;
    }
}
