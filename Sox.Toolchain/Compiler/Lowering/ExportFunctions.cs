using Sox.Compiler.Ir;
using Sox.Compiler.Syntax.Ast;

namespace Sox.Compiler.Lowering;

/// <summary>
/// <c>export fn name(p: ctype, …): ctype { body }</c> (§9; docs/calling-conventions.md "Exports"). The body is an
/// ordinary Sox function bound to the name like <c>fn</c>; beside it goes a global C-ABI function named
/// <c>name</c> whose parameters arrive where the platform ABI puts their C types (the shared
/// <see cref="CodeGen.CallingConvention"/> assigns them) and which:
/// <list type="number">
/// <item>calls <c>sox_export_enter</c> (initialises the runtime on the first entry into a shared library);</item>
/// <item>converts each C argument to a Sox value;</item>
/// <item>runs the module's initialiser (run-once, §6), so the body sees the module's globals;</item>
/// <item>calls the body through the closure in the name's global slot (undefined while the top level has not yet
/// reached the declaration: "Undefined variable");</item>
/// <item>converts the result to the C return type (a runtime error when it does not fit), calls
/// <c>sox_export_leave</c> and returns.</item>
/// </list>
/// Like the extern wrappers, the entry has no line-table entry, so traces show only Sox frames (an error converting
/// an export's result names the export in its message). It is a normal frame-pointer function, so callee-saved registers are preserved for the C caller by the
/// usual prologue and epilogue.
/// </summary>
internal static class ExportFunctions
{
    public static void Emit(ModuleContext m, ExportFnStmt s)
    {
        if (m.Model.Symbol(s) is not { } symbol || m.Model.Function(s.Function) is not { } info || s.Function.Name is not { } name) return;
        var returnType = s.ReturnType.Type ?? CType.Void;
        var f = new IrFunction(SymbolNames.Export(name.Text), Linkage.Global, CallingConvention.C,
            returnType == CType.Void ? null : CInterop.IrTypeOf(returnType))
        { InLineTable = false, IsExported = true };
        var types = s.Parameters.Select(p => p.Type.Type ?? CType.Int).ToList();
        var parameters = types.Select((t, i) => f.AddParameter(CInterop.IrTypeOf(t), s.Parameters[i].Name.Text)).ToList();
        f.ParameterWidths = types.Select(CInterop.Width).ToList();
        var b = new IrBuilder(f) { Line = m.Line(s.Span) };
        b.SetBlock(f.NewBlock());

        b.CallC(CInterop.ExportEnter, [], hasResult: false);
        var values = parameters.Select((p, i) => CInterop.FromC(b, p, types[i])).ToList();
        b.CallValue(m.Names.Init());
        var closure = b.Load(b.SymbolAddress(m.Names.Globals), 8 * m.GlobalSlot(symbol));
        var defined = f.NewBlock("defined");
        var undefined = f.NewBlock("undefined");
        b.CompareBranch(IntCondition.Ne, closure, b.Const(ValueBits.Undefined), defined, undefined);
        b.SetBlock(undefined);
        b.CallNoReturn(RuntimeFunctions.UndefinedVariable, b.BoxObject(b.SymbolAddress(m.Strings.Intern(name.Text))));

        b.SetBlock(defined);
        var result = b.NewRegister();
        b.Emit(new CallInst(m.FunctionFor(info).Symbol, CallingConvention.Sox, [b.UnboxObject(closure), .. values], result, b.Line));
        var nameSymbol = m.FunctionFor(info).NameSymbol;
        VReg? cResult = returnType == CType.Void ? null : CInterop.ToC(b, result, returnType, 0, nameSymbol);
        b.CallC(CInterop.ExportLeave, [], hasResult: false);
        b.Return(cResult);
        m.Module.Functions.Add(f);
    }
}
