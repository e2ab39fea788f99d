using Sox.Compiler.ObjectFiles.Coff;
using Sox.Compiler.Targets.X64;

namespace Sox.Compiler.Driver;

/// <summary>
/// win-x64: the Microsoft x64 convention (<see cref="X64Target.WindowsX64"/>), COFF objects
/// (<see cref="CoffObjectWriter"/>) with <c>.pdata</c>/<c>.xdata</c> unwind data for every function, linked MinGW-style
/// (the GNU driver conventions: <c>-o app.exe</c>, <c>-shared</c> for a DLL with its import library) by
/// <c>x86_64-w64-mingw32-gcc</c>, or by <c>clang --target=x86_64-w64-windows-gnu -fuse-ld=lld</c> where clang finds a
/// MinGW installation — or MSVC-style, by clang for <c>x86_64-pc-windows-msvc</c> with lld-link, the default on a
/// Windows host (<see cref="ToolchainFlavor"/>; the search is <see cref="WindowsToolchain"/>'s). On Linux the programs
/// run under Wine (<see cref="WineRunner"/>).
/// </summary>
public sealed partial record TargetPlatform
{
    /// <summary>The triple clang is given for win-x64.</summary>
    public const string WindowsTriple = "x86_64-w64-windows-gnu";

    /// <summary>Whether the target is Windows (COFF objects, <c>.exe</c>/<c>.dll</c>, two toolchain flavours).</summary>
    public bool IsWindows => Description.ObjectFormat == CodeGen.ObjectFormat.Coff;

    private static TargetPlatform Windows()
    {
        // The host decides whether programs run natively or under Wine; the compiler search asks the host itself
        // (CCompiler.Locate), these candidates are only the MinGW-style list for callers that read them.
        var host = HostEnvironment.Current;
        var onWindows = host.IsWindows;
        return new("win-x64", X64Target.WindowsX64, () => new X64Backend(X64Target.WindowsX64), new CoffObjectWriter(),
            WindowsToolchain.PathCandidates(ToolchainFlavor.Gnu, host), [], onWindows ? null : WineRunner.Name)
        {
            CandidateArguments = new Dictionary<string, IReadOnlyList<string>> { ["clang"] = [$"--target={WindowsTriple}", "-fuse-ld=lld"] },
            // ArchiverFor takes x86_64-w64-mingw32-ar next to the MinGW gcc; clang's archives come from llvm-ar.
            Archivers = WindowsToolchain.Archivers(ToolchainFlavor.Gnu),
            ExecutableExtension = ".exe",
            RunnerEnvironment = onWindows ? new Dictionary<string, string>() : WineRunner.Environment,
            RunnerLocator = onWindows ? null : WineRunner.Locate,
            RunnerSearch = WineRunner.Search,
            PrepareRunner = onWindows ? null : WineRunner.EnsureServer,
            ToolInstallHint = onWindows ? null : WineRunner.InstallHint,
        };
    }
}
