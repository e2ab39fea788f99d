using System.Runtime.InteropServices;
using Sox.Compiler.CodeGen;
using Sox.Compiler.ObjectFiles.MachO;

namespace Sox.Compiler.Driver;

/// <summary>
/// The macOS targets, osx-arm64 and osx-x64: Mach-O objects (<see cref="MachOObjectWriter"/>, which gives every
/// symbol Apple's leading <c>_</c>), linked by clang for macOS 11 (the first release on arm64, and the
/// <c>LC_BUILD_VERSION</c> minimum the writer records).
/// <list type="bullet">
/// <item>On a Mac: <c>clang</c> (or <c>cc</c>, which is clang) with <c>--target=</c>; it finds the SDK itself, and
/// either architecture links on either Mac.</item>
/// <item>Elsewhere: <c>clang --target=… -fuse-ld=lld -isysroot $SDKROOT</c>, which needs a macOS SDK
/// (<see cref="TargetSysroot.MacOSSdk"/>) and lld's Mach-O linker (<c>ld64.lld</c>). Without them a build stops with
/// SOX5007; <c>--emit obj</c> and <c>--emit asm</c> need no C compiler. The programs cannot run there (SOX5012).</item>
/// </list>
/// </summary>
public sealed partial record TargetPlatform
{
    /// <summary>The sysroot the candidates of <see cref="CandidateArguments"/> need (macOS SDK off a Mac); null when none.</summary>
    public TargetSysroot? Sysroot { get; init; }

    private static TargetPlatform Apple(string rid, TargetDescription description, Func<ITargetBackend> createBackend, string triple, Architecture architecture)
    {
        var writer = new MachOObjectWriter();
        if (OperatingSystem.IsMacOS())
        {
            return new(rid, description, createBackend, writer, ["clang", "cc"], [$"--target={triple}"], null)
            {
                // An Intel Mac cannot run arm64 code; Apple silicon runs x86-64 programs under Rosetta 2.
                RunRequirement = architecture == Architecture.Arm64 && RuntimeInformation.OSArchitecture != Architecture.Arm64
                    ? "a Mac with Apple silicon" : null,
            };
        }
        return new(rid, description, createBackend, writer, ["clang"], [], null)
        {
            CandidateArguments = new Dictionary<string, IReadOnlyList<string>> { ["clang"] = [$"--target={triple}", "-fuse-ld=lld"] },
            Sysroot = TargetSysroot.MacOSSdk,
            Archivers = ["llvm-ar"],
            RunRequirement = architecture == Architecture.Arm64
                ? "a Mac with Apple silicon running macOS 11 or later"
                : "a Mac running macOS 11 or later (Apple silicon runs x86-64 programs under Rosetta 2)",
            ToolInstallHint = $"Off a Mac, programs for {rid} are compiled and linked by 'clang --target={triple} -fuse-ld=lld' (Debian packages "
                + "clang and lld) against the SDK that SDKROOT names (e.g. MacOSX11.3.sdk from Xcode's Command Line Tools); "
                + "'sox build --emit obj' and '--emit asm' need neither.",
        };
    }
}
