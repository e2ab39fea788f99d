using System.Globalization;
using System.Text.RegularExpressions;
using Sox.Compiler.Driver;
using Sox.Compiler.Passes;
using Sox.Toolchain.Tests.Cli;
using Sox.Toolchain.Tests.ObjectFiles;

namespace Sox.Toolchain.Tests.Debugging;

/// <summary>
/// Call frame information (<c>.eh_frame</c>) of <c>sox build -g</c>, checked with independent readers: readelf and
/// llvm-dwarfdump decode one FDE per function with the expected prologue and epilogue rows; GNU ld and lld index every
/// Sox function in <c>.eh_frame_hdr</c>; libgcc's unwinder (which reads only <c>.eh_frame</c>) walks from C through
/// Sox frames, a callback and the runtime's assembly to the thread's first frame, and stops at the first Sox frame
/// without <c>-g</c>; <c>perf record --call-graph dwarf</c> names the Sox functions. Missing tools make a test
/// Inconclusive, naming the tool.
/// </summary>
[TestClass]
public sealed class CallFrameInformationTests
{
    [TestMethod]
    [DataRow("linux-x64")]
    [DataRow("linux-arm64")]
    public void EveryFunctionHasAnFdeWithItsPrologueAndEpilogueRows(string target)
    {
        var readelf = DebugProgram.RequireTool("readelf");
        var dwarfdump = DebugProgram.RequireTool("llvm-dwarfdump", "llvm-dwarfdump-19");
        using var project = new TempProject();
        var obj = DebugProgram.Build(project, target, OptimizationLevel.O2, emitObject: true);

        // x86-64 psABI §4.2.2: .eh_frame is SHT_X86_64_UNWIND there (readelf: X86_64_UNWIND); allocated, not writable.
        var sections = ExternalTool.RunClean(readelf, project.Root, "-S", "-W", obj);
        var type = target == "linux-x64" ? "X86_64_UNWIND" : "PROGBITS";
        StringAssert.Matches(sections, new Regex($@"\] \.eh_frame\s+{type}\s+\S+\s+\S+\s+\S+\s+00\s+A\s"), sections);

        // One CIE per module (main.sox, mathlib.sox: the merged object keeps each), one FDE per function covering
        // exactly its bytes.
        var frames = ExternalTool.RunClean(readelf, project.Root, "--debug-dump=frames", obj);
        Assert.AreEqual(2, Regex.Matches(frames, @"^\S+ \S+ 0+ CIE$", RegexOptions.Multiline).Count, frames);
        var fdes = Regex.Matches(frames, @"FDE cie=\S+ pc=([0-9a-f]+)\.\.([0-9a-f]+)")
            .Select(m => (Hex(m.Groups[1].Value), Hex(m.Groups[2].Value))).Order().ToList();
        var functions = Regex.Matches(ExternalTool.RunClean(readelf, project.Root, "-s", "-W", obj), @"^\s*\d+: ([0-9a-f]+)\s+(\d+) FUNC ", RegexOptions.Multiline)
            .Select(m => (Hex(m.Groups[1].Value), Hex(m.Groups[1].Value) + long.Parse(m.Groups[2].Value, CultureInfo.InvariantCulture))).Order().ToList();
        Assert.IsGreaterThanOrEqualTo(8, functions.Count);
        CollectionAssert.AreEqual(functions, fdes, frames);

        // The frame is described at every instruction: the prologue's pushes and frame pointer, and each epilogue
        // bracketed by remember/restore with the CFA back at SP once the frame record is popped.
        var expected = target == "linux-x64"
            ? new[] { "DW_CFA_def_cfa: r7 (rsp) ofs 8", "DW_CFA_offset: r16 (rip) at cfa-8", "DW_CFA_def_cfa_offset: 16",
                "DW_CFA_offset: r6 (rbp) at cfa-16", "DW_CFA_def_cfa_register: r6 (rbp)", "DW_CFA_remember_state", "DW_CFA_restore: r6 (rbp)",
                "DW_CFA_restore_state", "DW_CFA_def_cfa: r6 (rbp) ofs 16", "DW_CFA_offset: r3 (rbx) at cfa-24" }
            : ["DW_CFA_def_cfa: r31 (sp) ofs 0", "DW_CFA_def_cfa_offset: 16", "DW_CFA_offset: r29 (x29) at cfa-16",
                "DW_CFA_offset: r30 (x30) at cfa-8", "DW_CFA_def_cfa_register: r29 (x29)", "DW_CFA_remember_state", "DW_CFA_restore: r30 (x30)",
                "DW_CFA_restore_state", "DW_CFA_def_cfa: r29 (x29) ofs 16", "DW_CFA_offset: r19 (x19) at cfa-"];
        foreach (var row in expected) StringAssert.Contains(frames, row, row);

        // LLVM's reader agrees, and so does its row table: inside every function, past the prologue, the CFA is the
        // frame pointer + 16.
        var llvm = ExternalTool.RunClean(dwarfdump, project.Root, "--eh-frame", obj);
        Assert.AreEqual(fdes.Count, Regex.Matches(llvm, @" FDE cie=").Count, llvm);
        foreach (var fde in Regex.Split(llvm, @"(?=^\S+ \S+ \S+ FDE )", RegexOptions.Multiline).Where(b => b.Contains(" FDE ", StringComparison.Ordinal)))
            StringAssert.Matches(fde, new Regex(target == "linux-x64" ? @"CFA=RBP\+16" : @"CFA=[WX]29\+16"), fde);
    }

