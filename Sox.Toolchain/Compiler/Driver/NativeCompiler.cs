using System.Diagnostics;
using System.Text;
using Sox.Compiler.Diagnostics;
using Sox.Compiler.Ir;
using Sox.Compiler.ObjectFiles;
using Sox.Compiler.Semantics;

namespace Sox.Compiler.Driver;

/// <summary>
/// <c>sox build</c>: the whole pipeline of architecture.md for one program, in two halves. <see cref="Compile"/> runs the
/// front end's modules through <see cref="ModuleCompiler.CompileModule"/> (IR lowering → passes → target backend →
/// object model), the stages the SDK runs too; <see cref="Link"/> writes the objects, compiles the runtime (cached)
/// and the program's C sources, and links with the command of <see cref="LinkCommand"/>, which the SDK uses too.
/// Never throws: failures are diagnostics.
/// </summary>
public sealed class NativeCompiler
{
    private readonly BuildOptions _options;
    private readonly DiagnosticBag _diagnostics = new();
    private readonly List<(string, TimeSpan)> _timings = new();
    private readonly Dictionary<string, long> _allocations = new();

    private readonly string? _entryText;

    private NativeCompiler(BuildOptions options, string? entryText)
    {
        _options = options;
        _entryText = entryText;
    }

    /// <summary>Builds the program <paramref name="options"/> describe, on a <see cref="LargeStack"/> thread.</summary>
    public static BuildResult Build(BuildOptions options) => LargeStack.Run("sox-build", () => new NativeCompiler(options, null).Run());

    /// <summary>Builds a program whose entry file's text is given (imports still resolve from its path): <c>sox test</c>'s generated entry.</summary>
    public static BuildResult BuildSource(BuildOptions options, string entryText) => LargeStack.Run("sox-build", () => new NativeCompiler(options, entryText).Run());

    private BuildResult Run()
    {
        string? output = null;
        try
        {
            output = RunPipeline();
        }
        catch (ToolFailedException e)
        {
            _diagnostics.Report(DiagnosticCodes.InternalError, $"{e.Tool}: {e.Output}");
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            _diagnostics.Report(DiagnosticCodes.InternalError, e.ToString());
        }
        return new BuildResult(_diagnostics.Items, _timings, _diagnostics.HasErrors ? null : output) { Allocations = _allocations };
    }

    private T Phase<T>(string name, Func<T> work)
    {
        var allocated = _options.MeasureSteps ? GC.GetTotalAllocatedBytes() : 0;
        var watch = Stopwatch.StartNew();
        var result = work();
        AddTiming(name, watch.Elapsed);
        if (_options.MeasureSteps) AddAllocation(name, GC.GetTotalAllocatedBytes() - allocated);
        return result;
    }

    /// <summary>Adds what the current thread spent since <paramref name="since"/> as the step <paramref name="name"/>.</summary>
    private void AddStep(string name, StageClock.Mark since)
    {
        var now = StageClock.Now();
        AddTiming(name, Stopwatch.GetElapsedTime(since.Timestamp, now.Timestamp));
        AddAllocation(name, now.Allocated - since.Allocated);
    }

    /// <summary>Adds to the bytes a phase or step allocated (<see cref="BuildOptions.MeasureSteps"/>).</summary>
    private void AddAllocation(string name, long bytes) => _allocations[name] = _allocations.GetValueOrDefault(name) + bytes;

    /// <summary>Adds to a phase's time: the per-module stages report once per module, <c>--timings</c> shows the sums.</summary>
    private void AddTiming(string name, TimeSpan time)
    {
        var i = _timings.FindIndex(t => t.Item1 == name);
        if (i < 0) _timings.Add((name, time));
        else _timings[i] = (name, _timings[i].Item2 + time);
    }

    /// <summary>Front end, then <see cref="Compile"/>; then what <see cref="BuildOptions.Emit"/> asks for: a listing, one
    /// merged object, or <see cref="Link"/>. Returns the output path, or null after an error diagnostic.</summary>
    private string? RunPipeline()
    {
        if (TargetPlatform.Find(_options.Target) is not { } target)
        {
            _diagnostics.Report(DiagnosticCodes.UnknownTarget, _options.Target, string.Join(", ", TargetPlatform.All.Select(t => t.RuntimeIdentifier)));
            return null;
        }

        var front = Phase("front end", () => _entryText is null ? FrontEnd.Check(_options.EntryPath) : FrontEnd.CheckSource(_options.EntryPath, _entryText));
        _diagnostics.AddRange(front.Diagnostics);
        if (!front.Success || front.Graph is not { } graph) return null;
        if (_options.SourcesRead is { } sourcesRead)
        {
            var characters = 0L;
            foreach (var module in graph.Modules) characters += module.Unit.Source.Text.Length;
            sourcesRead(characters);
        }

        var listing = new StringBuilder();
        var modules = Compile(target, graph, listing);
        if (modules is null) return null;
        switch (_options.Emit)
        {
            case EmitKind.Ir:
                return Write(_options.OutputPath, string.Concat(modules.Select(m => IrPrinter.Print(m.Ir))));
            case EmitKind.Asm:
                return Write(_options.OutputPath, listing.ToString());
            case EmitKind.Obj:
                // One object with every module, which needs no C compiler (the system linkers' -r would, and lld's
                // Mach-O linker has none).
                var models = modules.Select(m => m.Object!).ToList();
                return Phase("object writing", () =>
                {
                    var mark = StageClock.Now();
                    var bytes = target.ObjectWriter.Write(models.Count == 1 ? models[0] : ObjectFileMerger.Merge(models));
                    if (_options.MeasureSteps) AddStep("  object file bytes", mark);
                    return WriteBytes(_options.OutputPath, bytes);
                });
            default:
                return Link(target, modules);
        }
    }

