using Sox.Compiler.Diagnostics;
using Sox.Compiler.Driver;
using Sox.Compiler.Ir;
using Sox.Compiler.Lowering;
using Sox.Compiler.Passes;
using Sox.Toolchain.Tests.Arm64;

namespace Sox.Toolchain.Tests.CodeGen;

/// <summary>
/// Passes and code generation run functions in parallel (<see cref="FunctionParallelism"/>); an object file must
/// not depend on how many threads did the work or on their schedule.
/// </summary>
[TestClass]
public sealed class DeterminismTests
{
    [TestMethod]
    [DataRow("linux-x64")]
    [DataRow("linux-arm64")]
    public void ObjectsAreTheSameWhateverTheNumberOfThreads(string rid)
    {
        // Hundreds of statements at the top level and closures made along the way: one big function and many small ones.
        var text = SoxProgramGenerator.Generate(seed: 7, statements: 400);
        var front = FrontEnd.CheckSource("determinism.sox", text);
        Assert.IsTrue(front.Success, string.Join("\n", front.Diagnostics));
        var module = front.Graph!.Entry;
        var target = TargetPlatform.Find(rid)!;
        foreach (var level in new[] { OptimizationLevel.O0, OptimizationLevel.O2 })
        {
            var sequential = Compile(1);
            var parallel = Compile(4);
            var again = Compile(4);
            CollectionAssert.AreEqual(sequential, parallel, $"{rid} {level}: one thread against four");
            CollectionAssert.AreEqual(parallel, again, $"{rid} {level}: two runs on four threads");

            byte[] Compile(int workers)
            {
                FunctionParallelism.WorkersOverride.Value = workers;
                try
                {
                    var diagnostics = new DiagnosticBag();
                    var bytes = ModuleCompiler.Compile(module, isEntry: true, target, level, EntryMode.Run, diagnostics);
                    Assert.IsNotNull(bytes, string.Join("\n", diagnostics.Items));
                    return bytes;
                }
                finally
                {
                    FunctionParallelism.WorkersOverride.Value = null;
                }
            }
        }
    }
}
