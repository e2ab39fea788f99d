using System.Globalization;
using System.Text;
using Sox.Compiler.Syntax.Ast;

namespace Sox.Compiler.Syntax;

/// <summary>
/// Dumps a tree as S-expressions, one top-level statement per line, for parser tests and debugging:
/// <c>var x = 1 + 2 * 3</c> prints as <c>(var x (+ 1 (* 2 3)))</c>. Absent optional parts print as <c>_</c>.
/// </summary>
public static class AstPrinter
{
    /// <summary>The statements of a file, one S-expression per line.</summary>
    public static string Print(CompilationUnit unit) => string.Join("\n", unit.Statements.Select(Print));

    /// <summary>One node (statement, expression or declaration part) and its children as an S-expression.</summary>
    public static string Print(Node node)
    {
        var builder = new StringBuilder();
        Write(builder, node);
        return builder.ToString();
    }

    private static void Write(StringBuilder b, Node? node)
    {
        switch (node)
        {
            case null: b.Append('_'); break;
            case Expr e: WriteExpr(b, e); break;
            case Stmt s: WriteStmt(b, s); break;
            case FunctionDecl f: WriteFunction(b, f); break;
            case SwitchCase c: WriteCase(b, c); break;
            case ImportSpec i: WriteImport(b, i); break;
            default: b.Append('?').Append(node.GetType().Name); break;
        }
    }

    private static void List(StringBuilder b, string head, params object?[] parts)
    {
        b.Append('(').Append(head);
        foreach (var part in parts)
        {
            b.Append(' ');
            switch (part)
            {
                case Node n: Write(b, n); break;
                case null: b.Append('_'); break;
                default: b.Append(part); break;
            }
        }
        b.Append(')');
    }

    private static object?[] Nodes(IEnumerable<Node> nodes) => nodes.Cast<object?>().ToArray();

    private static string Quote(string s)
    {
        var b = new StringBuilder("\"");
        foreach (var c in s)
        {
            b.Append(c switch
            {
                '"' => "\\\"",
                '\\' => "\\\\",
                '\n' => "\\n",
                '\t' => "\\t",
                '\r' => "\\r",
                '\0' => "\\0",
                _ => c.ToString(),
            });
        }
        return b.Append('"').ToString();
    }

    private static string Op(BinaryOperator op) => op switch
    {
        BinaryOperator.Add => "+",
        BinaryOperator.Subtract => "-",
        BinaryOperator.Multiply => "*",
        BinaryOperator.Divide => "/",
        BinaryOperator.Modulo => "%",
        BinaryOperator.Equal => "==",
        BinaryOperator.NotEqual => "!=",
        BinaryOperator.Less => "<",
        BinaryOperator.LessEqual => "<=",
        BinaryOperator.Greater => ">",
        _ => ">=",
    };

    private static void WriteExpr(StringBuilder b, Expr expr)
    {
        switch (expr)
        {
            case NumberLiteral n: b.Append(n.Value.ToString("R", CultureInfo.InvariantCulture)); break;
            case StringLiteral s: b.Append(Quote(s.Value)); break;
            case BoolLiteral v: b.Append(v.Value ? "true" : "false"); break;
            case NilLiteral: b.Append("nil"); break;
            case ThisExpr: b.Append("this"); break;
            case VariableExpr v: b.Append(v.Name.Text); break;
            case AssignExpr a: List(b, "=", a.Name.Text, a.Value); break;
            case SetExpr s:
                b.Append("(= (. ");
                Write(b, s.Object);
                b.Append(' ').Append(s.Name.Text).Append(") ");
                Write(b, s.Value);
                b.Append(')');
                break;
            case IndexSetExpr s:
                b.Append("(= ([] ");
                Write(b, s.Object);
                b.Append(' ');
                Write(b, s.Index);
                b.Append(") ");
                Write(b, s.Value);
                b.Append(')');
                break;
            case UnaryExpr u: List(b, u.Operator == UnaryOperator.Not ? "!" : "-", u.Operand); break;
            case BinaryExpr x: List(b, Op(x.Operator), x.Left, x.Right); break;
            case LogicalExpr l: List(b, l.Operator == LogicalOperator.And ? "and" : "or", l.Left, l.Right); break;
            case GroupingExpr g: List(b, "group", g.Inner); break;
            case CallExpr c: List(b, "call", [c.Callee, .. c.Arguments]); break;
            case GetExpr g: List(b, ".", g.Object, g.Name.Text); break;
            case IndexExpr i: List(b, "[]", i.Object, i.Index); break;
            case SliceExpr s: List(b, "[:]", s.Object, s.Start, s.End); break;
            case SuperExpr s: List(b, "super", s.Method.Text); break;
            case ArrayLiteral a: List(b, "array", Nodes(a.Elements)); break;
            case TableLiteral t: List(b, "table", t.Entries.Select(e => (object?)$"{Quote(e.Key)}:{Print(e.Value)}").ToArray()); break;
            case FunctionExpr f: WriteFunction(b, f.Function); break;
            default: b.Append('?').Append(expr.GetType().Name); break;
        }
    }

