using Microsoft.Build.Framework;
using Sox.Compiler.Driver;
using Task = Microsoft.Build.Utilities.Task;

namespace Sox.Build.Tasks;

/// <summary>
/// Maps <c>RuntimeIdentifier</c> to a compiler target and finds the C compiler driver and archiver for it:
/// <c>SoxCC</c> (<c>SoxAr</c>) when set, else the <c>CC</c> environment variable, else the target's candidates on
/// PATH (<c>clang</c>, <c>gcc</c>, <c>cc</c> natively; <c>aarch64-linux-gnu-gcc</c> and the like across; for macOS off a
/// Mac, <c>clang</c> with the SDK named by <c>SDKROOT</c>; for win-x64 on a Windows host, also Visual Studio's clang
/// found with vswhere and <c>%ProgramFiles%\LLVM</c> — <see cref="Compiler.Driver.WindowsToolchain"/>). Everything
/// missing is one actionable error: what to install, or which property to set.
/// </summary>
public sealed class SoxResolveToolchain : Task
{
    [Required]
    public string RuntimeIdentifier { get; set; } = "";

    /// <summary><c>SoxCC</c>: a compiler driver name on PATH or a path.</summary>
    public string? CCompiler { get; set; }

    /// <summary><c>SoxAr</c>: an archiver name on PATH or a path (only needed for <c>OutputType=Library</c>).</summary>
    public string? Archiver { get; set; }

    public bool NeedsArchiver { get; set; }

    /// <summary><c>SoxWindowsToolchain</c>: <c>msvc</c> or <c>mingw</c> for win-x64; empty lets the search choose
    /// (MSVC-style for a clang on a Windows host, MinGW-style for a gcc and off Windows).</summary>
    public string? WindowsToolchain { get; set; }

    /// <summary>The Windows toolchain the build uses, <c>msvc</c> or <c>mingw</c>; empty for other targets. Its link
    /// conventions also travel in <see cref="TargetArguments"/> (<c>--target=x86_64-pc-windows-msvc</c>), which is
    /// what <see cref="SoxWriteLinkCommand"/> reads.</summary>
    [Output]
    public string ResolvedWindowsToolchain { get; private set; } = "";

    [Output]
    public string CCompilerPath { get; private set; } = "";

    [Output]
    public string ArchiverPath { get; private set; } = "";

    /// <summary>Arguments the target needs on every compile and link (e.g. <c>--target=…</c>, a sysroot).</summary>
    [Output]
    public string[] TargetArguments { get; private set; } = [];

    /// <summary>The flags the runtime's C sources are compiled with (as the <c>sox</c> tool does).</summary>
    [Output]
    public string[] RuntimeCompileFlags { get; private set; } = [];

    /// <summary>The machine searched: this one, or a simulated Windows host in tests (internal, so MSBuild never sees it).</summary>
    internal HostEnvironment Host { get; set; } = HostEnvironment.Current;

