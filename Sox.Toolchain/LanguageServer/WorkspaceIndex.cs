using System.Collections.Immutable;
using Sox.Compiler.Diagnostics;
using Sox.Compiler.Driver;
using Sox.Compiler.Semantics;

namespace Sox.LanguageServer;

/// <summary>
/// Every <c>.sox</c> file of the workspace folders, each analysed as a program's entry with its imports (as the build
/// would start from it), so references, rename and workspace symbols see files nobody opened. Open buffers win over disk
/// (the analyses read them through the workspace's overlay; an open file itself is answered from its own analysis, not
/// from here). Built on one low-priority background thread after <c>initialized</c>; kept current by
/// <see cref="Invalidate"/> (an edit, a save, a file event): only the changed file and the entries whose programs
/// loaded it are analysed again, the rest keep their cached graphs. Queries never wait longer than they ask to:
/// <see cref="Graphs"/> answers with what is indexed. Each stored analysis (and each entry that leaves) is also handed to
/// <see cref="Analysed"/>, in order, on the index thread: the workspace diagnostics of <see cref="DiagnosticsPublisher"/>;
/// <see cref="IsPending"/> says which entries will be analysed again, so nothing stale is published meanwhile.
/// </summary>
internal sealed class WorkspaceIndex : IDisposable
{
    /// <summary>Folders never indexed: build output, packages, and hidden folders (<c>.git</c>, <c>.vs</c>, …).</summary>
    private static readonly HashSet<string> s_skippedFolders = new(StringComparer.OrdinalIgnoreCase) { "bin", "obj", "node_modules" };

    private readonly Workspace _workspace;
    private readonly Action<string> _info;
    private readonly Action<Exception> _error;
    private readonly object _gate = new();
    /// <summary>The indexed files and the size each had when found (what counts against <see cref="MaxBytes"/>).</summary>
    private readonly Dictionary<string, long> _files = new(Workspace.PathComparer);
    private readonly Dictionary<string, Entry> _entries = new(Workspace.PathComparer);
    private readonly Dictionary<string, long> _versions = new(Workspace.PathComparer);
    private readonly HashSet<string> _stale = new(Workspace.PathComparer);
    /// <summary>Entries that left the index and whose going <see cref="Analysed"/> has not been told yet.</summary>
    private readonly HashSet<string> _removed = new(Workspace.PathComparer);
    /// <summary>
    /// Entries being analysed or removed now, until <see cref="Analysed"/>'s receiver says it took the result in
    /// (<see cref="Reported"/>): no longer in <see cref="_stale"/> or <see cref="_removed"/>, but still pending.
    /// </summary>
    private readonly HashSet<string> _reporting = new(Workspace.PathComparer);
    private readonly Queue<string> _folders = new();
    private IReadOnlyList<string> _roots = [];
    private Thread? _thread;
    private DateTime _due;
    private long _bytes;
    private bool _capped;
    private bool _busy;
    private bool _stopped;

    public WorkspaceIndex(Workspace workspace, Action<string> info, Action<Exception> error)
    {
        _workspace = workspace;
        _info = info;
        _error = error;
    }

    /// <summary>At most this many files are indexed (the rest are left out with a notice in the log).</summary>
    public int MaxFiles { get; init; } = 5_000;

    /// <summary>At most this many bytes of source are indexed.</summary>
    public long MaxBytes { get; init; } = 64L * 1024 * 1024;

    /// <summary>How long an edit's re-analysis waits for the typing to pause.</summary>
    public TimeSpan EditDelay { get; init; } = TimeSpan.FromMilliseconds(150);

    /// <summary>
    /// Told on the index thread, in order, after an entry's analysis was stored (its path, the text it was analysed from
    /// and the result) and after an entry left the index (its path, nulls): deleted, opened, unreadable, out of the
    /// workspace. Never called with the index's lock held.
    /// </summary>
    public Action<string, string?, FrontEndResult?>? Analysed { get; init; }

    /// <summary>Told on the index thread whenever it runs out of work (after the first indexing, after each re-analysis).</summary>
    public Action? Idle { get; init; }

