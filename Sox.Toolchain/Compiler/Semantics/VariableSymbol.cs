using Sox.Compiler.Text;

namespace Sox.Compiler.Semantics;

public enum SymbolKind
{
    /// <summary>A <c>var</c>, function, class, import alias or foreach variable in a function or block scope.</summary>
    Local,
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
    public VariableSymbol(string name, SymbolKind kind, FunctionInfo? declaringFunction, TextSpan declarationSpan)
    {
        Name = name;
        Kind = kind;
        DeclaringFunction = declaringFunction;
        DeclarationSpan = declarationSpan;
    }

    public string Name { get; }

    public SymbolKind Kind { get; }

    /// <summary>The function whose frame owns the variable; null for globals and builtins.</summary>
    public FunctionInfo? DeclaringFunction { get; }

    public TextSpan DeclarationSpan { get; }

    /// <summary>True when a nested function reads or writes it (it must live in a heap cell).</summary>
    public bool IsCaptured { get; set; }

    /// <summary>True for a global that the module declares (at top level) somewhere.</summary>
    public bool IsDefined { get; set; }

    public bool IsGlobal => Kind == SymbolKind.Global;

    public override string ToString() => $"{Kind} {Name}";
}
