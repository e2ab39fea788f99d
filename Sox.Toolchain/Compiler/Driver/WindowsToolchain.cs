namespace Sox.Compiler.Driver;

/// <summary>
/// Finding the C compiler for win-x64, and what it is given, for both flavours (<see cref="ToolchainFlavor"/>).
/// On a Windows host the search goes where Windows users have clang (issue 11 item 7):
/// <list type="number">
/// <item>the compiler named by <c>--cc</c> / <c>SoxCC</c> (only it);</item>
/// <item>the <c>CC</c> environment variable;</item>
/// <item><c>clang</c> on PATH, with PATHEXT (<see cref="HostEnvironment.FindProgram"/>);</item>
/// <item>Visual Studio's bundled LLVM: <c>vswhere</c> (at <c>%ProgramFiles(x86)%\Microsoft Visual Studio\Installer\vswhere.exe</c>,
/// where the Visual Studio Installer always puts it — Microsoft's "Locate Visual Studio" docs) asked for the latest
/// installation, Build Tools and previews included, that has the component "C++ Clang tools for Windows"
/// (<see cref="VisualStudioClangComponent"/>); its clang is <c>&lt;installationPath&gt;\VC\Tools\Llvm\x64\bin\clang.exe</c>;</item>
/// <item>the LLVM installer's folder, <c>%ProgramFiles%\LLVM\bin\clang.exe</c>;</item>
/// <item>unless MSVC-style was chosen, a MinGW-w64 gcc on PATH (MSYS2, w64devkit, WinLibs put it there).</item>
/// </list>
/// A build that chose no flavour takes MSVC-style for a clang and MinGW-style for a gcc (gcc has no MSVC target).
/// Off Windows the search is the target's list on PATH as for every cross target: <c>x86_64-w64-mingw32-gcc</c>,
/// then <c>clang</c> (MinGW-style, the default there), or <c>clang</c> alone when MSVC-style is chosen.
/// </summary>
public static class WindowsToolchain
{
    /// <summary>The triple clang is given for the MSVC-style toolchain.</summary>
    public const string MsvcTriple = "x86_64-pc-windows-msvc";

    /// <summary>The Visual Studio component that installs clang and lld ("C++ Clang tools for Windows").</summary>
    public const string VisualStudioClangComponent = "Microsoft.VisualStudio.Component.VC.Llvm.Clang";

    /// <summary>The SDK property choosing the flavour.</summary>
    public const string FlavorProperty = "SoxWindowsToolchain";

    /// <summary>The triple clang is given for <paramref name="flavor"/>.</summary>
    public static string Triple(ToolchainFlavor flavor) => flavor == ToolchainFlavor.Msvc ? MsvcTriple : TargetPlatform.WindowsTriple;

    /// <summary>
    /// What a compiler is given on every compile and link: clang gets the flavour's triple and lld (its own linker
    /// for both Windows ABIs: lld-link for MSVC, the MinGW driver of ld.lld for GNU); a gcc gets nothing (a MinGW gcc
    /// targets Windows itself). MSVC-style, every compiler is taken for a clang: only clang compiles for that ABI
    /// with a GNU-style driver, and the explicit triple keeps the flavour visible in the arguments
    /// (<see cref="ToolchainFlavors.FromTargetArguments"/>).
    /// </summary>
    public static IReadOnlyList<string> CompilerArguments(string compiler, ToolchainFlavor flavor) =>
        flavor == ToolchainFlavor.Msvc || HostEnvironment.ToolName(compiler) == "clang" ? [$"--target={Triple(flavor)}", "-fuse-ld=lld"] : [];

    /// <summary>The flavour of a compiler when nobody chose one: a gcc (any name with <c>gcc</c> or <c>mingw</c>) is
    /// MinGW-style, anything else the host's default (<see cref="HostEnvironment.DefaultWindowsFlavor"/>).</summary>
    public static ToolchainFlavor InferFlavor(string compiler, HostEnvironment host)
    {
        var name = HostEnvironment.ToolName(compiler);
        return name.Contains("gcc", StringComparison.OrdinalIgnoreCase) || name.Contains("mingw", StringComparison.OrdinalIgnoreCase)
            ? ToolchainFlavor.Gnu : host.DefaultWindowsFlavor;
    }

    /// <summary>The compilers looked for on PATH, in order: off Windows today's cross list (MinGW-style), on Windows
    /// the MinGW-w64 drivers (MinGW-style) — MSVC-style it is <c>clang</c> alone everywhere.</summary>
    public static IReadOnlyList<string> PathCandidates(ToolchainFlavor flavor, HostEnvironment host) =>
        flavor == ToolchainFlavor.Msvc ? ["clang"]
        : host.IsWindows ? ["gcc", "x86_64-w64-mingw32-gcc", "clang"]
        : ["x86_64-w64-mingw32-gcc", "clang"];

    /// <summary>The archivers for a flavour, in order of preference: MSVC-style <c>llvm-lib</c> (writes <c>Name.lib</c>
    /// as lib.exe does), then <c>llvm-ar</c>; MinGW-style <c>llvm-ar</c>, then <c>ar</c>.</summary>
    public static IReadOnlyList<string> Archivers(ToolchainFlavor flavor) => flavor == ToolchainFlavor.Msvc ? ["llvm-lib", "llvm-ar"] : ["llvm-ar", "ar"];

