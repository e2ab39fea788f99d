using System.Collections.Immutable;
using Sox.Compiler.Driver;

namespace Sox.LanguageServer;

/// <summary>
/// The files the server knows: open documents, whose editor text overlays the file system (the module loader reads an
/// open file's import from the buffer, not from disk), and the last analysis of each, with the modules it loaded, so a
/// change to any module finds the open files that import it, directly or not. Thread-safe: the JSON-RPC dispatcher
/// changes it, the diagnostics thread and request handlers read snapshots of it.
/// </summary>
internal sealed class Workspace
{
    private static readonly StringComparer s_paths =
        OperatingSystem.IsWindows() || OperatingSystem.IsMacOS() ? StringComparer.OrdinalIgnoreCase : StringComparer.Ordinal;

    private readonly object _gate = new();
    private ImmutableDictionary<string, DocumentState> _open = ImmutableDictionary.Create<string, DocumentState>(s_paths);
    private readonly Dictionary<string, Analysis> _analyses = new(s_paths);
    private long _generation;

    /// <summary>The workspace folder (from <c>initialize</c>); untitled buffers are placed under it.</summary>
    public string? RootPath { get; set; }

    public static StringComparer PathComparer => s_paths;

    /// <summary>Bumped by every change to what an analysis reads (an edit, an open or close, a file event on disk).</summary>
    public long Generation => Interlocked.Read(ref _generation);

    public IReadOnlyCollection<DocumentState> OpenDocuments => _open.Values.ToList();

    public string? PathOf(string uri) => DocumentUri.ToPath(uri, RootPath);

    public DocumentState? Get(string? uri)
    {
        var path = uri is null ? null : PathOf(uri);
        return path is not null && _open.TryGetValue(path, out var document) ? document : null;
    }

    public DocumentState? GetByPath(string path) => _open.GetValueOrDefault(path);

    /// <summary>The editor's text of <paramref name="path"/> when it is open, else null (the module loader's overlay).</summary>
    public string? OpenText(string path) => _open.TryGetValue(path, out var document) ? document.Text : null;

    public DocumentState? Open(string uri, int version, string text)
    {
        var path = PathOf(uri);
        if (path is null) return null;
        var document = new DocumentState(uri, path, version, text ?? "");
        lock (_gate)
        {
            _open = _open.SetItem(path, document);
            _generation++;
        }
        return document;
    }

    public DocumentState? Change(string uri, int version, IReadOnlyList<Protocol.TextDocumentContentChangeEvent> changes)
    {
        lock (_gate)
        {
            var current = Get(uri);
            if (current is null) return null;
            var changed = current.Apply(version, changes ?? []);
            _open = _open.SetItem(current.Path, changed);
            _generation++;
            return changed;
        }
    }

    public DocumentState? Close(string uri)
    {
        lock (_gate)
        {
            var current = Get(uri);
            if (current is null) return null;
            _open = _open.Remove(current.Path);
            _analyses.Remove(current.Path);
            _generation++;
            return current;
        }
    }

    /// <summary>A file changed, appeared or vanished on disk: every analysis may read it.</summary>
    public void FilesChanged()
    {
        lock (_gate) _generation++;
    }

    /// <summary>
    /// The open documents whose last analysis loaded <paramref name="path"/> (it or a module it imports, at any depth),
    /// and the document itself when open.
    /// </summary>
    public IReadOnlyList<string> Dependents(string path)
    {
        lock (_gate)
        {
            var result = _analyses.Where(a => a.Value.Modules.Contains(path)).Select(a => a.Key).ToList();
            if (_open.ContainsKey(path) && !result.Contains(path, s_paths)) result.Add(path);
            return result;
        }
    }

    /// <summary>
    /// The program whose entry is <paramref name="document"/>, analysed as the build would with the open documents'
    /// text for their files; reused while nothing changed since.
    /// </summary>
    public Analysis Analyze(DocumentState document)
    {
        ImmutableDictionary<string, DocumentState> open;
        long generation;
        lock (_gate)
        {
            if (_analyses.TryGetValue(document.Path, out var cached) && cached.Generation == _generation && cached.Document == document)
                return cached;
            open = _open;
            generation = _generation;
        }
        var result = FrontEnd.CheckSource(document.Path, document.Text, path => open.TryGetValue(path, out var d) ? d.Text : null);
        var modules = result.Graph is null
            ? ImmutableHashSet.Create(s_paths, document.Path)
            : result.Graph.Modules.Select(m => m.FullPath).ToImmutableHashSet(s_paths);
        var analysis = new Analysis(document, result, generation, modules);
        lock (_gate)
        {
            if (_open.TryGetValue(document.Path, out var current) && current == document) _analyses[document.Path] = analysis;
        }
        return analysis;
    }
}

/// <summary>One front-end run with an open document as the entry: its module graph, diagnostics and loaded files.</summary>
internal sealed record Analysis(DocumentState Document, FrontEndResult Result, long Generation, ImmutableHashSet<string> Modules);