    private static void WriteStmt(StringBuilder b, Stmt stmt)
    {
        switch (stmt)
        {
            case ExpressionStmt e: List(b, "expr", e.Expression); break;
            case PrintStmt p: List(b, "print", p.Value); break;
            case VarStmt v: List(b, v.IsArrayForm ? "var[]" : "var", v.Name.Text, v.Initializer); break;
            case BlockStmt k: List(b, "block", Nodes(k.Statements)); break;
            case IfStmt i: List(b, "if", i.Condition, i.Then, i.Else); break;
            case WhileStmt w: List(b, "while", w.Condition, w.Body); break;
            case ForStmt f: List(b, "for", f.Initializer, f.Condition, f.Increment, f.Body); break;
            case ForeachStmt f:
                List(b, "foreach", f.KeyName is null ? $"({f.ValueName.Text})" : $"({f.KeyName.Text} {f.ValueName.Text})", f.Iterable, f.Body);
                break;
            case SwitchStmt s: List(b, "switch", [s.Subject, .. s.Cases]); break;
            case BreakStmt: b.Append("(break)"); break;
            case ContinueStmt: b.Append("(continue)"); break;
            case ReturnStmt r when r.Value is null: b.Append("(return)"); break;
            case ReturnStmt r: List(b, "return", r.Value); break;
            case DeferStmt d: List(b, "defer", d.Body); break;
            case AssertStmt a when a.Message is null: List(b, "assert", a.Condition); break;
            case AssertStmt a: List(b, "assert", a.Condition, a.Message); break;
            case FunctionStmt f: WriteFunction(b, f.Function); break;
            case ClassStmt c:
                List(b, "class", [c.Superclass is null ? c.Name.Text : $"{c.Name.Text} < {c.Superclass.Name.Text}", .. c.Methods]);
                break;
            case ImportStmt i: List(b, "import", Nodes(i.Imports)); break;
            case ExternFnStmt x:
                List(b, "extern", x.Library is null ? "_" : Quote(x.Library), x.Name.Text,
                    Params(x.Parameters, x.IsVariadic), TypeText(x.ReturnType));
                break;
            case ExportFnStmt x:
                List(b, "export", [x.Function.Name?.Text, Params(x.Parameters, false), TypeText(x.ReturnType), .. x.Function.Body]);
                break;
            default: b.Append('?').Append(stmt.GetType().Name); break;
        }
    }

    private static string Params(IReadOnlyList<CParameter> parameters, bool variadic)
    {
        var parts = parameters.Select(p => $"{p.Name.Text}:{TypeText(p.Type)}").ToList();
        if (variadic) parts.Add("...");
        return "(" + string.Join(" ", parts) + ")";
    }

    /// <summary>A known C type prints by name, an unknown one with a trailing <c>?</c>.</summary>
    private static string TypeText(CTypeRef type) => type.Type is null ? type.Text + "?" : type.Text;

    private static void WriteFunction(StringBuilder b, FunctionDecl f)
    {
        var parts = new List<object?>();
        parts.AddRange(f.Attributes.Select(a => (object?)$"#[{a.Text}]"));
        if (f.Name is not null) parts.Add(f.Name.Text);
        parts.Add("(" + string.Join(" ", f.Parameters.Select(p => p.Text)) + ")");
        parts.AddRange(f.Body);
        List(b, "fn:" + f.Kind.ToString().ToLowerInvariant(), parts.ToArray());
    }

    private static void WriteCase(StringBuilder b, SwitchCase c)
    {
        var values = "(" + string.Join(" ", c.Values.Select(Print)) + ")";
        if (c.IsDefault && c.Values.Count == 0) List(b, "default", c.Body);
        else List(b, c.IsDefault ? "default+case" : "case", values, c.Body);
    }

    private static void WriteImport(StringBuilder b, ImportSpec i)
    {
        if (i.Alias is null) b.Append(Quote(i.Path));
        else b.Append('(').Append(i.Alias.Text).Append(' ').Append(Quote(i.Path)).Append(')');
    }
}
