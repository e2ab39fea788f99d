using System.Text.RegularExpressions;
using Sox.Compiler.Driver;
using Sox.Compiler.Semantics;
using Sox.LanguageServices;
using Sox.Toolchain.Tests.Semantics;

namespace Sox.Toolchain.Tests.LanguageServices;

/// <summary>
/// Fixture programs on disk with named cursor positions: a marker <c>/*@name*/</c> is removed from the text and
/// <c>this["name"]</c> is where it stood (so <c>fn /*@decl*/add(</c> marks the start of <c>add</c>). Each file is
/// analysed as an entry with its imports, as the language server analyses open documents.
/// </summary>
internal sealed partial class MarkedWorkspace : IDisposable
{
    private readonly TempSourceTree _tree = new();
    private readonly Dictionary<string, (string File, LinePosition Position)> _marks = new(StringComparer.Ordinal);
    private readonly Dictionary<string, ModuleGraph> _graphs = new(StringComparer.Ordinal);
    private readonly List<string> _files = new();

    public MarkedWorkspace(params (string File, string Text)[] files)
    {
        foreach (var (file, marked) in files)
        {
            var text = new System.Text.StringBuilder();
            var last = 0;
            foreach (Match match in Marker().Matches(marked))
            {
                text.Append(marked, last, match.Index - last);
                _marks.Add(match.Groups[1].Value, (file, PositionOf(text.ToString())));
                last = match.Index + match.Length;
            }
            text.Append(marked, last, marked.Length - last);
            _tree.Write(file, text.ToString());
            _files.Add(file);
        }
    }

    [GeneratedRegex(@"/\*@(\w+)\*/")]
    private static partial Regex Marker();

    private static LinePosition PositionOf(string before)
    {
        var line = before.Count(c => c == '\n');
        return new LinePosition(line, before.Length - (before.LastIndexOf('\n') + 1));
    }

    public string PathOf(string file) => Path.GetFullPath(_tree.PathOf(file));

    public LinePosition this[string mark] => _marks[mark].Position;

    public string FileOf(string mark) => PathOf(_marks[mark].File);

    /// <summary>The location of <paramref name="length"/> characters starting at a mark (a name's range).</summary>
    public Location At(string mark, int length)
    {
        var p = this[mark];
        return new Location(FileOf(mark), new LineRange(p, p with { Character = p.Character + length }));
    }

    public ModuleGraph Graph(string file)
    {
        lock (_graphs)
        {
            if (!_graphs.TryGetValue(file, out var graph))
            {
                graph = FrontEnd.Check(PathOf(file)).Graph ?? throw new AssertFailedException($"{file} could not be analysed");
                _graphs[file] = graph;
            }
            return graph;
        }
    }

    /// <summary>The graph of the file a mark is in.</summary>
    public ModuleGraph GraphOf(string mark) => Graph(_marks[mark].File);

    public IReadOnlyList<ModuleGraph> AllGraphs() => _files.Select(Graph).ToList();

    public void Dispose() => _tree.Dispose();
}
