namespace Sox.Compiler.ObjectFiles.Debugging;

/// <summary>
/// What debugging information says about a module's source (<c>sox build -g</c>): the file a debugger opens and the
/// directory the compiler ran in (DWARF 4 §3.1.1 <c>DW_AT_name</c>, <c>DW_AT_comp_dir</c>).
/// </summary>
/// <param name="FullPath">The module's <c>.sox</c> file, absolute.</param>
/// <param name="CompilationDirectory">The directory the compiler ran in.</param>
public sealed record DebugSource(string FullPath, string CompilationDirectory);
