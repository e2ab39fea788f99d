using System.Globalization;
using System.Text.RegularExpressions;
using Sox.Compiler.Driver;
using Sox.Compiler.Passes;
using Sox.Toolchain.Tests.Cli;
using Sox.Toolchain.Tests.Debugging;
using Sox.Toolchain.Tests.Runtime;

namespace Sox.Toolchain.Tests.ObjectFiles.Coff;

/// <summary>
/// <c>-g</c> win-x64 programs linked into a PDB: the module objects (<see cref="CodeViewProgram"/>) and the runtime
/// (compiled by MinGW gcc, as <c>sox build</c> does here) linked by the command <see cref="LinkCommand.For"/> makes with
/// <see cref="LinkInputs.DebugInformation"/> for clang's MinGW driver with lld (<c>-Wl,--pdb=app.pdb</c>); the program
/// runs under Wine and prints what it prints without <c>-g</c>, and llvm-pdbutil reads from <c>app.pdb</c> each Sox
/// function by the user's name, its line table (<c>add</c> at main.sox lines 3 and 4, <c>square</c> in mathlib.sox),
/// the <c>SoxValue</c> type and the function ids. Missing tools make the test Inconclusive, naming the tool.
/// </summary>
[TestClass]
public sealed class CodeViewPdbTests
{
    [TestMethod]
    public void LldWritesAPdbThatNamesSoxFunctionsAndLines()
    {
        var pdbutil = DebugProgram.RequireTool("llvm-pdbutil-19", "llvm-pdbutil");
        DebugProgram.RequireTool("clang");
        DebugProgram.RequireTool("ld.lld");
        var gcc = DebugProgram.RequireTool(RuntimeBuild.MinGwGcc);
        Wine.Require();
        using var project = new TempProject();
        var objects = CodeViewProgram.CompileObjects(project, OptimizationLevel.O0);

        var runtimeSources = RuntimeLibrary.LocateSources(out var lookedIn) ?? throw new AssertFailedException($"no runtime sources in {lookedIn}");
        var cc = CCompiler.Locate(CodeViewProgram.Win, gcc, out var tried) ?? throw new AssertFailedException($"no MinGW gcc: {tried}");
        var runtime = RuntimeLibrary.Ensure(cc, CodeViewProgram.Win, runtimeSources, Path.Combine(Path.GetTempPath(), "sox-codeview-tests"), out _);
        // clang's MinGW driver borrows MinGW gcc's libgcc (RuntimeBuild.WindowsX64 does the same).
        var libgcc = ExternalTool.RunClean(gcc, project.Root, "-print-libgcc-file-name").Trim();
        var exe = Path.Combine(project.Root, "app.exe");
        var command = LinkCommand.For(CodeViewProgram.Win, new LinkToolchain("clang", ["--target=x86_64-w64-windows-gnu", "-fuse-ld=lld"]), new LinkInputs
        {
            OutputPath = exe,
            ProgramObjects = [.. objects.OrderBy(o => Path.GetFileName(o) == "main.obj")],
            Runtime = [runtime],
            DebugInformation = true,
            ExtraArguments = ["-L", Path.GetDirectoryName(libgcc)!],
        });
        CollectionAssert.Contains(command.Arguments.ToList(), "-Wl,--pdb=" + Path.Combine(project.Root, "app.pdb"));
        ExternalTool.RunClean(command.Tool, project.Root, [.. command.Arguments]);
        var pdb = Path.Combine(project.Root, "app.pdb");
        Assert.IsTrue(File.Exists(pdb), "no app.pdb beside app.exe");

        var run = Wine.Run(exe, project.Root);
        Assert.AreEqual("41\n2\n", run.StandardOutput, run.StandardError);

        var symbols = ExternalTool.RunClean(pdbutil, project.Root, "dump", "--symbols", pdb);
        var procedures = new Dictionary<string, (int Start, int Size)>(StringComparer.Ordinal);
        foreach (Match m in Regex.Matches(symbols, @"S_[GL]PROC32 \[size = \d+\] `([^`]+)`\n\s+parent = 0, end = \d+, addr = 0001:(\d+), code size = (\d+)"))
            procedures[m.Groups[1].Value] = (int.Parse(m.Groups[2].Value, CultureInfo.InvariantCulture), int.Parse(m.Groups[3].Value, CultureInfo.InvariantCulture));
        foreach (var name in new[] { "add", "twice", "Point.init", "<fn at line 17>", "<script>", "square" })
            Assert.IsTrue(procedures.ContainsKey(name), $"{name} in\n{symbols}");
        // The linker moves S_UDT into the global symbols.
        StringAssert.Matches(ExternalTool.RunClean(pdbutil, project.Root, "dump", "--globals", pdb), new Regex(@"S_UDT \[size = \d+\] `SoxValue`"));
        StringAssert.Contains(symbols, "language = c");
        // add's parameter a and local s, each with where it lives (-O0: a register or a frame slot).
        foreach (var name in new[] { "a", "s" })
            StringAssert.Matches(symbols, new Regex($@"S_LOCAL \[size = \d+\] `{name}`\n\s+type=0x1[0-9a-f]{{3}} \(SoxValue\), flags = (param|none)\n\s+\d+ \| S_DEFRANGE_(REGISTER|FRAMEPOINTER_REL) "), name);

        var lines = ExternalTool.RunClean(pdbutil, project.Root, "dump", "-l", pdb);
        AssertLines(lines, "main.sox", procedures["add"], 3, 4);
        AssertLines(lines, "main.sox", procedures["twice"], 7, 8);
        AssertLines(lines, "mathlib.sox", procedures["square"], 3, 4);

        var types = ExternalTool.RunClean(pdbutil, project.Root, "dump", "--types", "--ids", pdb);
        StringAssert.Matches(types, new Regex(@"LF_STRUCTURE \[size = \d+\] `SoxValue`"));
        StringAssert.Contains(types, "LF_PROCEDURE");
        StringAssert.Contains(types, "LF_ARGLIST");
        foreach (var name in new[] { "add", "square", "<script>" })
            StringAssert.Matches(types, new Regex($@"LF_FUNC_ID \[size = \d+\]\n\s+name = {Regex.Escape(name)}, type = "), name);
    }