    [TestMethod]
    [DataRow("gcc", "")]
    [DataRow("clang", "-fuse-ld=lld")]
    public void LinkersIndexEveryFunctionInEhFrameHdr(string driver, string linkerFlag)
    {
        DebugProgram.RequireX64Linux();
        var compiler = DebugProgram.RequireTool(driver);
        var readobj = DebugProgram.RequireTool("llvm-readobj", "llvm-readobj-19");
        if (linkerFlag.Length > 0) DebugProgram.RequireTool("ld.lld");
        var platform = TargetPlatform.Find("linux-x64")!;
        var cc = CCompiler.Locate(platform, null, out var tried) ?? throw new AssertInconclusiveException($"needs a C compiler ({tried})");
        var sources = RuntimeLibrary.LocateSources(out var lookedIn) ?? throw new AssertInconclusiveException($"runtime sources not found ({lookedIn})");
        var runtime = RuntimeLibrary.Ensure(cc, platform, sources, BuildOptions.DefaultCacheDirectory(), out _);
        using var project = new TempProject();
        var obj = DebugProgram.Build(project, "linux-x64", OptimizationLevel.O0, emitObject: true);
        var exe = Path.Combine(project.Root, "app");
        var link = ExternalTool.Run(compiler, project.Root, [.. linkerFlag.Length > 0 ? [linkerFlag] : Array.Empty<string>(), obj, runtime, "-lm", "-lpthread", "-o", exe]);
        Assert.AreEqual(0, link.ExitCode, link.StandardError);
        Assert.AreEqual("41\n2\n", ExternalTool.Run(exe, project.Root).StandardOutput);

        var functions = Regex.Matches(ExternalTool.RunClean("readelf", project.Root, "-s", "-W", obj), @" FUNC +\S+ +\S+ +\S+ (\S+)$", RegexOptions.Multiline)
            .Select(m => m.Groups[1].Value).Concat(["sox_print", "sox_ffi_invoke", "sox_runtime_init"]).ToList();
        var addresses = Regex.Matches(ExternalTool.RunClean("nm", project.Root, exe), @"^([0-9a-f]+) [TtWw] (\S+)$", RegexOptions.Multiline)
            .ToDictionary(m => m.Groups[2].Value, m => Hex(m.Groups[1].Value));
        var unwind = ExternalTool.RunClean(readobj, project.Root, "--unwind", exe);
        StringAssert.Contains(unwind, "Corresponding Section: .eh_frame_hdr", unwind);
        var indexed = Regex.Matches(unwind, @"initial_location: 0x([0-9a-f]+)").Select(m => Hex(m.Groups[1].Value)).ToHashSet();
        foreach (var function in functions)
        {
            Assert.IsTrue(addresses.TryGetValue(function, out var address), $"{function} is not in the executable");
            Assert.Contains(address, indexed, $"{function} (0x{address:x}) has no .eh_frame_hdr entry with {driver} {linkerFlag}");
        }
    }

