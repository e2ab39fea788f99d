namespace Sox.LanguageServer;

/// <summary>
/// Converts between LSP document URIs and file paths. <c>file:</c> URIs are the norm; other schemes (an editor's
/// unsaved <c>untitled:</c> buffer) get a stand-in path under the workspace root so the module loader can resolve the
/// buffer's imports relative to it.
/// </summary>
internal static class DocumentUri
{
    /// <summary>The full path of <paramref name="uri"/>; null when it names no usable path.</summary>
    public static string? ToPath(string? uri, string? rootPath)
    {
        if (string.IsNullOrEmpty(uri)) return null;
        try
        {
            if (Uri.TryCreate(uri, UriKind.Absolute, out var parsed))
            {
                if (parsed.IsFile)
                {
                    // VS Code writes "file:///c%3A/x" on Windows: LocalPath decodes it to "c:\x".
                    return Path.GetFullPath(parsed.LocalPath);
                }
                // "untitled:Untitled-1": a stand-in file beside the workspace's files (it never touches the disk).
                var name = string.Concat(parsed.AbsolutePath.Select(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' ? c : '_'));
                if (!name.EndsWith(".sox", StringComparison.Ordinal)) name += ".sox";
                return Path.GetFullPath(Path.Combine(rootPath ?? Directory.GetCurrentDirectory(), $".{parsed.Scheme}-{name}"));
            }
            return Path.IsPathFullyQualified(uri) ? Path.GetFullPath(uri) : null;
        }
        catch (Exception e) when (e is ArgumentException or NotSupportedException or PathTooLongException or UriFormatException or InvalidOperationException)
        {
            return null;
        }
    }

    /// <summary>The <c>file:</c> URI of a full path.</summary>
    public static string FromPath(string path) => new Uri(path).AbsoluteUri;
}
