using Sox.LanguageServer.Features;
using Sox.LanguageServer.Protocol;

namespace Sox.LanguageServer;

/// <summary>
/// Analyses open documents as entries and publishes what the build would report: each open document's own
/// diagnostics, and those of the files it imports that are not open (so a broken module shows up while its importer is
/// edited). A file published for an importer is cleared when no importer loads it any more.
/// </summary>
internal sealed class DiagnosticsPublisher(Workspace workspace, Action<string, object> notify)
{
    private readonly object _gate = new();
    private readonly Dictionary<string, string> _closedFileOwners = new(Workspace.PathComparer);

    public void Publish(IReadOnlyList<string> paths)
    {
        foreach (var path in paths)
        {
            var document = workspace.GetByPath(path);
            if (document is null) continue;
            var analysis = workspace.Analyze(document);
            var byFile = analysis.Result.Diagnostics
                .GroupBy(d => d.Location.Path.Length == 0 ? document.Path : FullPath(d.Location.Path) ?? document.Path, Workspace.PathComparer)
                .ToDictionary(g => g.Key, g => g.ToList(), Workspace.PathComparer);
            var root = Path.GetDirectoryName(document.Path);
            Send(document.Uri, document.Version, DiagnosticConverter.Convert(byFile.GetValueOrDefault(document.Path) ?? [], document.Text, document.Path, root));

            lock (_gate)
            {
                foreach (var module in analysis.Result.Graph?.Modules ?? [])
                {
                    if (Workspace.PathComparer.Equals(module.FullPath, document.Path) || workspace.GetByPath(module.FullPath) is not null) continue;
                    _closedFileOwners[module.FullPath] = document.Path;
                    var diagnostics = byFile.GetValueOrDefault(module.FullPath) ?? [];
                    Send(DocumentUri.FromPath(module.FullPath), null, DiagnosticConverter.Convert(diagnostics, module.Unit.Source.Text, module.FullPath, root));
                }
                foreach (var (file, owner) in _closedFileOwners.ToList())
                {
                    if (Workspace.PathComparer.Equals(owner, document.Path) && !analysis.Modules.Contains(file) || workspace.GetByPath(file) is not null)
                    {
                        _closedFileOwners.Remove(file);
                        if (workspace.GetByPath(file) is null) Send(DocumentUri.FromPath(file), null, []);
                    }
                }
            }
        }
    }

    /// <summary>A closed document's diagnostics go (an open importer publishes them again as an imported file's).</summary>
    public void Clear(DocumentState document) => Send(document.Uri, null, []);

    private void Send(string uri, int? version, IReadOnlyList<LspDiagnostic> diagnostics) =>
        notify("textDocument/publishDiagnostics", new PublishDiagnosticsParams(uri, version, diagnostics));

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
}
