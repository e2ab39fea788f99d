using Sox.Compiler.Diagnostics;
using Sox.Compiler.Driver;
using Sox.Compiler.Passes;
using Sox.Toolchain.Tests.Conformance;
using Sox.Toolchain.Tests.Frontend;

namespace Sox.Toolchain.Tests.CodeGen;

/// <summary>
/// The compiler never throws on any source text: every program the front end accepts must also get through
/// lowering, the passes and the x86-64 backend (up to the machine-code listing, no linking) without an internal
/// error (SOX5099) — the corpus, the conformance programs, and mutants of them that still check clean.
/// </summary>
[TestClass]
public sealed class BackendRobustnessTests
{
    public TestContext TestContext { get; set; } = null!;

    private static IEnumerable<string> Programs() =>
        Corpus.Entries("valid").Select(Corpus.FullPath)
            .Concat(ConformanceProgram.All().Select(p => Path.Combine(ConformanceProgram.Root, p)));

    [TestMethod]
    public void EveryValidProgramCompilesWithoutInternalErrors()
    {
        foreach (var file in Programs())
        {
            foreach (var level in new[] { OptimizationLevel.O0, OptimizationLevel.O2 })
            {
                var result = NativeCompiler.Build(Options(file, level));
                AssertNoInternalError(result, $"{file} at {level}");
            }
        }
    }

    [TestMethod]
    public void MutantsThatCheckCleanCompileWithoutInternalErrors()
    {
        var seed = int.TryParse(Environment.GetEnvironmentVariable("SOX_FUZZ_SEED"), out var s) ? s : 4242;
        var cases = int.TryParse(Environment.GetEnvironmentVariable("SOX_FUZZ_CASES"), out var c) ? c : 400;
        var files = Programs().ToList();
        var sources = files.Select(File.ReadAllText).ToList();
        var random = new Random(seed);
        var mutator = new SourceMutator(random);
        var compiled = 0;
        for (var i = 0; i < cases; i++)
        {
            var index = random.Next(files.Count);
            var (kind, text) = mutator.Mutate(sources[index]);
            if (!FrontEnd.CheckSource(files[index], text).Success) continue;
            compiled++;
            var result = NativeCompiler.BuildSource(Options(files[index], i % 2 == 0 ? OptimizationLevel.O2 : OptimizationLevel.O0), text);
            AssertNoInternalError(result, $"seed {seed} case {i} ({kind} of {files[index]}):\n{text}");
        }
        TestContext.WriteLine($"seed {seed}: {compiled} of {cases} mutants checked clean and were compiled");
        Assert.IsGreaterThan(0, compiled);
    }

    private static BuildOptions Options(string file, OptimizationLevel level) => new()
    {
        EntryPath = file,
        OutputPath = Path.Combine(Path.GetTempPath(), $"sox-robust-{Guid.NewGuid():N}.s"),
        Optimization = level,
        Emit = EmitKind.Asm,
    };

    private static void AssertNoInternalError(BuildResult result, string what)
    {
        var internalError = result.Diagnostics.FirstOrDefault(d => d.Code == DiagnosticCodes.InternalError.Code);
        if (internalError is not null) Assert.Fail($"{what}: {internalError}");
        if (result.Output is { } output && File.Exists(output)) File.Delete(output);
    }
}