    /// <summary>
    /// Whether one of <paramref name="entries"/> is waiting to be analysed again, or being analysed, or left the index and
    /// <see cref="Analysed"/> was not told yet: what it last reported is about to change.
    /// </summary>
    public bool IsPending(IEnumerable<string> entries)
    {
        lock (_gate)
        {
            foreach (var entry in entries)
            {
                if (_stale.Contains(entry) || _removed.Contains(entry) || _reporting.Contains(entry)) return true;
            }
            return false;
        }
    }

    /// <summary>
    /// <see cref="Analysed"/>'s receiver took in what it was told about <paramref name="entry"/> (under its own lock, so
    /// that nobody sees the entry neither pending nor reported).
    /// </summary>
    public void Reported(string entry)
    {
        lock (_gate) _reporting.Remove(entry);
    }

    /// <summary>Starts indexing <paramref name="roots"/> in the background (once; later calls are ignored).</summary>
    public void Start(IReadOnlyList<string> roots)
    {
        lock (_gate)
        {
            if (_thread is not null || _stopped) return;
            _roots = roots.Distinct(Workspace.PathComparer).ToList();
            foreach (var root in _roots) _folders.Enqueue(root);
            _thread = new Thread(Loop) { Name = "sox-lsp index", IsBackground = true, Priority = ThreadPriority.BelowNormal };
            _thread.Start();
        }
    }

    /// <summary>
    /// The graphs of the indexed files that are not open (an open document's own analysis is fresher), in path order,
    /// after waiting at most <paramref name="wait"/> for the pending work to finish. A cancelled request
    /// (<c>$/cancelRequest</c>) stops waiting at once: <see cref="OperationCanceledException"/>.
    /// </summary>
    public IReadOnlyList<ModuleGraph?> Graphs(TimeSpan wait, CancellationToken cancellation = default)
    {
        var deadline = DateTime.UtcNow + wait;
        // The waiting below is woken by the index's own progress; a cancellation must wake it too.
        using var wake = cancellation.Register(() =>
        {
            lock (_gate) Monitor.PulseAll(_gate);
        });
        lock (_gate)
        {
            while (!_stopped && _thread is not null && (_busy || _stale.Count > 0 || _folders.Count > 0))
            {
                cancellation.ThrowIfCancellationRequested();
                var left = deadline - DateTime.UtcNow;
                if (left <= TimeSpan.Zero) break;
                Monitor.Wait(_gate, left);
            }
            cancellation.ThrowIfCancellationRequested();
            return _entries.Values
                .Where(e => _workspace.GetByPath(e.Path) is null)
                .OrderBy(e => e.Path, StringComparer.Ordinal)
                .Select(e => e.Graph)
                .ToList();
        }
    }

    /// <summary>
    /// <paramref name="path"/> changed (in an editor buffer or on disk), appeared or vanished: it and every entry whose
    /// program loaded it are analysed again. <paramref name="edit"/> waits for the typing to pause first.
    /// </summary>
    public void Invalidate(string path, bool edit = false)
    {
        lock (_gate)
        {
            // An open file is answered from its own analysis: only the closed files that load it need the new text.
            if (_files.ContainsKey(path) && _workspace.GetByPath(path) is null) MarkStale(path);
            foreach (var entry in _entries.Values.Where(e => e.Modules.Contains(path)).ToList()) MarkStale(entry.Path);
            if (edit) _due = DateTime.UtcNow + EditDelay;
            Monitor.PulseAll(_gate);
        }
    }

    /// <summary>A file or folder was created on disk: a new <c>.sox</c> file is indexed, a folder scanned.</summary>
    public void Created(string path)
    {
        lock (_gate)
        {
            if (_thread is null || !IsIndexable(path)) return;
            if (Directory.Exists(path)) _folders.Enqueue(path);
            else if (path.EndsWith(".sox", StringComparison.OrdinalIgnoreCase)) Add(path, Length(path));
            // The new file may be what an import was missing.
            foreach (var entry in _entries.Values.Where(e => e.MissesImports).ToList()) MarkStale(entry.Path);
            Invalidate(path);
        }
    }

