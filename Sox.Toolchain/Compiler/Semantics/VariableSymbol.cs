using Sox.Compiler.Text;

namespace Sox.Compiler.Semantics;

/// <summary>
/// Where a <see cref="VariableSymbol"/> comes from, which decides its storage and how a use of it is compiled.
/// </summary>
public enum SymbolKind
{
    /// <summary>A <c>var</c>, function, class, import alias or foreach variable in a function or block scope.</summary>
    Local,
    /// <summary>A parameter of a function, lambda, method or <c>export fn</c>.</summary>
    Parameter,
    /// <summary>The receiver of a method or initializer (<c>this</c>).</summary>
    This,
    /// <summary>The hidden variable holding a class's superclass, read by <c>super.m</c>.</summary>
    Superclass,
    /// <summary>A top-level name of a module: late-bound, "Undefined variable" at run time until defined.</summary>
    Global,
    /// <summary>A built-in function of §8 not shadowed by a global of the module.</summary>
    Builtin,
}

/// <summary>
/// A variable as the resolver sees it: every declaration gets one symbol and every use points to it, so
/// later stages decide storage by identity (a register, a heap cell when <see cref="IsCaptured"/>, a global slot).
/// </summary>
public sealed class VariableSymbol
{
    /// <summary>Creates the symbol for a declaration (or, for globals and builtins, the first use of a name).</summary>
    /// <param name="name">See <see cref="Name"/>.</param>
    /// <param name="kind">See <see cref="Kind"/>.</param>
    /// <param name="declaringFunction">See <see cref="DeclaringFunction"/>.</param>
    /// <param name="declarationSpan">See <see cref="DeclarationSpan"/>.</param>
    public VariableSymbol(string name, SymbolKind kind, FunctionInfo? declaringFunction, TextSpan declarationSpan)
    {
        Name = name;
        Kind = kind;
        DeclaringFunction = declaringFunction;
        DeclarationSpan = declarationSpan;
    }

    /// <summary>
    /// The variable's name as written (<c>this</c> and <c>super</c> for the hidden receiver and superclass slots).
    /// </summary>
    public string Name { get; }

    /// <summary>What the variable is: local, parameter, receiver, superclass slot, global or builtin.</summary>
    public SymbolKind Kind { get; }

    /// <summary>The function whose frame owns the variable; null for globals and builtins.</summary>
    public FunctionInfo? DeclaringFunction { get; }

    /// <summary>
    /// The name in its declaration (the method name for <c>this</c>, the superclass name for the superclass slot);
    /// for a global or builtin created by a use, the first name that referred to it.
    /// </summary>
    public TextSpan DeclarationSpan { get; }

    /// <summary>True when a nested function reads or writes it (it must live in a heap cell).</summary>
    public bool IsCaptured { get; set; }

    /// <summary>True for a global that the module declares (at top level) somewhere.</summary>
    public bool IsDefined { get; set; }

    /// <summary>
    /// True for a module's top-level name (<see cref="SymbolKind.Global"/>), which lives in a global slot.
    /// </summary>
    public bool IsGlobal => Kind == SymbolKind.Global;

    /// <summary><c>Kind name</c> (<c>Local x</c>), for debugging and test output.</summary>
    public override string ToString() => $"{Kind} {Name}";
}
