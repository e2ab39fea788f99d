using Sox.Compiler.Text;

namespace Sox.Compiler.Syntax.Ast;

/// <summary>Statements of §4.</summary>
public abstract class Stmt : Node
{
    /// <summary>Sets the statement's span.</summary>
    /// <param name="span">The source text of the statement, without a terminating <c>;</c>.</param>
    protected Stmt(TextSpan span) : base(span) { }
}

/// <summary>
/// An expression evaluated for its effect, its value discarded (a call or an assignment, usually; §4).
/// </summary>
/// <param name="expression">The evaluated expression.</param>
/// <param name="span">The expression's text.</param>
public sealed class ExpressionStmt(Expr expression, TextSpan span) : Stmt(span)
{
    /// <summary>The evaluated expression (<c>f(x)</c> in <c>f(x);</c>).</summary>
    public Expr Expression { get; } = expression;
}

/// <summary>
/// <c>print expr</c> or <c>print(expr)</c> (§4.2); the span runs from <c>print</c> to the end of the value.
/// </summary>
public sealed class PrintStmt(Expr value, TextSpan span) : Stmt(span)
{
    /// <summary>The printed value, written in its print form (§2.3) and a newline.</summary>
    public Expr Value { get; } = value;
}

/// <summary>
/// <c>var x</c>, <c>var x = e</c>, and the array forms <c>var a[]</c> (initializer: an empty
/// <see cref="ArrayLiteral"/>) and <c>var a[] = {…}</c> (<see cref="IsArrayForm"/> is true for both).
/// </summary>
public sealed class VarStmt(Name name, Expr? initializer, bool isArrayForm, TextSpan span) : Stmt(span)
{
    /// <summary>The declared name (<c>x</c> in <c>var x = e</c>).</summary>
    public Name Name { get; } = name;

    /// <summary>The initial value (<c>e</c>); null for <c>var x</c>, which starts as <c>nil</c> (§4.1).</summary>
    public Expr? Initializer { get; } = initializer;

    /// <summary>True for the original Sox array declarations <c>var a[]</c> and <c>var a[] = {…}</c>.</summary>
    public bool IsArrayForm { get; } = isArrayForm;
}

/// <summary>
/// <c>{ statements }</c>: a block with its own scope (§4.3), the usual body of <c>if</c> and loops and the body of
/// every switch arm. A parenthesised header may instead take one statement as its body (<c>if (c) print x</c>); the
/// parser wraps a declaration written there (an error) in a block spanning it, and gives a missing body an empty
/// block with an empty span.
/// </summary>
/// <param name="statements">The statements in source order.</param>
/// <param name="span">From <c>{</c> to <c>}</c>.</param>
public sealed class BlockStmt(IReadOnlyList<Stmt> statements, TextSpan span) : Stmt(span)
{
    /// <summary>The statements between the braces, in source order.</summary>
    public IReadOnlyList<Stmt> Statements { get; } = statements;
}

/// <summary><c>if</c> (§4.4); an <c>else if</c> chain nests an <see cref="IfStmt"/> as <see cref="Else"/>.</summary>
public sealed class IfStmt(Expr condition, Stmt then, Stmt? @else, TextSpan span) : Stmt(span)
{
    /// <summary>
    /// The tested expression, by truthiness (§2.2); the parentheses of <c>if (c)</c> are not in the tree.
    /// </summary>
    public Expr Condition { get; } = condition;

    /// <summary>The statement run when <see cref="Condition"/> is truthy.</summary>
    public Stmt Then { get; } = then;

    /// <summary>The <c>else</c> branch (a block or a nested <see cref="IfStmt"/>); null without <c>else</c>.</summary>
    public Stmt? Else { get; } = @else;
}

/// <summary><c>while cond { body }</c> or <c>while (cond) stmt</c> (§4.5).</summary>
/// <param name="condition">The loop condition.</param>
/// <param name="body">The loop body.</param>
/// <param name="span">From <c>while</c> to the end of the body.</param>
public sealed class WhileStmt(Expr condition, Stmt body, TextSpan span) : Stmt(span)
{
    /// <summary>Tested, by truthiness, before every iteration.</summary>
    public Expr Condition { get; } = condition;

    /// <summary>The statement run while <see cref="Condition"/> is truthy.</summary>
    public Stmt Body { get; } = body;
}

/// <summary>
/// C-style <c>for</c>. <see cref="Initializer"/> is a <see cref="VarStmt"/> or an <see cref="ExpressionStmt"/>.
/// The loop variable is one variable shared by all iterations (§4.5, as in clox).
/// </summary>
public sealed class ForStmt(Stmt? initializer, Expr? condition, Expr? increment, Stmt body, TextSpan span) : Stmt(span)
{
    /// <summary>Run once before the loop (<c>var i = 0</c>); null when the clause is empty.</summary>
    public Stmt? Initializer { get; } = initializer;