    /// <summary>
    /// The compile half: every module of the program through <see cref="ModuleCompiler.CompileModule"/> (the stages
    /// the SDK runs too), as far as <see cref="BuildOptions.Emit"/> needs. Null when a module reported an error; the
    /// other modules are still compiled, so every module's diagnostics are reported.
    /// </summary>
    private List<CompiledModule>? Compile(TargetPlatform target, ModuleGraph graph, StringBuilder listing)
    {
        var dumps = new List<string>();
        var options = new ModuleCompileOptions(target, _options.Optimization, _options.Mode)
        {
            Until = _options.Emit switch { EmitKind.Ir => ModuleStage.Ir, EmitKind.Asm => ModuleStage.Code, _ => ModuleStage.Object },
            DumpAfter = _options.DumpAfter,
            DumpMachineCode = _options.Emit == EmitKind.Asm ? text => listing.Append(text).Append('\n') : null,
            Timing = AddTiming,
            Allocation = _options.MeasureSteps ? AddAllocation : null,
            Clock = _options.MeasureSteps ? new StageClock() : null,
            Debug = _options.Debug,
        };
        var modules = new List<CompiledModule>();
        foreach (var module in graph.Modules)
        {
            var moduleOptions = options with { Dump = (pass, text) => dumps.Add($"; after {pass}: module {module.MangledName}\n{text}") };
            if (ModuleCompiler.CompileModule(module, module == graph.Entry, moduleOptions, _diagnostics) is { } compiled) modules.Add(compiled);
        }
        if (_diagnostics.HasErrors) return null;
        foreach (var dump in dumps) Console.Error.Write(dump);
        return modules;
    }