    public override bool Execute()
    {
        if (TargetPlatform.Find(RuntimeIdentifier) is not { } target)
        {
            Log.LogError(null, "SOX5006", null, null, 0, 0, 0, 0,
                "Can't build for RuntimeIdentifier '{0}': the Sox compiler has no backend for it; supported: {1}. Set <RuntimeIdentifier> to one of them or leave it empty for the host.",
                RuntimeIdentifier, string.Join(", ", TargetPlatform.All.Select(t => t.RuntimeIdentifier)));
            return false;
        }
        if (!ToolchainFlavors.TryParse(WindowsToolchain, out var flavor))
        {
            Log.LogError(null, "SOX6006", null, null, 0, 0, 0, 0,
                "{0} '{1}' is not a Windows toolchain: use {2}, or leave it empty to let the search choose.", Compiler.Driver.WindowsToolchain.FlavorProperty, WindowsToolchain, ToolchainFlavors.Names);
            return false;
        }
        var host = Host;
        var cc = Compiler.Driver.CCompiler.Locate(target, CCompiler, flavor, host, out var tried, out var needed);
        if (cc is null)
        {
            // A cross target that needs more than a compiler on PATH (macOS off a Mac: an SDK) says what (SOX5007).
            if (target.Sysroot is not null && target.ToolInstallHint is { } hint)
                Log.LogError(null, "SOX5007", null, null, 0, 0, 0, 0,
                    "Building for RuntimeIdentifier {0} needs {1}. {2} Set <SoxCC> to use another compiler driver.", target.RuntimeIdentifier, needed, hint);
            else if (!string.IsNullOrWhiteSpace(CCompiler))
                Log.LogError(null, "SOX5003", null, null, 0, 0, 0, 0,
                    "The C compiler named by SoxCC ('{0}') was not found. Set <SoxCC> to the path or PATH name of gcc or clang, or leave it empty to search PATH.", CCompiler);
            // On Windows: every place of the search, Visual Studio's clang component or LLVM to install, SoxCC.
            else if (target.IsWindows && host.IsWindows)
                Log.LogError(null, "SOX5003", null, null, 0, 0, 0, 0,
                    "No C compiler for {0} found (tried {1}). The Sox runtime is C and programs are linked by a C compiler driver. {2}",
                    target.RuntimeIdentifier, tried, Compiler.Driver.WindowsToolchain.InstallHint(flavor, "<SoxCC>", "<" + Compiler.Driver.WindowsToolchain.FlavorProperty + ">"));
            else
                Log.LogError(null, "SOX5003", null, null, 0, 0, 0, 0,
                    "No C compiler for {0} found on PATH (tried {1}). The Sox runtime is C and programs are linked by a C compiler driver: install {2}, or set <SoxCC> (or the CC environment variable) to one.",
                    target.RuntimeIdentifier, tried, target.Runner is null ? "gcc or clang (Debian/Ubuntu: apt-get install gcc)" : "a cross compiler (e.g. the Debian package gcc-x86-64-linux-gnu)");
            return false;
        }
        if (!IsExecutable(cc.Path))
        {
            Log.LogError(null, "SOX5003", null, null, 0, 0, 0, 0, "The C compiler '{0}' is not an executable file. Set <SoxCC> to gcc or clang.", cc.Path);
            return false;
        }
        CCompilerPath = cc.Path;
        TargetArguments = [.. cc.TargetArguments];
        RuntimeCompileFlags = [.. RuntimeLibrary.CompileFlagsFor(cc.Flavor)];
        ResolvedWindowsToolchain = target.IsWindows ? ToolchainFlavors.Name(cc.Flavor) : "";

        if (NeedsArchiver)
        {
            var ar = string.IsNullOrWhiteSpace(Archiver) ? RuntimeLibrary.ArchiverFor(cc.Path, target, cc.Flavor, host) : host.FindProgram(Archiver);
            if (ar is null)
            {
                Log.LogError(null, "SOX5003", null, null, 0, 0, 0, 0,
                    "No archiver found for OutputType=Library (tried {0}). Install binutils, or llvm for llvm-ar (Debian/Ubuntu: apt-get install binutils llvm), or set <SoxAr>.",
                    string.IsNullOrWhiteSpace(Archiver) ? string.Join(", ", target.IsWindows ? Compiler.Driver.WindowsToolchain.Archivers(cc.Flavor) : target.Archivers) : $"'{Archiver}'");
                return false;
            }
            ArchiverPath = ar;
        }
        return true;
    }

    /// <summary>The execute bit off Windows; on Windows the file's extension made it a program (PATHEXT). The real OS
    /// decides, not a simulated host: File.GetUnixFileMode throws on Windows.</summary>
    private static bool IsExecutable(string path) =>
        OperatingSystem.IsWindows() || (File.GetUnixFileMode(path) & (UnixFileMode.UserExecute | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute)) != 0;
}
