using System.Runtime.CompilerServices;
using Sox.Compiler.Diagnostics;
using Sox.Compiler.Semantics;
using Sox.Compiler.Syntax;
using Sox.Compiler.Syntax.Ast;
using Sox.Compiler.Text;

namespace Sox.LanguageServices;

/// <summary>
/// Every name of one module with what it refers to, built by one walk over the parser's tree with the resolver's
/// <see cref="SemanticModel"/>: variable declarations and uses, member names, import paths, classes with their
/// methods and fields, the table the module returns, and where each local is visible (for completion).
/// Cached per <see cref="SourceModule"/> object (a graph is read-only once loaded).
/// </summary>
internal sealed partial class ModuleIndex
{
    private static readonly ConditionalWeakTable<SourceModule, ModuleIndex> s_cache = new();

    private readonly List<Occurrence> _occurrences = new();
    private readonly List<ClassInfo> _classes = new();
    private readonly Dictionary<FunctionDecl, ClassInfo> _methodClasses = new(ReferenceEqualityComparer.Instance);
    private readonly Dictionary<VariableSymbol, Declaration> _declarations = new(ReferenceEqualityComparer.Instance);
    private readonly Dictionary<VariableSymbol, Expr> _initializers = new(ReferenceEqualityComparer.Instance);
    private readonly List<(VariableSymbol Symbol, TextSpan Visible)> _locals = new();
    private readonly List<FunctionInfo> _functionStack = new();
    private readonly List<int> _scopeEnds = new();
    private readonly HashSet<TableLiteral> _exportTables = new(ReferenceEqualityComparer.Instance);

    private ModuleIndex(SourceModule module)
    {
        Module = module;
        Lines = new LineMap(module.Unit.Source.Text);
    }

    public SourceModule Module { get; }

    public string Path => Module.FullPath;

    public SemanticModel Model => Module.Model;

    public string Text => Module.Unit.Source.Text;

    public LineMap Lines { get; }

    /// <summary>
    /// The file's tokens, for the queries that must work on text the parser could not make sense of (completion
    /// after <c>this.</c>, signature help inside an unclosed call). Lexed on first use.
    /// </summary>
    public IReadOnlyList<Token> Tokens => _tokens ??= Lexer.Tokenize(Module.Unit.Source, new DiagnosticBag());

    private IReadOnlyList<Token>? _tokens;

    /// <summary>Every name, in source order.</summary>
    public IReadOnlyList<Occurrence> Occurrences => _occurrences;

    public IReadOnlyList<ClassInfo> Classes => _classes;

    /// <summary>The entries of the table the module returns (§6), or empty.</summary>
    public IReadOnlyList<TableEntry> Exports { get; private set; } = [];

    public static ModuleIndex For(SourceModule module) => s_cache.GetValue(module, m => new ModuleIndex(m).Build());

    public Declaration? DeclarationOf(VariableSymbol symbol) => _declarations.GetValueOrDefault(symbol);

    public ClassInfo? ClassOfMethod(FunctionDecl method) => _methodClasses.GetValueOrDefault(method);

    public Expr? InitializerOf(VariableSymbol symbol) => _initializers.GetValueOrDefault(symbol);

    /// <summary>The locals and parameters visible at an offset, innermost declarations last.</summary>
    public IEnumerable<VariableSymbol> LocalsAt(int offset) =>
        _locals.Where(l => l.Visible.Start <= offset && offset <= l.Visible.End).Select(l => l.Symbol);

    /// <summary>The name at an offset (one ending at the offset counts, so a cursor just after a name finds it).</summary>
    public Occurrence? OccurrenceAt(int offset)
    {
        int low = 0, high = _occurrences.Count - 1, found = -1;
        while (low <= high)
        {
            var mid = (low + high) / 2;
            if (_occurrences[mid].Span.Start <= offset)
            {
                found = mid;
                low = mid + 1;
            }
            else high = mid - 1;
        }
        if (found < 0) return null;
        var occurrence = _occurrences[found];
        return offset <= occurrence.Span.End ? occurrence : null;
    }

    /// <summary>The class whose method (or a function nested in one) contains an offset, innermost.</summary>
    public ClassInfo? ClassAt(int offset) =>
        _classes.Where(c => c.Statement.Span.Start <= offset && offset <= c.Statement.Span.End)
            .OrderByDescending(c => c.Statement.Span.Start).FirstOrDefault();

