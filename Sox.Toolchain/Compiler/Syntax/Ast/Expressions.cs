using Sox.Compiler.Text;

namespace Sox.Compiler.Syntax.Ast;

/// <summary>Expressions of §3.</summary>
public abstract class Expr : Node
{
    /// <summary>Sets the expression's span.</summary>
    /// <param name="span">The source text of the whole expression.</param>
    protected Expr(TextSpan span) : base(span) { }
}

/// <summary>A number literal such as <c>42</c> or <c>0.5</c> (§1.4, §3.5); the span is its token.</summary>
/// <param name="value">The literal's value.</param>
/// <param name="span">The number token.</param>
public sealed class NumberLiteral(double value, TextSpan span) : Expr(span)
{
    /// <summary>The value the lexer computed from the literal (every Sox number is a double).</summary>
    public double Value { get; } = value;
}

/// <summary>A string literal <c>"…"</c> (§1.5, §3.5); the span is the whole token, quotes included.</summary>
/// <param name="value">The decoded value.</param>
/// <param name="span">The string token.</param>
public sealed class StringLiteral(string value, TextSpan span) : Expr(span)
{
    /// <summary>The decoded value (escapes applied; UTF-16 here, UTF-8 bytes at run time).</summary>
    public string Value { get; } = value;
}

/// <summary><c>true</c> or <c>false</c> (§3.5); the span is the keyword.</summary>
/// <param name="value">Which of the two keywords was written.</param>
/// <param name="span">The keyword token.</param>
public sealed class BoolLiteral(bool value, TextSpan span) : Expr(span)
{
    /// <summary>True for <c>true</c>, false for <c>false</c>.</summary>
    public bool Value { get; } = value;
}

/// <summary>
/// <c>nil</c> (§3.5); the span is the keyword. After a syntax error the parser also puts an empty-span
/// <see cref="NilLiteral"/> where an expression was missing (such a tree is never compiled).
/// </summary>
/// <param name="span">The keyword token, or an empty span at the error.</param>
public sealed class NilLiteral(TextSpan span) : Expr(span);

/// <summary>A name read; the variable it reads is in the resolver's <c>SemanticModel</c>.</summary>
public sealed class VariableExpr(Name name) : Expr(name.Span)
{
    /// <summary>The name read; its span is the expression's span.</summary>
    public Name Name { get; } = name;
}

/// <summary><c>name = value</c> (§3.9); the assigned variable is in the resolver's <c>SemanticModel</c>.</summary>
public sealed class AssignExpr(Name name, Expr value, TextSpan span) : Expr(span)
{
    /// <summary>The assigned name (<c>x</c> in <c>x = e</c>).</summary>
    public Name Name { get; } = name;

    /// <summary>The right-hand side, which is also the value of the assignment.</summary>
    public Expr Value { get; } = value;
}

/// <summary>The prefix operators of §3.1 (unary level).</summary>
public enum UnaryOperator
{
    /// <summary><c>-x</c>: arithmetic negation (numbers only).</summary>
    Negate,
    /// <summary><c>!x</c>: logical not, by truthiness (§2.2).</summary>
    Not,
}

/// <summary><c>-x</c> or <c>!x</c> (§3.1); the span runs from the operator to the end of the operand.</summary>
public sealed class UnaryExpr(UnaryOperator op, Expr operand, TextSpan span, TextSpan operatorSpan) : Expr(span)
{
    /// <summary>Which prefix operator was written.</summary>
    public UnaryOperator Operator { get; } = op;

    /// <summary>The operand (<c>x</c> in <c>-x</c>).</summary>
    public Expr Operand { get; } = operand;

    /// <summary>The operator token (<c>-</c> or <c>!</c>); runtime errors of the operation report its line.</summary>
    public TextSpan OperatorSpan { get; } = operatorSpan;
}

