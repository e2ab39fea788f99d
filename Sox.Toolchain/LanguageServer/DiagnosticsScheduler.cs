namespace Sox.LanguageServer;

/// <summary>
/// Debounces diagnostics: documents scheduled while the user types are analysed once the edits pause for
/// <see cref="Delay"/>, on one background thread, so a burst of keystrokes costs one analysis per document, not one per
/// keystroke, and the JSON-RPC dispatcher never waits for the compiler.
/// </summary>
internal sealed class DiagnosticsScheduler : IDisposable
{
    private readonly object _gate = new();
    private readonly HashSet<string> _pending = new(Workspace.PathComparer);
    private readonly Action<IReadOnlyList<string>> _analyze;
    private readonly Action<Exception> _onError;
    private readonly Thread _thread;
    private DateTime _due;
    private bool _stopped;

    public DiagnosticsScheduler(TimeSpan delay, Action<IReadOnlyList<string>> analyze, Action<Exception> onError)
    {
        Delay = delay;
        _analyze = analyze;
        _onError = onError;
        _thread = new Thread(Loop) { Name = "sox-lsp diagnostics", IsBackground = true };
        _thread.Start();
    }

    public TimeSpan Delay { get; }

    /// <summary>Analyses <paramref name="paths"/> (open documents) after the next pause.</summary>
    public void Schedule(IEnumerable<string> paths)
    {
        lock (_gate)
        {
            foreach (var path in paths) _pending.Add(path);
            _due = DateTime.UtcNow + Delay;
            Monitor.PulseAll(_gate);
        }
    }

    /// <summary>Whether one of <paramref name="paths"/> is scheduled and not yet being analysed.</summary>
    public bool IsPending(IEnumerable<string> paths)
    {
        lock (_gate) return paths.Any(_pending.Contains);
    }

    private void Loop()
    {
        while (true)
        {
            List<string> batch;
            lock (_gate)
            {
                while (!_stopped && _pending.Count == 0) Monitor.Wait(_gate);
                if (_stopped) return;
                // Every new edit moves the deadline: wait until the typing pauses.
                for (var wait = _due - DateTime.UtcNow; wait > TimeSpan.Zero && !_stopped; wait = _due - DateTime.UtcNow)
                    Monitor.Wait(_gate, wait);
                if (_stopped) return;
                batch = _pending.ToList();
                _pending.Clear();
            }
            try
            {
                _analyze(batch);
            }
            catch (Exception e)
            {
                _onError(e);
            }
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
}
