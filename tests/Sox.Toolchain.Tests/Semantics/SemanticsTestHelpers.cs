using System.Collections;
using System.Runtime.CompilerServices;
using Sox.Compiler.Driver;
using Sox.Compiler.Semantics;
using Sox.Compiler.Syntax.Ast;

namespace Sox.Toolchain.Tests.Semantics;

/// <summary>Runs the real front end on source text and finds nodes of the resolved tree.</summary>
internal static class SemanticsTestHelpers
{
    /// <summary>Checks a single-file program (no imports) and returns its resolved unit.</summary>
    public static (CompilationUnit Unit, FrontEndResult Result) Check(string text)
    {
        var result = FrontEnd.CheckSource("test.sox", text);
        AssertNoInternalError(result);
        Assert.IsNotNull(result.Graph, "the entry text is in memory, so there is always a graph");
        Register(result.Graph);
        return (result.Graph.Entry.Unit, result);
    }

    /// <summary>Checks a program that must have no diagnostic at all.</summary>
    public static CompilationUnit CheckClean(string text)
    {
        var (unit, result) = Check(text);
        AssertDiagnostics(result);
        return unit;
    }

    public static void AssertNoInternalError(FrontEndResult result) =>
        Assert.IsFalse(result.Diagnostics.Any(d => d.Code == "SOX5099"), string.Join("\n", result.Diagnostics));

    /// <summary>Asserts exactly these diagnostics, each written <c>"SOXnnnn@line:col"</c>, in order.</summary>
    public static void AssertDiagnostics(FrontEndResult result, params string[] expected)
    {
        var actual = result.Diagnostics.Select(d => $"{d.Code}@{d.Location.Line}:{d.Location.Column}").ToArray();
        CollectionAssert.AreEqual(expected, actual, "got: " + string.Join("\n", result.Diagnostics));
    }

    /// <summary>Checks a program expected to report exactly these diagnostics.</summary>
    public static CompilationUnit CheckDiagnostics(string text, params string[] expected)
    {
        var (unit, result) = Check(text);
        AssertDiagnostics(result, expected);
        return unit;
    }

    /// <summary>Every node of type <typeparamref name="T"/> below <paramref name="root"/>, in source order.</summary>
    public static List<T> All<T>(Node root) where T : Node =>
        Descendants(root).OfType<T>().OrderBy(n => n.Span.Start).ToList();

    /// <summary>The reads of a name, in source order.</summary>
    public static List<VariableExpr> Uses(Node root, string name) =>
        All<VariableExpr>(root).Where(v => v.Name.Text == name).ToList();

    public static VariableExpr Use(Node root, string name) => Uses(root, name).Single();

    public static VarStmt VarDecl(Node root, string name) => All<VarStmt>(root).Single(v => v.Name.Text == name);

    public static FunctionDecl Function(Node root, string name) =>
        All<FunctionDecl>(root).Single(f => f.Name?.Text == name);

    public static FunctionInfo InfoOf(Node root, string name) => Function(root, name).Info()!;

    /// <summary>
    /// The semantic model of every module's nodes, so that tests can ask a node for what the resolver bound to it
    /// (<c>use.Symbol()</c>) without carrying the model beside every node they find.
    /// </summary>
    private static readonly ConditionalWeakTable<Node, SemanticModel> s_models = new();

    /// <summary>Makes the nodes of every module of <paramref name="graph"/> answer the extension methods below.</summary>
    public static void Register(ModuleGraph graph)
    {
        foreach (var module in graph.Modules)
        {
            foreach (var node in Descendants(module.Unit)) s_models.AddOrUpdate(node, module.Model);
        }
    }

    public static SemanticModel ModelOf(Node node) =>
        s_models.TryGetValue(node, out var model) ? model : throw new InvalidOperationException("the node's program was not checked through Register");

    public static VariableSymbol? Symbol(this Node node) => ModelOf(node).Symbol(node);

    public static FunctionInfo? Info(this FunctionDecl declaration) => ModelOf(declaration).Function(declaration);

    public static FunctionInfo ScriptInfo(this CompilationUnit unit) => ModelOf(unit).Script;

    public static VariableSymbol? KeySymbol(this ForeachStmt statement) => ModelOf(statement).ForeachKey(statement);

    public static VariableSymbol? ValueSymbol(this ForeachStmt statement) => ModelOf(statement).ForeachValue(statement);

    public static VariableSymbol? SuperclassSymbol(this Node node) => ModelOf(node).Superclass(node);

    public static VariableSymbol? ThisSymbol(this SuperExpr expression) => ModelOf(expression).Receiver(expression);

    public static string? ResolvedPath(this ImportSpec spec) => ModelOf(spec).ImportPath(spec);

    /// <summary>Walks the tree by reflection so the helper follows the AST without repeating its shape.</summary>
    private static IEnumerable<Node> Descendants(object node)
    {
        var stack = new Stack<object>();
        stack.Push(node);
        while (stack.Count > 0)
        {
            var current = stack.Pop();
            if (current is Node n) yield return n;
            foreach (var property in current.GetType().GetProperties())
            {
                if (property.GetIndexParameters().Length > 0) continue;
                var value = property.GetValue(current);
                switch (value)
                {
                    case Node child: stack.Push(child); break;
                    case TableEntry entry: stack.Push(entry.Value); break;
                    case string: break;
                    case IEnumerable items when property.PropertyType.IsGenericType:
                        foreach (var item in items)
                        {
                            if (item is Node itemNode) stack.Push(itemNode);
                            else if (item is TableEntry itemEntry) stack.Push(itemEntry.Value);
                        }
                        break;
                }
            }
        }
    }
}