    /// <summary>Tested before every iteration; null when the clause is empty (loop until <c>break</c>).</summary>
    public Expr? Condition { get; } = condition;

    /// <summary>Evaluated after every iteration, also after <c>continue</c>; null when the clause is empty.</summary>
    public Expr? Increment { get; } = increment;

    /// <summary>The loop body.</summary>
    public Stmt Body { get; } = body;
}

/// <summary>
/// <c>foreach var v in xs</c> (<see cref="KeyName"/> null) or <c>foreach var k, v in xs</c>. Arrays give
/// index/element, tables key/value, strings index/byte (a one-byte string). Variables are fresh in every
/// iteration (§4.6).
/// </summary>
public sealed class ForeachStmt(Name? keyName, Name valueName, Expr iterable, Stmt body, TextSpan span) : Stmt(span)
{
    /// <summary>
    /// The first of two loop variables (<c>k</c> in <c>foreach var k, v in xs</c>: index or key); null with one.
    /// </summary>
    public Name? KeyName { get; } = keyName;

    /// <summary>The loop variable receiving the element, entry value or byte (<c>v</c>).</summary>
    public Name ValueName { get; } = valueName;

    /// <summary>The iterated array, table or string (<c>xs</c>), evaluated once.</summary>
    public Expr Iterable { get; } = iterable;

    /// <summary>The loop body.</summary>
    public Stmt Body { get; } = body;
}

/// <summary>
/// One arm of a switch (§4.7): the case values that share <see cref="Body"/> (<c>case 2 case 3 { }</c>, or
/// <c>case 2, 3 { }</c>), or the <c>default</c> arm (<see cref="IsDefault"/>, usually no values). A case without a
/// body is merged into the next case's arm by the parser; so in <c>case 1 default { }</c> the default arm also
/// carries the value 1, which matches like any case value (in source order). The span runs from the arm's first
/// label to the end of its body.
/// </summary>
public sealed class SwitchCase(IReadOnlyList<Expr> values, bool isDefault, BlockStmt body, TextSpan span) : Node(span)
{
    /// <summary>The case values in source order, compared with the subject by <c>==</c> (§4.7).</summary>
    public IReadOnlyList<Expr> Values { get; } = values;

    /// <summary>True for the arm that holds <c>default</c>, run when no case value matches.</summary>
    public bool IsDefault { get; } = isDefault;

    /// <summary>The arm's block; control leaves the switch at its end (no fall-through).</summary>
    public BlockStmt Body { get; } = body;
}

/// <summary>
/// <c>switch expr { case … default … }</c> (§4.7); arms in source order, default anywhere (at most one).
/// </summary>
public sealed class SwitchStmt(Expr subject, IReadOnlyList<SwitchCase> cases, TextSpan span) : Stmt(span)
{
    /// <summary>The switched value (<c>x</c> in <c>switch x { … }</c>), evaluated once.</summary>
    public Expr Subject { get; } = subject;

    /// <summary>The arms in source order.</summary>
    public IReadOnlyList<SwitchCase> Cases { get; } = cases;
}

/// <summary><c>break</c>: leaves the innermost loop or switch (§4.8); the span is the keyword.</summary>
/// <param name="span">The <c>break</c> token.</param>
public sealed class BreakStmt(TextSpan span) : Stmt(span);

/// <summary><c>continue</c>: starts the next iteration of the innermost loop (§4.8); the span is the keyword.</summary>
/// <param name="span">The <c>continue</c> token.</param>
public sealed class ContinueStmt(TextSpan span) : Stmt(span);

/// <summary>
/// <c>return</c> or <c>return value</c> (§4.8); the span runs from the keyword to the end of the value.
/// </summary>
/// <param name="value">The returned expression, if any.</param>
/// <param name="span">The statement's text.</param>
public sealed class ReturnStmt(Expr? value, TextSpan span) : Stmt(span)
{
    /// <summary>
    /// The returned value; null for a bare <c>return</c>, which returns <c>nil</c> (<c>this</c> in <c>init</c>).
    /// </summary>
    public Expr? Value { get; } = value;
}

/// <summary>
/// <c>defer { body }</c> or <c>defer () { body }</c>: the body is a closure (kind <see cref="FunctionKind.Defer"/>)
/// run when the enclosing function returns, last registered first (§4.9).
/// </summary>
public sealed class DeferStmt(FunctionDecl body, TextSpan span) : Stmt(span)
{
    /// <summary>The deferred closure: no name, no parameters, kind <see cref="FunctionKind.Defer"/>.</summary>
    public FunctionDecl Body { get; } = body;
}

