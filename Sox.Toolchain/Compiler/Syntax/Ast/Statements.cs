using Sox.Compiler.Text;

namespace Sox.Compiler.Syntax.Ast;

/// <summary>Statements of §4.</summary>
public abstract class Stmt : Node
{
    protected Stmt(TextSpan span) : base(span) { }
}

public sealed class ExpressionStmt(Expr expression, TextSpan span) : Stmt(span)
{
    public Expr Expression { get; } = expression;
}

/// <summary><c>print expr</c> or <c>print(expr)</c>.</summary>
public sealed class PrintStmt(Expr value, TextSpan span) : Stmt(span)
{
    public Expr Value { get; } = value;
}

/// <summary>
/// <c>var x</c>, <c>var x = e</c>, and the array forms <c>var a[]</c> (initializer: an empty
/// <see cref="ArrayLiteral"/>) and <c>var a[] = {…}</c> (<see cref="IsArrayForm"/> is true for both).
/// </summary>
public sealed class VarStmt(Name name, Expr? initializer, bool isArrayForm, TextSpan span) : Stmt(span)
{
    public Name Name { get; } = name;

    public Expr? Initializer { get; } = initializer;

    public bool IsArrayForm { get; } = isArrayForm;
}

public sealed class BlockStmt(IReadOnlyList<Stmt> statements, TextSpan span) : Stmt(span)
{
    public IReadOnlyList<Stmt> Statements { get; } = statements;
}

/// <summary><c>if</c>; an <c>else if</c> chain nests an <see cref="IfStmt"/> as <see cref="Else"/>.</summary>
public sealed class IfStmt(Expr condition, Stmt then, Stmt? @else, TextSpan span) : Stmt(span)
{
    public Expr Condition { get; } = condition;

    public Stmt Then { get; } = then;

    public Stmt? Else { get; } = @else;
}

public sealed class WhileStmt(Expr condition, Stmt body, TextSpan span) : Stmt(span)
{
    public Expr Condition { get; } = condition;

    public Stmt Body { get; } = body;
}

/// <summary>
/// C-style <c>for</c>. <see cref="Initializer"/> is a <see cref="VarStmt"/> or an <see cref="ExpressionStmt"/>.
/// The loop variable is one variable shared by all iterations (§4, as in clox).
/// </summary>
public sealed class ForStmt(Stmt? initializer, Expr? condition, Expr? increment, Stmt body, TextSpan span) : Stmt(span)
{
    public Stmt? Initializer { get; } = initializer;

    public Expr? Condition { get; } = condition;

    public Expr? Increment { get; } = increment;

    public Stmt Body { get; } = body;
}

/// <summary>
/// <c>foreach var v in xs</c> (<see cref="KeyName"/> null) or <c>foreach var k, v in xs</c>. Arrays give
/// index/value, tables key/value, strings index/char. Variables are fresh in every iteration (§4).
/// </summary>
public sealed class ForeachStmt(Name? keyName, Name valueName, Expr iterable, Stmt body, TextSpan span) : Stmt(span)
{
    public Name? KeyName { get; } = keyName;

    public Name ValueName { get; } = valueName;

    public Expr Iterable { get; } = iterable;

    public Stmt Body { get; } = body;
}

/// <summary>
/// One arm of a switch: the case values that share <see cref="Body"/> (<c>case 2 case 3 { }</c>), or the
/// <c>default</c> arm (<see cref="IsDefault"/>, usually no values). A case without a body is merged into the next
/// case's arm by the parser; so in <c>case 1 default { }</c> the default arm also carries the value 1, which
/// matches like any case value (in source order).
/// </summary>
public sealed class SwitchCase(IReadOnlyList<Expr> values, bool isDefault, BlockStmt body, TextSpan span) : Node(span)
{
    public IReadOnlyList<Expr> Values { get; } = values;

    public bool IsDefault { get; } = isDefault;

    public BlockStmt Body { get; } = body;
}

