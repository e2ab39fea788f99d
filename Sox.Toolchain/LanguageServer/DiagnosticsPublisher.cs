using Sox.Compiler.Diagnostics;
using Sox.LanguageServer.Features;
using Sox.LanguageServer.Protocol;

namespace Sox.LanguageServer;

/// <summary>
/// Analyses open documents as programs' entries, as the build would start from them, and publishes for every file
/// those programs load what their builds report in it: an open document's own errors, and those of the modules it
/// imports, open or not (a broken module shows while its importer is edited; a cycle closed by one module shows
/// where the build from another entry reports it). A file's diagnostics are the union over the open entries that load
/// it, one per code and position, its own analysis first; a file no entry loads any more is cleared.
/// </summary>
internal sealed class DiagnosticsPublisher(Workspace workspace, Action<string, object> notify)
{
    private readonly object _gate = new();
    private readonly Dictionary<string, string> _published = new(StringComparer.Ordinal);

    /// <summary>Per open entry: the files its last analysis loaded, with their text and the diagnostics in them.</summary>
    private readonly Dictionary<string, Dictionary<string, FileReport>> _reports = new(Workspace.PathComparer);

    public void Publish(IReadOnlyList<string> entries)
    {
        // The compiler runs outside the lock: closing a document never waits for an analysis.
        var analysed = entries.Select(path => (Path: path, Document: workspace.GetByPath(path)))
            .Select(e => (e.Path, Reports: e.Document is null ? null : Analyze(e.Document)))
            .ToList();
        lock (_gate)
        {
            var affected = new HashSet<string>(Workspace.PathComparer);
            foreach (var (path, reports) in analysed)
            {
                if (_reports.TryGetValue(path, out var old)) affected.UnionWith(old.Keys);
                // Closed meanwhile: its report goes.
                if (reports is null || workspace.GetByPath(path) is null) _reports.Remove(path);
                else
                {
                    _reports[path] = reports;
                    affected.UnionWith(reports.Keys);
                }
            }
            foreach (var file in affected) PublishFile(file);
        }
    }

    /// <summary>A document closed: what its program reported goes, and the files it loaded are published again.</summary>
    public void Close(DocumentState document)
    {
        lock (_gate)
        {
            var affected = new HashSet<string>(Workspace.PathComparer) { document.Path };
            if (_reports.Remove(document.Path, out var old)) affected.UnionWith(old.Keys);
            foreach (var file in affected) PublishFile(file);
        }
    }

    private Dictionary<string, FileReport> Analyze(DocumentState document)
    {
        var analysis = workspace.Analyze(document);
        var texts = new Dictionary<string, string>(Workspace.PathComparer) { [document.Path] = document.Text };
        foreach (var module in analysis.Result.Graph?.Modules ?? []) texts.TryAdd(module.FullPath, module.Unit.Source.Text);
        var byFile = texts.Keys.ToDictionary(f => f, _ => new List<Diagnostic>(), Workspace.PathComparer);
        foreach (var diagnostic in analysis.Result.Diagnostics)
        {
            var file = diagnostic.Location.Path.Length == 0 ? document.Path : FullPath(diagnostic.Location.Path) ?? document.Path;
            (byFile.TryGetValue(file, out var list) ? list : byFile[document.Path]).Add(diagnostic);
        }
        // Import chains in messages are relative to the entry's folder.
        var root = Path.GetDirectoryName(document.Path);
        return byFile.ToDictionary(
            f => f.Key,
            f => new FileReport(texts[f.Key], f.Value.Select(d => (d.Code, d.Location.Line, d.Location.Column))
                .Zip(DiagnosticConverter.Convert(f.Value, texts[f.Key], f.Key, root)).ToList()),
            Workspace.PathComparer);
    }

    private void PublishFile(string file)
    {
        var open = workspace.GetByPath(file);
        // The file's own analysis first (when open), then every other entry that loads it.
        var sources = _reports
            .OrderByDescending(r => Workspace.PathComparer.Equals(r.Key, file))
            .Select(r => r.Value.GetValueOrDefault(file))
            .Where(r => r is not null && (open is null || r.Text == open.Text))
            .ToList();
        var seen = new HashSet<(string, int, int)>();
        var diagnostics = new List<LspDiagnostic>();
        foreach (var report in sources)
        {
            foreach (var (key, diagnostic) in report!.Diagnostics)
            {
                if (seen.Add(key)) diagnostics.Add(diagnostic);
            }
        }
        Send(open?.Uri ?? DocumentUri.FromPath(file), open?.Version, diagnostics);
    }

    private void Send(string uri, int? version, IReadOnlyList<LspDiagnostic> diagnostics)
    {
        // A closed file an importer re-publishes at every keystroke is sent only when its diagnostics change.
        var signature = string.Join("\n", diagnostics.Select(d => $"{d.Range}|{d.Code}|{d.Message}"));
        if (version is null && _published.TryGetValue(uri, out var last) && last == signature) return;
        _published[uri] = signature;
        notify("textDocument/publishDiagnostics", new PublishDiagnosticsParams(uri, version, diagnostics));
    }

    private static string? FullPath(string path)
    {
        try
        {
            return Path.GetFullPath(path);
        }
        catch (Exception e) when (e is ArgumentException or NotSupportedException or PathTooLongException)
        {
            return null;
        }
    }

    /// <summary>One file as an analysis loaded it: the text its positions refer to and the diagnostics in it.</summary>
    private sealed record FileReport(string Text, List<((string Code, int Line, int Column) Key, LspDiagnostic Diagnostic)> Diagnostics);
}
