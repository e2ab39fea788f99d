using Sox.Compiler.Ir;
using Sox.Compiler.Syntax.Ast;

namespace Sox.Compiler.Lowering;

/// <summary>
/// Classes (§5, Lox): <c>sox_class_new(name)</c>; the class variable is defined before the methods are made so they
/// can name it; a superclass is checked and copied by <c>sox_class_inherit</c> and kept in the hidden superclass
/// variable that <c>super</c> reads; each method closure is added with <c>sox_class_add_method</c>. Method bodies
/// take <c>this</c> after the hidden closure; <c>init</c> always returns <c>this</c> (see FunctionLowerer.ImplicitResult).
/// </summary>
internal sealed partial class FunctionLowerer
{
    private void LowerClass(ClassStmt s)
    {
        At(s.Span);
        var cls = _b.CallValue(RuntimeFunctions.ClassNew, StringConstant(s.Name.Text));
        if (Model.Symbol(s) is { } symbol) DefineVariable(symbol, cls);
        if (s.Superclass is { } superclass)
        {
            var super = LowerExpression(superclass);
            At(superclass.Span);
            _b.CallC(RuntimeFunctions.ClassInherit, [cls, super], hasResult: false);
            if (Model.Superclass(s) is { } slot) DefineVariable(slot, super);
        }
        if (FieldsAssignedThroughThis(s) is > 0 and var fields)
        {
            At(s.Span);
            _b.CallC(RuntimeFunctions.ClassReserveFields, [cls, _b.Const(fields)], hasResult: false);
        }
        foreach (var method in s.Methods)
        {
            var closure = MakeClosure(method);
            At(method.Span);
            _b.CallC(RuntimeFunctions.ClassAddMethod, [cls, StringConstant(method.Name?.Text ?? "fn"), closure], hasResult: false);
        }
    }

    /// <summary>
    /// The distinct names assigned as <c>this.name = …</c> in the class's methods (closures inside them included):
    /// the fields its instances will most likely have, so the runtime gives the first instances room for them
    /// inline (<c>sox_class_reserve_fields</c>). A nested class's assignments count too; an estimate that is too
    /// high only costs memory.
    /// </summary>
    private static int FieldsAssignedThroughThis(ClassStmt s)
    {
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var method in s.Methods)
            foreach (var node in AstWalk.Nodes(method.Body, intoFunctions: true))
                if (node is SetExpr { Object: ThisExpr } set) names.Add(set.Name.Text);
        return names.Count;
    }

    /// <summary><c>super.m</c>: <c>sox_get_super(superclass, this, "m")</c>, the superclass's method bound to <c>this</c>.</summary>
    private VReg LowerSuper(SuperExpr s)
    {
        var (super, self) = SuperAndThis(s);
        At(s.Method.Span);
        return _b.CallValue(RuntimeFunctions.GetSuper, super, self, StringConstant(s.Method.Text));
    }

    private (VReg Super, VReg This) SuperAndThis(SuperExpr s)
    {
        var super = ReadVariable(Resolved(Model.Superclass(s), "super"), s.Span);
        var self = ReadVariable(Resolved(Model.Receiver(s), "this"), s.Span);
        return (super, self);
    }
}
