using System.Diagnostics;
using System.Text;
using Sox.Compiler.Driver;
using Sox.Compiler.Passes;

namespace Sox.Toolchain.Tests.Interop;

/// <summary>
/// Library mode of exports (docs/calling-conventions.md "Exports"): each program in <c>tests/interop/library</c>
/// is compiled to an object, linked with the runtime into a shared library (as the SDK links
/// <c>OutputType=SharedLibrary</c>: <c>-shared -fPIC -Wl,-Bsymbolic</c>), and its C host <c>name.c</c> (with its
/// own <c>main</c>) is linked against that library and run, natively or under qemu; on win-x64 the driver links
/// the DLL and its import library (<c>--emit shared</c>) and the host runs under Wine. The first export call
/// initialises the runtime on the host's thread; expectations come from the program's header and <c>.out</c>.
/// </summary>
[TestClass]
public sealed class InteropLibraryTests
{
    private static readonly string WorkDirectory = Path.Combine(Path.GetTempPath(), "sox-interop-lib-" + Environment.ProcessId);

    public static IEnumerable<object[]> Programs() => InteropProgram.All(libraries: true).Select(p => new object[] { p });

    [TestMethod]
    [DynamicData(nameof(Programs))]
    public void X64_O0(string program) => Check("linux-x64", program, OptimizationLevel.O0);

    [TestMethod]
    [DynamicData(nameof(Programs))]
    public void X64_O2(string program) => Check("linux-x64", program, OptimizationLevel.O2);

    [TestMethod]
    [DynamicData(nameof(Programs))]
    public void Arm64_O0(string program) => Check("linux-arm64", program, OptimizationLevel.O0);

    [TestMethod]
    [DynamicData(nameof(Programs))]
    public void Arm64_O2(string program) => Check("linux-arm64", program, OptimizationLevel.O2);

    [TestMethod]
    [DynamicData(nameof(Programs))]
    public void Win64_O0(string program) => Check("win-x64", program, OptimizationLevel.O0);

    [TestMethod]
    [DynamicData(nameof(Programs))]
    public void Win64_O2(string program) => Check("win-x64", program, OptimizationLevel.O2);

    [TestMethod]
    public void ThereIsALibraryProgram() => Assert.IsNotEmpty(InteropProgram.All(libraries: true).ToList());

    private static void Check(string target, string relative, OptimizationLevel level)
    {
        var program = InteropProgram.Load(relative);
        if (program.Skips.TryGetValue(target, out var reason)) Assert.Inconclusive($"skipped on {target}: {reason}");
        var platform = TargetPlatform.Find(target) ?? throw new InvalidOperationException(target);
        var cc = CCompiler.Locate(platform, null, out var tried);
        if (cc is null) Assert.Inconclusive($"needs a C compiler for {target} ({tried})");
        if (platform.MissingRunner() is { } runner) Assert.Inconclusive($"needs {runner} to run {target} programs");
        Assert.HasCount(1, program.CSources, $"{relative}: a library program has exactly one C host, {Path.ChangeExtension(relative, ".c")}");

        var directory = Path.Combine(WorkDirectory, target, level.ToString(), Path.GetFileNameWithoutExtension(relative));
        Directory.CreateDirectory(directory);
        var name = Path.GetFileNameWithoutExtension(relative);
        string host;
        if (platform.ExecutableExtension == ".exe")
        {
            // Windows: the driver's own shared link (sox build --emit shared: Name.dll and its import library
            // Name.lib), and a host linked against the import library; Windows finds the DLL beside the program.
            // A DLL cannot leave references for the loader to find in the program (ELF can): the functions the
            // library's `extern fn`s take from the host (every extern not of the runtime) are exported by host.exe,
            // and the DLL links against an import library of host.exe made from a .def file.
            var dlltool = Sox.Toolchain.Tests.ObjectFiles.ExternalTool.Find("x86_64-w64-mingw32-dlltool");
            if (dlltool is null) Assert.Inconclusive("needs x86_64-w64-mingw32-dlltool (Debian package binutils-mingw-w64-x86-64)");
            var hostFunctions = System.Text.RegularExpressions.Regex.Matches(File.ReadAllText(program.Path), @"^extern fn (\w+)", System.Text.RegularExpressions.RegexOptions.Multiline)
                .Select(m => m.Groups[1].Value).Where(f => !f.StartsWith("sox_", StringComparison.Ordinal)).ToList();
            var hostImports = Path.Combine(directory, "host_exports.lib");
            File.WriteAllText(Path.Combine(directory, "host.def"), "NAME host.exe\nEXPORTS\n" + string.Concat(hostFunctions.Select(f => "    " + f + "\n")));
            Tool(dlltool, ["-d", Path.Combine(directory, "host.def"), "-l", hostImports]);
            var dll = Path.Combine(directory, name + ".dll");
            var shared = NativeCompiler.Build(new BuildOptions
            {
                EntryPath = program.Path, OutputPath = dll, Target = target, Optimization = level, Emit = EmitKind.Shared, Libraries = [hostImports],
            });
            Assert.IsTrue(shared.Success, $"{relative} did not link as a DLL:\n{string.Join("\n", shared.Diagnostics)}");
            Assert.IsTrue(File.Exists(LinkCommand.ImportLibraryPath(dll)), "the import library is written beside the DLL");
            host = Path.Combine(directory, "host.exe");
            Tool(cc.Path, [.. cc.TargetArguments, "-O2", "-o", host, program.CSources[0], LinkCommand.ImportLibraryPath(dll), "-Wl,--export-all-symbols"]);
        }
        else
        {
            host = LinkElf(cc, platform, program, directory, name, target, level);
        }

        var (exit, stdout, stderr) = Run(platform, host);
        var context = $"{relative} ({target} {level}, library mode)";
        Assert.AreEqual(Encoding.UTF8.GetString(program.ExpectedStdout), Encoding.UTF8.GetString(stdout), $"stdout of {context}\nstderr:\n{stderr}");
        var lines = stderr.Split('\n').Select(l => l.TrimEnd('\r')).ToList();
        if (lines.Count > 0 && lines[^1] == "") lines.RemoveAt(lines.Count - 1);
        Assert.AreEqual(string.Join("\n", program.ExpectedStderr ?? []), string.Join("\n", lines), $"stderr of {context}");
        Assert.AreEqual(program.ExpectedExit, exit, $"exit code of {context}\nstderr:\n{stderr}");
    }

