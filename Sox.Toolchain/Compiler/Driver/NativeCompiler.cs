using System.Diagnostics;
using Sox.Compiler.CodeGen;
using Sox.Compiler.Diagnostics;
using Sox.Compiler.Ir;
using Sox.Compiler.Lowering;
using Sox.Compiler.ObjectFiles;
using Sox.Compiler.Passes;
using Sox.Compiler.Semantics;

namespace Sox.Compiler.Driver;

/// <summary>
/// The whole pipeline of design.md for one program: front end → IR lowering → passes → target backend →
/// object files → runtime (cached) → system linker. Never throws: failures are diagnostics.
/// </summary>
public sealed class NativeCompiler
{
    private readonly BuildOptions _options;
    private readonly DiagnosticBag _diagnostics = new();
    private readonly List<(string, TimeSpan)> _timings = new();

    private readonly string? _entryText;

    private NativeCompiler(BuildOptions options, string? entryText)
    {
        _options = options;
        _entryText = entryText;
    }

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
        return new BuildResult(_diagnostics.Items, _timings, _diagnostics.HasErrors ? null : output);
    }

    private T Phase<T>(string name, Func<T> work)
    {
        var watch = Stopwatch.StartNew();
        var result = work();
        _timings.Add((name, watch.Elapsed));
        return result;
    }

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

        var modules = Phase("IR lowering", () => graph.Modules.Select(m => (Source: m, Ir: ModuleLowerer.Lower(m,
            new LoweringOptions(IsEntry: m == graph.Entry, Mode: _options.Mode, VariadicArgumentsOnStack: target.Description.Convention == CallingConventionKind.AppleArm64), _diagnostics))).ToList());
        if (_diagnostics.HasErrors) return null;

        var dumps = new List<string>();
        Phase("passes", () =>
        {
            foreach (var (_, ir) in modules)
            {
                PassPipeline.Run(ir, _options.Optimization, new PassRunOptions(DumpAfter: _options.DumpAfter,
                    Dump: (pass, text) => dumps.Add($"; after {pass}: module {ir.Name}\n{text}")));
            }
            return 0;
        });
        foreach (var dump in dumps) Console.Error.Write(dump);

        if (_options.Emit == EmitKind.Ir)
        {
            return Write(_options.OutputPath, string.Concat(modules.Select(m => IrPrinter.Print(m.Ir))));
        }

        var listing = new System.Text.StringBuilder();
        var codeGenOptions = new CodeGenOptions { DumpMachineCode = _options.Emit == EmitKind.Asm ? text => listing.Append(text).Append('\n') : null };
        var compiled = Phase("backend", () => modules.Select(m =>
            (m.Source, m.Ir, Code: target.CreateBackend().CompileFunctions(m.Ir.Functions, codeGenOptions))).ToList());
        if (_options.Emit == EmitKind.Asm) return Write(_options.OutputPath, listing.ToString());

        var workDirectory = Path.Combine(Path.GetTempPath(), "sox-build-" + Environment.ProcessId + "-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(workDirectory);
        try
        {
            var objects = Phase("object writing", () => WriteObjects(target, compiled, workDirectory));
            if (objects is null || _options.Emit == EmitKind.Obj) return objects is null ? null : _options.OutputPath;

            var cc = CCompiler.Locate(target, _options.CCompiler, out var tried, out var needed);
            if (cc is null)
            {
                // A cross target names what to install (SOX5007); the host's own toolchain keeps SOX5003.
                if (target.ToolInstallHint is { } hint) _diagnostics.Report(DiagnosticCodes.TargetToolMissing, target.RuntimeIdentifier, needed, hint);
                else _diagnostics.Report(DiagnosticCodes.NoCCompiler, tried);
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
            var arguments = new List<string>(cc.TargetArguments) { "-o", _options.OutputPath };
            // A shared library is entered through its exports (sox_export.c); -Bsymbolic binds the runtime's and the
            // program's own references inside the library, as the SDK's SharedLibrary link does. ld64 has no
            // -Bsymbolic (a dylib's own references are bound at link time) and names the dylib by install name.
            if (_options.Emit == EmitKind.Shared)
            {
                arguments.AddRange(target.RuntimeIdentifier.StartsWith("osx-", StringComparison.Ordinal)
                    ? ["-dynamiclib", "-Wl,-install_name,@rpath/" + Path.GetFileName(_options.OutputPath)]
                    : ["-shared", "-fPIC", "-Wl,-Bsymbolic"]);
            }
            arguments.AddRange(objects);
            arguments.AddRange(cObjects);
            arguments.Add(archive);
            // -l from the command line, then the libraries `extern "lib" fn` declarations name (§9).
            arguments.AddRange(_options.Libraries.Concat(modules.SelectMany(m => m.Ir.Libraries)).Distinct(StringComparer.Ordinal).Select(l => "-l" + l));
            arguments.AddRange(["-lm", "-lpthread"]);
            Phase("link", () => Link(cc, arguments));
            return _diagnostics.HasErrors ? null : _options.OutputPath;
        }
        finally
        {
            try { Directory.Delete(workDirectory, recursive: true); } catch (IOException) { }
        }
    }

    /// <summary>
    /// Builds each module's object model and writes one object per module into <paramref name="workDirectory"/>; for
    /// <c>--emit obj</c> writes the modules merged into one object at the output path instead, which needs no C
    /// compiler (the system linkers' <c>-r</c> would, and lld's Mach-O linker has none). Null after SOX5008.
    /// </summary>
    private List<string>? WriteObjects(TargetPlatform target, List<(SourceModule Source, IrModule Ir, CompiledCode Code)> compiled, string workDirectory)
    {
        var models = compiled.Select(c => ObjectBuilder.Build(c.Ir, c.Code, target.Description, c.Source.DisplayPath)).ToList();
        if (_options.Emit == EmitKind.Obj)
        {
            var bytes = target.ObjectWriter.Write(models.Count == 1 ? models[0] : ObjectFileMerger.Merge(models));
            return WriteBytes(_options.OutputPath, bytes) is null ? null : [_options.OutputPath];
        }
        return models.Select((obj, i) =>
        {
            var path = Path.Combine(workDirectory, compiled[i].Source.MangledName + target.ObjectWriter.FileExtension);
            File.WriteAllBytes(path, target.ObjectWriter.Write(obj));
            return path;
        }).ToList();
    }

    /// <summary>Whether a C input is already compiled (an object or archive, linked as given) rather than a C source.</summary>
    public static bool IsCompiledInput(string path) =>
        path.EndsWith(".o", StringComparison.OrdinalIgnoreCase) || path.EndsWith(".a", StringComparison.OrdinalIgnoreCase);

    /// <summary>
    /// Compiles one C source of a program (§9) the way <c>sox build</c> does: optimised, position-independent, with
    /// the runtime's headers on the include path. Public so that a caller building many programs against the same
    /// C code (tests/interop) compiles it once and passes the object in <see cref="BuildOptions.CSources"/>.
    /// </summary>
    public static ProcessRunner.Result CompileCSource(CCompiler cc, string runtimeSources, string source, string objectPath) =>
        ProcessRunner.Run(cc.Path, [.. cc.TargetArguments, "-c", "-O2", "-fPIC", "-I", runtimeSources, "-o", objectPath, source]);

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

    private int Link(CCompiler cc, IReadOnlyList<string> arguments)
    {
        var result = ProcessRunner.Run(cc.Path, arguments);
        if (result.ExitCode != 0) _diagnostics.Report(DiagnosticCodes.LinkFailed, cc.Path, result.Output);
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
        if (path != "-") return WriteBytes(path, System.Text.Encoding.UTF8.GetBytes(text));
        Console.Out.Write(text);
        return path;
    }
}
