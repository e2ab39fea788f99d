using Sox.Compiler.Semantics;

namespace Sox.LanguageServices;

/// <summary>
/// The modules a query may look at, each file once: the caller analyses every open file as an entry with its
/// imports, so one file can appear in several graphs (as different objects); the first graph that has a file
/// gives its module. Symbols are therefore compared by keys (path, declaration offset, name), never by identity,
/// across files.
/// </summary>
internal sealed class Workspace
{
    private static readonly StringComparer s_pathComparer =
        OperatingSystem.IsWindows() || OperatingSystem.IsMacOS() ? StringComparer.OrdinalIgnoreCase : StringComparer.Ordinal;

    private readonly Dictionary<string, SourceModule> _modules = new(s_pathComparer);

    public Workspace(IEnumerable<ModuleGraph?> graphs, string? preferredPath = null)
    {
        var list = graphs.Where(g => g is not null).Select(g => g!).ToList();
        // The graph whose entry is the queried file was analysed from its editor buffer: its modules win.
        if (preferredPath is not null)
        {
            var full = Normalize(preferredPath);
            list = list.OrderBy(g => s_pathComparer.Equals(g.Entry.FullPath, full) ? 0 : 1).ToList();
        }
        foreach (var graph in list)
        {
            foreach (var module in graph.Modules) _modules.TryAdd(module.FullPath, module);
        }
    }

    public IEnumerable<ModuleIndex> Modules => _modules.Values.Select(ModuleIndex.For);

    public ModuleIndex? Find(string path) =>
        _modules.TryGetValue(Normalize(path), out var module) ? ModuleIndex.For(module) : null;

    public static bool SamePath(string a, string b) => s_pathComparer.Equals(Normalize(a), Normalize(b));

    public static string Normalize(string path)
    {
        try
        {
            return Path.GetFullPath(path);
        }
        catch (Exception e) when (e is ArgumentException or NotSupportedException or PathTooLongException)
        {
            return path;
        }
    }
}
