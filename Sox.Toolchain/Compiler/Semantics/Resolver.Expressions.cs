using Sox.Compiler.Diagnostics;
using Sox.Compiler.Syntax.Ast;

namespace Sox.Compiler.Semantics;

public sealed partial class Resolver
{
    private void ResolveExpression(Expr expression)
    {
        if (!EnterNesting(expression.Span)) return;
        try
        {
            switch (expression)
            {
                case NumberLiteral or StringLiteral or BoolLiteral or NilLiteral: break;
                case VariableExpr e: _model.Bind(e, Lookup(e.Name, isAssignment: false)); break;
                case AssignExpr e:
                    ResolveExpression(e.Value);
                    _model.Bind(e, Lookup(e.Name, isAssignment: true));
                    break;
                case UnaryExpr e: ResolveExpression(e.Operand); break;
                case BinaryExpr e:
                    ResolveExpression(e.Left);
                    ResolveExpression(e.Right);
                    break;
                case LogicalExpr e:
                    ResolveExpression(e.Left);
                    ResolveExpression(e.Right);
                    break;
                case GroupingExpr e: ResolveExpression(e.Inner); break;
                case CallExpr e:
                    ResolveExpression(e.Callee);
                    foreach (var argument in e.Arguments) ResolveExpression(argument);
                    break;
                case GetExpr e: ResolveExpression(e.Object); break;
                case SetExpr e:
                    ResolveExpression(e.Object);
                    ResolveExpression(e.Value);
                    break;
                case IndexExpr e:
                    ResolveExpression(e.Object);
                    ResolveExpression(e.Index);
                    break;
                case IndexSetExpr e:
                    ResolveExpression(e.Object);
                    ResolveExpression(e.Index);
                    ResolveExpression(e.Value);
                    break;
                case SliceExpr e:
                    ResolveExpression(e.Object);
                    if (e.Start is not null) ResolveExpression(e.Start);
                    if (e.End is not null) ResolveExpression(e.End);
                    break;
                case ThisExpr e: ResolveThis(e); break;
                case SuperExpr e: ResolveSuper(e); break;
                case ArrayLiteral e:
                    foreach (var element in e.Elements) ResolveExpression(element);
                    break;
                case TableLiteral e:
                    foreach (var entry in e.Entries) ResolveExpression(entry.Value);
                    break;
                case FunctionExpr e: ResolveFunction(e.Function, "fn"); break;
                default: throw new InvalidOperationException($"Resolver: unhandled expression {expression.GetType().Name}.");
            }
        }
        finally
        {
            LeaveNesting();
        }
    }

    /// <summary>
    /// <c>this</c> binds to the receiver of the nearest enclosing method; a lambda or defer inside the method
    /// captures it like any other variable (§5: methods bind <c>this</c>).
    /// </summary>
    private void ResolveThis(ThisExpr expression)
    {
        var symbol = _class is null ? null : LookupLocal(ThisName);
        if (symbol is null) Report(DiagnosticCodes.ThisOutsideClass, expression.Span);
        _model.Bind(expression, symbol);
    }

    /// <summary><c>super.m</c> needs the receiver and the hidden superclass slot of the enclosing subclass.</summary>
    private void ResolveSuper(SuperExpr expression)
    {
        if (_class is null)
        {
            Report(DiagnosticCodes.SuperOutsideClass, expression.Span);
            return;
        }
        if (!_class.HasSuperclass)
        {
            Report(DiagnosticCodes.SuperWithoutSuperclass, expression.Span);
            return;
        }
        _model.BindReceiver(expression, LookupLocal(ThisName));
        _model.BindSuperclass(expression, LookupLocal(SuperName));
    }
}