    /// <summary>The PDB's line block for the procedure at <paramref name="procedure"/> names <paramref name="file"/>
    /// and holds each of <paramref name="expected"/>.</summary>
    private static void AssertLines(string dump, string file, (int Start, int Size) procedure, params int[] expected)
    {
        string? currentFile = null, blockFile = null;
        var rows = new List<int>();
        bool inBlock = false;
        foreach (var line in dump.Split('\n'))
        {
            var header = Regex.Match(line, @"^\s*(\S+) \((?:no checksum|MD5: [0-9A-F]+)\)$");
            if (header.Success) currentFile = header.Groups[1].Value;
            var block = Regex.Match(line, @"^\s+0001:([0-9A-F]{8})-[0-9A-F]{8}, line/addr entries = \d+$");
            if (block.Success)
            {
                inBlock = Convert.ToInt32(block.Groups[1].Value, 16) == procedure.Start;
                if (inBlock) blockFile = currentFile;
                continue;
            }
            if (inBlock && Regex.IsMatch(line, @"^\s+\d+ [0-9A-F]{8}"))
                rows.AddRange(Regex.Matches(line, @"(\d+) [0-9A-F]{8}").Select(m => int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture)));
            else inBlock = false;
        }
        Assert.IsNotNull(blockFile, $"no line block at 0001:{procedure.Start:X8} in\n{dump}");
        Assert.AreEqual(file, Path.GetFileName(blockFile), dump);
        foreach (var line in expected) CollectionAssert.Contains(rows, line, $"line {line} at 0001:{procedure.Start:X8}: {string.Join(' ', rows)}");
    }
}
