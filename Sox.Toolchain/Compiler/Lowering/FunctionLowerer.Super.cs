using Sox.Compiler.Ir;
using Sox.Compiler.Syntax.Ast;

namespace Sox.Compiler.Lowering;

/// <summary>
/// <c>super.m(args)</c> through a per-site <c>SoxSuperCache</c> (issue 15 item 4; runtime-abi.md "Instances, shapes and
/// inline caches"). A super call always looks <c>m</c> up in the same place: the methods of the superclass held by the
/// enclosing class declaration's hidden superclass variable (§5). So the site keeps (class id, method closure): when the
/// superclass's id equals the cached one, the cached closure's code is called directly with the receiver and the
/// arguments in registers (<see cref="EmitMethodCall"/>). The class id compare is marked with a
/// <see cref="SuperProbeGuard"/> listing both direct calls, so <c>inline.methods</c> can run a small target in place
/// behind a compare of the same class id and of the receiver's shape (<c>Passes/MethodInlining.cs</c>).
/// <para>
/// Why the cache cannot go stale: class ids are never reused (a dead class's address may be, its id not), and a class's
/// method table is fixed once its declaration has run — a class value is visible to Sox code only after that, since
/// only closures are made while the methods are added. A class declared twice is two classes with two ids, so a
/// subclass of each keeps calling its own superclass's method. A miss asks <c>sox_super_lookup</c>, which fills the
/// cache when the method exists with this arity; otherwise the call goes through <c>sox_invoke_super</c> with an argument
/// array as before, which reports "Undefined property" and arity errors with the same trace (the call's line).
/// </para>
/// </summary>
internal sealed partial class FunctionLowerer
{
    private VReg LowerSuperCall(SuperExpr super, IReadOnlyList<Expr> arguments, int line)
    {
        var (superclass, self) = SuperAndThis(super);
        var args = LowerArguments(arguments);
        _b.Line = line;
        var name = super.Method.Text;
        var cache = _b.SymbolAddress(_m.Names.PropertyCaches, _m.NewSuperCache());
        var method = _b.NewRegister();
        var result = _b.NewRegister();
        var hit = _b.NewBlock("super_hit");
        var lookup = _b.NewBlock("super_lookup");
        var call = _b.NewBlock("super_call");
        var generic = _b.NewBlock("super_generic");
        var join = _b.NewBlock("super_called");

        // The hidden superclass variable always holds a class: sox_class_inherit checked it before it was defined.
        var id = _b.Load(_b.UnboxObject(superclass), ValueBits.ClassIdOffset);
        var site = new SuperProbeGuard();
        _b.Emit(new CompareBranchInst(IntCondition.Eq, id, _b.Load(cache, 0), hit, lookup, _b.Line) { Guard = site });

        // The usual case: its own call, so the hit path has no copy and no extra jump (as an invoke's entry 0).
        _b.SetBlock(hit);
        EmitMethodCall(_b.Load(cache, 8), self, args, result, name, site);
        _b.Jump(join);

        _b.SetBlock(lookup);
        _b.Copy(method, _b.CallValue(RuntimeFunctions.SuperLookup, superclass, StringConstant(name), _b.Const(args.Count), cache));
        _b.CompareBranch(IntCondition.Ne, method, _b.Const(0), call, generic);

        _b.SetBlock(call);
        EmitMethodCall(method, self, args, result, name, site);
        _b.Jump(join);

        _b.SetBlock(generic);
        var array = StoreArray(args, "args");
        _b.Copy(result, _b.CallValue(RuntimeFunctions.InvokeSuper, superclass, self, StringConstant(name), _b.Const(args.Count), array));
        _b.Jump(join);

        _b.SetBlock(join);
        return CopyOf(result);
    }
}
