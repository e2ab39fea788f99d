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
        var children = new List<Node>();
        while (work.Count > 0)
        {
            var node = work.Pop();
            yield return node;
            children.Clear();
            AddChildren(node, intoFunctions, children);
            for (var i = children.Count - 1; i >= 0; i--) work.Push(children[i]);
        }
    }

    /// <summary>Appends the children of <paramref name="node"/> in source order (no collection per node: this walks whole modules).</summary>
    private static void AddChildren(Node node, bool intoFunctions, List<Node> into)
    {
        void Add(Node? child)
        {
            if (child is not null) into.Add(child);
        }
        void AddAll<T>(IReadOnlyList<T> nodes) where T : Node
        {
            for (var i = 0; i < nodes.Count; i++) into.Add(nodes[i]);
        }
        void Body(FunctionDecl f)
        {
            if (intoFunctions) AddAll(f.Body);
        }

        switch (node)
        {
            case ExpressionStmt s: Add(s.Expression); break;
            case PrintStmt s: Add(s.Value); break;
            case VarStmt s: Add(s.Initializer); break;
            case BlockStmt s: AddAll(s.Statements); break;
            case IfStmt s: Add(s.Condition); Add(s.Then); Add(s.Else); break;
            case WhileStmt s: Add(s.Condition); Add(s.Body); break;
            case ForStmt s: Add(s.Initializer); Add(s.Condition); Add(s.Increment); Add(s.Body); break;
            case ForeachStmt s: Add(s.Iterable); Add(s.Body); break;
            case SwitchStmt s:
                Add(s.Subject);
                foreach (var c in s.Cases)
                {
                    AddAll(c.Values);
                    Add(c.Body);
                }
                break;
            case ReturnStmt s: Add(s.Value); break;
            case DeferStmt s: Body(s.Body); break;
            case AssertStmt s: Add(s.Condition); Add(s.Message); break;
            case FunctionStmt s: Body(s.Function); break;
            case ExportFnStmt s: Body(s.Function); break;
            case ClassStmt s:
                Add(s.Superclass);
                if (intoFunctions)
                {
                    foreach (var m in s.Methods) AddAll(m.Body);
                }
                break;
            case AssignExpr e: Add(e.Value); break;
            case UnaryExpr e: Add(e.Operand); break;
            case BinaryExpr e: Add(e.Left); Add(e.Right); break;
            case LogicalExpr e: Add(e.Left); Add(e.Right); break;
            case GroupingExpr e: Add(e.Inner); break;
            case CallExpr e: Add(e.Callee); AddAll(e.Arguments); break;
            case GetExpr e: Add(e.Object); break;
            case SetExpr e: Add(e.Object); Add(e.Value); break;
            case IndexExpr e: Add(e.Object); Add(e.Index); break;
            case IndexSetExpr e: Add(e.Object); Add(e.Index); Add(e.Value); break;
            case SliceExpr e: Add(e.Object); Add(e.Start); Add(e.End); break;
            case ArrayLiteral e: AddAll(e.Elements); break;
            case TableLiteral e:
                foreach (var entry in e.Entries) Add(entry.Value);
                break;
            case FunctionExpr e: Body(e.Function); break;
        }
    }
}
