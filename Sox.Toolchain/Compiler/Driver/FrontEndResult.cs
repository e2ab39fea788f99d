using Sox.Compiler.Diagnostics;
using Sox.Compiler.Semantics;

namespace Sox.Compiler.Driver;

/// <summary>
/// The outcome of <see cref="FrontEnd"/>: the resolved program (null only when the entry file could not be
/// read or the compiler failed internally) and every diagnostic, grouped by module in dependency order and
/// sorted by position within a module. Warnings (e.g. SOX3014) do not fail the check.
/// </summary>
public sealed record FrontEndResult(ModuleGraph? Graph, IReadOnlyList<Diagnostic> Diagnostics)
{
    /// <summary>True when there is a graph and no diagnostic is an error: later stages may run.</summary>
    public bool Success => Graph is not null && !Diagnostics.Any(d => d.IsError);
}
