namespace Sox.Compiler.Driver;

/// <summary>A library to link: a name the linker searches for (<c>m</c> → <c>-lm</c>) or a file passed as it is.</summary>
/// <param name="Value">The library's name, or the file's path.</param>
/// <param name="IsFile">True for a file (an archive or shared object named by path).</param>
public sealed record LinkLibrary(string Value, bool IsFile)
{
    /// <summary>A library as a user writes it (<c>SoxNativeLibrary</c>, <c>--lib</c>): a path, or a file name with a
    /// library extension, is a file; anything else is a name.</summary>
    public static LinkLibrary Parse(string spec) =>
        new(spec, spec.Contains('/') || spec.Contains('\\')
            || FileExtensions.Any(e => spec.EndsWith(e, StringComparison.OrdinalIgnoreCase)));

    /// <summary>A library named by an <c>extern "lib" fn</c> (§9) or by the runtime: always a name.</summary>
    public static LinkLibrary Named(string name) => new(name, false);

    private static readonly string[] FileExtensions = [".a", ".so", ".dylib", ".lib", ".dll"];
}
