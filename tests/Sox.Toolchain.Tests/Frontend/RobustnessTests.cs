using System.Globalization;
using System.Text;
using Sox.Compiler.Diagnostics;
using Sox.Compiler.Driver;

namespace Sox.Toolchain.Tests.Frontend;

/// <summary>
/// The front end must survive any input: it never throws, never reports an internal error (SOX5099) and always
/// ends in success or in error diagnostics. Longer fuzz runs: SOX_FUZZ_SEED=n SOX_FUZZ_CASES=m.
/// </summary>
[TestClass]
public sealed class RobustnessTests
{
    private const int DefaultSeed = 20261124;
    private const int DefaultCases = 2000;
    private const int Depth = 10_000;

    public TestContext TestContext { get; set; } = null!;

    [TestMethod]
    public void MutatedValidProgramsEndInSuccessOrDiagnostics()
    {
        var seed = EnvironmentInt("SOX_FUZZ_SEED") ?? DefaultSeed;
        var cases = EnvironmentInt("SOX_FUZZ_CASES") ?? DefaultCases;
        var files = Corpus.AllValidFiles();
        var sources = files.Select(File.ReadAllText).ToArray();
        var random = new Random(seed);
        var mutator = new SourceMutator(random);
        var outcomes = new int[2];

        for (var i = 0; i < cases; i++)
        {
            var index = random.Next(files.Count);
            var (kind, text) = mutator.Mutate(sources[index]);
            FrontEndResult result;
            try
            {
                // The original path, so the mutant's imports still resolve against the corpus modules.
                result = FrontEnd.CheckSource(files[index], text);
            }
            catch (Exception e)
            {
                Assert.Fail(Describe(seed, i, kind, files[index], text, $"threw {e}"));
                return;
            }
            var internalError = result.Diagnostics.FirstOrDefault(d => d.Code == DiagnosticCodes.InternalError.Code);
            if (internalError is not null) Assert.Fail(Describe(seed, i, kind, files[index], text, internalError.ToString()));
            var hasErrors = result.Diagnostics.Any(d => d.IsError);
            if (result.Success == hasErrors) Assert.Fail(Describe(seed, i, kind, files[index], text, "Success disagrees with the diagnostics"));
            outcomes[result.Success ? 0 : 1]++;
        }

        TestContext.WriteLine($"seed {seed}: {cases} cases, {outcomes[0]} still valid, {outcomes[1]} with errors");
        // A fuzzer whose mutants all stay valid (or all break) would not exercise recovery and success alike.
        Assert.IsGreaterThan(0, outcomes[1]);
    }

