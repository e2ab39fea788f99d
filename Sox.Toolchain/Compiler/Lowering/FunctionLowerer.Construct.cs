using Sox.Compiler.Ir;
using Sox.Compiler.Syntax.Ast;

namespace Sox.Compiler.Lowering;

/// <summary>
/// <c>Foo(args)</c> where <c>Foo</c> always holds a class made by one known declaration (<see cref="KnownFunctions.LookupClass"/>,
/// issue 15): the instance is allocated directly (<c>sox_instance_alloc</c>, no dispatch on the callee's kind) and the
/// class's <c>init</c> is called directly (<c>call.sox init(closure, this, args…)</c>), so the <c>inline</c> pass can
/// inline an empty one and <c>DeadAllocations</c> can remove an instance nobody uses. Which <c>init</c> runs is known
/// statically when the class declares one, or declares none and its superclass (§5: copy-down inheritance) is itself a
/// known class, recursively. The direct path is guarded at run time by one load and compare: the class's init code
/// pointer (<c>SoxClass.initCode</c>, its cached init closure's code) is the expected function (or NULL when no init is
/// expected); anything else — and every argument count
/// that does not match, so arity errors keep their message and trace — goes through <c>sox_call</c> as before.
/// </summary>
internal sealed partial class FunctionLowerer
{
    /// <summary>The init a known class's instances run, or <c>Known == false</c> when it cannot be told statically.</summary>
    private (bool Known, FunctionDecl? Init) StaticInit(ClassStmt c)
    {
        for (var depth = 0; depth < 64; depth++)
        {
            // add_method replaces, so the last init declared wins.
            if (c.Methods.LastOrDefault(m => m.Kind == FunctionKind.Initializer) is { } own)
                return Model.Function(own) is null ? (false, null) : (true, own);
            if (c.Superclass is null) return (true, null);
            if (Model.Symbol(c.Superclass) is not { } super || _m.Known.LookupClass(super) is not { } next) return (false, null);
            c = next;
        }
        return (false, null);
    }

    /// <summary>The direct construction, or null when this call must go through <c>sox_call</c>.</summary>
    private VReg? TryLowerConstruction(VariableExpr callee, ClassStmt decl, IReadOnlyList<Expr> arguments, int line)
    {
        var (known, init) = StaticInit(decl);
        if (!known || (init?.Parameters.Count ?? 0) != arguments.Count) return null;
        var klass = ReadVariable(Model.Symbol(callee)!, callee.Span);
        var args = LowerArguments(arguments);
        _b.Line = line;

        var result = _b.NewRegister();
        var fast = _b.NewBlock("construct_direct");
        var slow = _b.NewBlock("construct_runtime");
        var join = _b.NewBlock("constructed");
        // One load and compare: the class's init code pointer (NULL without an init) is the expected function's.
        var cls = _b.UnboxObject(klass);
        var target = init is null ? null : _m.FunctionFor(Model.Function(init)!);
        var expected = target is null ? _b.Const(0) : _b.SymbolAddress(target.Symbol);
        _b.CompareBranch(IntCondition.Eq, _b.Load(cls, ValueBits.ClassInitCodeOffset), expected, fast, slow);

        _b.SetBlock(fast);
        var instance = _b.CallValue(RuntimeFunctions.InstanceAlloc, klass);
        if (target is not null)
        {
            var initClosure = _b.Load(cls, ValueBits.ClassInitOffset);
            _b.Emit(new CallInst(target.Symbol, CallingConvention.Sox, [initClosure, instance, .. args], _b.NewRegister(), line));
        }
        _b.CallC(RuntimeFunctions.InstanceFinish, [instance], hasResult: false);
        _b.Copy(result, instance);
        _b.Jump(join);

        _b.SetBlock(slow);
        _b.Copy(result, CallThroughRuntime(klass, args));
        _b.Jump(join);

        _b.SetBlock(join);
        var value = _b.NewRegister();
        _b.Copy(value, result);
        return value;
    }
}
