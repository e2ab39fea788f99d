using System.Runtime.InteropServices;
using Sox.Compiler.CodeGen;
using Sox.Compiler.ObjectFiles;
using Sox.Compiler.ObjectFiles.Elf;
using Sox.Compiler.Targets.Arm64;
using Sox.Compiler.Targets.X64;

namespace Sox.Compiler.Driver;

/// <summary>
/// A target the driver can build for: its .NET-style runtime identifier, register/ABI description, backend,
/// object writer, the C compiler drivers that can compile and link for it, and the emulator that runs its
/// programs when the host cannot (architecture.md D7: linux-arm64 under <c>qemu-aarch64 -L /usr/aarch64-linux-gnu</c>).
/// The macOS targets are in <c>TargetPlatform.Apple.cs</c>.
/// </summary>
public sealed partial record TargetPlatform(
    string RuntimeIdentifier,
    TargetDescription Description,
    Func<ITargetBackend> CreateBackend,
    IObjectFileWriter ObjectWriter,
    IReadOnlyList<string> CCompilerCandidates,
    IReadOnlyList<string> ExtraCompilerArguments,
    string? Runner)
{
    /// <summary>Arguments the runner takes before the program (qemu's <c>-L</c> sysroot for the dynamic loader).</summary>
    public IReadOnlyList<string> RunnerArguments { get; init; } = [];

    /// <summary>Arguments only one candidate needs (a multi-target <c>clang</c> gets <c>--target=…</c>), added to <see cref="ExtraCompilerArguments"/>.</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<string>> CandidateArguments { get; init; } = new Dictionary<string, IReadOnlyList<string>>();

    /// <summary>What to install when the target's tools are missing (SOX5007); null for the host's own toolchain.</summary>
    public string? ToolInstallHint { get; init; }

    /// <summary>Archivers for the runtime archive, in order of preference (after one named like a cross compiler,
    /// <c>aarch64-linux-gnu-ar</c>). GNU <c>ar</c> writes no symbol index for Mach-O members, so macOS targets built
    /// elsewhere than on a Mac take <c>llvm-ar</c>.</summary>
    public IReadOnlyList<string> Archivers { get; init; } = ["ar", "llvm-ar"];

    /// <summary>When no machine like this host can run the target's programs, natively or through <see cref="Runner"/>
    /// (macOS programs on Linux): what running them needs, for SOX5012; else null.</summary>
    public string? RunRequirement { get; init; }

    /// <summary>Appended to an executable's name (<c>.exe</c> for Windows; else nothing).</summary>
    public string ExecutableExtension { get; init; } = "";

    /// <summary>Environment variables the runner needs (Wine: <c>WINEDEBUG=-all</c>).</summary>
    public IReadOnlyDictionary<string, string> RunnerEnvironment { get; init; } = new Dictionary<string, string>();

    /// <summary>Finds the runner when it may be off PATH (Wine's <c>wine64</c>); null to look for <see cref="Runner"/> on PATH.</summary>
    public Func<string?>? RunnerLocator { get; init; }

    /// <summary>Prepares the runner before a program runs (Wine: a persistent <c>wineserver</c>); null when nothing is needed.</summary>
    public Action? PrepareRunner { get; init; }

    /// <summary>The Debian cross sysroot holding the AArch64 C library and dynamic loader.</summary>
    public const string Arm64Sysroot = "/usr/aarch64-linux-gnu";

    /// <summary>Every supported target: Linux x64 and AArch64 (ELF), macOS AArch64 and x64 (Mach-O).</summary>
    public static IReadOnlyList<TargetPlatform> All { get; } =
    [
        new("linux-x64", X64Target.LinuxX64, () => new X64Backend(X64Target.LinuxX64), new ElfObjectWriter(),
            HostIs(Architecture.X64) ? ["clang", "gcc", "cc"] : ["x86_64-linux-gnu-gcc"], [], HostIs(Architecture.X64) ? null : "qemu-x86_64")
        {
            ToolInstallHint = HostIs(Architecture.X64) ? null : "Install the Debian packages gcc-x86-64-linux-gnu and qemu-user.",
        },
        new("linux-arm64", Arm64Target.LinuxArm64, () => new Arm64Backend(Arm64Target.LinuxArm64), new ElfObjectWriter(),
            HostIs(Architecture.Arm64) ? ["clang", "gcc", "cc"] : ["aarch64-linux-gnu-gcc", "clang"], [], HostIs(Architecture.Arm64) ? null : "qemu-aarch64")
        {
            // clang cross-links with lld and borrows the cross gcc's crt files and libgcc from the sysroot.
            CandidateArguments = HostIs(Architecture.Arm64)
                ? new Dictionary<string, IReadOnlyList<string>>()
                : new Dictionary<string, IReadOnlyList<string>> { ["clang"] = ["--target=aarch64-linux-gnu", "-fuse-ld=lld"] },
            RunnerArguments = HostIs(Architecture.Arm64) ? [] : ["-L", Arm64Sysroot],
            ToolInstallHint = HostIs(Architecture.Arm64) ? null
                : "Install the Debian packages gcc-aarch64-linux-gnu, libc6-dev-arm64-cross and qemu-user, or name a compiler with --cc.",
        },
        Apple("osx-arm64", Arm64Target.OsxArm64, () => new Arm64Backend(Arm64Target.OsxArm64), "arm64-apple-macos11", Architecture.Arm64),
        Apple("osx-x64", X64Target.OsxX64, () => new X64Backend(X64Target.OsxX64), "x86_64-apple-macos11", Architecture.X64),
        Windows(),
    ];

    /// <summary>The target of the machine this runs on: the default of <c>--target</c> (Windows on x64: win-x64).</summary>
    public static string Host => OperatingSystem.IsWindows() && RuntimeInformation.OSArchitecture == Architecture.X64 ? "win-x64"
        : OperatingSystem.IsLinux() && HostIs(Architecture.X64) ? "linux-x64"
        : OperatingSystem.IsLinux() && HostIs(Architecture.Arm64) ? "linux-arm64"
        : OperatingSystem.IsMacOS() && RuntimeInformation.OSArchitecture == Architecture.Arm64 ? "osx-arm64"
        : OperatingSystem.IsMacOS() && RuntimeInformation.OSArchitecture == Architecture.X64 ? "osx-x64"
        : RuntimeInformation.RuntimeIdentifier;

    /// <summary>
    /// The target with runtime identifier <paramref name="rid"/> (<c>linux-x64</c>), or null when unsupported.
    /// </summary>
    /// <param name="rid">A runtime identifier as given to <c>--target</c>.</param>
    public static TargetPlatform? Find(string rid) => All.FirstOrDefault(t => t.RuntimeIdentifier == rid);

    /// <summary>The arguments to pass to <paramref name="candidate"/> (a name from <see cref="CCompilerCandidates"/>, or a path),
    /// with <c>-isysroot</c> when it needs the <see cref="Sysroot"/> and one is set.</summary>
    public IReadOnlyList<string> CompilerArguments(string candidate)
    {
        if (!CandidateArguments.TryGetValue(HostEnvironment.ToolName(candidate), out var extra)) return ExtraCompilerArguments;
        return Sysroot?.Folder() is { } folder ? [.. ExtraCompilerArguments, .. extra, "-isysroot", folder] : [.. ExtraCompilerArguments, .. extra];
    }

    /// <summary>The command line that runs <paramref name="executable"/>: the program itself, or the runner, its arguments and the program.</summary>
    public IReadOnlyList<string> RunCommand(string executable) => Runner is null ? [executable] : [LocateRunner() ?? Runner, .. RunnerArguments, executable];

    /// <summary>The runner's path (<see cref="RunnerLocator"/>, else <see cref="Runner"/> on PATH); null when there is none or it is missing.</summary>
    public string? LocateRunner() => Runner is null ? null : RunnerLocator is { } locate ? locate() : ProcessRunner.FindOnPath(Runner);

    /// <summary>The runner's name when the target needs one and it is not installed; else null.</summary>
    public string? MissingRunner() => Runner is not null && LocateRunner() is null ? Runner : null;

    /// <summary>Where the runner was looked for, for SOX5007 (<c>not found on PATH</c>, or the places <see cref="RunnerLocator"/> searches).</summary>
    public string RunnerSearch { get; init; } = "not found on PATH";

    private static bool HostIs(Architecture architecture) =>
        OperatingSystem.IsLinux() && RuntimeInformation.OSArchitecture == architecture;
}