    /// <summary>
    /// The link half: writes the modules' objects, finds the C compiler, the runtime (compiled and cached) and the
    /// program's C sources, and runs the command <see cref="LinkCommand"/> makes — the one the SDK's link uses.
    /// </summary>
    private string? Link(TargetPlatform target, List<CompiledModule> modules)
    {
        var workDirectory = Path.Combine(Path.GetTempPath(), "sox-build-" + Environment.ProcessId + "-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(workDirectory);
        try
        {
            var objects = Phase("object writing", () => modules.Select(m =>
            {
                var path = Path.Combine(workDirectory, m.Source.MangledName + target.ObjectWriter.FileExtension);
                File.WriteAllBytes(path, target.ObjectWriter.Write(m.Object!));
                return path;
            }).ToList());

            var host = HostEnvironment.Current;
            var cc = CCompiler.Locate(target, _options.CCompiler, _options.WindowsToolchain, host, out var tried, out var needed);
            if (cc is null)
            {
                // A cross target names what to install (SOX5007); the host's own toolchain keeps SOX5003, which on
                // Windows names Visual Studio's clang component and LLVM.
                if (target.ToolInstallHint is { } hint) _diagnostics.Report(DiagnosticCodes.TargetToolMissing, target.RuntimeIdentifier, needed, hint);
                else if (target.IsWindows && host.IsWindows)
                    _diagnostics.Report(DiagnosticCodes.NoCCompiler, tried, WindowsToolchain.InstallHint(_options.WindowsToolchain, "--cc", "--windows-toolchain"));
                else _diagnostics.Report(DiagnosticCodes.NoCCompiler, tried, DiagnosticCodes.NoCCompilerHint);
                return null;
            }

            var runtimeSources = RuntimeLibrary.LocateSources(out var lookedIn);
            if (runtimeSources is null)
            {
                _diagnostics.Report(DiagnosticCodes.RuntimeSourcesMissing, lookedIn);
                return null;
            }
            string archive;
            try
            {
                archive = Phase("runtime compile", () => RuntimeLibrary.Ensure(cc, target, runtimeSources, _options.CacheDirectory, out _));
            }
            catch (ToolFailedException e)
            {
                _diagnostics.Report(DiagnosticCodes.RuntimeCompileFailed, e.Tool, e.Output);
                return null;
            }

            var cObjects = CompileCSources(cc, runtimeSources, workDirectory);
            if (cObjects is null) return null;
            var output = LinkOutputPath(target, _options.OutputPath, _options.Emit == EmitKind.Shared);
            // A shared library exports its export fns only (LinkCommand.ExportList).
            var exports = modules.SelectMany(m => m.Ir.Functions).Where(f => f.IsExported).Select(f => f.Symbol).ToList();
            var exportList = Path.Combine(workDirectory, "exports.list");
            if (LinkCommand.ExportList(target, exports) is { } exportText) File.WriteAllText(exportList, exportText);
            var command = LinkCommand.For(target, LinkToolchain.Of(cc), new LinkInputs
            {
                OutputPath = output,
                Kind = _options.Emit == EmitKind.Shared ? LinkOutputKind.SharedLibrary : LinkOutputKind.Executable,
                DebugInformation = _options.Debug,
                ProgramObjects = objects,
                NativeObjects = cObjects,
                Runtime = [archive],
                // --lib from the command line, then the libraries `extern "lib" fn` declarations name (§9).
                Libraries = [.. _options.Libraries.Select(LinkLibrary.Parse), .. modules.SelectMany(m => m.Ir.Libraries).Select(LinkLibrary.Named)],
                ExportedSymbols = exports,
                ExportListPath = exportList,
            });
            Phase("link", () => RunLink(command.ThroughResponseFileIfLong(Path.Combine(workDirectory, "link.rsp"))));
            return _diagnostics.HasErrors ? null : output;
        }
        finally
        {
            try { Directory.Delete(workDirectory, recursive: true); } catch (IOException) { }
        }
    }

    /// <summary>Whether a C input is already compiled (an object or archive, linked as given) rather than a C source.</summary>
    public static bool IsCompiledInput(string path) =>
        path.EndsWith(".o", StringComparison.OrdinalIgnoreCase) || path.EndsWith(".a", StringComparison.OrdinalIgnoreCase)
        || path.EndsWith(".obj", StringComparison.OrdinalIgnoreCase) || path.EndsWith(".lib", StringComparison.OrdinalIgnoreCase);

    /// <summary>
    /// The file a link writes: the path asked for, with <c>.exe</c> (or <c>.dll</c>) added for a Windows target when it
    /// has no extension, as the MinGW drivers would add it anyway (<c>-o app</c> → <c>app.exe</c>).
    /// </summary>
    public static string LinkOutputPath(TargetPlatform target, string path, bool shared)
    {
        if (target.ExecutableExtension.Length == 0 || Path.HasExtension(path)) return path;
        return path + (shared ? ".dll" : target.ExecutableExtension);
    }

    /// <summary>
    /// Compiles one C source of a program (§9) the way <c>sox build</c> does: optimised, position-independent (but
    /// MSVC-style, where clang rejects <c>-fPIC</c> and PE code is relocatable anyway), with the runtime's headers on
    /// the include path. Public so that a caller building many programs against the same C code (tests/interop)
    /// compiles it once and passes the object in <see cref="BuildOptions.CSources"/>.
    /// </summary>
    public static ProcessRunner.Result CompileCSource(CCompiler cc, string runtimeSources, string source, string objectPath) =>
        ProcessRunner.Run(cc.Path, [.. cc.TargetArguments, "-c", "-O2", .. cc.Flavor == ToolchainFlavor.Msvc ? Array.Empty<string>() : ["-fPIC"], "-I", runtimeSources, "-o", objectPath, source]);

    private List<string>? CompileCSources(CCompiler cc, string runtimeSources, string workDirectory)
    {
        var objects = new List<string>();
        foreach (var (source, i) in _options.CSources.Select((s, i) => (s, i)))
        {
            if (IsCompiledInput(source))
            {
                objects.Add(source);
                continue;
            }
            var obj = Path.Combine(workDirectory, $"c{i}_{Path.GetFileNameWithoutExtension(source)}.o");
            var result = CompileCSource(cc, runtimeSources, source, obj);
            if (result.ExitCode != 0)
            {
                _diagnostics.Report(DiagnosticCodes.CSourceCompileFailed, source, result.Output);
                return null;
            }
            objects.Add(obj);
        }
        return objects;
    }

    private int RunLink(LinkCommand command)
    {
        var result = ProcessRunner.Run(command.Tool, command.Arguments);
        if (result.ExitCode != 0) _diagnostics.Report(DiagnosticCodes.LinkFailed, command.Tool, result.Output);
        return result.ExitCode;
    }

    private string? WriteBytes(string path, byte[] bytes)
    {
        try
        {
            File.WriteAllBytes(path, bytes);
            return path;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            _diagnostics.Report(DiagnosticCodes.OutputUnwritable, path, e.Message);
            return null;
        }
    }

    private string? Write(string path, string text)
    {
        if (path != "-") return WriteBytes(path, Encoding.UTF8.GetBytes(text));
        Console.Out.Write(text);
        return path;
    }
}
