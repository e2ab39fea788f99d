using Sox.Compiler.Driver;
using Sox.Compiler.Passes;

namespace Sox.Cli.Commands;

/// <summary>The options <c>build</c>, <c>run</c>, <c>test</c> and <c>bench</c> share, parsed once.</summary>
internal sealed record BuildSettings(string Target, OptimizationLevel Optimization, string? CCompiler, bool Timings, IReadOnlyList<string> Libraries, bool Debug = false)
{
    /// <summary><c>--windows-toolchain</c>: the flavour for win-x64, null to let the search choose.</summary>
    public ToolchainFlavor? WindowsToolchain { get; init; }

    public static readonly string[] Flags = ["O0", "O2", "g", "timings"];

    public static readonly string[] Valued = ["target", "cc", "l", "windows-toolchain"];

    public const string OptionsHelp = """
          --target RID    linux-x64, linux-arm64, osx-arm64, osx-x64 or win-x64 (default: the host).
          -O0 | -O2       Optimisation level (default -O2).
          -g              Debugging information (DWARF on Linux and macOS, CodeView and a PDB on Windows).
          --cc PATH       The C compiler driver for the runtime and linking (default: CC, then clang, gcc, cc).
          --windows-toolchain msvc|mingw
                          For win-x64: clang for the MSVC ABI (Windows' default) or MinGW-w64 (elsewhere).
          -l LIB          Link with library LIB (repeatable).
          --timings       Print the time of each phase to stderr.
        """;

    public static BuildSettings? From(CommandLine commandLine, CommandContext context, string command)
    {
        if (commandLine.Has("O0") && commandLine.Has("O2"))
        {
            context.UsageError($"{command}: -O0 and -O2 exclude each other", command);
            return null;
        }
        var target = commandLine.Value("target") ?? TargetPlatform.Host;
        if (!ToolchainFlavors.TryParse(commandLine.Value("windows-toolchain"), out var windowsToolchain))
        {
            context.UsageError($"{command}: --windows-toolchain takes {ToolchainFlavors.Names}", command);
            return null;
        }
        return new BuildSettings(target, commandLine.Has("O0") ? OptimizationLevel.O0 : OptimizationLevel.O2,
            commandLine.Value("cc"), commandLine.Has("timings"), commandLine.Values("l"), commandLine.Has("g"))
        { WindowsToolchain = windowsToolchain };
    }

    public BuildOptions Options(string entry, string output, IReadOnlyList<string> cSources) => new()
    {
        EntryPath = entry,
        OutputPath = output,
        Target = Target,
        Optimization = Optimization,
        Debug = Debug,
        CCompiler = CCompiler,
        WindowsToolchain = WindowsToolchain,
        Libraries = Libraries,
        CSources = cSources,
        MeasureSteps = Timings,
        SourcesRead = CollectorRegion.Start,
    };

    /// <summary>Prints diagnostics (and timings when asked); true when the build succeeded.</summary>
    public bool Report(BuildResult result, CommandContext context)
    {
        foreach (var diagnostic in result.Diagnostics) context.Error.WriteLine(diagnostic);
        if (Timings)
        {
            // Indented lines are steps inside the phase above them (passes, backend steps: thread time summed over
            // functions that ran in parallel), so the total counts the phases only.
            foreach (var (phase, time) in result.Timings)
            {
                var allocated = result.Allocations.TryGetValue(phase, out var bytes) ? $" {bytes / 1e6,7:F1} MB" : "";
                context.Error.WriteLine($"{phase,-24} {time.TotalMilliseconds,9:F1} ms{allocated}");
            }
            context.Error.WriteLine($"{"total",-24} {result.Timings.Where(t => !t.Phase.StartsWith(' ')).Sum(t => t.Time.TotalMilliseconds),9:F1} ms");
            // The whole process so far (the build is most of it): what the collector cost besides the phases' own work.
            context.Error.WriteLine($"{"gc",-24} {GC.CollectionCount(0)} collections (gen1 {GC.CollectionCount(1)}, gen2 {GC.CollectionCount(2)}), " +
                $"{GC.GetTotalAllocatedBytes() / 1e6:F0} MB allocated, {GC.GetTotalPauseDuration().TotalMilliseconds:F0} ms paused" +
                (CollectorRegion.StartedBytes > 0 ? $"; no-GC region of {CollectorRegion.StartedBytes >> 20} MB{(CollectorRegion.RanOut ? ", exhausted" : "")}" : ""));
            // Methods the JIT compiled (ReadyToRun code needs none; generic instantiations over our value types do) and the
            // process's CPU time on all threads (the JIT's background tier-up and the collector included).
            context.Error.WriteLine($"{"jit",-24} {System.Runtime.JitInfo.GetCompiledMethodCount()} methods, " +
                $"{System.Runtime.JitInfo.GetCompilationTime().TotalMilliseconds:F0} ms; process CPU {Environment.CpuUsage.TotalTime.TotalMilliseconds:F0} ms");
        }
        return result.Success;
    }
}
