namespace Sox.Compiler.Driver;

/// <summary>
/// The system root a cross C compiler needs to compile and link for a target, named by an environment variable:
/// for macOS off a Mac, the macOS SDK in <c>SDKROOT</c> (the variable Apple's own tools read), passed to clang as
/// <c>-isysroot</c> — it holds the C headers and the <c>.tbd</c> stubs of libSystem that programs link against.
/// </summary>
/// <param name="Variable">The environment variable holding the folder.</param>
/// <param name="Description">What the folder is, for diagnostics ("a macOS SDK").</param>
public sealed record TargetSysroot(string Variable, string Description)
{
    /// <summary>The macOS SDK (e.g. <c>MacOSX11.3.sdk</c> from Xcode or the Command Line Tools).</summary>
    public static TargetSysroot MacOSSdk { get; } = new("SDKROOT", "a macOS SDK");

    /// <summary>The folder, when the variable names an existing one; else null.</summary>
    public string? Folder() => Problem() is null ? Environment.GetEnvironmentVariable(Variable) : null;

    /// <summary>Why the sysroot cannot be used (unset, or not a folder); null when it can.</summary>
    public string? Problem() => Environment.GetEnvironmentVariable(Variable) switch
    {
        null or "" => $"{Variable} is not set",
        var folder when !Directory.Exists(folder) => $"{Variable} names '{folder}', which is not a folder",
        _ => null,
    };
}
