using Sox.LanguageServer.Protocol;

namespace Sox.LanguageServer;

/// <summary>
/// One open document at one version: the editor's text, which replaces the file's content on disk for every analysis
/// while the document is open. Immutable: an edit makes a new state, so a request works on the text it was asked about.
/// </summary>
internal sealed class DocumentState(string uri, string path, int version, string text)
{
    private TextLines? _lines;

    /// <summary>The URI as the client wrote it (diagnostics and results name the document by it).</summary>
    public string Uri { get; } = uri;

    /// <summary>The full path: the module's identity for the loader.</summary>
    public string Path { get; } = path;

    public int Version { get; } = version;

    public string Text { get; } = text;

    public TextLines Lines => _lines ??= new TextLines(Text);

    /// <summary>This document with <paramref name="changes"/> applied in order (LSP 3.17 <c>didChange</c>).</summary>
    public DocumentState Apply(int version, IReadOnlyList<TextDocumentContentChangeEvent> changes)
    {
        var text = Text;
        foreach (var change in changes)
        {
            if (change.Range is null)
            {
                text = change.Text ?? "";
                continue;
            }
            var lines = new TextLines(text);
            var start = lines.ToOffset(change.Range.Start);
            var end = Math.Max(start, lines.ToOffset(change.Range.End));
            text = string.Concat(text.AsSpan(0, start), change.Text ?? "", text.AsSpan(end));
        }
        return new DocumentState(Uri, Path, version, text);
    }
}
