using System.Text;
using Sox.Compiler.Diagnostics;

namespace Sox.Toolchain.Tests.Frontend;

/// <summary>
/// docs/diagnostics.md lists every diagnostic code; its table is generated from <see cref="DiagnosticCodes.All"/>
/// and checked here so the doc cannot drift. After adding a code, run the tests with SOX_UPDATE_DOCS=1 to
/// rewrite the table (then review and commit the doc).
/// </summary>
[TestClass]
public sealed class DiagnosticsDocumentationTests
{
    private const string Begin = "<!-- BEGIN GENERATED: diagnostic table (DiagnosticsDocumentationTests) -->";
    private const string End = "<!-- END GENERATED -->";

    [TestMethod]
    public void DiagnosticsDocListsEveryCodeWithItsSeverityAndTitle()
    {
        var path = Path.Combine(Corpus.RepositoryRoot, "docs", "diagnostics.md");
        var doc = File.ReadAllText(path).ReplaceLineEndings("\n");
        var begin = doc.IndexOf(Begin, StringComparison.Ordinal);
        var end = doc.IndexOf(End, StringComparison.Ordinal);
        Assert.IsTrue(begin >= 0 && end > begin, $"{path} lacks the generated-table markers.");

        var current = doc[(begin + Begin.Length)..end];
        var expected = "\n" + Table() + "\n";
        if (current == expected) return;

        if (Environment.GetEnvironmentVariable("SOX_UPDATE_DOCS") == "1")
        {
            File.WriteAllText(path, doc[..(begin + Begin.Length)] + expected + doc[end..]);
            Assert.Inconclusive("docs/diagnostics.md was rewritten; review and commit it.");
        }
        Assert.Fail($"docs/diagnostics.md is out of date (run the tests with SOX_UPDATE_DOCS=1). Expected table:\n{expected}");
    }

    [TestMethod]
    public void EveryCodeAppearsInTheDocExactlyOnceAsATableRow()
    {
        var doc = File.ReadAllText(Path.Combine(Corpus.RepositoryRoot, "docs", "diagnostics.md"));
        foreach (var d in DiagnosticCodes.All)
        {
            var rows = doc.Split('\n').Count(l => l.StartsWith($"| {d.Code} |", StringComparison.Ordinal));
            Assert.AreEqual(1, rows, $"{d.Code} ({d.Title}) should have exactly one row in docs/diagnostics.md");
        }
    }

    private static string Table()
    {
        var table = new StringBuilder("| code | severity | title | message |\n|---|---|---|---|");
        foreach (var d in DiagnosticCodes.All)
        {
            var severity = d.Severity == DiagnosticSeverity.Error ? "error" : "warning";
            table.Append($"\n| {d.Code} | {severity} | {d.Title.Replace("|", "\\|")} | {Escape(d.MessageFormat)} |");
        }
        return table.ToString();
    }

    /// <summary>Message formats as code (placeholders and quotes read literally), the table intact in Markdown.</summary>
    private static string Escape(string text) =>
        "`" + text.Replace("{{", "{").Replace("}}", "}").Replace("|", "\\|") + "`";
}
