using System.Text.Json;
using System.Text.RegularExpressions;
using Sox.Compiler.Diagnostics;
using Sox.Compiler.Syntax;
using Sox.Compiler.Text;

namespace Sox.Toolchain.Tests.Editors;

/// <summary>
/// Every snippet of editors/vscode/snippets/sox.json, expanded with its default placeholder texts (as VS Code
/// inserts it before the user types), is Sox the parser accepts, and the ones the brief and the issue name exist.
/// </summary>
[TestClass]
public sealed partial class SnippetTests
{
    /// <summary>Snippets that are not statements on their own, and where they are typed.</summary>
    private static readonly Dictionary<string, (string Before, string After)> Contexts = new(StringComparer.Ordinal)
    {
        ["method"] = ("class C {\n", "\n}"),
        ["fnlambda"] = ("var f = ", ""),
    };

    private static Dictionary<string, string> ExpandedSnippets()
    {
        using var document = JsonDocument.Parse(File.ReadAllText(Path.Combine(VsCodeExtension.Folder, "snippets", "sox.json")));
        var snippets = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var snippet in document.RootElement.EnumerateObject())
        {
            var prefix = snippet.Value.GetProperty("prefix").GetString()!;
            var body = string.Join("\n", snippet.Value.GetProperty("body").EnumerateArray().Select(l => l.GetString()));
            Assert.IsTrue(snippets.TryAdd(prefix, Expand(body)), $"two snippets have the prefix {prefix}");
        }
        return snippets;
    }

    /// <summary>VS Code's snippet syntax: <c>${1:text}</c> inserts text, <c>${1|a,b|}</c> the first choice, <c>$0</c> nothing.</summary>
    private static string Expand(string body)
    {
        body = Placeholder().Replace(body, m => m.Groups[1].Value);
        body = Choice().Replace(body, m => m.Groups[1].Value);
        return Tabstop().Replace(body, "");
    }

    [GeneratedRegex(@"\$\{\d+:([^}]*)\}")]
    private static partial Regex Placeholder();

    [GeneratedRegex(@"\$\{\d+\|([^,|]*)[^}]*\|\}")]
    private static partial Regex Choice();

    [GeneratedRegex(@"\$\d+")]
    private static partial Regex Tabstop();

    [TestMethod]
    public void EverySnippetExpandsToSoxThatParses()
    {
        var snippets = ExpandedSnippets();
        foreach (var (prefix, text) in snippets)
        {
            Assert.DoesNotContain("$", text, $"snippet {prefix} keeps snippet syntax: {text}");
            var (before, after) = Contexts.GetValueOrDefault(prefix, ("", ""));
            var bag = new DiagnosticBag();
            var unit = Parser.Parse(new SourceText($"{prefix}.sox", before + text + after + "\n"), bag);
            Assert.AreEqual(0, bag.Count, $"snippet {prefix}:\n{text}\n" + string.Join("\n", bag.Items));
            Assert.IsNotEmpty(unit.Statements, $"snippet {prefix} is empty");
        }
    }

    [TestMethod]
    public void TheSnippetsForEveryDeclarationAndStatementFormExist()
    {
        var snippets = ExpandedSnippets();
        foreach (var prefix in new[] { "fn", "class", "method", "foreach", "while", "for", "if", "ifelse", "switch", "import", "test", "extern", "export" })
            Assert.IsTrue(snippets.ContainsKey(prefix), $"no snippet with the prefix {prefix}");
        StringAssert.StartsWith(snippets["test"], "#[test]\nfn ");
        StringAssert.StartsWith(snippets["extern"], "extern fn ");
        StringAssert.StartsWith(snippets["export"], "export fn ");
    }
}
