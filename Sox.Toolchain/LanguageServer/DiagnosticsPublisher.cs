using Sox.Compiler.Diagnostics;
using Sox.Compiler.Driver;
using Sox.LanguageServer.Features;
using Sox.LanguageServer.Protocol;

namespace Sox.LanguageServer;

/// <summary>
/// Publishes diagnostics (LSP 3.17 <c>textDocument/publishDiagnostics</c>, a push of each file's whole current set).
/// Open documents are analysed as programs' entries, as the build would start from them (<see cref="Publish"/>); with
/// workspace diagnostics on, so is every closed file of the workspace index (<see cref="IndexAnalysed"/>). A file's
/// diagnostics are what the builds of those entries report in it: an open document's are the union over the open
/// entries that load it (its buffer's text; a broken module shows while its importer is edited), a closed file's the
/// union over every entry that loads it, open or indexed (so a file nobody opened shows its errors, and an import cycle
/// shows wherever some build reports it). One per code and position, the file's own analysis first.
/// A closed file is not published while an entry that reported in it is waiting to be analysed again (an open one:
/// <see cref="DiagnosticsScheduler.IsPending"/>; an indexed one: <see cref="WorkspaceIndex.IsPending"/>): its newer
/// result publishes it, so a result older than a change is not sent after it. A file that never had diagnostics is not sent an empty list; one whose diagnostics went is.
/// </summary>
internal sealed class DiagnosticsPublisher(Workspace workspace, Action<string, object> notify)
{
    private readonly object _gate = new();
    private readonly Dictionary<string, string> _published = new(StringComparer.Ordinal);

    /// <summary>Per open entry: the files its last analysis loaded, with their text and the diagnostics in them.</summary>
    private readonly Dictionary<string, Dictionary<string, FileReport>> _reports = new(Workspace.PathComparer);

    /// <summary>Per indexed (closed) entry: the files its last analysis reported diagnostics in.</summary>
    private readonly Dictionary<string, Dictionary<string, FileReport>> _indexReports = new(Workspace.PathComparer);

    /// <summary>Per file: the indexed entries that report diagnostics in it (the reverse of <see cref="_indexReports"/>).</summary>
    private readonly Dictionary<string, HashSet<string>> _reporters = new(Workspace.PathComparer);

    /// <summary>Closed files held back because an entry that reported in them is being analysed again.</summary>
    private readonly HashSet<string> _deferred = new(Workspace.PathComparer);

    /// <summary>Open entries being analysed by <see cref="Publish"/> now: what they reported is about to change.</summary>
    private readonly HashSet<string> _analysing = new(Workspace.PathComparer);

    /// <summary>The workspace index whose analyses are published too; null when workspace diagnostics are off.</summary>
    public WorkspaceIndex? Index { get; set; }

    /// <summary>Whether one of these open entries is scheduled for analysis (<see cref="DiagnosticsScheduler.IsPending"/>).</summary>
    public Func<IEnumerable<string>, bool>? Scheduled { get; set; }

