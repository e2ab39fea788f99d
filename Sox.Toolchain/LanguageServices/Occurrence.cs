using Sox.Compiler.Semantics;
using Sox.Compiler.Syntax.Ast;
using Sox.Compiler.Text;

namespace Sox.LanguageServices;

/// <summary>What a name in the source is, as far as navigation cares.</summary>
internal enum OccurrenceKind
{
    /// <summary>A variable's declaration or use (<see cref="Occurrence.Symbol"/> says which variable).</summary>
    Variable,
    /// <summary>A property name: <c>obj.name</c>, a method's name, a <c>super.name</c>, a table key.</summary>
    Member,
    /// <summary>The path string of an import.</summary>
    ImportPath,
    /// <summary>The keyword <c>this</c>.</summary>
    This,
    /// <summary>The keyword <c>super</c> of <c>super.m</c>.</summary>
    Super,
}

/// <summary>What a member name does.</summary>
internal enum MemberRole
{
    /// <summary>Not a member.</summary>
    None,
    /// <summary>A method's name in its class.</summary>
    MethodDeclaration,
    /// <summary><c>obj.name</c> read or assigned.</summary>
    Use,
    /// <summary><c>super.name</c>.</summary>
    SuperUse,
    /// <summary>A key of a table literal.</summary>
    TableKey,
}

/// <summary>One name of a file with what it refers to; built once per module by <see cref="ModuleIndex"/>.</summary>
internal sealed class Occurrence
{
    public required TextSpan Span { get; init; }

    public required OccurrenceKind Kind { get; init; }

    /// <summary>The name as written (for a string table key, its value).</summary>
    public required string Name { get; init; }

    /// <summary>The variable of a <see cref="OccurrenceKind.Variable"/> or <see cref="OccurrenceKind.This"/>.</summary>
    public VariableSymbol? Symbol { get; init; }

    /// <summary>True where the name is declared (a <c>var</c>, parameter, function, class, method, import alias).</summary>
    public bool IsDeclaration { get; init; }

    /// <summary>The innermost function the name stands in (the script for top-level code).</summary>
    public FunctionInfo? Function { get; init; }

    public MemberRole Role { get; init; }

    /// <summary>The receiver of a member use (<c>a</c> in <c>a.b</c>); null for declarations and <c>super</c>.</summary>
    public Expr? Receiver { get; init; }

    /// <summary>The class a method declaration belongs to, or the class whose method a <c>super</c> stands in.</summary>
    public ClassInfo? Class { get; init; }

    /// <summary>The import of an <see cref="OccurrenceKind.ImportPath"/> or of an import's alias.</summary>
    public ImportSpec? Import { get; init; }

    /// <summary>True for the keys of the table the module returns (its value, §6).</summary>
    public bool IsExportKey { get; init; }

    public bool Contains(int offset) => Span.Start <= offset && offset <= Span.End;
}

/// <summary>A class declaration with its methods and the fields its methods assign through <c>this</c>.</summary>
internal sealed class ClassInfo(ClassStmt statement, VariableSymbol? symbol, string modulePath)
{
    public ClassStmt Statement { get; } = statement;

    public string Name => Statement.Name.Text;

    /// <summary>The variable the class is bound to.</summary>
    public VariableSymbol? Symbol { get; } = symbol;

    public string ModulePath { get; } = modulePath;

    /// <summary>The superclass, when its name resolves to a class declared in the same file.</summary>
    public ClassInfo? Superclass { get; set; }

    /// <summary>Methods by name (the first when a name repeats).</summary>
    public Dictionary<string, FunctionDecl> Methods { get; } = new(StringComparer.Ordinal);

    /// <summary>Fields by name: the first <c>this.name = …</c> in the class's methods.</summary>
    public Dictionary<string, TextSpan> Fields { get; } = new(StringComparer.Ordinal);

    /// <summary>This class and its superclasses, nearest first (a cycle, which SOX3007 reports, stops the walk).</summary>
    public IEnumerable<ClassInfo> SelfAndAncestors()
    {
        var seen = new HashSet<ClassInfo>();
        for (var c = this; c is not null && seen.Add(c); c = c.Superclass) yield return c;
    }

    /// <summary>The topmost ancestor: classes sharing a root form one family, whose members are matched by name.</summary>
    public ClassInfo Root => SelfAndAncestors().Last();

    /// <summary>A key equal for the same declaration in different analyses of the same file.</summary>
    public string Key => $"{ModulePath}|{Statement.Name.Span.Start}";
}

/// <summary>What a variable is declared by.</summary>
/// <param name="Node">The declaring statement, import or function (for a parameter).</param>
/// <param name="NameSpan">The declared name.</param>
/// <param name="Function">The function a <c>fn</c>, <c>export fn</c> or <c>var f = fn …</c> declares; the owner of a parameter.</param>
/// <param name="Class">The class a class declaration declares.</param>
internal sealed record Declaration(Node Node, TextSpan NameSpan, FunctionDecl? Function, ClassInfo? Class);
