using Sox.Compiler.Diagnostics;
using Sox.Compiler.Syntax.Ast;
using Sox.Compiler.Text;

namespace Sox.Compiler.Semantics;

public sealed partial class Resolver
{
    /// <summary>
    /// First pass: every name the top level declares is a global of the module before any code is resolved, so
    /// functions bind to globals declared later in the file (late binding, §10). Redeclaring is allowed (Lox).
    /// </summary>
    private void DeclareGlobals(IReadOnlyList<Stmt> statements)
    {
        foreach (var statement in statements)
        {
            switch (statement)
            {
                case VarStmt s: DefineGlobal(s.Name.Text, s.Name.Span); break;
                case FunctionStmt { Function.Name: { } name }: DefineGlobal(name.Text, name.Span); break;
                case ClassStmt s: DefineGlobal(s.Name.Text, s.Name.Span); break;
                case ExternFnStmt s: DefineGlobal(s.Name.Text, s.Name.Span); break;
                case ExportFnStmt { Function.Name: { } name }: DefineGlobal(name.Text, name.Span); break;
                case ImportStmt s:
                    foreach (var spec in s.Imports)
                    {
                        var bound = ImportBindingName(spec);
                        if (bound is not null) DefineGlobal(bound, spec.Alias?.Span ?? spec.PathSpan);
                    }
                    break;
            }
        }
    }

    private void DefineGlobal(string name, TextSpan span)
    {
        if (!_globals.TryGetValue(name, out var symbol))
        {
            symbol = new VariableSymbol(name, SymbolKind.Global, null, span);
            _globals.Add(name, symbol);
            _globalOrder.Add(symbol);
        }
        symbol.IsDefined = true;
    }

    private Scope CurrentScope => _function.Scopes[^1];

    private void BeginScope() => _function.Scopes.Add(new Scope());

    private void EndScope() => _function.Scopes.RemoveAt(_function.Scopes.Count - 1);

    /// <summary>
    /// Declares a name where the current statement stands: the module's global at top level (collected by the
    /// first pass), else a new local or parameter of the current function (SOX3002 when the innermost scope
    /// already has it, as in Lox; the new symbol then shadows the old one so later uses stay consistent).
    /// </summary>
    private VariableSymbol Declare(Name name, SymbolKind kind)
    {
        if (AtGlobalLevel && kind != SymbolKind.Parameter) return _globals[name.Text];
        var scope = CurrentScope;
        if (scope.Contains(name.Text)) Report(DiagnosticCodes.AlreadyDeclared, name.Span, name.Text);
        var symbol = new VariableSymbol(name.Text, kind, _function.Info, name.Span);
        scope.Set(name.Text, symbol);
        if (kind == SymbolKind.Parameter) _function.Info.Parameters.Add(symbol);
        else _function.Info.Locals.Add(symbol);
        return symbol;
    }

    /// <summary>
    /// Binds a name use: the innermost local of this or an enclosing function (captured across function
    /// boundaries), else the module's global, else a built-in, else an undeclared global (warning SOX3014
    /// once per name, §10: late-bound, an error only at run time).
    /// </summary>
    private VariableSymbol Lookup(Name name, bool isAssignment)
    {
        var local = LookupLocal(name.Text);
        if (local is not null)
        {
            if (_uninitialized.Contains(local)) Report(DiagnosticCodes.ReadInOwnInitializer, name.Span, name.Text);
            return local;
        }
        if (_globals.TryGetValue(name.Text, out var global)) return global;
        if (Builtins.ByName.ContainsKey(name.Text))
        {
            // Built-ins are not variables (they compile to direct runtime calls); declare a global to replace one.
            if (isAssignment) Report(DiagnosticCodes.AssignToBuiltin, name.Span, name.Text);
            if (!_builtins.TryGetValue(name.Text, out var builtin))
            {
                builtin = new VariableSymbol(name.Text, SymbolKind.Builtin, null, name.Span);
                _builtins.Add(name.Text, builtin);
            }
            return builtin;
        }
        Report(DiagnosticCodes.NeverDefined, name.Span, name.Text);
        var undefined = new VariableSymbol(name.Text, SymbolKind.Global, null, name.Span);
        _globals.Add(name.Text, undefined);
        _globalOrder.Add(undefined);
        return undefined;
    }

    /// <summary>
    /// Finds a local (or the hidden <c>this</c>/<c>super</c> names) walking scopes outward across functions. A
    /// variable of an enclosing function becomes captured: it is added to the captures of every function from
    /// the outermost one below its owner down to the current one, as clox threads upvalues.
    /// </summary>
    private VariableSymbol? LookupLocal(string name)
    {
        var path = new List<FunctionContext>();
        for (var context = _function; context is not null; context = context.Enclosing)
        {
            for (var i = context.Scopes.Count - 1; i >= 0; i--)
            {
                if (!context.Scopes[i].TryGet(name, out var symbol)) continue;
                if (path.Count > 0)
                {
                    symbol.IsCaptured = true;
                    for (var j = path.Count - 1; j >= 0; j--) path[j].Info.CaptureIndex(symbol);
                }
                return symbol;
            }
            path.Add(context);
        }
        return null;
    }
}
