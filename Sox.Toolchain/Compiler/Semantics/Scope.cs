namespace Sox.Compiler.Semantics;

/// <summary>
/// One lexical block of a function: the names it declares. Function bodies, blocks, the <c>for</c> header,
/// each <c>foreach</c> iteration and a class's hidden <c>super</c> slot each open one.
/// </summary>
internal sealed class Scope
{
    private readonly Dictionary<string, VariableSymbol> _symbols = new(StringComparer.Ordinal);

    public bool TryGet(string name, out VariableSymbol symbol) => _symbols.TryGetValue(name, out symbol!);

    public bool Contains(string name) => _symbols.ContainsKey(name);

    /// <summary>Binds (or rebinds, after a reported redeclaration) a name.</summary>
    public void Set(string name, VariableSymbol symbol) => _symbols[name] = symbol;
}
