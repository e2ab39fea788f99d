namespace Sox.Toolchain.Tests.LanguageServer;

/// <summary>A temporary folder of <c>.sox</c> files for one language-server test, removed afterwards.</summary>
internal sealed class LspWorkspace : IDisposable
{
    public LspWorkspace()
    {
        Root = Path.Combine(Path.GetTempPath(), "sox-lsp-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Root);
    }

    public string Root { get; }

    public string Write(string relative, string text)
    {
        var path = Path.Combine(Root, relative);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, text);
        return path;
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(Root, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
