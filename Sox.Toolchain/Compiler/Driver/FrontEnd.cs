using Sox.Compiler.Diagnostics;
using Sox.Compiler.Semantics;
using Sox.Compiler.Syntax;
using Sox.Compiler.Text;

namespace Sox.Compiler.Driver;

/// <summary>
/// The front end as the CLI, the MSBuild tasks, the tests and the backend call it: load the entry file and all
/// its imports (§6), lex, parse and resolve each once. Never throws: problems are diagnostics.
/// </summary>
public static class FrontEnd
{
    /// <summary>Checks the program whose entry file is <paramref name="entryPath"/> (printed as given in diagnostics).</summary>
    public static FrontEndResult Check(string entryPath) => RunIsolated(() =>
    {
        var bag = new DiagnosticBag();
        if (!IsValidPath(entryPath) || !File.Exists(entryPath))
        {
            bag.Report(DiagnosticCodes.FileNotFound, entryPath);
            return new FrontEndResult(null, bag.Items);
        }
        SourceText source;
        try
        {
            source = SourceText.FromFile(entryPath);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            bag.Report(DiagnosticCodes.FileUnreadable, entryPath, e.Message);
            return new FrontEndResult(null, bag.Items);
        }
        return Load(source);
    });

    /// <summary>
    /// Checks a program whose entry text is in memory (an editor buffer, a test); its imports are read from
    /// disk relative to <paramref name="path"/>, except those <paramref name="openText"/> has text for (the other
    /// buffers open in an editor).
    /// </summary>
    public static FrontEndResult CheckSource(string path, string text, ModuleLoader.OpenTextFunction? openText = null) => RunIsolated(() =>
    {
        if (!IsValidPath(path))
        {
            var bag = new DiagnosticBag();
            bag.Report(DiagnosticCodes.FileNotFound, path);
            return new FrontEndResult(null, bag.Items);
        }
        return Load(new SourceText(path, text), openText);
    });

    /// <summary>Imports resolve against the entry's directory, so the path must at least be a usable file name.</summary>
    private static bool IsValidPath(string path)
    {
        if (string.IsNullOrWhiteSpace(path)) return false;
        try
        {
            Path.GetFullPath(path);
            return true;
        }
        catch (Exception e) when (e is ArgumentException or NotSupportedException or PathTooLongException)
        {
            return false;
        }
    }

    private static FrontEndResult Load(SourceText entry, ModuleLoader.OpenTextFunction? openText = null)
    {
        var (graph, diagnostics) = ModuleLoader.Load(entry, Parser.Parse, openText);
        return new FrontEndResult(graph, diagnostics);
    }

    /// <summary>Runs the work on a big-stack thread; any exception that escapes is a compiler bug, reported as SOX5099.</summary>
    /// <summary>
    /// The parser and resolver recurse over the tree; a dedicated thread with a large stack lets deeply nested
    /// (but legal) programs through, and the stages' own guards turn anything deeper into SOX2007.
    /// </summary>
    private static FrontEndResult RunIsolated(Func<FrontEndResult> work) => LargeStack.Run("sox-front-end", () =>
    {
        try
        {
            return work();
        }
        catch (Exception e)
        {
            var bag = new DiagnosticBag();
            bag.Report(DiagnosticCodes.InternalError, $"{e.GetType().Name}: {e.Message}");
            return new FrontEndResult(null, bag.Items);
        }
    });
}
