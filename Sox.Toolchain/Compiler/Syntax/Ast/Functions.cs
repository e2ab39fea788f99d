using Sox.Compiler.Text;

namespace Sox.Compiler.Syntax.Ast;

/// <summary>
/// What a <see cref="FunctionDecl"/> is in the program; decides its calling shape and how it returns (§5).
/// </summary>
public enum FunctionKind
{
    /// <summary>The top level of a file.</summary>
    Script,
    /// <summary>A named <c>fn name(params) { body }</c> declaration (§5.1).</summary>
    Function,
    /// <summary>An anonymous <c>fn (…) { }</c>.</summary>
    Lambda,
    /// <summary>A method of a class other than <c>init</c> (§5.3): it has a receiver, <c>this</c>.</summary>
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

    /// <summary>
    /// Which construct the function came from (named function, lambda, method, <c>init</c>, defer, export).
    /// </summary>
    public FunctionKind Kind { get; } = kind;

    /// <summary>The parameter names in order (empty for defer bodies); their count is the function's arity.</summary>
    public IReadOnlyList<Name> Parameters { get; } = parameters;

    /// <summary>The statements between the braces of the body.</summary>
    public IReadOnlyList<Stmt> Body { get; } = body;

    /// <summary><c>#[name]</c> attributes written before the declaration (e.g. <c>test</c>).</summary>
    public IReadOnlyList<Name> Attributes { get; } = attributes;

    /// <summary>True for a <c>#[test]</c> function, which <c>sox test</c> runs (§7.1).</summary>
    public bool IsTest => Attributes.Any(a => a.Text == "test");
}

/// <summary>The C types of §9.</summary>
public enum CType
{
    /// <summary><c>int</c>: C <c>int64_t</c>.</summary>
    Int,
    /// <summary><c>int32</c>: C <c>int32_t</c>.</summary>
    Int32,
    /// <summary><c>uint8</c>: C <c>uint8_t</c>.</summary>
    UInt8,
    /// <summary><c>double</c>: C <c>double</c>.</summary>
    Double,
    /// <summary><c>float</c>: C <c>float</c> (arguments are rounded to it).</summary>
    Float,
    /// <summary><c>bool</c>: C <c>bool</c>; only <c>true</c> and <c>false</c> convert.</summary>
    Bool,
    /// <summary>
    /// <c>cstring</c>: a NUL-terminated UTF-8 <c>const char*</c>; <c>nil</c> is <c>NULL</c> both ways.
    /// </summary>
    CString,
    /// <summary><c>pointer</c>: an opaque <c>void*</c> (§9.4); <c>nil</c> is <c>NULL</c> both ways.</summary>
    Pointer,
    /// <summary>
    /// <c>void</c>: return type only (the call yields <c>nil</c>); a <c>void</c> parameter is SOX3012.
    /// </summary>
    Void,
}

/// <summary>A C type as written; <see cref="Type"/> is null when the name is not a C type (the resolver reports it).</summary>
public sealed record CTypeRef(string Text, CType? Type, TextSpan Span);

/// <summary>A parameter of an <c>extern</c>/<c>export</c> function.</summary>
public sealed record CParameter(Name Name, CTypeRef Type);
