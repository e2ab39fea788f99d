using Sox.Compiler.Ir;
using Sox.Compiler.Syntax.Ast;

namespace Sox.Compiler.Lowering;

/// <summary>
/// Closures (§5) and defer (§4). A closure is made by <c>sox_closure_new(&amp;descriptor)</c> (a boxed value), then
/// each captured variable's cell is stored at <c>[closure + 24 + 8*i]</c> (raw pointer) in the order of the child's
/// <see cref="Semantics.FunctionInfo.Captures"/>: a local of this function (its cell) or one of this function's own
/// captures (clox upvalues).
/// </summary>
internal sealed partial class FunctionLowerer
{
    private VReg MakeClosure(FunctionDecl decl)
    {
        var info = Model.Function(decl) ?? throw new InvalidOperationException("function was not resolved");
        var line = _b.Line;
        var lowered = ModuleLowerer.LowerChild(_m, decl);
        _b.Line = line;
        var value = _b.CallValue(RuntimeFunctions.ClosureNew, _b.SymbolAddress(lowered.Descriptor));
        if (info.Captures.Count == 0) return value;
        var closure = _b.UnboxObject(value);
        for (var i = 0; i < info.Captures.Count; i++)
        {
            _b.Store(closure, ValueBits.ClosureCellsOffset + 8 * i, CellForCapture(info.Captures[i]));
        }
        return value;
    }

    /// <summary>
    /// <c>fn name() {}</c>: the variable is defined (as nil) before the closure is made, so a local function that
    /// captures itself for recursion finds its own cell; then it is set to the closure.
    /// </summary>
    private void LowerFunctionStatement(FunctionStmt s)
    {
        if (Model.Symbol(s) is not { } symbol) return;
        if (symbol.Kind == Semantics.SymbolKind.Global)
        {
            var closure = MakeClosure(s.Function);
            At(s.Span);
            DefineVariable(symbol, closure);
            return;
        }
        DefineVariable(symbol, _b.Const(ValueBits.Nil));
        var value = MakeClosure(s.Function);
        At(s.Span);
        WriteVariable(symbol, value, s.Span);
    }

    /// <summary><c>defer { }</c>: the body is a closure pushed on this frame's defer list (§4).</summary>
    private void LowerDefer(DeferStmt s)
    {
        var closure = MakeClosure(s.Body);
        At(s.Span);
        _b.Emit(new CallInst(RuntimeFunctions.DeferPush, CallingConvention.C, [_deferList!, closure], _deferList, _b.Line));
    }
}
