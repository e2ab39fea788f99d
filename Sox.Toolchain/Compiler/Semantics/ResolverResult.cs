using Sox.Compiler.Syntax.Ast;

namespace Sox.Compiler.Semantics;

/// <summary>What resolving one file yields: the semantic model of its (unchanged) tree, and its imports to load.</summary>
/// <param name="Model">Symbols and function infos by node; the module loader adds the imports' paths.</param>
/// <param name="Imports">Every import of the file, wherever it stands (nested ones too), in source order.</param>
public sealed record ResolverResult(SemanticModel Model, IReadOnlyList<ImportSpec> Imports)
{
    /// <summary>The module's global slots (see <see cref="SemanticModel.Globals"/>).</summary>
    public IReadOnlyList<VariableSymbol> Globals => Model.Globals;
}
