namespace Sox.Compiler.Semantics;

/// <summary>
/// A program's modules (§6). <see cref="Modules"/> is in dependency order: every module comes after all the
/// modules it imports, so initialising them in this order runs each top level once, before its importers;
/// the entry module is last.
/// </summary>
public sealed class ModuleGraph(SourceModule entry, IReadOnlyList<SourceModule> modules)
{
    public SourceModule Entry { get; } = entry;

    public IReadOnlyList<SourceModule> Modules { get; } = modules;
}
