using System.Collections.Concurrent;
using Microsoft.Build.Framework;
using Microsoft.Build.Utilities;
using Sox.Build.Tasks.Internal;
using Sox.Compiler.Diagnostics;
using Sox.Compiler.Driver;
using Sox.Compiler.Lowering;
using Sox.Compiler.Passes;
using Sox.Compiler.Semantics;
using Task = Microsoft.Build.Utilities.Task;

namespace Sox.Build.Tasks;

/// <summary>
/// Compiles the program in-process with the Sox compiler: loads the entry file and everything it imports, reports
/// every diagnostic, and writes one object per module into <see cref="IntermediateDirectory"/> — recompiling only
/// the modules whose source is newer than their object or whose dependency file (<c>.d</c>) records a different
/// key (target, optimisation, entry, the names of its imports). Objects of modules no longer in the program are
/// deleted. With <see cref="Mode"/> <c>Test</c> it compiles the project's test program instead (docs/sdk.md "Testing
/// with dotnet test"): a generated entry imports every <see cref="TestSources"/> file, as <c>sox test</c> does, and
/// the program runs their <c>#[test]</c> functions (EntryMode.Test).
/// </summary>
public sealed class SoxCompile : Task
{
    /// <summary>The project's <c>SoxCompile</c> items.</summary>
    [Required]
    public ITaskItem[] Sources { get; set; } = [];

    /// <summary>The entry file (<c>SoxEntry</c>); empty to choose one (see <c>docs/sdk.md</c>).</summary>
    public string? Entry { get; set; }

    [Required]
    public string ProjectDirectory { get; set; } = "";

    /// <summary>Where objects and dependency files go (<c>obj/$(Configuration)/$(RuntimeIdentifier)/sox/</c>).</summary>
    [Required]
    public string IntermediateDirectory { get; set; } = "";

    [Required]
    public string RuntimeIdentifier { get; set; } = "";

    /// <summary>True for <c>-O2</c>, false for <c>-O0</c>.</summary>
    public bool Optimize { get; set; }

    /// <summary>Emit debug information (DWARF line tables, compile units, functions: <c>sox build -g</c>); from
    /// <c>SoxDebugSymbols</c>, on unless <c>DebugSymbols=false</c> or <c>DebugType=none</c>.</summary>
    public bool DebugSymbols { get; set; }

    /// <summary><c>Run</c> (default): the program of <see cref="Entry"/>; <c>Test</c>: the test program of <see cref="TestSources"/>.</summary>
    public string? Mode { get; set; }

    /// <summary>The test files (<c>*_test.sox</c>) the test program imports; used when <see cref="Mode"/> is <c>Test</c>.</summary>
    public ITaskItem[] TestSources { get; set; } = [];

    public bool TreatWarningsAsErrors { get; set; }

    public string? NoWarn { get; set; }

    public string? WarningsAsErrors { get; set; }

    public string? WarningsNotAsErrors { get; set; }

    /// <summary>Every object of the program, in module dependency order (the link order); metadata <c>Source</c>.</summary>
    [Output]
    public ITaskItem[] Objects { get; private set; } = [];

    /// <summary>The objects this run compiled (the rest were up to date).</summary>
    [Output]
    public ITaskItem[] CompiledObjects { get; private set; } = [];

    /// <summary>The source of every module of the program (the entry's import closure).</summary>
    [Output]
    public ITaskItem[] ProgramSources { get; private set; } = [];

    [Output]
    public string ResolvedEntry { get; private set; } = "";

    /// <summary>The C libraries named by the program's <c>extern "lib" fn</c> declarations (§9), for the link's <c>-l</c>.</summary>
    [Output]
    public ITaskItem[] ExternLibraries { get; private set; } = [];

    /// <summary>When set, the C header of the program's <c>export fn</c>s (<see cref="ExportHeader"/>) is written
    /// there, only when its text changes. The library's name in it is <see cref="LibraryName"/>.</summary>
    public string? ExportHeaderFile { get; set; }

    /// <summary>The library's name for <see cref="ExportHeaderFile"/> (<c>$(AssemblyName)</c>).</summary>
    public string? LibraryName { get; set; }

    /// <summary>The names of the program's <c>export fn</c>s (§9): what a shared library exports.</summary>
    [Output]
    public ITaskItem[] ExportedFunctions { get; private set; } = [];

