using Sox.Compiler.Syntax.Ast;

namespace Sox.Compiler.Lowering;

/// <summary>
/// Enumerates the nodes under statements, for the whole-module facts lowering needs before it emits code (which
/// names are ever assigned, which functions register defers). Iterative, so deep nesting cannot overflow.
/// </summary>
public static class AstWalk
{
    /// <summary>
    /// Every statement and expression under <paramref name="roots"/>. With <paramref name="intoFunctions"/> false
    /// the bodies of nested functions (declarations, lambdas, methods, defers) are not entered.
    /// </summary>
    public static IEnumerable<Node> Nodes(IEnumerable<Stmt> roots, bool intoFunctions)
    {
        var work = new Stack<Node>(roots.Reverse());
        while (work.Count > 0)
        {
            var node = work.Pop();
            yield return node;
            foreach (var child in Children(node, intoFunctions).Reverse()) work.Push(child);
        }
    }

    private static IEnumerable<Node> Children(Node node, bool intoFunctions)
    {
        IEnumerable<Node> Body(FunctionDecl f) => intoFunctions ? f.Body : [];
        switch (node)
        {
            case ExpressionStmt s: return [s.Expression];
            case PrintStmt s: return [s.Value];
            case VarStmt s: return s.Initializer is null ? [] : [s.Initializer];
            case BlockStmt s: return s.Statements;
            case IfStmt s: return s.Else is null ? [s.Condition, s.Then] : [s.Condition, s.Then, s.Else];
            case WhileStmt s: return [s.Condition, s.Body];
            case ForStmt s:
                return new Node?[] { s.Initializer, s.Condition, s.Increment, s.Body }.OfType<Node>();
            case ForeachStmt s: return [s.Iterable, s.Body];
            case SwitchStmt s: return s.Cases.SelectMany(c => c.Values.Cast<Node>().Append(c.Body)).Prepend(s.Subject);
            case ReturnStmt s: return s.Value is null ? [] : [s.Value];
            case DeferStmt s: return Body(s.Body);
            case AssertStmt s: return s.Message is null ? [s.Condition] : [s.Condition, s.Message];
            case FunctionStmt s: return Body(s.Function);
            case ExportFnStmt s: return Body(s.Function);
            case ClassStmt s:
                return (s.Superclass is null ? [] : new Node[] { s.Superclass }).Concat(intoFunctions ? s.Methods.SelectMany(m => m.Body) : []);
            case AssignExpr e: return [e.Value];
            case UnaryExpr e: return [e.Operand];
            case BinaryExpr e: return [e.Left, e.Right];
            case LogicalExpr e: return [e.Left, e.Right];
            case GroupingExpr e: return [e.Inner];
            case CallExpr e: return e.Arguments.Prepend(e.Callee);
            case GetExpr e: return [e.Object];
            case SetExpr e: return [e.Object, e.Value];
            case IndexExpr e: return [e.Object, e.Index];
            case IndexSetExpr e: return [e.Object, e.Index, e.Value];
            case SliceExpr e: return new Node?[] { e.Object, e.Start, e.End }.OfType<Node>();
            case ArrayLiteral e: return e.Elements;
            case TableLiteral e: return e.Entries.Select(x => x.Value);
            case FunctionExpr e: return Body(e.Function);
            default: return [];
        }
    }
}