/// <summary>The arithmetic (§3.2), equality and comparison (§3.3) operators.</summary>
public enum BinaryOperator
{
    /// <summary>
    /// <c>+</c>: number addition; when either side is a string, concatenation of the print forms (§3.2).
    /// </summary>
    Add,
    /// <summary><c>-</c>: number subtraction.</summary>
    Subtract,
    /// <summary><c>*</c>: number multiplication.</summary>
    Multiply,
    /// <summary>
    /// <c>/</c>: number division (IEEE: dividing by zero gives <c>inf</c>, <c>-inf</c> or <c>nan</c>).
    /// </summary>
    Divide,
    /// <summary><c>%</c>: number remainder as C's <c>fmod</c> (the sign of the dividend).</summary>
    Modulo,
    /// <summary><c>==</c>: equality of any two values (§3.3).</summary>
    Equal,
    /// <summary><c>!=</c>: the negation of <see cref="Equal"/>.</summary>
    NotEqual,
    /// <summary><c>&lt;</c>: numbers only.</summary>
    Less,
    /// <summary><c>&lt;=</c>: numbers only.</summary>
    LessEqual,
    /// <summary><c>&gt;</c>: numbers only.</summary>
    Greater,
    /// <summary><c>&gt;=</c>: numbers only.</summary>
    GreaterEqual,
}

/// <summary>
/// <c>left op right</c> for the operators of <see cref="BinaryOperator"/>; the span covers both operands.
/// </summary>
public sealed class BinaryExpr(BinaryOperator op, Expr left, Expr right, TextSpan span, TextSpan operatorSpan) : Expr(span)
{
    /// <summary>Which operator was written.</summary>
    public BinaryOperator Operator { get; } = op;

    /// <summary>The left operand, evaluated first.</summary>
    public Expr Left { get; } = left;

    /// <summary>The right operand, evaluated second.</summary>
    public Expr Right { get; } = right;

    /// <summary>Where the operator stands (runtime errors of the operation report its line).</summary>
    public TextSpan OperatorSpan { get; } = operatorSpan;
}

/// <summary>The short-circuit operators of §3.4.</summary>
public enum LogicalOperator
{
    /// <summary><c>and</c>: the left operand if it is falsey, else the right one.</summary>
    And,
    /// <summary><c>or</c>: the left operand if it is truthy, else the right one.</summary>
    Or,
}

/// <summary>Short-circuit <c>and</c>/<c>or</c>, yielding an operand value (§3.4).</summary>
public sealed class LogicalExpr(LogicalOperator op, Expr left, Expr right, TextSpan span) : Expr(span)
{
    /// <summary>Whether this is <c>and</c> or <c>or</c>.</summary>
    public LogicalOperator Operator { get; } = op;

    /// <summary>The left operand, always evaluated; its truthiness decides whether <see cref="Right"/> is.</summary>
    public Expr Left { get; } = left;

    /// <summary>The right operand, evaluated only when <see cref="Left"/> does not decide the result.</summary>
    public Expr Right { get; } = right;
}

/// <summary>A parenthesized expression <c>(e)</c> (§3.1); the span includes both parentheses.</summary>
/// <param name="inner">The expression between the parentheses.</param>
/// <param name="span">From <c>(</c> to <c>)</c>.</param>
public sealed class GroupingExpr(Expr inner, TextSpan span) : Expr(span)
{
    /// <summary>The expression between the parentheses (<c>e</c> in <c>(e)</c>).</summary>
    public Expr Inner { get; } = inner;
}

/// <summary>
/// <c>callee(args)</c> (§3.1, §5.1); <see cref="CloseParenSpan"/> is where clox reports the call's line.
/// </summary>
public sealed class CallExpr(Expr callee, IReadOnlyList<Expr> arguments, TextSpan span, TextSpan closeParenSpan) : Expr(span)
{
    /// <summary>The called expression (<c>f</c> in <c>f(x)</c>, <c>a.m</c> in <c>a.m(x)</c>).</summary>
    public Expr Callee { get; } = callee;

    /// <summary>The arguments in source order (at most 255, SOX2006).</summary>
    public IReadOnlyList<Expr> Arguments { get; } = arguments;

    /// <summary>The closing <c>)</c> token: runtime errors of the call and its stack-trace line point here.</summary>
    public TextSpan CloseParenSpan { get; } = closeParenSpan;
}

/// <summary><c>obj.name</c>: property read (§3.6); the span runs from the receiver to the name.</summary>
public sealed class GetExpr(Expr obj, Name name, TextSpan span) : Expr(span)
{
    /// <summary>The receiver (<c>a</c> in <c>a.b</c>).</summary>
    public Expr Object { get; } = obj;

    /// <summary>The property name (<c>b</c> in <c>a.b</c>).</summary>
    public Name Name { get; } = name;
}