    [TestMethod]
    [DataRow("linux-x64")]
    [DataRow("linux-arm64")]
    public void LibgccUnwinderWalksThroughSoxFramesOnlyWithCallFrameInformation(string target)
    {
        var platform = TargetPlatform.Find(target) ?? throw new InvalidOperationException(target);
        if (CCompiler.Locate(platform, null, out var tried) is null) Assert.Inconclusive($"needs a C compiler for {target} ({tried})");
        if (platform.MissingRunner() is { } runner) Assert.Inconclusive($"needs {runner}");
        using var project = new TempProject();
        var withCfi = Depth(DebugProgram.BuildFrames(project, target, OptimizationLevel.O2, debug: true));
        var without = Depth(DebugProgram.BuildFrames(project, target, OptimizationLevel.O2, debug: false));

        // unwind_depth, visit (entry and body), call_back, the extern wrapper, outer, 21 × down, <script>, then the
        // runtime's entry and the thread start: the walk ends at the end of the stack.
        Assert.IsGreaterThanOrEqualTo(29, withCfi, "with -g");
        // Without -g the walk stops at the first Sox frame: libgcc has no frame-pointer fallback and takes a PC without
        // an FDE for the end of the stack. So the test can fail.
        Assert.IsLessThanOrEqualTo(3, Math.Abs(without), "without -g");

        int Depth(string exe)
        {
            var command = platform.RunCommand(exe);
            var run = ExternalTool.Run(command[0], project.Root, [.. command.Skip(1)]);
            Assert.AreEqual(0, run.ExitCode, run.StandardError);
            var lines = run.StandardOutput.Split('\n', StringSplitOptions.RemoveEmptyEntries);
            Assert.AreEqual("7", lines[0], run.StandardOutput);
            return int.Parse(lines[^1], CultureInfo.InvariantCulture) - 1;
        }
    }

    [TestMethod]
    public void PerfCallGraphsNameTheSoxFunctions()
    {
        DebugProgram.RequireX64Linux();
        var perf = DebugProgram.RequireTool("perf");
        using var project = new TempProject();
        var probe = ExternalTool.Run(perf, project.Root, "record", "-q", "-e", "cpu-clock", "-o", Path.Combine(project.Root, "probe.data"), "true");
        if (probe.ExitCode != 0)
        {
            var paranoid = File.Exists("/proc/sys/kernel/perf_event_paranoid") ? File.ReadAllText("/proc/sys/kernel/perf_event_paranoid").Trim() : "?";
            Assert.Inconclusive($"perf cannot record here (perf_event_paranoid {paranoid}): {probe.StandardError.Trim()}");
        }
        var source = project.Write("rec.sox", """
            fn fib(n) {
              if (n < 2) { return n }
              return fib(n - 1) + fib(n - 2)
            }
            print fib(30)
            """ + "\n");
        var exe = Path.Combine(project.Root, "rec");
        var result = NativeCompiler.Build(new BuildOptions { EntryPath = source, OutputPath = exe, Target = "linux-x64", Optimization = OptimizationLevel.O0, Debug = true });
        Assert.IsTrue(result.Success, string.Join("\n", result.Diagnostics));

        var data = Path.Combine(project.Root, "perf.data");
        var record = ExternalTool.Run(perf, project.Root, "record", "-q", "-e", "cpu-clock", "-F", "2000", "--call-graph", "dwarf", "-o", data, exe);
        Assert.AreEqual(0, record.ExitCode, record.StandardError);
        Assert.AreEqual("832040\n", record.StandardOutput);
        var script = ExternalTool.Run(perf, project.Root, "script", "-i", data, "-F", "comm,ip,sym").StandardOutput;

        // A sample taken deep in the recursion: its chain names fib at least five times, then <script> and the
        // runtime's entry. (perf marks the DWARF name "(inlined)" because it differs from the ELF symbol's.)
        var samples = script.Split("\n\n").Select(s => Regex.Matches(s, @"^\s+[0-9a-f]+ (\S+)", RegexOptions.Multiline).Select(m => m.Groups[1].Value).ToList()).ToList();
        Assert.IsTrue(samples.Any(chain => chain.Count(f => f == "fib") >= 5 && chain.IndexOf("<script>") > chain.LastIndexOf("fib")
            && chain.IndexOf("sox_program_entry") > chain.IndexOf("<script>")), script.Length > 4000 ? script[..4000] : script);
    }

    private static long Hex(string digits) => long.Parse(digits, NumberStyles.HexNumber, CultureInfo.InvariantCulture);
}
