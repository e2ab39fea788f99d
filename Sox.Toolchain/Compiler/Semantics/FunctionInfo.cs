using Sox.Compiler.Syntax.Ast;

namespace Sox.Compiler.Semantics;

/// <summary>
/// What the resolver learned about one function (or a file's top level): its parameters, every local it
/// declares, and the variables of enclosing functions it captures. Captures follow clox's upvalue model:
/// when a closure of this function is created inside <see cref="Parent"/>, each entry of
/// <see cref="Captures"/> is either a local of the parent (its cell) or one of the parent's own captures.
/// </summary>
public sealed class FunctionInfo
{
    /// <summary>Creates the info for a function the resolver enters; symbols are added as it walks the body.</summary>
    /// <param name="declaration">The function's declaration; null for a file's top level.</param>
    /// <param name="kind">The kind of function (<see cref="FunctionKind.Script"/> for a top level).</param>
    /// <param name="parent">The enclosing function; null for a file's top level.</param>
    /// <param name="displayName">The name stack traces print (see <see cref="DisplayName"/>).</param>
    public FunctionInfo(FunctionDecl? declaration, FunctionKind kind, FunctionInfo? parent, string displayName)
    {
        Declaration = declaration;
        Kind = kind;
        Parent = parent;
        DisplayName = displayName;
    }

    /// <summary>Null for the top level of a file.</summary>
    public FunctionDecl? Declaration { get; }

    /// <summary>
    /// Which construct the function is (named, lambda, method, <c>init</c>, defer, export, or a top level).
    /// </summary>
    public FunctionKind Kind { get; }

    /// <summary>
    /// The lexically enclosing function, whose frame a closure of this one captures from; null for a top level.
    /// </summary>
    public FunctionInfo? Parent { get; }

    /// <summary>The name as traces print it: <c>fib</c>, <c>Point.init</c> shows as <c>init</c> (clox), lambdas <c>fn</c>, top level <c>script</c>.</summary>
    public string DisplayName { get; }

    /// <summary>The class a method or <c>init</c> belongs to (null for other functions): debuggers show
    /// <c>Point.init</c> where traces print <c>init</c>.</summary>
    public string? ClassName { get; set; }

    /// <summary>The receiver symbol for methods and initializers.</summary>
    public VariableSymbol? This { get; set; }

    /// <summary>The parameter symbols in declaration order (<see cref="This"/> is not among them).</summary>
    public List<VariableSymbol> Parameters { get; } = new();

    /// <summary>Every local declared in this function's body (all block scopes), in declaration order.</summary>
    public List<VariableSymbol> Locals { get; } = new();

    /// <summary>Variables of enclosing functions this function (or a function nested in it) uses.</summary>
    public List<VariableSymbol> Captures { get; } = new();

    /// <summary>Functions declared directly inside this one (declarations, lambdas, methods of local classes, defers).</summary>
    public List<FunctionInfo> Children { get; } = new();

    /// <summary>Index of a captured variable in <see cref="Captures"/>, adding it when new.</summary>
    public int CaptureIndex(VariableSymbol symbol)
    {
        var i = Captures.IndexOf(symbol);
        if (i >= 0) return i;
        Captures.Add(symbol);
        return Captures.Count - 1;
    }

    /// <summary>The <see cref="DisplayName"/>, for debugging and test output.</summary>
    public override string ToString() => DisplayName;
}