/// <summary><c>switch expr { case … default … }</c>; arms in source order, default anywhere (at most one).</summary>
public sealed class SwitchStmt(Expr subject, IReadOnlyList<SwitchCase> cases, TextSpan span) : Stmt(span)
{
    public Expr Subject { get; } = subject;

    public IReadOnlyList<SwitchCase> Cases { get; } = cases;
}

public sealed class BreakStmt(TextSpan span) : Stmt(span);

public sealed class ContinueStmt(TextSpan span) : Stmt(span);

public sealed class ReturnStmt(Expr? value, TextSpan span) : Stmt(span)
{
    public Expr? Value { get; } = value;
}

/// <summary>
/// <c>defer { body }</c> or <c>defer () { body }</c>: the body is a closure (kind <see cref="FunctionKind.Defer"/>)
/// run when the enclosing function returns, last registered first (§4).
/// </summary>
public sealed class DeferStmt(FunctionDecl body, TextSpan span) : Stmt(span)
{
    public FunctionDecl Body { get; } = body;
}

/// <summary><c>assert(cond, "message")</c>; the message is optional.</summary>
public sealed class AssertStmt(Expr condition, Expr? message, TextSpan span) : Stmt(span)
{
    public Expr Condition { get; } = condition;

    public Expr? Message { get; } = message;
}

/// <summary>A named function declaration <c>fn name(params) { body }</c>, possibly with <c>#[test]</c>.</summary>
public sealed class FunctionStmt(FunctionDecl function) : Stmt(function.Span)
{
    public FunctionDecl Function { get; } = function;
}

/// <summary><c>class Name &lt; Super { methods }</c>.</summary>
public sealed class ClassStmt(Name name, VariableExpr? superclass, IReadOnlyList<FunctionDecl> methods, TextSpan span) : Stmt(span)
{
    public Name Name { get; } = name;

    public VariableExpr? Superclass { get; } = superclass;

    public IReadOnlyList<FunctionDecl> Methods { get; } = methods;
}

/// <summary>One import: <c>"path"</c> or <c>alias "path"</c>.</summary>
public sealed class ImportSpec(Name? alias, string path, TextSpan pathSpan, TextSpan span) : Node(span)
{
    public Name? Alias { get; } = alias;

    public string Path { get; } = path;

    public TextSpan PathSpan { get; } = pathSpan;
}

/// <summary><c>import "a"</c>, <c>import b "lib/b"</c>, <c>import ( "a" b "lib/b" )</c>.</summary>
public sealed class ImportStmt(IReadOnlyList<ImportSpec> imports, TextSpan span) : Stmt(span)
{
    public IReadOnlyList<ImportSpec> Imports { get; } = imports;
}

/// <summary>
/// <c>extern ["lib"] fn name(p: ctype, …[, ...]): ctype</c> (§9). Declares a global-like name bound to a
/// native function; the optional library is added to the link.
/// </summary>
public sealed class ExternFnStmt(string? library, Name name, IReadOnlyList<CParameter> parameters, bool isVariadic, CTypeRef returnType, TextSpan span) : Stmt(span)
{
    public string? Library { get; } = library;

    public Name Name { get; } = name;

    public IReadOnlyList<CParameter> Parameters { get; } = parameters;

    public bool IsVariadic { get; } = isVariadic;

    public CTypeRef ReturnType { get; } = returnType;
}

/// <summary><c>export fn name(p: ctype, …): ctype { body }</c> (§9): a global C-ABI symbol.</summary>
public sealed class ExportFnStmt(FunctionDecl function, IReadOnlyList<CParameter> parameters, CTypeRef returnType) : Stmt(function.Span)
{
    /// <summary>The Sox body; its parameters mirror <see cref="Parameters"/>.</summary>
    public FunctionDecl Function { get; } = function;

    public IReadOnlyList<CParameter> Parameters { get; } = parameters;

    public CTypeRef ReturnType { get; } = returnType;
}
