using Sox.Compiler.Syntax.Ast;

namespace Sox.Compiler.Semantics;

/// <summary>
/// What the resolver and the module loader learned about one file's syntax tree, looked up by node: the variable
/// each name use or declaration binds, each function's <see cref="FunctionInfo"/>, the file each import loads.
/// <para>
/// The tree itself stays as the parser built it, so the syntax stage knows nothing of the semantic one
/// (architecture.md: dependencies point one way); lowering asks this table instead, and so can anything else that
/// needs "what does this node mean" (a language server's go-to-definition). Nodes are keys by identity. Written
/// only while the module is loaded, then read-only, so concurrent readers (modules compiled in parallel) are safe.
/// </para>
/// </summary>
public sealed class SemanticModel
{
    private readonly Dictionary<Node, VariableSymbol> _symbols = new(ReferenceEqualityComparer.Instance);
    private readonly Dictionary<ForeachStmt, VariableSymbol> _foreachKeys = new(ReferenceEqualityComparer.Instance);
    private readonly Dictionary<Node, VariableSymbol> _superclasses = new(ReferenceEqualityComparer.Instance);
    private readonly Dictionary<SuperExpr, VariableSymbol> _receivers = new(ReferenceEqualityComparer.Instance);
    private readonly Dictionary<FunctionDecl, FunctionInfo> _functions = new(ReferenceEqualityComparer.Instance);
    private readonly Dictionary<ImportSpec, string> _importPaths = new(ReferenceEqualityComparer.Instance);

    internal SemanticModel(CompilationUnit unit, FunctionInfo script)
    {
        Unit = unit;
        Script = script;
    }

    /// <summary>The file this model describes.</summary>
    public CompilationUnit Unit { get; }

    /// <summary>The file's top-level code as a function of kind <see cref="FunctionKind.Script"/>.</summary>
    public FunctionInfo Script { get; }

    /// <summary>
    /// The module's globals: declared names in first-declaration order, then names used but never declared
    /// (<see cref="VariableSymbol.IsDefined"/> false), in order of first use. One global slot each.
    /// </summary>
    public IReadOnlyList<VariableSymbol> Globals { get; internal set; } = [];

    /// <summary>
    /// The variable <paramref name="node"/> declares or names: a <see cref="VariableExpr"/>, <see cref="AssignExpr"/>
    /// or <see cref="ThisExpr"/> the one it reads or writes; a <see cref="VarStmt"/>, <see cref="FunctionStmt"/>,
    /// <see cref="ClassStmt"/>, <see cref="ImportSpec"/>, <see cref="ExternFnStmt"/> or <see cref="ExportFnStmt"/> the
    /// one it declares; a <see cref="ForeachStmt"/> its value variable. Null for other nodes and for names the
    /// resolver skipped (after an error, or inside a subtree too deep to resolve).
    /// </summary>
    public VariableSymbol? Symbol(Node node) => _symbols.GetValueOrDefault(node);

    /// <summary>The key (index) variable of <c>foreach var k, v</c>; null for the one-variable form.</summary>
    public VariableSymbol? ForeachKey(ForeachStmt statement) => _foreachKeys.GetValueOrDefault(statement);

    /// <summary>The value variable of a <c>foreach</c>.</summary>
    public VariableSymbol? ForeachValue(ForeachStmt statement) => Symbol(statement);

    /// <summary>
    /// The hidden <see cref="SymbolKind.Superclass"/> local a subclass declares (for a <see cref="ClassStmt"/>) or
    /// that <c>super.m</c> reads (for a <see cref="SuperExpr"/>); null for a class without a superclass.
    /// </summary>
    public VariableSymbol? Superclass(Node node) => _superclasses.GetValueOrDefault(node);

    /// <summary>The receiver (<c>this</c>) of the method a <c>super.m</c> stands in.</summary>
    public VariableSymbol? Receiver(SuperExpr expression) => _receivers.GetValueOrDefault(expression);

    /// <summary>The scopes, parameters and captures of a function, lambda, method or defer body.</summary>
    public FunctionInfo? Function(FunctionDecl declaration) => _functions.GetValueOrDefault(declaration);

    /// <summary>The full path of the file an import loads; null when it could not be loaded.</summary>
    public string? ImportPath(ImportSpec spec) => _importPaths.GetValueOrDefault(spec);

    internal void Bind(Node node, VariableSymbol? symbol) => Set(_symbols, node, symbol);

    internal void BindForeachKey(ForeachStmt statement, VariableSymbol? symbol) => Set(_foreachKeys, statement, symbol);

    internal void BindSuperclass(Node node, VariableSymbol? symbol) => Set(_superclasses, node, symbol);

    internal void BindReceiver(SuperExpr expression, VariableSymbol? symbol) => Set(_receivers, expression, symbol);

    internal void BindFunction(FunctionDecl declaration, FunctionInfo info) => _functions[declaration] = info;

    internal void BindImportPath(ImportSpec spec, string fullPath) => _importPaths[spec] = fullPath;

    /// <summary>A lookup that found nothing binds nothing (the name stays unresolved, as a null property did).</summary>
    private static void Set<TNode>(Dictionary<TNode, VariableSymbol> table, TNode node, VariableSymbol? symbol) where TNode : Node
    {
        if (symbol is null) table.Remove(node);
        else table[node] = symbol;
    }
}
