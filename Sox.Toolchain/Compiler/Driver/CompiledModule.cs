using Sox.Compiler.Ir;
using Sox.Compiler.ObjectFiles;
using Sox.Compiler.Semantics;

namespace Sox.Compiler.Driver;

/// <summary>One module after <see cref="ModuleCompiler.CompileModule"/>.</summary>
/// <param name="Source">The module compiled.</param>
/// <param name="Ir">Its IR after the pass pipeline (also the <c>extern "lib"</c> libraries it names).</param>
/// <param name="Object">Its object model; null when the compile stopped before <see cref="ModuleStage.Object"/>.</param>
public sealed record CompiledModule(SourceModule Source, IrModule Ir, ObjectFile? Object);