/// <summary><c>obj.name = value</c>: property assignment (§3.6, §3.9).</summary>
public sealed class SetExpr(Expr obj, Name name, Expr value, TextSpan span) : Expr(span)
{
    /// <summary>The receiver (<c>a</c> in <c>a.b = e</c>), evaluated first.</summary>
    public Expr Object { get; } = obj;

    /// <summary>The property name (<c>b</c> in <c>a.b = e</c>).</summary>
    public Name Name { get; } = name;

    /// <summary>The assigned value (<c>e</c>), which is also the value of the assignment.</summary>
    public Expr Value { get; } = value;
}

/// <summary><c>obj[index]</c>: element, byte or table-entry read (§3.7).</summary>
public sealed class IndexExpr(Expr obj, Expr index, TextSpan span) : Expr(span)
{
    /// <summary>The indexed value (<c>a</c> in <c>a[i]</c>): an array, a string or a table.</summary>
    public Expr Object { get; } = obj;

    /// <summary>The index or key (<c>i</c> in <c>a[i]</c>).</summary>
    public Expr Index { get; } = index;
}

/// <summary><c>obj[index] = value</c>: element or table-entry assignment (§3.7, §3.9).</summary>
public sealed class IndexSetExpr(Expr obj, Expr index, Expr value, TextSpan span) : Expr(span)
{
    /// <summary>The assigned container (<c>a</c> in <c>a[i] = e</c>), evaluated first.</summary>
    public Expr Object { get; } = obj;

    /// <summary>The index or key (<c>i</c> in <c>a[i] = e</c>), evaluated second.</summary>
    public Expr Index { get; } = index;

    /// <summary>The assigned value (<c>e</c>), evaluated last; it is also the value of the assignment.</summary>
    public Expr Value { get; } = value;
}

/// <summary>
/// <c>obj[start:end]</c>, <c>obj[start:]</c>, <c>obj[:end]</c>, <c>obj[:]</c>: a copy, end inclusive (§3.8).
/// </summary>
public sealed class SliceExpr(Expr obj, Expr? start, Expr? end, TextSpan span) : Expr(span)
{
    /// <summary>The sliced array or string (<c>a</c> in <c>a[i:j]</c>).</summary>
    public Expr Object { get; } = obj;

    /// <summary>The first index (<c>i</c> in <c>a[i:j]</c>); null when omitted, meaning 0.</summary>
    public Expr? Start { get; } = start;

    /// <summary>The last index, included (<c>j</c> in <c>a[i:j]</c>); null when omitted, meaning the end.</summary>
    public Expr? End { get; } = end;
}

/// <summary><c>this</c>. The resolver binds it to the method's receiver (captured by inner closures).</summary>
public sealed class ThisExpr(TextSpan span) : Expr(span);

/// <summary><c>super.method</c> (§5.4). The resolver binds it to the receiver and the hidden superclass slot.</summary>
public sealed class SuperExpr(Name method, TextSpan span) : Expr(span)
{
    /// <summary>The superclass method looked up (<c>m</c> in <c>super.m</c>).</summary>
    public Name Method { get; } = method;
}

/// <summary><c>[a, b]</c> or <c>{a, b}</c> (§3.5).</summary>
public sealed class ArrayLiteral(IReadOnlyList<Expr> elements, TextSpan span) : Expr(span)
{
    /// <summary>The element expressions in order (evaluated left to right).</summary>
    public IReadOnlyList<Expr> Elements { get; } = elements;
}

/// <summary>One <c>key: value</c> of a table literal; bare-identifier and string keys both give <see cref="Key"/>.</summary>
public sealed record TableEntry(string Key, TextSpan KeySpan, Expr Value);

/// <summary><c>{k: v, "k 2": v}</c> or <c>{}</c> (§3.5).</summary>
public sealed class TableLiteral(IReadOnlyList<TableEntry> entries, TextSpan span) : Expr(span)
{
    /// <summary>The entries in source order (empty for <c>{}</c>).</summary>
    public IReadOnlyList<TableEntry> Entries { get; } = entries;
}

/// <summary>An anonymous <c>fn (params) { body }</c> (§3.5, §5.1).</summary>
public sealed class FunctionExpr(FunctionDecl function) : Expr(function.Span)
{
    /// <summary>The parameters and body (kind <see cref="FunctionKind.Lambda"/>, no name).</summary>
    public FunctionDecl Function { get; } = function;
}
