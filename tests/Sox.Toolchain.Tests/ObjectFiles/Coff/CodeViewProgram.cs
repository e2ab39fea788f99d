using Sox.Compiler.Diagnostics;
using Sox.Compiler.Driver;
using Sox.Compiler.Lowering;
using Sox.Compiler.Passes;
using Sox.Toolchain.Tests.Cli;
using Sox.Toolchain.Tests.Debugging;

namespace Sox.Toolchain.Tests.ObjectFiles.Coff;

/// <summary>
/// <see cref="DebugProgram"/> compiled for win-x64 with <c>-g</c>, one COFF object per module as <c>sox build</c> links
/// them (not merged), by the compiler's own per-module entry point (<see cref="ModuleCompiler.Compile(Sox.Compiler.Semantics.SourceModule, bool, TargetPlatform, OptimizationLevel, EntryMode, DiagnosticBag, bool)"/>).
/// </summary>
internal static class CodeViewProgram
{
    public static readonly TargetPlatform Win = TargetPlatform.Find("win-x64")!;

    /// <summary>Writes the sources into <paramref name="project"/> and returns the objects' paths: <c>main.obj</c>,
    /// <c>mathlib.obj</c> (the imported module first, the link order).</summary>
    public static IReadOnlyList<string> CompileObjects(TempProject project, OptimizationLevel level, bool debug = true)
    {
        var main = project.Write("main.sox", DebugProgram.Main + "\n");
        project.Write("mathlib.sox", DebugProgram.MathLib + "\n");
        var graph = FrontEnd.Check(main).Graph ?? throw new InvalidOperationException("the debug program does not compile");
        var objects = new List<string>();
        foreach (var module in graph.Modules)
        {
            var diagnostics = new DiagnosticBag();
            var bytes = ModuleCompiler.Compile(module, module == graph.Entry, Win, level, EntryMode.Run, diagnostics, debug);
            Assert.IsNotNull(bytes, string.Join("\n", diagnostics.Items));
            var path = Path.Combine(project.Root, Path.GetFileNameWithoutExtension(module.FullPath) + ".obj");
            File.WriteAllBytes(path, bytes);
            objects.Add(path);
        }
        return objects;
    }
}