    public override bool Execute()
    {
        var logger = new DiagnosticLogger(Log, new WarningOptions(TreatWarningsAsErrors, NoWarn, WarningsAsErrors, WarningsNotAsErrors));
        if (TargetPlatform.Find(RuntimeIdentifier) is not { } target)
        {
            Log.LogError(null, "SOX5006", null, null, 0, 0, 0, 0,
                "RuntimeIdentifier '{0}' is not a target the Sox compiler can build for; supported: {1}. Set RuntimeIdentifier to one of them.",
                RuntimeIdentifier, string.Join(", ", TargetPlatform.All.Select(t => t.RuntimeIdentifier)));
            return false;
        }

        var sources = Sources.Select(s => s.GetMetadata("FullPath")).Distinct(StringComparer.Ordinal).ToList();
        var mode = string.Equals(Mode, "Test", StringComparison.OrdinalIgnoreCase) ? EntryMode.Test : EntryMode.Run;
        string? entry;
        FrontEndResult front;
        if (mode == EntryMode.Test)
        {
            // The entry `sox test` generates (TestCommand): one import per test file, in a fixed order. It lives in
            // memory beside the project file, so that every module's DisplayPath (the file name the test program
            // reports) is relative to the project folder.
            entry = Path.Combine(Path.GetFullPath(ProjectDirectory), "__sox_tests__.sox");
            var tests = TestSources.Select(s => s.GetMetadata("FullPath")).Distinct(StringComparer.Ordinal).OrderBy(f => f, StringComparer.Ordinal).ToList();
            var text = new System.Text.StringBuilder("// Generated by Sox.Sdk: imports every test file.\n");
            for (var i = 0; i < tests.Count; i++) text.Append($"import __sox_test_{i} \"{tests[i].Replace("\\", "\\\\").Replace("\"", "\\\"")}\"\n");
            front = FrontEnd.CheckSource(entry, text.ToString());
        }
        else
        {
            entry = ResolveEntry(sources);
            if (entry is null) return false;
            front = FrontEnd.Check(entry);
        }
        ResolvedEntry = entry;

        var failed = false;
        foreach (var diagnostic in front.Diagnostics) failed |= logger.Log(diagnostic);
        if (front.Graph is not { } graph || failed || !front.Success) return false;

        var inProgram = new HashSet<string>(graph.Modules.Select(m => m.FullPath), StringComparer.Ordinal);
        // A *_test.sox file is never part of the program: the test program holds it (language.md §7.1).
        foreach (var source in sources.Where(s => mode == EntryMode.Run && !inProgram.Contains(s) && !s.EndsWith("_test.sox", StringComparison.Ordinal)))
        {
            failed |= logger.Log("SOX6002", false, source, 0, 0,
                $"'{Path.GetRelativePath(ProjectDirectory, source)}' is not imported by the entry '{Path.GetRelativePath(ProjectDirectory, entry)}' (directly or indirectly), so it is not part of the program. Import it, or exclude it with <SoxCompile Remove=\"...\" />.");
        }
        if (failed) return false;

        Directory.CreateDirectory(IntermediateDirectory);
        var optimization = Optimize ? OptimizationLevel.O2 : OptimizationLevel.O0;
        var work = graph.Modules.Select(m => new ModuleWork(m, m == graph.Entry, Path.Combine(IntermediateDirectory, m.MangledName + target.ObjectWriter.FileExtension))).ToList();
        foreach (var w in work) w.Key = ModuleCompiler.ObjectKey(w.Module, w.IsEntry, target, optimization, mode, DebugSymbols);
        var stale = work.Where(IsStale).ToList();

        var diagnostics = new ConcurrentDictionary<ModuleWork, DiagnosticBag>();
        Parallel.ForEach(stale, new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, Environment.ProcessorCount) }, w =>
        {
            var bag = new DiagnosticBag();
            diagnostics[w] = bag;
            var bytes = ModuleCompiler.Compile(w.Module, w.IsEntry, target, optimization, mode, bag, DebugSymbols);
            if (bytes is null) return;
            var dependencyPath = Path.ChangeExtension(w.ObjectPath, ".d");
            File.Delete(dependencyPath); // a crash between the two writes must not leave a new key beside an old object
            File.WriteAllBytes(w.ObjectPath, bytes);
            new DependencyFile(w.Key, w.ObjectPath, [w.Module.FullPath]).Write(dependencyPath);
        });
        foreach (var w in stale)
        {
            if (diagnostics.TryGetValue(w, out var bag)) foreach (var d in bag.Items) failed |= logger.Log(d);
        }
        foreach (var w in stale) Log.LogMessage(MessageImportance.Normal, "Compiling {0} -> {1}", w.Module.DisplayPath, w.ObjectPath);
        if (failed || Log.HasLoggedErrors) return false;

        DeleteOrphans(work, target.ObjectWriter.FileExtension);
        Objects = work.Select(w => Item(w)).ToArray();
        CompiledObjects = stale.Select(w => Item(w)).ToArray();
        // The test program's generated entry exists only in memory: an input that is never on disk would make the
        // target that records these sources run on every build.
        ProgramSources = graph.Modules.Where(m => mode == EntryMode.Run || m != graph.Entry).Select(m => (ITaskItem)new TaskItem(m.FullPath)).ToArray();
        ExternLibraries = graph.Modules.SelectMany(m => m.Unit.Statements.OfType<Sox.Compiler.Syntax.Ast.ExternFnStmt>())
            .Select(s => s.Library).OfType<string>().Where(l => l.Length > 0).Distinct(StringComparer.Ordinal)
            .Select(l => (ITaskItem)new TaskItem(l)).ToArray();
        var exports = ExportHeader.Exports(graph);
        ExportedFunctions = exports.Select(s => s.Function.Name!.Text).Distinct(StringComparer.Ordinal).Select(n => (ITaskItem)new TaskItem(n)).ToArray();
        if (mode == EntryMode.Run && !string.IsNullOrEmpty(ExportHeaderFile))
        {
            var header = ExportHeader.Generate(string.IsNullOrEmpty(LibraryName) ? Path.GetFileNameWithoutExtension(ExportHeaderFile) : LibraryName, exports);
            if (!File.Exists(ExportHeaderFile) || File.ReadAllText(ExportHeaderFile) != header)
            {
                Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(ExportHeaderFile))!);
                File.WriteAllText(ExportHeaderFile, header);
            }
        }
        return true;
    }

    private static TaskItem Item(ModuleWork w)
    {
        var item = new TaskItem(w.ObjectPath);
        item.SetMetadata("Source", w.Module.FullPath);
        return item;
    }

    private string? ResolveEntry(List<string> sources)
    {
        if (!string.IsNullOrWhiteSpace(Entry))
        {
            var path = Path.GetFullPath(Path.Combine(ProjectDirectory, Entry));
            if (File.Exists(path)) return path;
            Log.LogError(null, "SOX6001", null, null, 0, 0, 0, 0, "SoxEntry '{0}' does not exist (looked for '{1}').", Entry, path);
            return null;
        }
        var resolved = EntryResolver.Resolve(sources, ProjectDirectory, out var problem);
        if (resolved is not null) return Path.GetFullPath(resolved);
        Log.LogError(null, "SOX6001", null, null, 0, 0, 0, 0,
            "Can't choose the program's entry file: {0}. Add main.sox, or set <SoxEntry>file.sox</SoxEntry> in the project.", problem);
        return null;
    }

    /// <summary>An object is rebuilt when missing, older than its source, or built with another key.</summary>
    private static bool IsStale(ModuleWork w)
    {
        if (!File.Exists(w.ObjectPath)) return true;
        var dependencies = DependencyFile.Read(Path.ChangeExtension(w.ObjectPath, ".d"));
        if (dependencies is null || dependencies.Key != w.Key) return true;
        var built = File.GetLastWriteTimeUtc(w.ObjectPath);
        return dependencies.Prerequisites.Count == 0 || dependencies.Prerequisites.Any(p => !File.Exists(p) || File.GetLastWriteTimeUtc(p) > built);
    }

    /// <summary>Objects (and their dependency files) of modules that left the program: a deleted or renamed file.</summary>
    private void DeleteOrphans(List<ModuleWork> work, string objectExtension)
    {
        var keep = new HashSet<string>(work.Select(w => Path.GetFullPath(w.ObjectPath)), StringComparer.Ordinal);
        foreach (var obj in Directory.EnumerateFiles(IntermediateDirectory, "*" + objectExtension))
        {
            if (keep.Contains(Path.GetFullPath(obj))) continue;
            Log.LogMessage(MessageImportance.Normal, "Deleting {0}: its module is no longer part of the program", obj);
            File.Delete(obj);
            File.Delete(Path.ChangeExtension(obj, ".d"));
        }
    }

    private sealed class ModuleWork(SourceModule module, bool isEntry, string objectPath)
    {
        public SourceModule Module { get; } = module;
        public bool IsEntry { get; } = isEntry;
        public string ObjectPath { get; } = objectPath;
        public string Key { get; set; } = "";
    }
}
