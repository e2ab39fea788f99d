namespace Sox.Compiler.Driver;

/// <summary>How far <see cref="ModuleCompiler.CompileModule"/> takes a module.</summary>
public enum ModuleStage
{
    /// <summary>Lowering and the pass pipeline: the IR that <c>--emit ir</c> prints.</summary>
    Ir,
    /// <summary>Also the backend: machine code (what <c>--emit asm</c> lists through <see cref="ModuleCompileOptions.DumpMachineCode"/>).</summary>
    Code,
    /// <summary>Also the object model, ready for the target's object writer.</summary>
    Object,
}
