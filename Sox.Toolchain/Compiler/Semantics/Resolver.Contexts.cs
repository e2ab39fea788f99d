namespace Sox.Compiler.Semantics;

public sealed partial class Resolver
{
    /// <summary>
    /// The function being resolved: its scopes (innermost last) and the loops/switches enclosing the current
    /// statement. Loop context never crosses a function boundary: a lambda in a loop can't <c>break</c> it.
    /// </summary>
    private sealed class FunctionContext(FunctionInfo info, FunctionContext? enclosing)
    {
        public FunctionInfo Info { get; } = info;

        public FunctionContext? Enclosing { get; } = enclosing;

        public List<Scope> Scopes { get; } = new();

        public int Loops { get; set; }

        public int Switches { get; set; }
    }

    /// <summary>The class whose methods are being resolved (lexically), for <c>this</c>/<c>super</c> checks.</summary>
    private sealed class ClassContext(bool hasSuperclass, ClassContext? enclosing)
    {
        public bool HasSuperclass { get; } = hasSuperclass;

        public ClassContext? Enclosing { get; } = enclosing;
    }
}