    private ModuleIndex Build()
    {
        var unit = Module.Unit;
        FindExports(unit.Statements);
        _functionStack.Add(Model.Script);
        _scopeEnds.Add(unit.Span.End);
        Statements(unit.Statements);
        _occurrences.Sort((a, b) => a.Span.Start != b.Span.Start ? a.Span.Start.CompareTo(b.Span.Start) : a.Span.Length.CompareTo(b.Span.Length));
        LinkSuperclasses();
        return this;
    }

    /// <summary>
    /// The module's value is what its top-level <c>return</c> returns (§6): a table literal, or a global holding a
    /// table (<c>var M = {…}</c> or <c>var M = Table()</c>, then top-level <c>M.key = …</c> assignments, <c>return M</c>).
    /// </summary>
    private void FindExports(IReadOnlyList<Stmt> statements)
    {
        foreach (var statement in statements)
        {
            if (statement is not ReturnStmt { Value: { } value }) continue;
            if (value is TableLiteral literal)
            {
                _exportTables.Add(literal);
                Exports = literal.Entries;
                continue;
            }
            if (value is not VariableExpr variable) continue;
            var name = variable.Name.Text;
            if (statements.OfType<VarStmt>().LastOrDefault(v => v.Name.Text == name) is not { } declaration) continue;
            var entries = new List<TableEntry>();
            if (declaration.Initializer is TableLiteral initial)
            {
                _exportTables.Add(initial);
                entries.AddRange(initial.Entries);
            }
            foreach (var assignment in statements.OfType<ExpressionStmt>().Select(s => s.Expression).OfType<SetExpr>())
            {
                if (assignment.Object is VariableExpr target && target.Name.Text == name)
                {
                    entries.Add(new TableEntry(assignment.Name.Text, assignment.Name.Span, assignment.Value));
                }
            }
            Exports = entries;
        }
    }

    private void LinkSuperclasses()
    {
        foreach (var info in _classes)
        {
            if (info.Statement.Superclass is not { } superclass) continue;
            if (Model.Symbol(superclass) is not { } symbol) continue;
            if (DeclarationOf(symbol)?.Class is { } super && super != info) info.Superclass = super;
        }
    }

    private FunctionInfo CurrentFunction => _functionStack[^1];

    private void Add(Occurrence occurrence)
    {
        if (occurrence.Span.Length == 0 && occurrence.Kind != OccurrenceKind.ImportPath) return;
        _occurrences.Add(occurrence);
    }

    private void Variable(Name name, VariableSymbol? symbol, bool declaration) => Add(new Occurrence
    {
        Span = name.Span,
        Kind = OccurrenceKind.Variable,
        Name = name.Text,
        Symbol = symbol,
        IsDeclaration = declaration,
        Function = CurrentFunction,
    });

    /// <summary>Declares a variable: a declaration occurrence, its declaring node, and its visibility when local.</summary>
    private void Declare(Name name, VariableSymbol? symbol, Node node, FunctionDecl? function = null, ClassInfo? @class = null)
    {
        Variable(name, symbol, declaration: true);
        if (symbol is null) return;
        _declarations.TryAdd(symbol, new Declaration(node, name.Span, function, @class));
        if (!symbol.IsGlobal) _locals.Add((symbol, TextSpan.FromBounds(name.Span.Start, _scopeEnds[^1])));
    }

    private void WithScope(int end, Action body)
    {
        _scopeEnds.Add(end);
        try
        {
            body();
        }
        finally
        {
            _scopeEnds.RemoveAt(_scopeEnds.Count - 1);
        }
    }

    private void Function(FunctionDecl decl)
    {
        var info = Model.Function(decl);
        if (info is null) return;
        _functionStack.Add(info);
        WithScope(decl.Span.End, () =>
        {
            for (var i = 0; i < decl.Parameters.Count; i++)
            {
                var parameter = decl.Parameters[i];
                var symbol = i < info.Parameters.Count && info.Parameters[i].Name == parameter.Text ? info.Parameters[i] : null;
                Declare(parameter, symbol, decl, decl);
            }
            Statements(decl.Body);
        });
        _functionStack.RemoveAt(_functionStack.Count - 1);
    }

    private void Statements(IReadOnlyList<Stmt> statements)
    {
        foreach (var statement in statements) Statement(statement);
    }
}
