using Sox.Compiler.CodeGen;
using Sox.Compiler.ObjectFiles;
using Sox.Compiler.ObjectFiles.Elf;
using Sox.Compiler.Targets.X64;

namespace Sox.Compiler.Driver;

/// <summary>
/// A target the driver can build for: its .NET-style runtime identifier, register/ABI description, backend,
/// object writer, and the C compiler drivers that can compile and link for it.
/// </summary>
public sealed record TargetPlatform(
    string RuntimeIdentifier,
    TargetDescription Description,
    Func<ITargetBackend> CreateBackend,
    IObjectFileWriter ObjectWriter,
    IReadOnlyList<string> CCompilerCandidates,
    IReadOnlyList<string> ExtraCompilerArguments,
    string? Runner)
{
    public static IReadOnlyList<TargetPlatform> All { get; } =
    [
        new("linux-x64", X64Target.LinuxX64, () => new X64Backend(X64Target.LinuxX64), new ElfObjectWriter(),
            HostIsLinuxX64() ? ["clang", "gcc", "cc"] : ["x86_64-linux-gnu-gcc"], [], HostIsLinuxX64() ? null : "qemu-x86_64"),
    ];

    public static string Host => HostIsLinuxX64() ? "linux-x64" : System.Runtime.InteropServices.RuntimeInformation.RuntimeIdentifier;

    public static TargetPlatform? Find(string rid) => All.FirstOrDefault(t => t.RuntimeIdentifier == rid);

    private static bool HostIsLinuxX64() =>
        OperatingSystem.IsLinux() && System.Runtime.InteropServices.RuntimeInformation.OSArchitecture == System.Runtime.InteropServices.Architecture.X64;
}