    public void Publish(IReadOnlyList<string> entries)
    {
        lock (_gate) _analysing.UnionWith(entries);
        // The compiler runs outside the lock: closing a document never waits for an analysis.
        List<(string Path, Dictionary<string, FileReport>? Reports)> analysed;
        try
        {
            analysed = entries.Select(path => (Path: path, Document: workspace.GetByPath(path)))
                .Select(e => (e.Path, Reports: e.Document is null ? null : Analyze(e.Document)))
                .ToList();
        }
        finally
        {
            lock (_gate) _analysing.ExceptWith(entries);
        }
        lock (_gate)
        {
            // The closed files held back for these entries are published with the rest.
            _deferred.RemoveWhere(f => workspace.GetByPath(f) is not null);
            var affected = new HashSet<string>(_deferred, Workspace.PathComparer);
            foreach (var (path, reports) in analysed)
            {
                if (_reports.TryGetValue(path, out var old)) affected.UnionWith(old.Keys);
                // An open file's index entry no longer counts for the files it loads (its buffer's analysis does).
                if (_indexReports.TryGetValue(path, out var indexed)) affected.UnionWith(indexed.Keys);
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
            if (_indexReports.TryGetValue(document.Path, out var indexed)) affected.UnionWith(indexed.Keys);
            foreach (var file in affected) PublishFile(file);
        }
    }

    /// <summary>
    /// The index stored an analysis of the closed file <paramref name="entry"/> (read from <paramref name="text"/>), or
    /// the entry left the index (<paramref name="result"/> null: deleted, opened, unreadable): the files it reports in,
    /// before or now, are published again, and so are the files held back until now.
    /// </summary>
    public void IndexAnalysed(string entry, string? text, FrontEndResult? result)
    {
        var reports = result is null || text is null ? null : Reports(entry, text, result, withDiagnosticsOnly: true);
        lock (_gate)
        {
            var affected = new HashSet<string>(_deferred, Workspace.PathComparer);
            if (_indexReports.Remove(entry, out var old))
            {
                foreach (var file in old.Keys)
                {
                    affected.Add(file);
                    if (_reporters.TryGetValue(file, out var reporters) && reporters.Remove(entry) && reporters.Count == 0) _reporters.Remove(file);
                }
            }
            if (reports is { Count: > 0 })
            {
                _indexReports[entry] = reports;
                foreach (var file in reports.Keys)
                {
                    affected.Add(file);
                    if (!_reporters.TryGetValue(file, out var reporters)) _reporters[file] = reporters = new HashSet<string>(Workspace.PathComparer);
                    reporters.Add(entry);
                }
            }
            // From here on the entry's new state is what counts (it was pending until now).
            Index?.Reported(entry);
            // An open document's diagnostics are its buffer's programs' only: nothing here changes them.
            foreach (var file in affected.Where(f => workspace.GetByPath(f) is null)) PublishFile(file);
            _deferred.RemoveWhere(f => workspace.GetByPath(f) is not null);
        }
    }

    /// <summary>The index ran out of work: the closed files held back are published.</summary>
    public void Flush()
    {
        lock (_gate)
        {
            _deferred.RemoveWhere(f => workspace.GetByPath(f) is not null);
            foreach (var file in _deferred.ToList()) PublishFile(file);
        }
    }

    private Dictionary<string, FileReport> Analyze(DocumentState document) =>
        Reports(document.Path, document.Text, workspace.Analyze(document).Result, withDiagnosticsOnly: false);

    /// <summary>
    /// The diagnostics of one program with <paramref name="entry"/> as its entry, per file it loaded (only the files with
    /// some, when <paramref name="withDiagnosticsOnly"/>), converted against the text the analysis read.
    /// </summary>
    private static Dictionary<string, FileReport> Reports(string entry, string entryText, FrontEndResult result, bool withDiagnosticsOnly)
    {
        var texts = new Dictionary<string, string>(Workspace.PathComparer) { [entry] = entryText };
        foreach (var module in result.Graph?.Modules ?? []) texts.TryAdd(module.FullPath, module.Unit.Source.Text);
        var byFile = texts.Keys.ToDictionary(f => f, _ => new List<Diagnostic>(), Workspace.PathComparer);
        foreach (var diagnostic in result.Diagnostics)
        {
            var file = diagnostic.Location.Path.Length == 0 ? entry : FullPath(diagnostic.Location.Path) ?? entry;
            (byFile.TryGetValue(file, out var list) ? list : byFile[entry]).Add(diagnostic);
        }
        // Import chains in messages are relative to the entry's folder.
        var root = Path.GetDirectoryName(entry);
        return byFile.Where(f => !withDiagnosticsOnly || f.Value.Count > 0).ToDictionary(
            f => f.Key,
            f => new FileReport(texts[f.Key], f.Value.Select(d => (d.Code, d.Location.Line, d.Location.Column))
                .Zip(DiagnosticConverter.Convert(f.Value, texts[f.Key], f.Key, root)).ToList()),
            Workspace.PathComparer);
    }

    private void PublishFile(string file)
    {
        var open = workspace.GetByPath(file);
        // Indexed entries count for closed files only, and not while they are open (the buffer's analysis is newer).
        var indexed = open is not null || Index is null
            ? []
            : _reporters.GetValueOrDefault(file)?.Where(e => workspace.GetByPath(e) is null).ToList() ?? [];
        if (open is null && IsPending(file, indexed))
        {
            // A newer analysis is coming: it publishes this file (or the index's next idle moment does).
            _deferred.Add(file);
            return;
        }
        _deferred.Remove(file);
        // The file's own analysis first (when open, or indexed), then every other entry that loads it.
        // (An entry closed a moment ago no longer counts, although Close has not removed its report yet.)
        var sources = _reports
            .Where(r => workspace.GetByPath(r.Key) is not null)
            .OrderByDescending(r => Workspace.PathComparer.Equals(r.Key, file))
            .Select(r => r.Value.GetValueOrDefault(file))
            .Where(r => r is not null && (open is null || r.Text == open.Text))
            .ToList();
        sources.InsertRange(0, indexed.OrderByDescending(e => Workspace.PathComparer.Equals(e, file)).ThenBy(e => e, StringComparer.Ordinal)
            .Select(e => _indexReports[e].GetValueOrDefault(file)));
        var seen = new HashSet<(string, int, int)>();
        var diagnostics = new List<LspDiagnostic>();
        foreach (var report in sources)
        {
            if (report is null) continue;
            foreach (var (key, diagnostic) in report.Diagnostics)
            {
                if (seen.Add(key)) diagnostics.Add(diagnostic);
            }
        }
        Send(open?.Uri ?? DocumentUri.FromPath(file), open?.Version, diagnostics);
    }

    /// <summary>
    /// Whether a closed file's diagnostics are about to change: an entry that reported in it (an open one, or an
    /// indexed one, or its own) is scheduled or being analysed again.
    /// </summary>
    private bool IsPending(string file, List<string> indexed)
    {
        var open = _reports.Where(r => r.Value.ContainsKey(file) && workspace.GetByPath(r.Key) is not null).Select(r => r.Key).ToList();
        return open.Any(_analysing.Contains)
            || Scheduled is { } scheduled && open.Count > 0 && scheduled(open)
            || Index is { } index && index.IsPending(indexed.Append(file));
    }

    private void Send(string uri, int? version, IReadOnlyList<LspDiagnostic> diagnostics)
    {
        // A closed file is sent only when its diagnostics change (an importer re-publishes it at every keystroke), and an
        // empty list only to clear what was sent before (a workspace's clean files are not announced one by one).
        var signature = string.Join("\n", diagnostics.Select(d => $"{d.Range}|{d.Code}|{d.Message}"));
        if (version is null && (_published.TryGetValue(uri, out var last) ? last == signature : signature.Length == 0)) return;
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
