using Sox.Compiler.Diagnostics;
using Sox.Compiler.Syntax;
using Sox.Compiler.Syntax.Ast;
using Sox.Compiler.Text;

namespace Sox.Toolchain.Tests.Syntax;

/// <summary>Parses snippets and compares S-expression dumps (<see cref="AstPrinter"/>) and diagnostic positions.</summary>
internal static class ParserTestHelpers
{
    public static (CompilationUnit Unit, DiagnosticBag Diagnostics) Parse(string text)
    {
        var bag = new DiagnosticBag();
        var unit = Parser.Parse(new SourceText("t.sox", text), bag);
        return (unit, bag);
    }

    /// <summary>Asserts an error-free parse whose dump (one line per top-level statement) is <paramref name="expected"/>.</summary>
    public static void AssertAst(string text, string expected)
    {
        var (unit, bag) = Parse(text);
        Assert.AreEqual(0, bag.Count, "unexpected diagnostics:\n" + string.Join("\n", bag.Items));
        Assert.AreEqual(expected, AstPrinter.Print(unit));
    }

    /// <summary>Asserts exactly these diagnostics, as "SOXnnnn@line:col", in order.</summary>
    public static void AssertDiagnostics(string text, params string[] expected)
    {
        var (_, bag) = Parse(text);
        var actual = bag.Items.Select(d => $"{d.Code}@{d.Location.Line}:{d.Location.Column}").ToArray();
        CollectionAssert.AreEqual(expected, actual, "got:\n" + string.Join("\n", bag.Items));
    }
}
