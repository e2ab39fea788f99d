namespace Sox.Toolchain.Tests.Semantics;

/// <summary>A throw-away directory of <c>.sox</c> files for module tests; each test owns one.</summary>
internal sealed class TempSourceTree : IDisposable
{
    public TempSourceTree() => Directory.CreateDirectory(Root);

    public string Root { get; } = Path.Combine(Path.GetTempPath(), "sox-modules-" + Guid.NewGuid().ToString("N"));

    /// <summary>Writes a file (relative path with <c>/</c>) and returns its full path.</summary>
    public string Write(string relativePath, string text)
    {
        var path = Path.Combine(Root, relativePath.Replace('/', Path.DirectorySeparatorChar));
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, text);
        return path;
    }

    public string PathOf(string relativePath) => Path.Combine(Root, relativePath.Replace('/', Path.DirectorySeparatorChar));

    public void Dispose()
    {
        try
        {
            Directory.Delete(Root, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temp folder must not fail the test that made it.
        }
    }
}
