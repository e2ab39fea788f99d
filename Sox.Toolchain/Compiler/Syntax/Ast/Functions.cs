using Sox.Compiler.Text;

namespace Sox.Compiler.Syntax.Ast;

public enum FunctionKind
{
    /// <summary>The top level of a file.</summary>
    Script,
    Function,
    /// <summary>An anonymous <c>fn (…) { }</c>.</summary>
    Lambda,
    Method,
    /// <summary>The <c>init</c> method: always returns <c>this</c>.</summary>
    Initializer,
    /// <summary>The body of a <c>defer</c>.</summary>
    Defer,
    /// <summary>The body of an <c>export fn</c>.</summary>
    Export,
}

/// <summary>A function's parameters and body, shared by declarations, lambdas, methods and defers.</summary>
public sealed class FunctionDecl(
    Name? name,
    FunctionKind kind,
    IReadOnlyList<Name> parameters,
    IReadOnlyList<Stmt> body,
    IReadOnlyList<Name> attributes,
    TextSpan span) : Node(span)
{
    /// <summary>Null for lambdas and defer bodies.</summary>
    public Name? Name { get; } = name;

    public FunctionKind Kind { get; } = kind;

    public IReadOnlyList<Name> Parameters { get; } = parameters;

    public IReadOnlyList<Stmt> Body { get; } = body;

    /// <summary><c>#[name]</c> attributes written before the declaration (e.g. <c>test</c>).</summary>
    public IReadOnlyList<Name> Attributes { get; } = attributes;

    public bool IsTest => Attributes.Any(a => a.Text == "test");
}

/// <summary>The C types of §9.</summary>
public enum CType { Int, Int32, UInt8, Double, Float, Bool, CString, Pointer, Void }

/// <summary>A C type as written; <see cref="Type"/> is null when the name is not a C type (the resolver reports it).</summary>
public sealed record CTypeRef(string Text, CType? Type, TextSpan Span);

/// <summary>A parameter of an <c>extern</c>/<c>export</c> function.</summary>
public sealed record CParameter(Name Name, CTypeRef Type);
