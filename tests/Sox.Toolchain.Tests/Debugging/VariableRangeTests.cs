using Sox.Compiler.CodeGen;
using Sox.Compiler.Diagnostics;
using Sox.Compiler.Driver;
using Sox.Compiler.Ir;
using Sox.Compiler.Passes;
using Sox.Toolchain.Tests.Conformance;

namespace Sox.Toolchain.Tests.Debugging;

/// <summary>
/// The format-neutral variable locations (<see cref="DebugVariable"/>) of every conformance program's functions are
/// well formed: ranges in address order, not overlapping, inside the function and after its prologue; at <c>-O0</c>
/// every parameter and local has a location somewhere (the compiler keeps them live to the function's exit).
/// </summary>
[TestClass]
public sealed class VariableRangeTests
{
    [TestMethod]
    [DataRow("linux-x64")]
    [DataRow("linux-arm64")]
    public void RangesAreOrderedInsideTheFunctionAndCompleteAtO0(string target)
    {
        var platform = TargetPlatform.Find(target) ?? throw new InvalidOperationException(target);
        int variables = 0, withRanges = 0;
        foreach (var relative in ConformanceProgram.All())
        {
            var graph = FrontEnd.Check(ConformanceProgram.Load(relative).Path).Graph;
            if (graph is null) continue;   // the error programs
            foreach (var level in new[] { OptimizationLevel.O0, OptimizationLevel.O2 })
            {
                foreach (var module in graph.Modules)
                {
                    var ir = LargeStack.Run("variable-range-test", () => ModuleCompiler.CompileModule(module, module == graph.Entry,
                        new ModuleCompileOptions(platform, level) { Until = ModuleStage.Ir }, new DiagnosticBag())?.Ir);
                    if (ir is null) continue;
                    var code = platform.CreateBackend().CompileFunctions(ir.Functions,
                        new CodeGenOptions { DescribeVariables = true, KeepVariablesLive = level == OptimizationLevel.O0 });
                    foreach (var f in code.Functions)
                    {
                        var context = $"{relative} {module.DisplayPath} {target} {level} {f.Source.Symbol}";
                        Assert.HasCount(f.Source.DebugVariables.Count, f.Variables, context);
                        foreach (var v in f.Variables)
                        {
                            variables++;
                            if (v.Ranges.Count > 0) withRanges++;
                            var previousEnd = f.PrologueEnd ?? 0;
                            foreach (var r in v.Ranges)
                            {
                                Assert.IsTrue(r.Start >= previousEnd && r.Start < r.End && r.End <= f.Size, $"{context} {v.Name}: [{r.Start}, {r.End}) after {previousEnd}, size {f.Size}");
                                previousEnd = r.End;
                            }
                            if (level == OptimizationLevel.O0 && v.Kind != DebugVariableKind.Captured)
                                Assert.IsNotEmpty(v.Ranges, $"{context}: {v.Name} has no location at -O0");
                        }
                    }
                }
            }
        }
        Assert.IsGreaterThan(500, variables);
        Assert.IsGreaterThan(variables / 2, withRanges);
    }
}
