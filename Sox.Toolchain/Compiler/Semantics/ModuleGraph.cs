namespace Sox.Compiler.Semantics;

/// <summary>
/// A program's modules (§6). <see cref="Modules"/> is in dependency order: every module comes after all the
/// modules it imports, so initialising them in this order runs each top level once, before its importers;
/// the entry module is last.
/// </summary>
public sealed class ModuleGraph(SourceModule entry, IReadOnlyList<SourceModule> modules)
{
    /// <summary>
    /// The module of the file the build started from (its top level is the program's script); also last in
    /// <see cref="Modules"/>.
    /// </summary>
    public SourceModule Entry { get; } = entry;

    /// <summary>Every module of the program once, imports before importers.</summary>
    public IReadOnlyList<SourceModule> Modules { get; } = modules;
}
