using Sox.Compiler.Syntax.Ast;

namespace Sox.Compiler.Semantics;

/// <summary>What resolving one file yields besides the annotated AST.</summary>
/// <param name="Globals">
/// The module's globals: declared names in first-declaration order, then names used but never declared
/// (<see cref="VariableSymbol.IsDefined"/> false), in order of first use. One global slot each.
/// </param>
/// <param name="Imports">Every import of the file, wherever it stands (nested ones too), in source order.</param>
public sealed record ResolverResult(IReadOnlyList<VariableSymbol> Globals, IReadOnlyList<ImportSpec> Imports);
