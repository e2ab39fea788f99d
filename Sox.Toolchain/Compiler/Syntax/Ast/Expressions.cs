using Sox.Compiler.Text;

namespace Sox.Compiler.Syntax.Ast;

/// <summary>Expressions of §3.</summary>
public abstract class Expr : Node
{
    protected Expr(TextSpan span) : base(span) { }
}

public sealed class NumberLiteral(double value, TextSpan span) : Expr(span)
{
    public double Value { get; } = value;
}

public sealed class StringLiteral(string value, TextSpan span) : Expr(span)
{
    /// <summary>The decoded value (escapes applied; UTF-16 here, UTF-8 bytes at run time).</summary>
    public string Value { get; } = value;
}

public sealed class BoolLiteral(bool value, TextSpan span) : Expr(span)
{
    public bool Value { get; } = value;
}

public sealed class NilLiteral(TextSpan span) : Expr(span);

/// <summary>A name read; the variable it reads is in the resolver's <c>SemanticModel</c>.</summary>
public sealed class VariableExpr(Name name) : Expr(name.Span)
{
    public Name Name { get; } = name;
}

/// <summary><c>name = value</c>.</summary>
public sealed class AssignExpr(Name name, Expr value, TextSpan span) : Expr(span)
{
    public Name Name { get; } = name;

    public Expr Value { get; } = value;
}

public enum UnaryOperator { Negate, Not }

public sealed class UnaryExpr(UnaryOperator op, Expr operand, TextSpan span, TextSpan operatorSpan) : Expr(span)
{
    public UnaryOperator Operator { get; } = op;

    public Expr Operand { get; } = operand;

    public TextSpan OperatorSpan { get; } = operatorSpan;
}

public enum BinaryOperator
{
    Add, Subtract, Multiply, Divide, Modulo,
    Equal, NotEqual, Less, LessEqual, Greater, GreaterEqual,
}

public sealed class BinaryExpr(BinaryOperator op, Expr left, Expr right, TextSpan span, TextSpan operatorSpan) : Expr(span)
{
    public BinaryOperator Operator { get; } = op;

    public Expr Left { get; } = left;

    public Expr Right { get; } = right;

    /// <summary>Where the operator stands (runtime errors of the operation report its line).</summary>
    public TextSpan OperatorSpan { get; } = operatorSpan;
}

public enum LogicalOperator { And, Or }

/// <summary>Short-circuit <c>and</c>/<c>or</c>, yielding an operand value.</summary>
public sealed class LogicalExpr(LogicalOperator op, Expr left, Expr right, TextSpan span) : Expr(span)
{
    public LogicalOperator Operator { get; } = op;

    public Expr Left { get; } = left;

    public Expr Right { get; } = right;
}

public sealed class GroupingExpr(Expr inner, TextSpan span) : Expr(span)
{
    public Expr Inner { get; } = inner;
}

/// <summary><c>callee(args)</c>; <see cref="CloseParenSpan"/> is where clox reports the call's line.</summary>
public sealed class CallExpr(Expr callee, IReadOnlyList<Expr> arguments, TextSpan span, TextSpan closeParenSpan) : Expr(span)
{
    public Expr Callee { get; } = callee;

    public IReadOnlyList<Expr> Arguments { get; } = arguments;

    public TextSpan CloseParenSpan { get; } = closeParenSpan;
}

/// <summary><c>obj.name</c>.</summary>
public sealed class GetExpr(Expr obj, Name name, TextSpan span) : Expr(span)
{
    public Expr Object { get; } = obj;

    public Name Name { get; } = name;
}

/// <summary><c>obj.name = value</c>.</summary>
public sealed class SetExpr(Expr obj, Name name, Expr value, TextSpan span) : Expr(span)
{
    public Expr Object { get; } = obj;

    public Name Name { get; } = name;

    public Expr Value { get; } = value;
}

/// <summary><c>obj[index]</c>.</summary>
public sealed class IndexExpr(Expr obj, Expr index, TextSpan span) : Expr(span)
{
    public Expr Object { get; } = obj;

    public Expr Index { get; } = index;
}

/// <summary><c>obj[index] = value</c>.</summary>
public sealed class IndexSetExpr(Expr obj, Expr index, Expr value, TextSpan span) : Expr(span)
{
    public Expr Object { get; } = obj;

    public Expr Index { get; } = index;

    public Expr Value { get; } = value;
}

/// <summary><c>obj[start:end]</c>, <c>obj[start:]</c>, <c>obj[:end]</c> (end inclusive, §3).</summary>
public sealed class SliceExpr(Expr obj, Expr? start, Expr? end, TextSpan span) : Expr(span)
{
    public Expr Object { get; } = obj;

    public Expr? Start { get; } = start;

    public Expr? End { get; } = end;
}

/// <summary><c>this</c>. The resolver binds it to the method's receiver (captured by inner closures).</summary>
public sealed class ThisExpr(TextSpan span) : Expr(span);

/// <summary><c>super.method</c>. The resolver binds it to the receiver and the hidden superclass slot.</summary>
public sealed class SuperExpr(Name method, TextSpan span) : Expr(span)
{
    public Name Method { get; } = method;
}

/// <summary><c>[a, b]</c> or <c>{a, b}</c>.</summary>
public sealed class ArrayLiteral(IReadOnlyList<Expr> elements, TextSpan span) : Expr(span)
{
    public IReadOnlyList<Expr> Elements { get; } = elements;
}

/// <summary>One <c>key: value</c> of a table literal; bare-identifier and string keys both give <see cref="Key"/>.</summary>
public sealed record TableEntry(string Key, TextSpan KeySpan, Expr Value);

/// <summary><c>{k: v, "k 2": v}</c> or <c>{}</c>.</summary>
public sealed class TableLiteral(IReadOnlyList<TableEntry> entries, TextSpan span) : Expr(span)
{
    public IReadOnlyList<TableEntry> Entries { get; } = entries;
}

/// <summary>An anonymous <c>fn (params) { body }</c>.</summary>
public sealed class FunctionExpr(FunctionDecl function) : Expr(function.Span)
{
    public FunctionDecl Function { get; } = function;
}
