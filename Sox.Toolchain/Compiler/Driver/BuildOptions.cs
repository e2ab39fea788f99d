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
    public required string EntryPath { get; init; }

    public required string OutputPath { get; init; }

    public string Target { get; init; } = TargetPlatform.Host;

    public OptimizationLevel Optimization { get; init; } = OptimizationLevel.O2;

    public EmitKind Emit { get; init; } = EmitKind.Exe;

    public EntryMode Mode { get; init; } = EntryMode.Run;

    /// <summary>An explicit C compiler (<c>--cc</c>); otherwise CC, then the target's candidates.</summary>
    public string? CCompiler { get; init; }

    /// <summary>C sources compiled and linked with the program (§9, issue 6); objects (<c>.o</c>) and archives (<c>.a</c>) are linked as given.</summary>
    public IReadOnlyList<string> CSources { get; init; } = [];

    /// <summary>Libraries passed to the linker as <c>-l</c>.</summary>
    public IReadOnlyList<string> Libraries { get; init; } = [];

    public string? DumpAfter { get; init; }

    /// <summary>Where the compiled runtime is cached.</summary>
    public string CacheDirectory { get; init; } = DefaultCacheDirectory();

    public static string DefaultCacheDirectory()
    {
        if (Environment.GetEnvironmentVariable("SOX_CACHE_DIR") is { Length: > 0 } dir) return dir;
        var baseDir = Environment.GetEnvironmentVariable("XDG_CACHE_HOME") is { Length: > 0 } xdg
            ? xdg
            : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".cache");
        return Path.Combine(baseDir, "sox");
    }
}
