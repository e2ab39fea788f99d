using System.Text;
using Sox.Compiler.Driver;

namespace Sox.Toolchain.Tests.Frontend;

/// <summary>
/// One test per corpus file: the front end must report exactly the annotated (severity, code, file, line,
/// column) set — no more, no fewer. Valid files carry at most warning annotations.
/// </summary>
[TestClass]
public sealed class CorpusTests
{
    public static IEnumerable<object[]> ValidFiles => Corpus.Entries("valid").Select(f => new object[] { f });

    public static IEnumerable<object[]> InvalidFiles => Corpus.Entries("invalid").Select(f => new object[] { f });

    [TestMethod]
    [DynamicData(nameof(ValidFiles))]
    public void ValidProgramChecksCleanWithExactlyTheAnnotatedWarnings(string file)
    {
        var expected = ExpectedDiagnostic.ReadFrom(Corpus.FullPath(file));
        Assert.IsFalse(
            expected.Any(e => e.Severity == Sox.Compiler.Diagnostics.DiagnosticSeverity.Error),
            $"{file} is in the valid corpus but expects errors; move it to invalid/.");

        var result = FrontEnd.Check(Corpus.FullPath(file));

        AssertSameDiagnostics(file, expected, result);
        Assert.IsTrue(result.Success, $"{file} should check clean.");
        Assert.IsNotNull(result.Graph);
    }

    [TestMethod]
    [DynamicData(nameof(InvalidFiles))]
    public void InvalidProgramReportsExactlyTheAnnotatedDiagnostics(string file)
    {
        var expected = ExpectedDiagnostic.ReadFrom(Corpus.FullPath(file));
        Assert.IsTrue(
            expected.Any(e => e.Severity == Sox.Compiler.Diagnostics.DiagnosticSeverity.Error),
            $"{file} is in the invalid corpus but expects no error.");

        var result = FrontEnd.Check(Corpus.FullPath(file));

        AssertSameDiagnostics(file, expected, result);
        Assert.IsFalse(result.Success);
    }

    private static void AssertSameDiagnostics(string file, IReadOnlyList<ExpectedDiagnostic> expected, FrontEndResult result)
    {
        var actual = result.Diagnostics.Select(ExpectedDiagnostic.Of).ToList();
        var missing = Subtract(expected, actual);
        var unexpected = Subtract(actual, expected);
        if (missing.Count == 0 && unexpected.Count == 0) return;

        var message = new StringBuilder($"Diagnostics of {file} differ from its annotations.");
        foreach (var m in missing) message.Append("\n  missing:    ").Append(m);
        foreach (var u in unexpected)
        {
            var full = result.Diagnostics.First(d => ExpectedDiagnostic.Of(d) == u);
            message.Append("\n  unexpected: ").Append(u).Append("   // ").Append(full.Message);
        }
        Assert.Fail(message.ToString());
    }

    /// <summary>Multiset difference, so a diagnostic reported twice where one is expected shows as unexpected.</summary>
    private static List<ExpectedDiagnostic> Subtract(IEnumerable<ExpectedDiagnostic> from, IEnumerable<ExpectedDiagnostic> remove)
    {
        var left = from.ToList();
        foreach (var r in remove) left.Remove(r);
        return left;
    }
}
