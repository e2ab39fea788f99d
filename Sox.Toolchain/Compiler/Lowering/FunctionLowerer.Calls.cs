using Sox.Compiler.Ir;
using Sox.Compiler.Semantics;
using Sox.Compiler.Syntax.Ast;

namespace Sox.Compiler.Lowering;

/// <summary>
/// Calls (§5, architecture.md D2, runtime-abi.md "Functions"). Every call carries the line of its closing parenthesis,
/// as clox reports it. Four shapes, cheapest first:
/// <list type="number">
/// <item>a variable that always holds one known <c>fn</c> (<see cref="KnownFunctions"/>) with the right argument
///   count: a direct Sox-convention call to its symbol with the closure as hidden argument; likewise a variable
///   that always holds one <c>extern fn</c> (§9): its wrapper, or for a variadic one the variadic call
///   (<see cref="ExternFunctions"/>);</item>
/// <item><c>a.m(x)</c>: an inline cache keyed on the receiver's shape calls the method's code directly, else
///   <c>sox_invoke_cached</c> (<see cref="LowerInvoke"/>); <c>super.m(x)</c>: a per-site cache keyed on the superclass's id calls the method's code directly (<see cref="LowerSuperCall"/>);</item>
/// <item>a built-in: <c>sox_call</c> on its static native object (no closure can be there);</item>
/// <item>any other value: an inline check that it is a closure (object tag, type CLOSURE at +0, arity at +4 equal
///   to argc), then an indirect call through its code pointer at +8; otherwise <c>sox_call(callee, argc, args)</c>,
///   which handles natives, classes, bound methods and every error message.</item>
/// </list>
/// </summary>
internal sealed partial class FunctionLowerer
{
    private VReg LowerCall(CallExpr call)
    {
        var line = Line(call.CloseParenSpan);
        switch (call.Callee)
        {
            case GetExpr get:
            {
                var receiver = LowerExpression(get.Object);
                var args = LowerArguments(call.Arguments);
                _b.Line = line;
                return LowerInvoke(receiver, get.Object is ThisExpr, get.Name.Text, args);
            }
            case SuperExpr super:
                return LowerSuperCall(super, call.Arguments, line);
            case VariableExpr v when Model.Symbol(v) is { Kind: SymbolKind.Builtin } builtin:
            {
                var callee = ReadVariable(builtin, v.Span);
                var args = LowerArguments(call.Arguments);
                _b.Line = line;
                return CallThroughRuntime(callee, args);
            }
            case VariableExpr v when Model.Symbol(v) is { } symbol && _m.Known.LookupExtern(symbol) is { } ext && AcceptsArgumentCount(ext, call.Arguments.Count):
            {
                var callee = ReadVariable(symbol, v.Span);
                var args = LowerArguments(call.Arguments);
                _b.Line = line;
                var lowered = ExternFunctions.For(_m, ext);
                if (ext.IsVariadic)
                {
                    var array = _m.Options.VariadicCallsInPlace ? _b.Const(0) : StoreArray(args, "args");
                    return ExternFunctions.CallVariadic(_m, _b, lowered, args, array, _m.Options.VariadicCallsInPlace,
                        asDoubles: _m.Options.VariadicArgumentsInBothFiles);
                }
                var result = _b.NewRegister();
                _b.Emit(new CallInst(lowered.Wrapper, CallingConvention.Sox, [_b.UnboxObject(callee), .. args], result, line));
                return result;
            }
            case VariableExpr v when Model.Symbol(v) is { } symbol && _m.Known.Lookup(symbol) is { } decl && decl.Parameters.Count == call.Arguments.Count:
            {
                var callee = ReadVariable(symbol, v.Span);
                var args = LowerArguments(call.Arguments);
                _b.Line = line;
                var target = _m.FunctionFor(Model.Function(decl)!);
                var result = _b.NewRegister();
                _b.Emit(new CallInst(target.Symbol, CallingConvention.Sox, [_b.UnboxObject(callee), .. args], result, line));
                return result;
            }
            case VariableExpr v when Model.Symbol(v) is { } symbol && _m.Known.LookupClass(symbol) is { } cls
                && TryLowerConstruction(v, cls, call.Arguments, line) is { } constructed:
                return constructed;
            default:
            {
                var callee = LowerExpression(call.Callee);
                var args = LowerArguments(call.Arguments);
                _b.Line = line;
                return CallValue(callee, args);
            }
        }
    }

    /// <summary>A known extern call is direct when the count fits; otherwise the general path reports the arity error.</summary>
    private static bool AcceptsArgumentCount(ExternFnStmt e, int count) =>
        e.IsVariadic ? count >= e.Parameters.Count && count <= 255 : count == e.Parameters.Count;

    private List<VReg> LowerArguments(IReadOnlyList<Expr> arguments) => arguments.Select(LowerExpression).ToList();

    private VReg CallThroughRuntime(VReg callee, IReadOnlyList<VReg> args)
    {
        var array = StoreArray(args, "args");
        return _b.CallValue(RuntimeFunctions.Call, callee, _b.Const(args.Count), array);
    }

    /// <summary>The inline closure check and indirect call, with <c>sox_call</c> as the slow path.</summary>
    private VReg CallValue(VReg callee, IReadOnlyList<VReg> args)
    {
        var result = _b.NewRegister();
        var isObject = _b.NewBlock("callee_object");
        var isClosure = _b.NewBlock("callee_closure");
        var fast = _b.NewBlock("call_direct");
        var slow = _b.NewBlock("call_runtime");
        var join = _b.NewBlock("called");
        var objectTag = _b.Const(ValueBits.ObjectTag);
        _b.CompareBranch(IntCondition.Eq, _b.Int(IntOp.And, callee, objectTag), objectTag, isObject, slow);

        _b.SetBlock(isObject);
        var closure = _b.UnboxObject(callee);
        var type = _b.Load(closure, ValueBits.HeaderTypeOffset, width: 1);
        _b.CompareBranch(IntCondition.Eq, type, _b.Const(ValueBits.TypeClosure), isClosure, slow);

        _b.SetBlock(isClosure);
        var arity = _b.Load(closure, ValueBits.HeaderAuxOffset, width: 4);
        _b.CompareBranch(IntCondition.Eq, arity, _b.Const(args.Count), fast, slow);

        _b.SetBlock(fast);
        var code = _b.Load(closure, ValueBits.ClosureCodeOffset);
        _b.Emit(new CallInst(code, CallingConvention.Sox, [closure, .. args], result, _b.Line));
        _b.Jump(join);

        _b.SetBlock(slow);
        _b.Copy(result, CallThroughRuntime(callee, args));
        _b.Jump(join);

        _b.SetBlock(join);
        var value = _b.NewRegister();
        _b.Copy(value, result);
        return value;
    }
}
