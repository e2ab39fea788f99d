using Sox.Compiler.Lowering;
using Sox.Compiler.Passes;

namespace Sox.Compiler.Driver;

/// <summary>What <c>sox build</c> produces.</summary>
public enum EmitKind
{
    /// <summary>A linked native executable.</summary>
    Exe,
    /// <summary>A shared library (<c>.so</c>/<c>.dylib</c>) whose entry points are the program's <c>export fn</c>s (§9).</summary>
    Shared,
    /// <summary>One relocatable object with every module of the program.</summary>
    Obj,
    /// <summary>The allocated machine code of every function, as a listing.</summary>
    Asm,
    /// <summary>The IR after the pass pipeline.</summary>
    Ir,
}

/// <summary>Everything the native build pipeline needs to know.</summary>
public sealed record BuildOptions
{
    /// <summary>The entry <c>.sox</c> file; the modules it imports are found from it (§6).</summary>
    public required string EntryPath { get; init; }

    /// <summary>
    /// The file to write: the executable, library, object, listing or IR, as <see cref="Emit"/> says.
    /// </summary>
    public required string OutputPath { get; init; }

    /// <summary>
    /// The target's runtime identifier (<c>linux-x64</c>, <c>linux-arm64</c>, <c>osx-arm64</c>, <c>osx-x64</c>); the
    /// host by default.
    /// </summary>
    public string Target { get; init; } = TargetPlatform.Host;

    /// <summary>The IR pass pipeline to run: <c>O2</c> by default, <c>O0</c> for only legalisation.</summary>
    public OptimizationLevel Optimization { get; init; } = OptimizationLevel.O2;

    /// <summary>Whether objects carry debugging information (<c>-g</c>: DWARF line tables and function entries on ELF
    /// targets). The generated code is the same either way.</summary>
    public bool Debug { get; init; }

    /// <summary>What to produce (<c>--emit</c>): an executable by default.</summary>
    public EmitKind Emit { get; init; } = EmitKind.Exe;

    /// <summary>
    /// What the program entry runs: <c>main</c> (<c>sox build</c>/<c>run</c>), the tests or the benchmarks.
    /// </summary>
    public EntryMode Mode { get; init; } = EntryMode.Run;

    /// <summary>An explicit C compiler (<c>--cc</c>); otherwise CC, then the target's candidates.</summary>
    public string? CCompiler { get; init; }

    /// <summary>The Windows toolchain (<c>--windows-toolchain msvc|mingw</c>) for win-x64; null lets the search choose
    /// (MSVC-style for a clang on a Windows host, MinGW-style for a gcc and off Windows; see <see cref="Driver.WindowsToolchain"/>).</summary>
    public ToolchainFlavor? WindowsToolchain { get; init; }

    /// <summary>C sources compiled and linked with the program (§9, issue 6); objects (<c>.o</c>) and archives (<c>.a</c>) are linked as given.</summary>
    public IReadOnlyList<string> CSources { get; init; } = [];

    /// <summary>Libraries passed to the linker as <c>-l</c>.</summary>
    public IReadOnlyList<string> Libraries { get; init; } = [];

    /// <summary>The IR pass after which to print each module (<c>--dump-after</c>), or null.</summary>
    public string? DumpAfter { get; init; }

    /// <summary>Also measure each pass and each backend step, with the bytes every phase allocates
    /// (<c>--timings</c>; <see cref="BuildResult.Allocations"/>). Without it only the phases' times are kept.</summary>
    public bool MeasureSteps { get; init; }

    /// <summary>
    /// Called once, after the front end has read every module, with the total length of their source text in
    /// characters, before the later phases allocate: the <c>sox</c> tool sizes its collector's no-GC region from it
    /// (docs/performance.md, "Compile time: selection, encoding, object writing and the collector"). Null: nothing.
    /// </summary>
    public Action<long>? SourcesRead { get; init; }

    /// <summary>Where the compiled runtime is cached.</summary>
    public string CacheDirectory { get; init; } = DefaultCacheDirectory();

    /// <summary>
    /// <c>$SOX_CACHE_DIR</c> when set, else <c>sox</c> under <c>$XDG_CACHE_HOME</c> or <c>~/.cache</c>.
    /// </summary>
    public static string DefaultCacheDirectory()
    {
        if (Environment.GetEnvironmentVariable("SOX_CACHE_DIR") is { Length: > 0 } dir) return dir;
        var baseDir = Environment.GetEnvironmentVariable("XDG_CACHE_HOME") is { Length: > 0 } xdg
            ? xdg
            : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".cache");
        return Path.Combine(baseDir, "sox");
    }
}