/// <summary><c>assert(cond, "message")</c> (§4.10); the message is optional.</summary>
public sealed class AssertStmt(Expr condition, Expr? message, TextSpan span) : Stmt(span)
{
    /// <summary>The asserted expression; a falsey value fails the assertion.</summary>
    public Expr Condition { get; } = condition;

    /// <summary>The message reported when the assertion fails; null when omitted.</summary>
    public Expr? Message { get; } = message;
}

/// <summary>
/// A named function declaration <c>fn name(params) { body }</c>, possibly with <c>#[test]</c> (§5.1, §7.1).
/// </summary>
public sealed class FunctionStmt(FunctionDecl function) : Stmt(function.Span)
{
    /// <summary>The name, parameters, body and attributes (kind <see cref="FunctionKind.Function"/>).</summary>
    public FunctionDecl Function { get; } = function;
}

/// <summary><c>class Name &lt; Super { methods }</c> (§5.3, §5.4).</summary>
public sealed class ClassStmt(Name name, VariableExpr? superclass, IReadOnlyList<FunctionDecl> methods, TextSpan span) : Stmt(span)
{
    /// <summary>The class name, declared as a variable like <c>var</c> would.</summary>
    public Name Name { get; } = name;

    /// <summary>
    /// The superclass as a name read (<c>Super</c> in <c>class A &lt; Super</c>); null without <c>&lt;</c>.
    /// </summary>
    public VariableExpr? Superclass { get; } = superclass;

    /// <summary>
    /// The methods in source order (kind <see cref="FunctionKind.Method"/>, or <see cref="FunctionKind.Initializer"/>
    /// for <c>init</c>).
    /// </summary>
    public IReadOnlyList<FunctionDecl> Methods { get; } = methods;
}

/// <summary>One import: <c>"path"</c> or <c>alias "path"</c> (§6).</summary>
public sealed class ImportSpec(Name? alias, string path, TextSpan pathSpan, TextSpan span) : Node(span)
{
    /// <summary>
    /// The name the module's value is bound to; null to use the path's last segment without <c>.sox</c>.
    /// </summary>
    public Name? Alias { get; } = alias;

    /// <summary>
    /// The decoded path string, relative to the importing file's folder, with or without <c>.sox</c>.
    /// </summary>
    public string Path { get; } = path;

    /// <summary>The path's string token, quotes included (missing-module and cycle errors point here).</summary>
    public TextSpan PathSpan { get; } = pathSpan;
}

/// <summary><c>import "a"</c>, <c>import b "lib/b"</c>, <c>import ( "a" b "lib/b" )</c> (§6).</summary>
public sealed class ImportStmt(IReadOnlyList<ImportSpec> imports, TextSpan span) : Stmt(span)
{
    /// <summary>The imported modules in source order (one unless the grouped form was used).</summary>
    public IReadOnlyList<ImportSpec> Imports { get; } = imports;
}

/// <summary>
/// <c>extern ["lib"] fn name(p: ctype, …[, ...]): ctype</c> (§9). Declares a global-like name bound to a
/// native function; the optional library is added to the link.
/// </summary>
public sealed class ExternFnStmt(string? library, Name name, IReadOnlyList<CParameter> parameters, bool isVariadic, CTypeRef returnType, TextSpan span) : Stmt(span)
{
    /// <summary>The library to link with (<c>"m"</c> gives <c>-lm</c>); null when no library is named.</summary>
    public string? Library { get; } = library;

    /// <summary>The C function's symbol name, also the Sox name it is bound to.</summary>
    public Name Name { get; } = name;

    /// <summary>The named parameters with their C types, in order.</summary>
    public IReadOnlyList<CParameter> Parameters { get; } = parameters;

    /// <summary>True when <c>...</c> follows the last parameter: a variadic C function (§9.3).</summary>
    public bool IsVariadic { get; } = isVariadic;

    /// <summary>The C result type; <c>void</c> with an empty span when the <c>: type</c> is omitted.</summary>
    public CTypeRef ReturnType { get; } = returnType;
}

/// <summary><c>export fn name(p: ctype, …): ctype { body }</c> (§9): a global C-ABI symbol.</summary>
public sealed class ExportFnStmt(FunctionDecl function, IReadOnlyList<CParameter> parameters, CTypeRef returnType) : Stmt(function.Span)
{
    /// <summary>The Sox body; its parameters mirror <see cref="Parameters"/>.</summary>
    public FunctionDecl Function { get; } = function;

    /// <summary>The parameters with their C types, in order: the exported symbol's C signature.</summary>
    public IReadOnlyList<CParameter> Parameters { get; } = parameters;

    /// <summary>The C result type the body's return value is converted to; <c>void</c> when omitted.</summary>
    public CTypeRef ReturnType { get; } = returnType;
}
