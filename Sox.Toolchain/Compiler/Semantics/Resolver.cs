using System.Runtime.CompilerServices;
using Sox.Compiler.Diagnostics;
using Sox.Compiler.Syntax.Ast;
using Sox.Compiler.Text;

namespace Sox.Compiler.Semantics;

/// <summary>
/// Name resolution for one module (one file). Binds every name use to a <see cref="VariableSymbol"/>, gives
/// every function its <see cref="FunctionInfo"/> (parameters, locals, clox-style captures) and checks the
/// static rules of §4–§9 (this/super placement, break/continue, returns, extern/export declarations).
/// <para>
/// Scoping (Lox, §10): the top level of a file declares the module's globals, late-bound, so a function may use
/// a global declared further down. A module sees only its own globals plus the built-ins of §8; other modules
/// are reached only through the value an import binds (§6). Blocks at top level are local scopes of the
/// script function.
/// </para>
/// </summary>
public sealed partial class Resolver
{
    private readonly SourceText _source;
    private readonly DiagnosticBag _diagnostics;
    private readonly SemanticModel _model;

    /// <summary>Declared globals and, once used, undeclared ones (IsDefined false): one symbol per name.</summary>
    private readonly Dictionary<string, VariableSymbol> _globals = new(StringComparer.Ordinal);
    private readonly List<VariableSymbol> _globalOrder = new();
    private readonly Dictionary<string, VariableSymbol> _builtins = new(StringComparer.Ordinal);
    private readonly List<ImportSpec> _imports = new();

    /// <summary>Locals whose initializer is being resolved (<c>var x = x</c> is an error, as in Lox).</summary>
    private readonly HashSet<VariableSymbol> _uninitialized = new();

    private FunctionContext _function;
    private ClassContext? _class;
    private int _depth;
    private bool _tooDeepReported;

    private Resolver(CompilationUnit unit, DiagnosticBag diagnostics)
    {
        _source = unit.Source;
        _diagnostics = diagnostics;
        var script = new FunctionInfo(null, FunctionKind.Script, null, "script");
        _model = new SemanticModel(unit, script);
        _function = new FunctionContext(script, null);
    }

    /// <summary>
    /// Resolves a parsed file into a <see cref="SemanticModel"/> of its tree (the tree is not changed), reporting
    /// into <paramref name="diagnostics"/>.
    /// </summary>
    public static ResolverResult Resolve(CompilationUnit unit, DiagnosticBag diagnostics)
    {
        var resolver = new Resolver(unit, diagnostics);
        resolver.DeclareGlobals(unit.Statements);
        resolver.ResolveStatements(unit.Statements);
        resolver._model.Globals = resolver._globalOrder;
        return new ResolverResult(resolver._model, resolver._imports);
    }

    /// <summary>True while resolving top-level statements outside any block: declarations there are globals.</summary>
    private bool AtGlobalLevel => _function.Enclosing is null && _function.Scopes.Count == 0;

    private void Report(DiagnosticDescriptor descriptor, TextSpan span, params object?[] args) =>
        _diagnostics.Report(descriptor, _source, span, args);

    /// <summary>
    /// Guards the recursion over deeply nested input: reports SOX2007 once instead of overflowing the stack.
    /// Callers that get false skip the subtree (the compilation has failed anyway).
    /// </summary>
    private bool EnterNesting(TextSpan span)
    {
        if (RuntimeHelpers.TryEnsureSufficientExecutionStack())
        {
            _depth++;
            return true;
        }
        if (!_tooDeepReported)
        {
            _tooDeepReported = true;
            Report(DiagnosticCodes.NestingTooDeep, span, _depth);
        }
        return false;
    }

    private void LeaveNesting() => _depth--;
}