    /// <summary>What to install or set when the search on a Windows host finds nothing (SOX5003); <paramref name="setting"/>
    /// names the user's override (<c>--cc</c> or <c>&lt;SoxCC&gt;</c>).</summary>
    public static string InstallHint(ToolchainFlavor? chosen, string setting, string flavorSetting) => chosen == ToolchainFlavor.Gnu
        ? $"Install MinGW-w64 (e.g. from MSYS2 or WinLibs) and put its bin folder on PATH, or set {setting} (or the CC environment variable) to its gcc."
        : "Install the Visual Studio component \"C++ Clang tools for Windows\" (" + VisualStudioClangComponent + ", in the Visual Studio Installer "
          + "under Desktop development with C++), or LLVM for Windows from https://github.com/llvm/llvm-project/releases (it installs to "
          + $"%ProgramFiles%\\LLVM); or set {setting} (or the CC environment variable) to a clang.exe"
          + (chosen is null ? $"; for a MinGW-w64 gcc set {flavorSetting} to mingw." : ".");

    /// <summary>One place the search looked: what it was (for the error) and the compiler found there, if any.</summary>
    /// <param name="Description">The place as the error names it.</param>
    /// <param name="Compiler">The compiler's path; null when it was not there.</param>
    /// <param name="Flavor">The flavour the compiler is used with.</param>
    public sealed record Place(string Description, string? Compiler, ToolchainFlavor Flavor);

    /// <summary>
    /// The places of the search on a Windows host, in order, each looked at only when the ones before found nothing
    /// (so <c>vswhere</c> runs only when PATH has no clang). The caller takes the first with a compiler.
    /// </summary>
    public static IEnumerable<Place> SearchOnWindows(string? explicitCompiler, ToolchainFlavor? chosen, HostEnvironment host)
    {
        if (!string.IsNullOrWhiteSpace(explicitCompiler))
        {
            yield return new Place($"'{explicitCompiler}'", host.FindProgram(explicitCompiler), chosen ?? InferFlavor(explicitCompiler, host));
            yield break;
        }
        if (host.Variable("CC") is { } cc)
        {
            yield return new Place($"CC='{cc}'", host.FindProgram(cc), chosen ?? InferFlavor(cc, host));
        }
        var pathext = string.Join(";", host.ExecutableExtensions);
        if (chosen != ToolchainFlavor.Gnu)
        {
            yield return new Place($"'clang' on PATH (with PATHEXT {pathext})", host.FindProgram("clang"), ToolchainFlavor.Msvc);
            yield return VisualStudioClang(host);
            yield return ProgramFilesClang(host);
        }
        if (chosen != ToolchainFlavor.Msvc)
        {
            // Auto: a gcc, which can only be MinGW-style. Chosen MinGW-style: a clang on PATH too (llvm-mingw's).
            var names = chosen is null ? PathCandidates(ToolchainFlavor.Gnu, host).Where(n => n != "clang").ToArray() : PathCandidates(ToolchainFlavor.Gnu, host);
            foreach (var name in names) yield return new Place($"'{name}' on PATH", host.FindProgram(name), ToolchainFlavor.Gnu);
        }
    }

    /// <summary>Visual Studio's clang, found with <c>vswhere</c>; the place says why not when it is missing.</summary>
    public static Place VisualStudioClang(HostEnvironment host)
    {
        const string what = "Visual Studio's LLVM";
        if (host.Variable("ProgramFiles(x86)") is not { } programFilesX86) return new Place($"{what} (ProgramFiles(x86) is not set, so vswhere cannot be found)", null, ToolchainFlavor.Msvc);
        var vswhere = Path.Combine(programFilesX86, "Microsoft Visual Studio", "Installer", "vswhere.exe");
        if (!host.FileExists(vswhere)) return new Place($"{what} ('{vswhere}' not found: no Visual Studio 2017 or later)", null, ToolchainFlavor.Msvc);
        // -products * includes the Build Tools; -prerelease the previews; -requires keeps only installations with
        // clang; -latest picks the newest of them (vswhere's README, "Examples").
        var result = host.Probe(vswhere, ["-latest", "-prerelease", "-products", "*", "-requires", VisualStudioClangComponent, "-property", "installationPath"]);
        if (result is null || result.ExitCode != 0) return new Place($"{what} ('{vswhere}' failed{(result is null ? " to start" : ": " + result.Output)})", null, ToolchainFlavor.Msvc);
        var installation = result.StandardOutput.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).FirstOrDefault();
        if (installation is null) return new Place($"{what} (vswhere found no installation with the component {VisualStudioClangComponent}, \"C++ Clang tools for Windows\")", null, ToolchainFlavor.Msvc);
        // The x64-hosted clang; VC\Tools\Llvm\bin holds the 32-bit one.
        var folder = Path.Combine(installation, "VC", "Tools", "Llvm", "x64", "bin");
        return new Place($"{what} ('{Path.Combine(folder, "clang.exe")}')", host.FindProgramIn(folder, "clang"), ToolchainFlavor.Msvc);
    }

    /// <summary>The LLVM installer's clang, <c>%ProgramFiles%\LLVM\bin\clang.exe</c>.</summary>
    public static Place ProgramFilesClang(HostEnvironment host)
    {
        if (host.Variable("ProgramFiles") is not { } programFiles) return new Place(@"%ProgramFiles%\LLVM\bin\clang.exe (ProgramFiles is not set)", null, ToolchainFlavor.Msvc);
        var folder = Path.Combine(programFiles, "LLVM", "bin");
        return new Place($"'{Path.Combine(folder, "clang.exe")}'", host.FindProgramIn(folder, "clang"), ToolchainFlavor.Msvc);
    }
}
