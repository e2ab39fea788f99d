using Sox.Compiler.Diagnostics;
using Sox.Compiler.Syntax.Ast;
using Sox.Compiler.Text;

namespace Sox.Compiler.Semantics;

/// <summary>
/// Loads a program (§6): the entry file and, depth first, every file it imports (imports anywhere in a file
/// count, nested ones too). Paths resolve relative to the importing file, <c>.sox</c> appended unless written.
/// Each file is parsed and resolved once. A missing module (SOX3101) names the import chain from the entry;
/// an import cycle (SOX3102) names the cycle, both reported at the import that fails.
/// </summary>
public sealed class ModuleLoader
{
    /// <summary>Turns source text into a syntax tree, reporting syntax errors (the parser's entry point).</summary>
    public delegate CompilationUnit ParseFunction(SourceText source, DiagnosticBag diagnostics);

    private static readonly StringComparer s_pathComparer =
        OperatingSystem.IsWindows() || OperatingSystem.IsMacOS() ? StringComparer.OrdinalIgnoreCase : StringComparer.Ordinal;

    /// <summary>
    /// The text of a file held in memory instead of on disk (a language server's open editor buffers), or null to read
    /// the file from disk as the build does.
    /// </summary>
    public delegate string? OpenTextFunction(string fullPath);

    private readonly ParseFunction _parse;
    private readonly OpenTextFunction? _openText;
    private readonly string _rootDirectory;
    private readonly string _userRootDirectory;
    private readonly Dictionary<string, SourceModule> _loaded = new(s_pathComparer);
    private readonly List<PendingModule> _inProgress = new();
    private readonly List<SourceModule> _order = new();
    private readonly List<DiagnosticBag> _orderedDiagnostics = new();
    private readonly HashSet<string> _mangledNames = new(StringComparer.Ordinal);

    private ModuleLoader(ParseFunction parse, string entryFullPath, string entryUserPath, OpenTextFunction? openText)
    {
        _parse = parse;
        _openText = openText;
        _rootDirectory = Path.GetDirectoryName(entryFullPath) ?? "";
        _userRootDirectory = Path.GetDirectoryName(entryUserPath) ?? "";
    }

    /// <summary>
    /// Loads the program whose entry file has the given text (its path as the user wrote it, used in
    /// diagnostics; imported files' paths are derived from it). Diagnostics come grouped by module in
    /// dependency order, each module's sorted by position. An imported file for which <paramref name="openText"/>
    /// gives text is loaded from that text, whether or not it exists on disk; every other file is read from disk.
    /// </summary>
    public static (ModuleGraph Graph, IReadOnlyList<Diagnostic> Diagnostics) Load(SourceText entry, ParseFunction parse, OpenTextFunction? openText = null)
    {
        var fullPath = Path.GetFullPath(entry.Path);
        var loader = new ModuleLoader(parse, fullPath, entry.Path, openText);
        var root = loader.LoadModule(fullPath, loader.DisplayPathOf(fullPath), entry);
        var diagnostics = loader._orderedDiagnostics
            .SelectMany(bag => bag.Items.OrderBy(d => d.Location.Line).ThenBy(d => d.Location.Column))
            .ToList();
        return (new ModuleGraph(root, loader._order), diagnostics);
    }

    /// <summary>Parses, resolves, then loads the imports (post-order, so dependencies precede importers).</summary>
    private SourceModule LoadModule(string fullPath, string displayPath, SourceText source)
    {
        var diagnostics = new DiagnosticBag();
        var unit = _parse(source, diagnostics);
        var resolved = Resolver.Resolve(unit, diagnostics);
        var pending = new PendingModule(fullPath, displayPath, source, diagnostics);
        _inProgress.Add(pending);
        var imports = new List<SourceModule>();
        foreach (var spec in resolved.Imports)
        {
            var imported = LoadImport(pending, spec, resolved.Model);
            if (imported is not null && !imports.Contains(imported)) imports.Add(imported);
        }
        _inProgress.RemoveAt(_inProgress.Count - 1);

        var module = new SourceModule(fullPath, displayPath, unit, imports, MangleName(displayPath), resolved.Model);
        _loaded.Add(fullPath, module);
        _order.Add(module);
        _orderedDiagnostics.Add(diagnostics);
        return module;
    }

