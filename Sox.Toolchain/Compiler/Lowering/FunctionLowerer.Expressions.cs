using Sox.Compiler.Ir;
using Sox.Compiler.Syntax.Ast;

namespace Sox.Compiler.Lowering;

/// <summary>
/// Expressions of §3, evaluated left to right. Each returns a register holding the value that no later code
/// reassigns. Operations that can fail carry the line of their operator (binary/unary) or of the expression.
/// </summary>
internal sealed partial class FunctionLowerer
{
    private VReg LowerExpression(Expr expression)
    {
        At(expression.Span);
        switch (expression)
        {
            case NumberLiteral n:
                return _b.Const(ValueBits.Number(n.Value));
            case StringLiteral s:
                return StringConstant(s.Value);
            case BoolLiteral b:
                return _b.Const(ValueBits.Bool(b.Value));
            case NilLiteral:
                return _b.Const(ValueBits.Nil);
            case GroupingExpr g:
                return LowerExpression(g.Inner);
            case VariableExpr v:
                return ReadVariable(Resolved(Model.Symbol(v), v.Name.Text), v.Span);
            case AssignExpr a:
            {
                var value = LowerExpression(a.Value);
                At(a.Span);
                WriteVariable(Resolved(Model.Symbol(a), a.Name.Text), value, a.Name.Span);
                return value;
            }
            case UnaryExpr u:
            {
                var operand = LowerExpression(u.Operand);
                At(u.OperatorSpan);
                var result = _b.NewRegister();
                _b.Emit(new SoxUnaryInst(u.Operator == UnaryOperator.Negate ? SoxUnaryOp.Negate : SoxUnaryOp.Not, result, operand, _b.Line));
                return result;
            }
            case BinaryExpr bin:
            {
                var left = LowerExpression(bin.Left);
                var right = LowerExpression(bin.Right);
                At(bin.OperatorSpan);
                var result = _b.NewRegister();
                _b.Emit(new SoxBinaryInst(BinaryOp(bin.Operator), result, left, right, _b.Line));
                return result;
            }
            case LogicalExpr l:
                return LowerLogical(l);
            case CallExpr c:
                return LowerCall(c);
            case GetExpr g:
            {
                var obj = LowerExpression(g.Object);
                At(g.Name.Span);
                return LowerGetProperty(obj, g.Object is ThisExpr, g.Name.Text);
            }
            case SetExpr s:
            {
                var obj = LowerExpression(s.Object);
                var value = LowerExpression(s.Value);
                At(s.Name.Span);
                return LowerSetProperty(obj, s.Object is ThisExpr, s.Name.Text, value);
            }
            case IndexExpr i:
            {
                var obj = LowerExpression(i.Object);
                var index = LowerExpression(i.Index);
                At(i.Span);
                return _b.CallValue(RuntimeFunctions.GetIndex, obj, index);
            }
            case IndexSetExpr i:
            {
                var obj = LowerExpression(i.Object);
                var index = LowerExpression(i.Index);
                var value = LowerExpression(i.Value);
                At(i.Span);
                return _b.CallValue(RuntimeFunctions.SetIndex, obj, index, value);
            }
            case SliceExpr s:
            {
                var obj = LowerExpression(s.Object);
                var start = s.Start is null ? _b.Const(ValueBits.Nil) : LowerExpression(s.Start);
                var end = s.End is null ? _b.Const(ValueBits.Nil) : LowerExpression(s.End);
                At(s.Span);
                return _b.CallValue(RuntimeFunctions.Slice, obj, start, end);
            }
            case ThisExpr t:
                return ReadVariable(Resolved(Model.Symbol(t), "this"), t.Span);
            case SuperExpr s:
                return LowerSuper(s);
            case ArrayLiteral a:
                return LowerArrayLiteral(a.Elements);
            case TableLiteral t:
                return LowerTableLiteral(t);
            case FunctionExpr f:
                return MakeClosure(f.Function);
            default:
                throw new InvalidOperationException($"unexpected expression {expression.GetType().Name}");
        }
    }

    private static Semantics.VariableSymbol Resolved(Semantics.VariableSymbol? symbol, string name) =>
        symbol ?? throw new InvalidOperationException($"'{name}' was not resolved");

    private static SoxBinaryOp BinaryOp(BinaryOperator op) => op switch
    {
        BinaryOperator.Add => SoxBinaryOp.Add,
        BinaryOperator.Subtract => SoxBinaryOp.Sub,
        BinaryOperator.Multiply => SoxBinaryOp.Mul,
        BinaryOperator.Divide => SoxBinaryOp.Div,
        BinaryOperator.Modulo => SoxBinaryOp.Mod,
        BinaryOperator.Equal => SoxBinaryOp.Eq,
        BinaryOperator.NotEqual => SoxBinaryOp.Ne,
        BinaryOperator.Less => SoxBinaryOp.Lt,
        BinaryOperator.LessEqual => SoxBinaryOp.Le,
        BinaryOperator.Greater => SoxBinaryOp.Gt,
        _ => SoxBinaryOp.Ge,
    };

    /// <summary><c>a and b</c> / <c>a or b</c> yield an operand (§3): one result register assigned on both paths.</summary>
    private VReg LowerLogical(LogicalExpr l)
    {
        var result = _b.NewRegister();
        _b.Copy(result, LowerExpression(l.Left));
        var right = _b.NewBlock(l.Operator == LogicalOperator.And ? "and" : "or");
        var join = _b.NewBlock("endlogic");
        At(l.Span);
        if (l.Operator == LogicalOperator.And) _b.BranchTruthy(result, right, join);
        else _b.BranchTruthy(result, join, right);
        _b.SetBlock(right);
        _b.Copy(result, LowerExpression(l.Right));
        _b.Jump(join);
        _b.SetBlock(join);
        var value = _b.NewRegister();
        _b.Copy(value, result);
        return value;
    }

    /// <summary>Values stored in a frame slot (an argument array), left to right; returns the slot's address.</summary>
    private VReg StoreArray(IReadOnlyList<VReg> values, string hint)
    {
        if (values.Count == 0) return _b.Const(0);
        var slot = _f.NewStackSlot(8 * values.Count, 8, hint);
        var address = _b.SlotAddress(slot);
        for (var i = 0; i < values.Count; i++) _b.Store(address, 8 * i, values[i]);
        return address;
    }

    private VReg LowerArrayLiteral(IReadOnlyList<Expr> elements)
    {
        var line = _b.Line;
        var values = elements.Select(LowerExpression).ToList();
        _b.Line = line;
        var array = StoreArray(values, "elements");
        return _b.CallValue(RuntimeFunctions.ArrayNew, _b.Const(values.Count), array);
    }

    /// <summary>A table literal: <c>sox_table_new()</c>, then <c>sox_table_set</c> per entry in source order (§2: insertion order).</summary>
    private VReg LowerTableLiteral(TableLiteral t)
    {
        var table = _b.CallValue(RuntimeFunctions.TableNew);
        foreach (var entry in t.Entries)
        {
            var value = LowerExpression(entry.Value);
            At(entry.KeySpan);
            _b.CallC(RuntimeFunctions.TableSet, [table, StringConstant(entry.Key), value], hasResult: false);
        }
        return table;
    }
}