    [TestMethod]
    public void FiveMegabytesOfRandomBytesEndInABoundedNumberOfDiagnostics()
    {
        var bytes = new byte[5 * 1024 * 1024];
        new Random(5).NextBytes(bytes);
        var path = Path.Combine(Path.GetTempPath(), $"sox-random-{Guid.NewGuid():N}.sox");
        File.WriteAllBytes(path, bytes);
        try
        {
            var allocatedBefore = GC.GetTotalAllocatedBytes(precise: true);
            var result = FrontEnd.Check(path);
            var allocated = GC.GetTotalAllocatedBytes(precise: true) - allocatedBefore;
            TestContext.WriteLine($"{result.Diagnostics.Count} diagnostics, {allocated / (1024 * 1024)} MB allocated");

            Assert.IsFalse(result.Success);
            Assert.IsFalse(result.Diagnostics.Any(d => d.Code == DiagnosticCodes.InternalError.Code), result.Diagnostics.FirstOrDefault()?.ToString());
            Assert.IsLessThanOrEqualTo(10_000, result.Diagnostics.Count, "a flood of diagnostics helps nobody");
            // Process-wide, so parallel tests add to it: the bound only catches runaway (quadratic) allocation.
            Assert.IsLessThan(2L * 1024 * 1024 * 1024, allocated);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [TestMethod]
    public void DeeplyNestedParenthesesEndInSuccessOrNestingTooDeep() =>
        AssertSuccessOrNestingTooDeep(Repeat("(", Depth) + "1" + Repeat(")", Depth), "print ");

    [TestMethod]
    public void DeeplyNestedBlocksEndInSuccessOrNestingTooDeep() =>
        AssertSuccessOrNestingTooDeep(Repeat("{\n", Depth) + "print 1\n" + Repeat("}\n", Depth));

    [TestMethod]
    public void DeeplyNestedIfsEndInSuccessOrNestingTooDeep() =>
        AssertSuccessOrNestingTooDeep(Repeat("if true {\n", Depth) + "print 1\n" + Repeat("}\n", Depth));

    [TestMethod]
    public void DeeplyNestedLambdasEndInSuccessOrNestingTooDeep() =>
        AssertSuccessOrNestingTooDeep(Repeat("fn () { return ", Depth) + "1" + Repeat(" }", Depth), "var f = ");

    [TestMethod]
    public void DeeplyNestedArraysTablesAndUnaryOperatorsEndInSuccessOrNestingTooDeep()
    {
        AssertSuccessOrNestingTooDeep(Repeat("[", Depth) + Repeat("]", Depth), "var a = ");
        AssertSuccessOrNestingTooDeep(Repeat("{k: ", Depth) + "1" + Repeat("}", Depth), "var t = ");
        AssertSuccessOrNestingTooDeep(Repeat("-", Depth) + "1", "print ");
        AssertSuccessOrNestingTooDeep("1" + Repeat(" + 1", Depth), "print ");
        AssertSuccessOrNestingTooDeep(Repeat("a = ", Depth) + "1", "var a\n");
    }

    [TestMethod]
    public void NestingAPersonMightWriteIsAccepted()
    {
        // 200 levels is far beyond hand-written code yet well inside any sane limit: it must not be rejected.
        const int depth = 200;
        var programs = new[]
        {
            "print " + Repeat("(", depth) + "1" + Repeat(")", depth),
            Repeat("{\n", depth) + "print 1\n" + Repeat("}\n", depth),
            Repeat("if true {\n", depth) + "print 1\n" + Repeat("}\n", depth),
            "var f = " + Repeat("fn () { return ", depth) + "1" + Repeat(" }", depth),
            "var a = " + Repeat("[", depth) + Repeat("]", depth),
        };
        foreach (var program in programs)
        {
            var result = FrontEnd.CheckSource(Path.Combine(Path.GetTempPath(), "nested.sox"), program + "\n");
            Assert.IsTrue(result.Success, program[..40] + "…: " + string.Join("\n", result.Diagnostics.Take(3)));
        }
    }

    private void AssertSuccessOrNestingTooDeep(string body, string prefix = "")
    {
        var result = FrontEnd.CheckSource(Path.Combine(Path.GetTempPath(), "deep.sox"), prefix + body + "\n");
        var errors = result.Diagnostics.Where(d => d.IsError).ToList();
        TestContext.WriteLine(result.Success ? "success" : string.Join("\n", errors));
        if (result.Success) return;
        Assert.IsTrue(
            errors.All(d => d.Code == DiagnosticCodes.NestingTooDeep.Code) && errors.Count <= 2,
            "expected success or SOX2007 (once per stage), got:\n" + string.Join("\n", errors.Take(10)));
    }

    private static string Repeat(string s, int count) => new StringBuilder(s.Length * count).Insert(0, s, count).ToString();

    private static int? EnvironmentInt(string name) =>
        int.TryParse(Environment.GetEnvironmentVariable(name), NumberStyles.Integer, CultureInfo.InvariantCulture, out var v) ? v : null;

    private static string Describe(int seed, int index, SourceMutator.Kind kind, string file, string text, string problem) =>
        $"Fuzz case {index} (seed {seed}, {kind} of {Path.GetFileName(file)}): {problem}\n--- input ---\n"
        + (text.Length > 4000 ? text[..4000] + "\n[…]" : text);
}