    private static string LinkElf(CCompiler cc, TargetPlatform platform, InteropProgram program, string directory, string name, string target, OptimizationLevel level)
    {
        var relative = program.Name;
        var obj = Path.Combine(directory, name + ".o");
        var build = NativeCompiler.Build(new BuildOptions { EntryPath = program.Path, OutputPath = obj, Target = target, Optimization = level, Emit = EmitKind.Obj });
        Assert.IsTrue(build.Success, $"{relative} did not compile:\n{string.Join("\n", build.Diagnostics)}");
        var runtime = RuntimeLibrary.LocateSources(out var lookedIn) ?? throw new InvalidOperationException($"runtime sources not found ({lookedIn})");
        var archive = RuntimeLibrary.Ensure(cc, platform, runtime, BuildOptions.DefaultCacheDirectory(), out _);

        var library = Path.Combine(directory, "lib" + name + ".so");
        Tool(cc.Path, [.. cc.TargetArguments, "-shared", "-fPIC", "-Wl,-Bsymbolic", "-o", library, obj, archive, "-lm", "-lpthread"]);
        var host = Path.Combine(directory, "host");
        Tool(cc.Path, [.. cc.TargetArguments, "-O2", "-o", host, program.CSources[0], "-L", directory, "-l" + name, "-Wl,-rpath,$ORIGIN"]);
        return host;
    }

    private static void Tool(string tool, IReadOnlyList<string> arguments)
    {
        var result = ProcessRunner.Run(tool, arguments);
        Assert.AreEqual(0, result.ExitCode, $"{tool} {string.Join(' ', arguments)} failed:\n{result.Output}");
    }

    private static (int Exit, byte[] Stdout, string Stderr) Run(TargetPlatform platform, string exe)
    {
        platform.PrepareRunner?.Invoke();
        var command = platform.RunCommand(exe);
        var start = new ProcessStartInfo(command[0])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = Path.GetDirectoryName(exe)!,
        };
        foreach (var a in command.Skip(1)) start.ArgumentList.Add(a);
        foreach (var (name, value) in platform.RunnerEnvironment) start.Environment[name] = value;
        start.Environment.Remove("SOX_GC_STRESS");
        using var process = Process.Start(start)!;
        var stdout = new MemoryStream();
        var copy = process.StandardOutput.BaseStream.CopyToAsync(stdout);
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(TimeSpan.FromMinutes(2)))
        {
            process.Kill(entireProcessTree: true);
            Assert.Fail($"{exe} did not finish within 2 minutes");
        }
        process.WaitForExit();
        copy.Wait();
        if (platform.ExecutableExtension == ".exe")
            return (process.ExitCode, Encoding.UTF8.GetBytes(Encoding.UTF8.GetString(stdout.ToArray()).Replace("\r\n", "\n")), stderr.Result);
        return (process.ExitCode, stdout.ToArray(), stderr.Result);
    }
}
