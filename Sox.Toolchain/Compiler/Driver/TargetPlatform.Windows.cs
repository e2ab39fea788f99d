using Sox.Compiler.ObjectFiles.Coff;
using Sox.Compiler.Targets.X64;

namespace Sox.Compiler.Driver;

/// <summary>
/// win-x64: the Microsoft x64 convention (<see cref="X64Target.WindowsX64"/>), COFF objects
/// (<see cref="CoffObjectWriter"/>) with <c>.pdata</c>/<c>.xdata</c> unwind data for every function, linked MinGW-style
/// (the GNU driver conventions: <c>-o app.exe</c>, <c>-shared</c> for a DLL with its import library) by
/// <c>x86_64-w64-mingw32-gcc</c>, or by <c>clang --target=x86_64-w64-windows-gnu -fuse-ld=lld</c> where clang finds a
/// MinGW installation. On Linux the programs run under Wine (<see cref="WineRunner"/>).
/// </summary>
public sealed partial record TargetPlatform
{
    /// <summary>The triple clang is given for win-x64.</summary>
    public const string WindowsTriple = "x86_64-w64-windows-gnu";

    private static TargetPlatform Windows()
    {
        var onWindows = OperatingSystem.IsWindows();
        return new("win-x64", X64Target.WindowsX64, () => new X64Backend(X64Target.WindowsX64), new CoffObjectWriter(),
            onWindows ? ["clang", "gcc", "x86_64-w64-mingw32-gcc"] : ["x86_64-w64-mingw32-gcc", "clang"], [], onWindows ? null : WineRunner.Name)
        {
            CandidateArguments = new Dictionary<string, IReadOnlyList<string>> { ["clang"] = [$"--target={WindowsTriple}", "-fuse-ld=lld"] },
            // ArchiverFor takes x86_64-w64-mingw32-ar next to the MinGW gcc; clang's archives come from llvm-ar.
            Archivers = ["llvm-ar", "ar"],
            ExecutableExtension = ".exe",
            RunnerEnvironment = onWindows ? new Dictionary<string, string>() : WineRunner.Environment,
            RunnerLocator = onWindows ? null : WineRunner.Locate,
            RunnerSearch = WineRunner.Search,
            PrepareRunner = onWindows ? null : WineRunner.EnsureServer,
            ToolInstallHint = onWindows ? null : WineRunner.InstallHint,
        };
    }
}
