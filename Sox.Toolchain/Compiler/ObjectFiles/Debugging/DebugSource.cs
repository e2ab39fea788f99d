namespace Sox.Compiler.ObjectFiles.Debugging;

/// <summary>
/// What debugging information says about a module's source (<c>sox build -g</c>): the file a debugger opens and the
/// directory the compiler ran in (DWARF 4 §3.1.1 <c>DW_AT_name</c>, <c>DW_AT_comp_dir</c>).
/// </summary>
/// <param name="FullPath">The module's <c>.sox</c> file, absolute.</param>
/// <param name="CompilationDirectory">The directory the compiler ran in.</param>
public sealed record DebugSource(string FullPath, string CompilationDirectory)
{
    /// <summary>The MD5 of the file's bytes, for debuggers that check they show the source that was compiled (CodeView
    /// <c>DEBUG_S_FILECHKSMS</c>); null when unknown. See <see cref="ForFile"/>.</summary>
    public byte[]? Checksum { get; init; }

    /// <summary>The debugging source of <paramref name="fullPath"/>, with its MD5 when the file can be read.</summary>
    public static DebugSource ForFile(string fullPath, string compilationDirectory)
    {
        byte[]? checksum;
        try
        {
            checksum = System.Security.Cryptography.MD5.HashData(File.ReadAllBytes(fullPath));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            checksum = null;
        }
        return new DebugSource(fullPath, compilationDirectory) { Checksum = checksum };
    }
}
