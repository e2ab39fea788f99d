using Sox.Compiler.Diagnostics;
using Sox.Compiler.Syntax.Ast;

namespace Sox.Compiler.Semantics;

public sealed partial class Resolver
{
    /// <summary>Hidden scope names; both are keywords, so no user variable can collide with them.</summary>
    private const string ThisName = "this";
    private const string SuperName = "super";

    /// <summary>The name is declared before the body is resolved so the function can call itself.</summary>
    private void ResolveFunctionStatement(FunctionStmt statement)
    {
        var decl = statement.Function;
        if (decl.Name is not null) _model.Bind(statement, Declare(decl.Name, SymbolKind.Local));
        ResolveFunction(decl, decl.Name?.Text ?? "fn");
    }

    /// <summary>
    /// Resolves a function body (declaration, lambda, method, initializer, defer or export) in a new function
    /// context whose outermost scope holds the receiver (methods), then the parameters, then the body's own
    /// declarations: as in Lox a body variable can't redeclare a parameter.
    /// </summary>
    private void ResolveFunction(FunctionDecl decl, string displayName)
    {
        var info = new FunctionInfo(decl, decl.Kind, _function.Info, displayName);
        _function.Info.Children.Add(info);
        _model.BindFunction(decl, info);
        if (decl.IsTest && decl.Parameters.Count != 1)
        {
            Report(DiagnosticCodes.TestArity, decl.Name?.Span ?? decl.Span);
        }

        var enclosing = _function;
        _function = new FunctionContext(info, enclosing);
        BeginScope();
        if (decl.Kind is FunctionKind.Method or FunctionKind.Initializer)
        {
            var receiver = new VariableSymbol(ThisName, SymbolKind.This, info, decl.Name?.Span ?? decl.Span);
            info.This = receiver;
            CurrentScope.Set(ThisName, receiver);
        }
        foreach (var parameter in decl.Parameters) Declare(parameter, SymbolKind.Parameter);
        ResolveStatements(decl.Body);
        EndScope();
        _function = enclosing;
    }

    /// <summary>
    /// The class name is declared before its methods (they may name the class). A subclass gets a hidden
    /// <see cref="SymbolKind.Superclass"/> local of the function enclosing the class, in a scope around the
    /// methods, exactly like clox's <c>super</c> local; at top level it is a local of the script function, so
    /// methods capture it like any other variable.
    /// </summary>
    private void ResolveClass(ClassStmt statement)
    {
        _model.Bind(statement, Declare(statement.Name, SymbolKind.Local));
        var superclass = statement.Superclass;
        if (superclass is not null)
        {
            if (superclass.Name.Text == statement.Name.Text) Report(DiagnosticCodes.InheritFromSelf, superclass.Span);
            ResolveExpression(superclass);
            BeginScope();
            var slot = new VariableSymbol(SuperName, SymbolKind.Superclass, _function.Info, superclass.Span);
            CurrentScope.Set(SuperName, slot);
            _function.Info.Locals.Add(slot);
            _model.BindSuperclass(statement, slot);
        }

        var enclosingClass = _class;
        _class = new ClassContext(superclass is not null, enclosingClass);
        foreach (var method in statement.Methods)
        {
            ResolveFunction(method, method.Name?.Text ?? "fn");
            if (_model.Function(method) is { } info) info.ClassName = statement.Name.Text;
        }
        _class = enclosingClass;

        if (superclass is not null) EndScope();
    }

    /// <summary>§9: extern declarations bind a native function; they belong at the top level only.</summary>
    private void ResolveExtern(ExternFnStmt statement)
    {
        if (!AtGlobalLevel) Report(DiagnosticCodes.NativeDeclarationNotTopLevel, statement.Span, "extern");
        CheckCSignature(statement.Parameters, statement.ReturnType);
        _model.Bind(statement, Declare(statement.Name, SymbolKind.Local));
    }

    /// <summary>§9: an export is a C-ABI symbol of the module, so it must be a top-level declaration.</summary>
    private void ResolveExport(ExportFnStmt statement)
    {
        if (!AtGlobalLevel) Report(DiagnosticCodes.NativeDeclarationNotTopLevel, statement.Span, "export");
        CheckCSignature(statement.Parameters, statement.ReturnType);
        var decl = statement.Function;
        if (decl.Name is not null) _model.Bind(statement, Declare(decl.Name, SymbolKind.Local));
        if (decl.Name is { } name && (name.Text == "main" || name.Text.StartsWith("sox_", StringComparison.Ordinal)))
            Report(DiagnosticCodes.ReservedExportName, name.Span, name.Text);
        ResolveFunction(decl, decl.Name?.Text ?? "fn");
    }

    /// <summary>Every type must be one of §9's C types; <c>void</c> only as the return type.</summary>
    private void CheckCSignature(IReadOnlyList<CParameter> parameters, CTypeRef returnType)
    {
        foreach (var parameter in parameters)
        {
            if (parameter.Type.Type is null) Report(DiagnosticCodes.UnknownCType, parameter.Type.Span, parameter.Type.Text);
            else if (parameter.Type.Type == CType.Void) Report(DiagnosticCodes.VoidParameter, parameter.Type.Span);
        }
        if (returnType.Type is null) Report(DiagnosticCodes.UnknownCType, returnType.Span, returnType.Text);
    }
}
