using Sox.Compiler.Ir;
using Sox.Compiler.Syntax.Ast;

namespace Sox.Compiler.Lowering;

/// <summary>Statements of §4 other than loops and switch (own files).</summary>
internal sealed partial class FunctionLowerer
{
    /// <summary>Statements after a return, break or continue are unreachable and not lowered.</summary>
    private void LowerStatements(IReadOnlyList<Stmt> statements)
    {
        foreach (var statement in statements)
        {
            if (_b.IsTerminated) return;
            LowerStatement(statement);
        }
    }

    private void LowerStatement(Stmt statement)
    {
        At(statement.Span);
        switch (statement)
        {
            case ExpressionStmt s:
                LowerExpression(s.Expression);
                break;
            case PrintStmt s:
                var value = LowerExpression(s.Value);
                At(s.Span);
                _b.CallC(RuntimeFunctions.Print, [value], hasResult: false);
                break;
            case VarStmt s:
                LowerVar(s);
                break;
            case BlockStmt s:
                LowerStatements(s.Statements);
                break;
            case IfStmt s:
                LowerIf(s);
                break;
            case WhileStmt s:
                LowerWhile(s);
                break;
            case ForStmt s:
                LowerFor(s);
                break;
            case ForeachStmt s:
                LowerForeach(s);
                break;
            case SwitchStmt s:
                LowerSwitch(s);
                break;
            case BreakStmt:
                _b.Jump(_targets[^1].Break);
                break;
            case ContinueStmt:
                _b.Jump(_targets.Last(t => t.Continue is not null).Continue!);
                break;
            case ReturnStmt s:
                LowerReturn(s);
                break;
            case DeferStmt s:
                LowerDefer(s);
                break;
            case AssertStmt s:
                LowerAssert(s);
                break;
            case FunctionStmt s:
                LowerFunctionStatement(s);
                break;
            case ClassStmt s:
                LowerClass(s);
                break;
            case ImportStmt s:
                LowerImport(s);
                break;
            case ExternFnStmt s:
                if (Model.Symbol(s) is { } externSymbol)
                {
                    At(s.Span);
                    DefineVariable(externSymbol, ExternFunctions.Value(_m, _b, s));
                }
                break;
            case ExportFnStmt s:
                if (Model.Symbol(s) is { } exportSymbol)
                {
                    var closure = MakeClosure(s.Function);
                    At(s.Span);
                    DefineVariable(exportSymbol, closure);
                    ExportFunctions.Emit(_m, s);
                }
                break;
            default:
                throw new InvalidOperationException($"unexpected statement {statement.GetType().Name}");
        }
    }

    /// <summary><c>var x = e</c>; <c>var x</c> is nil; <c>var a[]</c> / <c>var a[] = {}</c> are arrays (§4).</summary>
    private void LowerVar(VarStmt s)
    {
        VReg value;
        if (s.IsArrayForm && s.Initializer is null or TableLiteral { Entries.Count: 0 })
        {
            value = LowerArrayLiteral([]);
        }
        else
        {
            value = s.Initializer is null ? _b.Const(ValueBits.Nil) : LowerExpression(s.Initializer);
        }
        At(s.Span);
        if (Model.Symbol(s) is { } symbol) DefineVariable(symbol, value);
    }

    private void LowerIf(IfStmt s)
    {
        var then = _b.NewBlock("then");
        var join = _b.NewBlock("endif");
        var otherwise = s.Else is null ? join : _b.NewBlock("else");
        LowerCondition(s.Condition, then, otherwise);
        _b.SetBlock(then);
        LowerStatement(s.Then);
        JumpIfOpen(join);
        if (s.Else is not null)
        {
            _b.SetBlock(otherwise);
            LowerStatement(s.Else);
            JumpIfOpen(join);
        }
        _b.SetBlock(join);
    }

    /// <summary>
    /// Branches on the truthiness of a condition (§2) without materialising a value where it can:
    /// <c>and</c>/<c>or</c> become short-circuit branches and <c>!</c> swaps the targets.
    /// </summary>
    private void LowerCondition(Expr condition, BasicBlock ifTrue, BasicBlock ifFalse)
    {
        switch (condition)
        {
            case GroupingExpr g:
                LowerCondition(g.Inner, ifTrue, ifFalse);
                return;
            case UnaryExpr { Operator: UnaryOperator.Not } u:
                LowerCondition(u.Operand, ifFalse, ifTrue);
                return;
            case LogicalExpr l:
                var right = _b.NewBlock(l.Operator == LogicalOperator.And ? "and" : "or");
                if (l.Operator == LogicalOperator.And) LowerCondition(l.Left, right, ifFalse);
                else LowerCondition(l.Left, ifTrue, right);
                _b.SetBlock(right);
                LowerCondition(l.Right, ifTrue, ifFalse);
                return;
        }
        var value = LowerExpression(condition);
        At(condition.Span);
        _b.BranchTruthy(value, ifTrue, ifFalse);
    }

    private void LowerReturn(ReturnStmt s)
    {
        VReg value;
        if (IsInitializer) value = ImplicitResult();
        else value = s.Value is null ? _b.Const(ValueBits.Nil) : LowerExpression(s.Value);
        At(s.Span);
        EmitReturn(value);
    }

    /// <summary><c>assert(cond, msg)</c>: both evaluated in order; failure calls the no-return <c>sox_assert_fail</c>.</summary>
    private void LowerAssert(AssertStmt s)
    {
        var condition = LowerExpression(s.Condition);
        var message = s.Message is null ? _b.Const(ValueBits.Nil) : LowerExpression(s.Message);
        At(s.Span);
        var fail = _b.NewBlock("assert_failed");
        var ok = _b.NewBlock();
        _b.BranchTruthy(condition, ok, fail);
        _b.SetBlock(fail);
        _b.CallNoReturn(RuntimeFunctions.AssertFail, message);
        _b.SetBlock(ok);
    }

    /// <summary>Each import runs the imported module's initialiser (once, §6) and binds its value.</summary>
    private void LowerImport(ImportStmt s)
    {
        foreach (var spec in s.Imports)
        {
            At(spec.Span);
            var init = _m.ImportInit(spec);
            if (init is null) continue; // a missing module or a cycle: the loader has reported it
            var value = _b.CallValue(init);
            if (Model.Symbol(spec) is { } symbol) DefineVariable(symbol, value);
        }
    }
}
