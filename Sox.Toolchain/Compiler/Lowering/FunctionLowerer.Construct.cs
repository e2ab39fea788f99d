using Sox.Compiler.Ir;
using Sox.Compiler.Syntax.Ast;

namespace Sox.Compiler.Lowering;

/// <summary>
/// <c>Foo(args)</c> where <c>Foo</c> always holds a class made by one known declaration (<see cref="KnownFunctions.LookupClass"/>,
/// issue 15): the instance is allocated directly (<c>sox_instance_alloc</c>, no dispatch on the callee's kind) and the
/// class's <c>init</c> is called directly (<c>call.sox init(closure, this, args…)</c>), so the <c>inline</c> pass can
/// inline an empty one and <c>DeadAllocations</c> can remove an instance nobody uses. Which <c>init</c> runs is known
/// statically when the class declares one, or declares none and its superclass (§5: copy-down inheritance) is itself a
/// known class, recursively. An argument count that does not match goes through <c>sox_call</c>, so arity errors keep
/// their message and trace.
/// <para>
/// Why no run-time guard is needed: every class the variable can hold was made by this declaration, and Sox code can
/// see a class only after its declaration has run to the end — the superclass is a plain variable (§5.4), and only
/// closures are made while the methods are added; a runtime error ends the program (§10). By then the class's init is
/// its own last <c>init</c> method, or (none declared) the init <c>sox_class_inherit</c> copied from the superclass,
/// which is a class of the known superclass declaration and so, by the same argument, has the init found there.
/// Each run of the declaration makes a new init closure, but all run the same function; the closure is still loaded
/// from the class (<c>SoxClass.init</c>) and passed on, so its captured variables are the right ones.
/// </para>
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

        // No guard: the variable holds a class of this declaration, whose init (or its absence) is the one StaticInit
        // found (see the class comment).
        var instance = _b.CallValue(RuntimeFunctions.InstanceAlloc, klass);
        if (init is not null)
        {
            var target = _m.FunctionFor(Model.Function(init)!);
            var initClosure = _b.Load(_b.UnboxObject(klass), ValueBits.ClassInitOffset);
            _b.Emit(new CallInst(target.Symbol, CallingConvention.Sox, [initClosure, instance, .. args], _b.NewRegister(), line));
        }
        _b.CallC(RuntimeFunctions.InstanceFinish, [instance], hasResult: false);
        return instance;
    }
}
