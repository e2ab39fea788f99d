using Sox.Compiler.Ir;
using Sox.Compiler.Syntax.Ast;

namespace Sox.Compiler.Lowering;

/// <summary>
/// <c>switch</c> (§4): the subject is evaluated once; case values are compared with <c>==</c> in source order; the
/// first match runs its arm's body and leaves the switch (no fall-through); <c>default</c> runs only when no case
/// matches, wherever it stands. <c>break</c> leaves the switch; <c>continue</c> belongs to the enclosing loop.
/// </summary>
internal sealed partial class FunctionLowerer
{
    private void LowerSwitch(SwitchStmt s)
    {
        var subject = LowerExpression(s.Subject);
        var exit = _b.NewBlock("endswitch");
        var bodies = s.Cases.Select(c => _b.NewBlock(c.IsDefault ? "default" : "case")).ToList();
        var defaultIndex = s.Cases.ToList().FindIndex(c => c.IsDefault);
        for (var i = 0; i < s.Cases.Count; i++)
        {
            foreach (var value in s.Cases[i].Values)
            {
                var candidate = LowerExpression(value);
                At(value.Span);
                var equal = _b.NewRegister();
                _b.Emit(new SoxBinaryInst(SoxBinaryOp.Eq, equal, subject, candidate, _b.Line));
                var next = _b.NewBlock("test");
                _b.BranchTruthy(equal, bodies[i], next);
                _b.SetBlock(next);
            }
        }
        _b.Jump(defaultIndex >= 0 ? bodies[defaultIndex] : exit);
        _targets.Add(new JumpTargets(exit, null));
        for (var i = 0; i < s.Cases.Count; i++)
        {
            _b.SetBlock(bodies[i]);
            LowerStatement(s.Cases[i].Body);
            JumpIfOpen(exit);
        }
        _targets.RemoveAt(_targets.Count - 1);
        _b.SetBlock(exit);
    }
}
