using Sox.Compiler.Ir;
using Sox.Compiler.Syntax.Ast;

namespace Sox.Compiler.Lowering;

/// <summary>
/// <c>while</c>, <c>for</c> and <c>foreach</c> (§4). The condition is tested in its own header block, so the
/// function's entry block never becomes a loop target.
/// </summary>
internal sealed partial class FunctionLowerer
{
    private void LowerWhile(WhileStmt s)
    {
        var head = _b.NewBlock("while");
        var body = _b.NewBlock("body");
        var exit = _b.NewBlock("endwhile");
        _b.Jump(head);
        _b.SetBlock(head);
        LowerCondition(s.Condition, body, exit);
        _b.SetBlock(body);
        LowerLoopBody(s.Body, exit, head);
        _b.SetBlock(exit);
    }

    /// <summary>
    /// The initializer's variable is declared once, before the loop, so all iterations (and closures made in them)
    /// share it (§4, as clox). <c>continue</c> goes to the increment.
    /// </summary>
    private void LowerFor(ForStmt s)
    {
        if (s.Initializer is not null) LowerStatement(s.Initializer);
        var head = _b.NewBlock("for");
        var body = _b.NewBlock("body");
        var step = _b.NewBlock("step");
        var exit = _b.NewBlock("endfor");
        _b.Jump(head);
        _b.SetBlock(head);
        if (s.Condition is null) _b.Jump(body);
        else LowerCondition(s.Condition, body, exit);
        _b.SetBlock(body);
        LowerLoopBody(s.Body, exit, step);
        _b.SetBlock(step);
        if (s.Increment is not null) LowerExpression(s.Increment);
        At(s.Span);
        _b.Jump(head);
        _b.SetBlock(exit);
    }

    /// <summary>
    /// <c>foreach</c> over arrays, tables and strings (sox_runtime.h): <c>sox_foreach_count</c> once (it raises the
    /// error for other values), then for each <c>i</c> in <c>[0, count)</c> <c>sox_foreach_key</c> (only in the
    /// two-variable form) and <c>sox_foreach_value</c>. The variables are declared afresh in every iteration (new
    /// cells when captured, §4); <c>continue</c> goes to the index test.
    /// </summary>
    private void LowerForeach(ForeachStmt s)
    {
        var iterable = LowerExpression(s.Iterable);
        At(s.Span);
        var count = _b.CallValue(RuntimeFunctions.ForeachCount, iterable);
        var index = _b.NewRegister(IrType.I64, "i");
        _b.Copy(index, _b.Const(0));
        var head = _b.NewBlock("foreach");
        var body = _b.NewBlock("body");
        var exit = _b.NewBlock("endforeach");
        _b.Jump(head);
        _b.SetBlock(head);
        _b.CompareBranch(IntCondition.Lt, index, count, body, exit);
        _b.SetBlock(body);
        if (Model.ForeachKey(s) is { } k) DefineVariable(k, _b.CallValue(RuntimeFunctions.ForeachKey, iterable, index));
        var value = _b.CallValue(RuntimeFunctions.ForeachValue, iterable, index);
        _b.Copy(index, _b.Int(IntOp.Add, index, 1));
        if (Model.ForeachValue(s) is { } v) DefineVariable(v, value);
        LowerLoopBody(s.Body, exit, head);
        _b.SetBlock(exit);
    }

    private void LowerLoopBody(Stmt body, BasicBlock breakTarget, BasicBlock continueTarget)
    {
        _targets.Add(new JumpTargets(breakTarget, continueTarget));
        LowerStatement(body);
        _targets.RemoveAt(_targets.Count - 1);
        JumpIfOpen(continueTarget);
    }
}