    private SourceModule? LoadImport(PendingModule importer, ImportSpec spec, SemanticModel model)
    {
        var written = spec.Path.EndsWith(".sox", StringComparison.Ordinal) ? spec.Path : spec.Path + ".sox";
        string fullPath;
        try
        {
            fullPath = Path.GetFullPath(Path.Combine(Path.GetDirectoryName(importer.FullPath) ?? "", written));
        }
        catch (Exception e) when (e is ArgumentException or NotSupportedException or PathTooLongException)
        {
            // A string literal may hold characters no file name can (e.g. "\0").
            Report(importer, DiagnosticCodes.ModuleUnreadable, spec.PathSpan, spec.Path, e.Message);
            return null;
        }
        var displayPath = DisplayPathOf(fullPath);

        var cycleStart = _inProgress.FindIndex(m => s_pathComparer.Equals(m.FullPath, fullPath));
        if (cycleStart >= 0)
        {
            model.BindImportPath(spec, fullPath);
            var cycle = _inProgress.Skip(cycleStart).Select(m => m.DisplayPath).Append(displayPath);
            Report(importer, DiagnosticCodes.ImportCycle, spec.PathSpan, string.Join(" -> ", cycle));
            return null;
        }
        if (_loaded.TryGetValue(fullPath, out var loaded))
        {
            model.BindImportPath(spec, fullPath);
            return loaded;
        }
        var openText = _openText?.Invoke(fullPath);
        if (openText is null && !File.Exists(fullPath))
        {
            var chain = _inProgress.Select(m => m.DisplayPath).Append(displayPath);
            Report(importer, DiagnosticCodes.ModuleNotFound, spec.PathSpan, spec.Path, string.Join(" -> ", chain));
            return null;
        }

        string text;
        try
        {
            text = openText ?? File.ReadAllText(fullPath, System.Text.Encoding.UTF8);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            Report(importer, DiagnosticCodes.ModuleUnreadable, spec.PathSpan, displayPath, e.Message);
            return null;
        }
        model.BindImportPath(spec, fullPath);
        return LoadModule(fullPath, displayPath, new SourceText(Path.Join(_userRootDirectory, displayPath), text));
    }

    private static void Report(PendingModule module, DiagnosticDescriptor descriptor, TextSpan span, params object?[] args) =>
        module.Diagnostics.Report(descriptor, module.Source, span, args);

    private string DisplayPathOf(string fullPath) =>
        Path.GetRelativePath(_rootDirectory, fullPath).Replace('\\', '/');

    /// <summary>
    /// <c>lib/math.sox</c> → <c>lib_math</c>: ASCII letters and digits kept, everything else <c>_</c>; a
    /// leading digit gets an <c>m</c> prefix; a name another module already took gets a numeric suffix.
    /// </summary>
    private string MangleName(string displayPath)
    {
        var stem = displayPath.EndsWith(".sox", StringComparison.Ordinal) ? displayPath[..^4] : displayPath;
        var chars = stem.Select(c => char.IsAsciiLetterOrDigit(c) ? c : '_').ToArray();
        var name = new string(chars);
        if (name.Length == 0 || char.IsAsciiDigit(name[0])) name = "m" + name;
        var unique = name;
        for (var n = 2; !_mangledNames.Add(unique); n++) unique = $"{name}_{n}";
        return unique;
    }

    /// <summary>A module whose imports are being loaded (on the import stack, for chains and cycles).</summary>
    private sealed record PendingModule(string FullPath, string DisplayPath, SourceText Source, DiagnosticBag Diagnostics);
}