    /// <summary>A file or folder was deleted: its files leave the index, and the programs that loaded them are analysed again.</summary>
    public void Deleted(string path)
    {
        lock (_gate)
        {
            var prefix = path.EndsWith(Path.DirectorySeparatorChar) ? path : path + Path.DirectorySeparatorChar;
            var gone = _files.Keys.Where(f => Workspace.PathComparer.Equals(f, path) || f.StartsWith(prefix, Workspace.PathComparer == StringComparer.Ordinal
                ? StringComparison.Ordinal : StringComparison.OrdinalIgnoreCase)).ToList();
            if (gone.Count == 0) gone.Add(path);
            foreach (var file in gone)
            {
                if (_files.Remove(file, out var length)) _bytes -= length;
                _stale.Remove(file);
                if (_entries.Remove(file)) _removed.Add(file);
                Bump(file);
            }
            foreach (var file in gone) Invalidate(file);
            Monitor.PulseAll(_gate);
        }
    }

    /// <summary>
    /// The workspace folders changed (LSP <c>workspace/didChangeWorkspaceFolders</c>): added ones are scanned, removed ones
    /// leave the index (except files still under another folder).
    /// </summary>
    public void ChangeRoots(IReadOnlyList<string> added, IReadOnlyList<string> removed)
    {
        lock (_gate)
        {
            if (_thread is null) return;
            var roots = _roots.Where(r => !removed.Contains(r, Workspace.PathComparer)).ToList();
            _roots = roots;
            foreach (var root in removed)
            {
                if (roots.Any(r => IsUnder(root, r))) continue;
                Deleted(root);
                // A folder still in the workspace inside the removed one is indexed again.
                foreach (var inner in roots.Where(r => IsUnder(r, root))) _folders.Enqueue(inner);
            }
            foreach (var root in added.Where(a => !roots.Contains(a, Workspace.PathComparer)))
            {
                roots.Add(root);
                _folders.Enqueue(root);
            }
            Monitor.PulseAll(_gate);
        }
    }

    private static bool IsUnder(string path, string root)
    {
        var relative = Path.GetRelativePath(root, path);
        return relative == "." || !relative.StartsWith("..", StringComparison.Ordinal) && !Path.IsPathFullyQualified(relative);
    }

    private void MarkStale(string path)
    {
        _stale.Add(path);
        Bump(path);
    }

    private void Bump(string path) => _versions[path] = _versions.GetValueOrDefault(path) + 1;

    private void Add(string path, long length)
    {
        if (_files.ContainsKey(path)) return;
        if (_files.Count >= MaxFiles || _bytes + length > MaxBytes)
        {
            if (!_capped) _info($"workspace index: limit reached ({MaxFiles} files or {MaxBytes / (1024 * 1024)} MB); {path} and later files are not indexed (references, rename and workspace symbols do not see them unless open)");
            _capped = true;
            return;
        }
        _files.Add(path, length);
        _bytes += length;
        MarkStale(path);
    }

    private void Loop()
    {
        var started = DateTime.UtcNow;
        var reported = false;
        var idle = true;
        while (true)
        {
            string? folder = null;
            string? file = null;
            List<string>? removed = null;
            long version = 0;
            var tellIdle = false;
            lock (_gate)
            {
                _busy = false;
                _reporting.Clear();
                Monitor.PulseAll(_gate);
                if (!idle && !_stopped && _folders.Count == 0 && _stale.Count == 0 && _removed.Count == 0)
                {
                    // Out of work: say so once (outside the lock), then wait.
                    idle = tellIdle = true;
                }
                else
                {
                    while (!_stopped && _folders.Count == 0 && _stale.Count == 0 && _removed.Count == 0)
                    {
                        if (!reported)
                        {
                            reported = true;
                            _info($"workspace index: {_files.Count} files analysed in {(DateTime.UtcNow - started).TotalSeconds:0.0} s");
                        }
                        Monitor.Wait(_gate);
                    }
                    for (var wait = _due - DateTime.UtcNow; !_stopped && wait > TimeSpan.Zero; wait = _due - DateTime.UtcNow) Monitor.Wait(_gate, wait);
                    if (_stopped) return;
                    _busy = true;
                    idle = false;
                    if (_removed.Count > 0)
                    {
                        removed = _removed.Order(StringComparer.Ordinal).ToList();
                        _reporting.UnionWith(removed);
                        _removed.Clear();
                    }
                    else if (_folders.Count > 0) folder = _folders.Dequeue();
                    else
                    {
                        file = _stale.Order(StringComparer.Ordinal).First();
                        _stale.Remove(file);
                        _reporting.Add(file);
                        version = _versions.GetValueOrDefault(file);
                    }
                }
            }
            try
            {
                if (tellIdle) Idle?.Invoke();
                else if (removed is not null)
                {
                    foreach (var path in removed) Analysed?.Invoke(path, null, null);
                }
                else if (folder is not null) Scan(folder);
                else if (file is not null) Analyze(file, version);
            }
            catch (Exception e)
            {
                _error(e);
            }
        }
    }

