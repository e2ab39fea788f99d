using Sox.Compiler.Diagnostics;
using Sox.Compiler.Lowering;
using Sox.Compiler.Passes;
using Sox.Compiler.Semantics;
using Sox.Compiler.Syntax;
using Sox.Compiler.Text;

namespace Sox.Toolchain.Tests.Ir;

/// <summary>Lowers whole programs through both pipelines; the verifier runs after lowering and every pass.</summary>
[TestClass]
public sealed class CorpusLoweringTests
{
    /// <summary>Every construct of §3–§7 at least once.</summary>
    private const string EveryConstruct = """
        import ( "lib/util" u "lib/util" )
        var count = 0
        var arr[] = {0, 1, 2}
        var empty[]
        var t = {name: "x", "k 2": [1, 2], nested: {}}
        fn add(a, b) { return a + b - 1 * 2 / 3 % 4 }
        fn counter() { var c = 0
          return fn () { c = c + 1; return c } }
        class Animal {
          init(name) { this.name = name }
          speak() { return this.name + " makes a sound" }
        }
        class Dog < Animal {
          speak() { var f = fn () { return super.speak() + "!" }
            return f() }
        }
        fn main(argc, argv) {
          defer { print "bye" }
          defer () { count = count + 1 }
          for var i = 0; i < 3; i = i + 1 { if i == 1 { continue } if i > 5 { break } print i }
          var j = 0
          while (j < 2) j = j + 1
          foreach var v in arr { print v }
          foreach var k, v in t { print k }
          switch argc { case 1 { print "one" } case 2 case 3 { print "few" ; break } default { print "many" } }
          var d = Dog("rex")
          print d.speak()
          print d.name
          d.name = "max"
          arr[0] = -arr[1]
          print arr[0:1] + arr[1:] + arr[:2]
          print "abc"[1]
          print !true or nil and 1 >= 2 or 3 <= 4 or 5 != 6
          assert(add(1, 2) == 1, "add")
          assert(true)
          print len(argv) + clock() * 0
          var c = counter(); c(); c()
          { var shadow = 1 { var shadow2 = shadow } }
          if (argc < 0) return 1
          else if argc == 0 { return 2 } else { print u }
          return 0
        }
        return {add: add}
        """;

    private static string WriteProgram(string directory)
    {
        Directory.CreateDirectory(Path.Combine(directory, "lib"));
        File.WriteAllText(Path.Combine(directory, "lib", "util.sox"), "fn helper(x) { return x * 2 }\nreturn {helper: helper}\n");
        var entry = Path.Combine(directory, "main.sox");
        File.WriteAllText(entry, EveryConstruct);
        return entry;
    }

    private static (ModuleGraph Graph, IReadOnlyList<Diagnostic> Diagnostics) Load(string entry) =>
        ModuleLoader.Load(new SourceText(entry, File.ReadAllText(entry)), Parser.Parse);

    [TestMethod]
    [DataRow(OptimizationLevel.O0)]
    [DataRow(OptimizationLevel.O2)]
    public void EveryConstructLowersAndVerifies(OptimizationLevel level)
    {
        var directory = Path.Combine(Path.GetTempPath(), "sox-ir-" + Guid.NewGuid().ToString("N"));
        try
        {
            var (graph, diagnostics) = Load(WriteProgram(directory));
            Assert.AreEqual(0, diagnostics.Count(d => d.IsError), string.Join("\n", diagnostics));
            Assert.AreEqual(2, graph.Modules.Count);
            foreach (var module in graph.Modules)
            {
                var bag = new DiagnosticBag();
                var ir = ModuleLowerer.Lower(module, new LoweringOptions(module == graph.Entry), bag);
                Assert.AreEqual(0, bag.Count, string.Join("\n", bag.Items));
                PassPipeline.Run(ir, level, new PassRunOptions(Verify: true));
                Assert.IsNull(Legalize.FindHighLevel(ir));
                if (module == graph.Entry)
                {
                    var init = IrTestHelpers.Init(ir);
                    var lib = graph.Modules.Single(m => m != graph.Entry);
                    Assert.AreEqual(2, IrTestHelpers.CallsTo(init, SymbolNames.Init(lib.MangledName)).Count(), "each import calls the module's initialiser");
                    Assert.IsNotNull(ir.FindFunction(SymbolNames.ProgramEntry));
                }
            }
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    /// <summary>The front end's corpus of valid programs (tests/frontend/valid), when the branch has it.</summary>
    [TestMethod]
    public void EveryValidFrontEndProgramLowersAndVerifiesAtO0AndO2() =>
        LowerEveryProgram(Path.Combine("tests", "frontend", "valid"), frontEndErrorsFail: true);

    /// <summary>
    /// The conformance programs (tests/conformance), when the branch has them. Programs that are expected to fail
    /// to compile (front-end errors) are skipped; runtime-error programs must lower like any other.
    /// </summary>
    [TestMethod]
    public void EveryConformanceProgramLowersAndVerifiesAtO0AndO2() =>
        LowerEveryProgram(Path.Combine("tests", "conformance"), frontEndErrorsFail: false);

    private static void LowerEveryProgram(string relativeDirectory, bool frontEndErrorsFail)
    {
        var root = RepositoryRoot();
        var directory = root is null ? null : Path.Combine(root, relativeDirectory);
        if (directory is null || !Directory.Exists(directory))
        {
            Assert.Inconclusive($"{relativeDirectory} is not on this branch yet");
            return;
        }
        var files = Directory.GetFiles(directory, "*.sox", SearchOption.AllDirectories).Order(StringComparer.Ordinal).ToList();
        Assert.IsTrue(files.Count > 0);
        var failures = new List<string>();
        var lowered = 0;
        foreach (var file in files)
        {
            var (graph, diagnostics) = Load(file);
            if (diagnostics.Any(d => d.IsError))
            {
                if (frontEndErrorsFail) failures.Add($"{file}: front-end error: {diagnostics.First(d => d.IsError)}");
                continue;
            }
            foreach (var level in new[] { OptimizationLevel.O0, OptimizationLevel.O2 })
            {
                foreach (var module in graph.Modules)
                {
                    try
                    {
                        var bag = new DiagnosticBag();
                        var ir = ModuleLowerer.Lower(module, new LoweringOptions(module == graph.Entry), bag);
                        if (bag.Items.Count > 0) failures.Add($"{module} {level}: {bag.Items[0]}");
                        PassPipeline.Run(ir, level, new PassRunOptions(Verify: true));
                        lowered++;
                    }
                    catch (Exception e)
                    {
                        failures.Add($"{module} {level}: {e.GetType().Name}: {e.Message}");
                    }
                }
            }
        }
        Assert.AreEqual(0, failures.Count, string.Join("\n", failures));
        Assert.IsTrue(lowered > 0);
    }

    private static string? RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Sox.Build.sln"))) return dir.FullName;
        }
        return null;
    }
}
