namespace Sox.Compiler.Driver;

/// <summary>The tools a link runs, as found for the target (<see cref="CCompiler.Locate(TargetPlatform, string?, out string, out string)"/>,
/// <see cref="RuntimeLibrary.ArchiverFor(string, TargetPlatform)"/>).</summary>
/// <param name="CCompiler">The C compiler driver's path: it links executables and shared libraries.</param>
/// <param name="TargetArguments">What the driver needs on every command for the target (<c>--target=…</c>, a sysroot).</param>
/// <param name="Archiver">The archiver's path, for a static library; null when none is needed.</param>
public sealed record LinkToolchain(string CCompiler, IReadOnlyList<string> TargetArguments, string? Archiver = null)
{
    /// <summary>The conventions the link follows: by default what the target arguments say
    /// (<see cref="ToolchainFlavors.FromTargetArguments"/>), which is how the SDK's task learns it.</summary>
    public ToolchainFlavor Flavor { get; init; } = ToolchainFlavors.FromTargetArguments(TargetArguments);

    /// <summary>The toolchain of a located C compiler.</summary>
    public static LinkToolchain Of(CCompiler cc, string? archiver = null) => new(cc.Path, cc.TargetArguments, archiver) { Flavor = cc.Flavor };
}
