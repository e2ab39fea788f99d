using System.Collections.Concurrent;
using System.Text.RegularExpressions;
using Sox.Compiler.Diagnostics;
using Sox.Compiler.Driver;
using Sox.Compiler.Passes;
using Sox.Toolchain.Tests.Cli;
using Sox.Toolchain.Tests.Conformance;
using Sox.Toolchain.Tests.ObjectFiles;

namespace Sox.Toolchain.Tests.Debugging;

/// <summary>
/// issue 12: <c>llvm-dwarfdump --verify</c>, an independent reader, reports no error for the <c>-g</c> object of every
/// module of every conformance program, for linux-x64 and linux-arm64 at -O0 and -O2. The objects are compiled
/// in-process (no link) and verified many per dwarfdump run, the runs side by side, so each target and level takes a
/// few seconds.
/// </summary>
[TestClass]
public sealed partial class DwarfVerifyConformanceTests
{
    /// <summary>Objects per dwarfdump run: enough to pay its start-up once per batch, few enough to run batches side by side.</summary>
    private const int BatchSize = 64;

    [TestMethod]
    [DataRow("linux-x64", OptimizationLevel.O0)]
    [DataRow("linux-x64", OptimizationLevel.O2)]
    [DataRow("linux-arm64", OptimizationLevel.O0)]
    [DataRow("linux-arm64", OptimizationLevel.O2)]
    public void DwarfdumpVerifiesEveryConformanceModule(string target, OptimizationLevel level)
    {
        var dwarfdump = DebugProgram.RequireTool("llvm-dwarfdump-19", "llvm-dwarfdump");
        var platform = TargetPlatform.Find(target) ?? throw new InvalidOperationException(target);
        using var folder = new TempProject();
        var objects = new ConcurrentBag<string>();
        var programs = ConformanceProgram.All().ToList();
        Parallel.ForEach(programs, new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount }, (relative, _, index) =>
        {
            var graph = FrontEnd.Check(ConformanceProgram.Load(relative).Path).Graph;
            if (graph is null) return;   // the error programs
            var moduleIndex = 0;
            foreach (var module in graph.Modules)
            {
                var compiled = LargeStack.Run("dwarf-verify-test", () => ModuleCompiler.CompileModule(module, module == graph.Entry,
                    new ModuleCompileOptions(platform, level) { Debug = true }, new DiagnosticBag())?.Object);
                if (compiled is null) continue;
                // The file name says which program and module an error is about.
                var name = $"{index:D3}-{moduleIndex++}-{Regex.Replace(relative, "[^A-Za-z0-9]+", "_")}-{Path.GetFileNameWithoutExtension(module.DisplayPath)}.o";
                var path = Path.Combine(folder.Root, name);
                File.WriteAllBytes(path, platform.ObjectWriter.Write(compiled));
                objects.Add(path);
            }
        });
        Assert.IsGreaterThanOrEqualTo(150, objects.Count, "every conformance module compiled");

        var failures = new ConcurrentBag<string>();
        var batches = objects.Order(StringComparer.Ordinal).Chunk(BatchSize).ToList();
        Parallel.ForEach(batches, new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount }, batch =>
        {
            var verify = ExternalTool.Run(dwarfdump, folder.Root, ["--verify", .. batch.Select(f => Path.GetFileName(f))]);
            var errors = ErrorsByFile(verify.StandardOutput + verify.StandardError);
            if (verify.ExitCode != 0 || errors.Count > 0)
                failures.Add(errors.Count > 0 ? string.Join("\n", errors) : $"exit {verify.ExitCode}: {verify.StandardError}");
            // Every file of the batch was read and verified (dwarfdump names each as it starts on it).
            var verified = Regex.Matches(verify.StandardOutput, @"^Verifying (\S+):\s+file format", RegexOptions.Multiline).Count;
            if (verified != batch.Length) failures.Add($"dwarfdump verified {verified} of {batch.Length} files:\n{verify.StandardOutput}");
        });
        Assert.IsEmpty(failures, $"{target} {level}:\n" + string.Join("\n", failures));
    }

    /// <summary>The <c>error:</c> lines of a multi-file verify, each with the file it was about.</summary>
    private static List<string> ErrorsByFile(string output)
    {
        var errors = new List<string>();
        var file = "";
        foreach (var line in output.Split('\n'))
        {
            if (FileLine().Match(line) is { Success: true } m) file = m.Groups[1].Value;
            else if (line.Contains("error:", StringComparison.Ordinal)) errors.Add($"{file}: {line.Trim()}");
        }
        return errors;
    }

    [GeneratedRegex(@"^Verifying (\S+):\s+file format")]
    private static partial Regex FileLine();
}
