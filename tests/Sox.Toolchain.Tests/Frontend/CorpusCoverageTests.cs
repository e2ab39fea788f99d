using Sox.Compiler.Diagnostics;

namespace Sox.Toolchain.Tests.Frontend;

/// <summary>Keeps the corpus complete: every front-end diagnostic is expected somewhere, and the corpus keeps its size.</summary>
[TestClass]
public sealed class CorpusCoverageTests
{
    /// <summary>Front-end codes no corpus file can produce, each with where it is tested instead.</summary>
    private static readonly Dictionary<string, string> s_coveredElsewhere = new(StringComparer.Ordinal)
    {
        ["SOX2007"] = "nesting limits depend on the stack; RobustnessTests drives 10,000-deep nesting",
        ["SOX3103"] = "needs a file the loader cannot read, which git cannot store (and root can read anything)",
    };

    [TestMethod]
    public void EveryLexerParserResolverAndModuleDiagnosticIsExpectedByTheCorpus()
    {
        var expectedCodes = Corpus.Entries("invalid").Concat(Corpus.Entries("valid"))
            .SelectMany(f => ExpectedDiagnostic.ReadFrom(Corpus.FullPath(f)))
            .Select(e => e.Code)
            .ToHashSet(StringComparer.Ordinal);
        var frontEndCodes = DiagnosticCodes.All
            .Select(d => d.Code)
            .Where(c => c[3] is '1' or '2' or '3')
            .ToList();

        var uncovered = frontEndCodes.Where(c => !expectedCodes.Contains(c) && !s_coveredElsewhere.ContainsKey(c)).ToList();

        Assert.IsEmpty(uncovered, "No corpus file expects: " + string.Join(", ", uncovered));
        foreach (var code in s_coveredElsewhere.Keys) CollectionAssert.Contains(frontEndCodes, code, "stale exception");
    }

    [TestMethod]
    public void CorpusHasAtLeastSixtyValidAndFortyInvalidPrograms()
    {
        Assert.IsGreaterThanOrEqualTo(60, Corpus.Entries("valid").Count);
        Assert.IsGreaterThanOrEqualTo(40, Corpus.Entries("invalid").Count);
    }

    [TestMethod]
    public void SeveralInvalidFilesExpectMoreThanOneIndependentError()
    {
        var multi = Corpus.Entries("invalid")
            .Count(f => ExpectedDiagnostic.ReadFrom(Corpus.FullPath(f)).Count(e => e.Severity == DiagnosticSeverity.Error) > 1);
        Assert.IsGreaterThanOrEqualTo(5, multi);
    }
}
