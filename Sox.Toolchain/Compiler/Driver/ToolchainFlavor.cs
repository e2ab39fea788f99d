namespace Sox.Compiler.Driver;

/// <summary>
/// The conventions a C toolchain links by. Only Windows has two (issue 11): the MinGW toolchains follow the GNU
/// driver's (<c>libName.a</c>, <c>-lfoo</c> finds <c>libfoo.a</c>, <c>--out-implib</c>), clang for the MSVC ABI links
/// with lld-link (<c>Name.lib</c>, <c>-lfoo</c> becomes <c>foo.lib</c>, the DLL's import library written by the
/// linker). Every other target is <see cref="Gnu"/>. Users name them <c>mingw</c> and <c>msvc</c>
/// (<c>sox build --windows-toolchain</c>, the SDK's <c>SoxWindowsToolchain</c>).
/// </summary>
public enum ToolchainFlavor
{
    /// <summary>The GNU driver conventions: ELF and Mach-O toolchains, and MinGW-w64 (gcc, or clang for
    /// <c>x86_64-w64-windows-gnu</c>) for Windows.</summary>
    Gnu,
    /// <summary>clang for <c>x86_64-pc-windows-msvc</c> with lld-link: Visual Studio's and the Windows SDK's libraries,
    /// the MSVC C runtime; static libraries by <c>llvm-lib</c>.</summary>
    Msvc,
}

/// <summary>Parsing and recognising <see cref="ToolchainFlavor"/>.</summary>
public static class ToolchainFlavors
{
    /// <summary>The values users write: <c>msvc</c>, <c>mingw</c>.</summary>
    public const string Names = "msvc, mingw";

    /// <summary>The flavour a user named (<c>msvc</c>, <c>mingw</c>; case-insensitive), null for empty or <c>auto</c>
    /// (chosen by the search); false when the name is none of them.</summary>
    public static bool TryParse(string? name, out ToolchainFlavor? flavor)
    {
        flavor = null;
        switch (name?.Trim().ToLowerInvariant())
        {
            case null or "" or "auto": return true;
            case "msvc": flavor = ToolchainFlavor.Msvc; return true;
            case "mingw" or "gnu": flavor = ToolchainFlavor.Gnu; return true;
            default: return false;
        }
    }

    /// <summary>The name users write for <paramref name="flavor"/> on Windows.</summary>
    public static string Name(ToolchainFlavor flavor) => flavor == ToolchainFlavor.Msvc ? "msvc" : "mingw";

    /// <summary>
    /// The flavour a driver's target arguments select: <c>--target=…-windows-msvc</c> is MSVC-style, anything else
    /// GNU-style. The search puts that argument on every MSVC-style compiler (<see cref="WindowsToolchain.CompilerArguments"/>),
    /// so the flavour travels with the arguments — through the SDK's <c>SoxResolveToolchain</c> outputs to
    /// <c>SoxWriteLinkCommand</c> — without a second setting that could disagree with them.
    /// </summary>
    public static ToolchainFlavor FromTargetArguments(IEnumerable<string> targetArguments) =>
        targetArguments.Any(a => a.StartsWith("--target=", StringComparison.Ordinal) && a.EndsWith("-windows-msvc", StringComparison.Ordinal))
            ? ToolchainFlavor.Msvc : ToolchainFlavor.Gnu;
}
