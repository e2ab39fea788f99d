using Sox.Compiler.Semantics;
using Sox.Compiler.Syntax.Ast;

namespace Sox.Compiler.Lowering;

/// <summary>
/// Variables that always hold the closure of one <c>fn</c> declaration once defined, so a call through them can
/// go straight to the function's symbol (architecture.md D2: calls to known functions are direct). A variable
/// qualifies when a <see cref="FunctionStmt"/> is its only definition and no assignment targets it anywhere in
/// the module: for a global, no other top-level declaration of the name (var, class, import, extern, a second
/// fn); globals are per module (§6), so no other module can assign it. A global can still be read before its
/// definition runs, so direct calls through globals keep the undefined check.
/// </summary>
public sealed class KnownFunctions
{
    private readonly Dictionary<VariableSymbol, FunctionDecl> _known = new();
    private readonly Dictionary<VariableSymbol, ExternFnStmt> _externs = new();
    private readonly Dictionary<VariableSymbol, ClassStmt> _classes = new();

    /// <summary>Finds the known functions and <c>extern fn</c> bindings of one module.</summary>
    /// <param name="model">The module's resolved symbols, by node.</param>
    public KnownFunctions(SemanticModel model)
    {
        var definitions = new Dictionary<VariableSymbol, int>();
        var assigned = new HashSet<VariableSymbol>();
        var candidates = new Dictionary<VariableSymbol, FunctionDecl>();
        var externs = new Dictionary<VariableSymbol, ExternFnStmt>();
        var classes = new Dictionary<VariableSymbol, ClassStmt>();
        void Define(VariableSymbol? s) { if (s is not null) definitions[s] = definitions.GetValueOrDefault(s) + 1; }

        foreach (var node in AstWalk.Nodes(model.Unit.Statements, intoFunctions: true))
        {
            switch (node)
            {
                case FunctionStmt f when model.Symbol(f) is { } s:
                    Define(s);
                    candidates[s] = f.Function;
                    break;
                case VarStmt v: Define(model.Symbol(v)); break;
                case ClassStmt c when model.Symbol(c) is { } s:
                    Define(s);
                    classes[s] = c;
                    break;
                case ExternFnStmt x when model.Symbol(x) is { } s:
                    Define(s);
                    externs[s] = x;
                    break;
                case ExportFnStmt x: Define(model.Symbol(x)); break;
                case ImportStmt i:
                    foreach (var spec in i.Imports) Define(model.Symbol(spec));
                    break;
                case AssignExpr a when model.Symbol(a) is { } s:
                    assigned.Add(s);
                    break;
            }
        }
        foreach (var (symbol, decl) in candidates)
        {
            if (definitions[symbol] == 1 && !assigned.Contains(symbol) && model.Function(decl) is not null) _known[symbol] = decl;
        }
        foreach (var (symbol, decl) in externs)
        {
            if (definitions[symbol] == 1 && !assigned.Contains(symbol)) _externs[symbol] = decl;
        }
        foreach (var (symbol, decl) in classes)
        {
            if (definitions[symbol] == 1 && !assigned.Contains(symbol)) _classes[symbol] = decl;
        }
    }

    /// <summary>The declaration whose closure the variable always holds, or null.</summary>
    public FunctionDecl? Lookup(VariableSymbol symbol) => _known.GetValueOrDefault(symbol);

    /// <summary>The <c>extern fn</c> (§9) whose function the variable always holds, or null.</summary>
    public ExternFnStmt? LookupExtern(VariableSymbol symbol) => _externs.GetValueOrDefault(symbol);

    /// <summary>
    /// The <c>class</c> declaration (§5) that made every class the variable can hold, or null. Each run of the
    /// declaration makes a new class (in a loop or function), but all of them have this declaration's methods.
    /// </summary>
    public ClassStmt? LookupClass(VariableSymbol symbol) => _classes.GetValueOrDefault(symbol);
}