    /// <summary>Walks a folder for <c>.sox</c> files; an unreadable or vanished folder is skipped.</summary>
    private void Scan(string root)
    {
        var pending = new Stack<DirectoryInfo>();
        pending.Push(new DirectoryInfo(root));
        while (pending.Count > 0)
        {
            var directory = pending.Pop();
            List<FileInfo> files;
            List<DirectoryInfo> folders;
            try
            {
                files = directory.EnumerateFiles("*.sox").ToList();
                folders = directory.EnumerateDirectories().ToList();
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException or System.Security.SecurityException)
            {
                continue;
            }
            lock (_gate)
            {
                if (_stopped) return;
                foreach (var f in files.OrderBy(f => f.Name, StringComparer.Ordinal))
                {
                    if (!f.Name.StartsWith('.') && f.Extension.Equals(".sox", StringComparison.OrdinalIgnoreCase)) Add(f.FullName, SafeLength(f));
                }
                Monitor.PulseAll(_gate);
            }
            // Symbolic links to folders are not followed: a link cycle would never end.
            foreach (var sub in folders.Where(d => !IsSkipped(d.Name) && d.LinkTarget is null).OrderByDescending(d => d.Name, StringComparer.Ordinal))
                pending.Push(sub);
        }
    }

    private void Analyze(string path, long version)
    {
        if (_workspace.GetByPath(path) is not null)
        {
            // Open: its own analysis answers; the index picks it up again from disk when it closes.
            Remove(path);
            return;
        }
        string text;
        try
        {
            text = File.ReadAllText(path, System.Text.Encoding.UTF8);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            // Vanished or unreadable: nothing to index until a file event says otherwise.
            Remove(path);
            return;
        }
        var result = FrontEnd.CheckSource(path, text, _workspace.OpenText);
        var modules = result.Graph is null
            ? ImmutableHashSet.Create(Workspace.PathComparer, path)
            : result.Graph.Modules.Select(m => m.FullPath).ToImmutableHashSet(Workspace.PathComparer);
        var misses = result.Diagnostics.Any(d => d.Code == DiagnosticCodes.ModuleNotFound.Code || d.Code == DiagnosticCodes.ModuleUnreadable.Code);
        lock (_gate)
        {
            // Changed again meanwhile: the newer analysis is already queued.
            if (_versions.GetValueOrDefault(path) != version || !_files.ContainsKey(path)) return;
            _entries[path] = new Entry(path, result.Graph, modules, misses);
        }
        Analysed?.Invoke(path, text, result);
    }

    /// <summary>An entry leaves the index (on the index thread): <see cref="Analysed"/> is told.</summary>
    private void Remove(string path)
    {
        lock (_gate)
        {
            if (!_entries.Remove(path)) return;
        }
        Analysed?.Invoke(path, null, null);
    }

    /// <summary>Under a workspace folder, and in no skipped folder on the way.</summary>
    private bool IsIndexable(string path)
    {
        foreach (var root in _roots)
        {
            var relative = Path.GetRelativePath(root, path);
            if (relative == ".") return true;
            if (relative.StartsWith("..", StringComparison.Ordinal) || Path.IsPathFullyQualified(relative)) continue;
            return !relative.Split(Path.DirectorySeparatorChar, Path.AltDirectorySeparatorChar).Any(IsSkipped);
        }
        return false;
    }

    private static bool IsSkipped(string name) => name.StartsWith('.') || s_skippedFolders.Contains(name);

    private static long Length(string path)
    {
        try
        {
            return new FileInfo(path).Length;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            return 0;
        }
    }

    private static long SafeLength(FileInfo file)
    {
        try
        {
            return file.Length;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return 0;
        }
    }

    public void Dispose()
    {
        lock (_gate)
        {
            _stopped = true;
            Monitor.PulseAll(_gate);
        }
    }

    /// <summary>One indexed file's program: its graph, the files it loaded, and whether an import was missing.</summary>
    private sealed record Entry(string Path, ModuleGraph? Graph, ImmutableHashSet<string> Modules, bool MissesImports);
}
