using System.Runtime.InteropServices;
using System.Text;
using System.Text.RegularExpressions;
using Sox.Compiler.Driver;
using Sox.Toolchain.Tests.Runtime;
using ProcessRunner = Sox.Toolchain.Tests.Runtime.ProcessRunner;

namespace Sox.Toolchain.Tests.Debugging;

/// <summary>
/// The debuggers' pretty printers of Sox.Sdk/debugger (docs/debugging.md "Pretty printers"). One program,
/// <c>PrettyPrinterPrograms/values.sox</c>, passes every kind of value to <c>print</c>; gdb and LLDB each run it once,
/// stop in the runtime's <c>sox_print(SoxValue v)</c> for every value, print the argument register cast to
/// <c>SoxValue</c> (the type comes from <c>inspect.c</c>, compiled with <c>-g</c>; the runtime has no debug
/// information, so the printers read its <c>sox_debug_layout</c> descriptor) and must show exactly the text below.
/// Known-bad values (unmapped, NULL, a tag that is no value, a wrong kind, a string without its NUL, an array whose
/// count is above its capacity) and a stack word must print without a Python error. The decoder's own unit tests
/// (<c>test_sox_values.py</c>, on a fake memory) run under python3.
/// </summary>
[TestClass]
public sealed partial class PrettyPrinterTests
{
    private static string ProgramDirectory =>
        Path.Combine(RuntimeBuild.RepoRoot, "tests", "Sox.Toolchain.Tests", "Debugging", "PrettyPrinterPrograms");

    private static string DebuggerDirectory => Path.Combine(RuntimeBuild.RepoRoot, "Sox.Sdk", "debugger");

    private static readonly string WorkDirectory =
        Path.Combine(Path.GetTempPath(), "sox-pretty-printers-" + Environment.ProcessId);

    /// <summary>What each <c>show(...)</c> of values.sox must print as, in order.</summary>
    private static readonly string[] Shown =
    [
        "3.14", "42", "-0", "1e+21", "1e-7", "0.30000000000000004", "nan", "-inf", "nil", "true", "false",
        """
        "say \"hi\"\n\tbye\\"
        """,
        "[1,2,[3]]",
        """
        {"k": 1, "s": "x", "list": [true,nil]}
        """,
        """
        Point instance {x: 1, y: "two"}
        """,
        "<fn fib>", "<fn>", "Point", "<fn norm>", "<native fn len>", "[1,[...]]",
        "[" + string.Join(",", Enumerable.Range(0, 100)) + ",...]",
        "Empty instance", "55", "\"caf\u00e9 \U0001F600\"",
    ];

    /// <summary>The index in <see cref="Shown"/> of the closure of counter(), whose first cell holds 41.</summary>
    private const int CounterClosure = 16;

    private static readonly Lazy<(string? Program, string Problem)> Program = new(BuildProgram);

    /// <summary>Python leaves no __pycache__ in Sox.Sdk/debugger.</summary>
    private static readonly Dictionary<string, string> NoBytecode = new() { ["PYTHONDONTWRITEBYTECODE"] = "1" };

    [TestMethod]
    public async Task DecoderUnitTests()
    {
        if (RuntimeBuild.MissingTool("python3") is { } missing) Assert.Inconclusive($"needs {missing}");
        string[] command = ["python3", Path.Combine(ProgramDirectory, "test_sox_values.py"), DebuggerDirectory];
        var r = await ProcessRunner.RunAsync(command, NoBytecode, TimeSpan.FromMinutes(2));
        var output = Encoding.UTF8.GetString(r.Stdout) + Encoding.UTF8.GetString(r.Stderr);
        Assert.AreEqual(0, r.ExitCode, output);
        StringAssert.Contains(output, "OK");
    }

    [TestMethod]
    public async Task GdbPrintsEveryKindOfValue()
    {
        if (RuntimeBuild.MissingTool("gdb") is { } missing) Assert.Inconclusive($"needs {missing}");
        var (program, register) = RequireProgram();
        var output = Path.Combine(WorkDirectory, "gdb-program.out");
        var script = new Script(command => "+" + command);
        script.Setup("set trace-commands on", "set pagination off", "set confirm off", "set width 0", "set height 0",
            $"source {Path.Combine(DebuggerDirectory, "sox_gdb.py")}", "break inspect_ready", $"run > {output}", "finish");
        script.Expect("python print(current_layout().describe())", LayoutRead);
        script.Expect("p corrupted", new Regex(@"^\$N = \{(" + Invalid + ", ){5}" + Invalid + @"\}$"));
        AddCorrupted(script, i => $"p corrupted[{i}]", text => "$N = " + text);
        script.Expect("p *(SoxValue*)$sp", AnyText);
        script.Setup("break sox_print");
        AddShown(script, register, "continue", r => $"p (SoxValue){r}", text => "$N = " + text,
            r => [([$"set var inspected = {r}"], "p inspected"), ([$"set var base_typed = {r}"], "p base_typed")]);
        script.Setup("kill");

        var session = script.Write(Path.Combine(WorkDirectory, "session.gdb"));
        var run = await RunDebuggerAsync(["gdb", "-batch", "-nx", "-x", session, program]);
        script.Check(run, line => Regex.Replace(line, @"^\$\d+ = ", "$N = "));
    }

    [TestMethod]
    public async Task LldbPrintsEveryKindOfValue()
    {
        var lldb = new[] { "lldb", "lldb-20", "lldb-19", "lldb-18", "lldb-17", "lldb-16", "lldb-15", "lldb-14" }
            .FirstOrDefault(name => RuntimeBuild.MissingTool(name) is null);
        if (lldb is null) Assert.Inconclusive("needs lldb (lldb or lldb-NN on PATH)");
        var (program, register) = RequireProgram();
        var output = Path.Combine(WorkDirectory, "lldb-program.out");
        var script = new Script(command => "(lldb) " + command);
        script.Setup($"command script import {Path.Combine(DebuggerDirectory, "sox_lldb.py")}",
            "breakpoint set --name inspect_ready", $"process launch --stdout {output}", "thread step-out");
        script.Expect("script print(sox_lldb.current_layout(lldb.target, lldb.process, "
            + "sox_lldb._reader(lldb.process, lldb.target)).describe())", LayoutRead);
        script.Expect("target variable corrupted",
            new Regex(@"^\(SoxValue\[6\]\) corrupted = \((\[\d\] = " + Invalid + @", ){5}\[5\] = " + Invalid + @"\)$"));
        AddCorrupted(script, i => $"expression corrupted[{i}]", text => "(SoxValue) $N = " + text);
        script.Expect("expression *(SoxValue*)$sp", AnyText);
        script.Setup("breakpoint set --name sox_print");
        AddShown(script, register, "continue", r => $"expression (SoxValue){r}", text => "(SoxValue) $N = " + text,
            // Not base_typed: LLDB's Clang type system turns a DWARF base type into the builtin of its encoding and
            // size (`unsigned long`), so the name SoxValue never reaches a summary (docs/debugging.md).
            r => [([], $"expression inspected = {r}")]);
        script.Setup("process kill");

        var session = script.Write(Path.Combine(WorkDirectory, "session.lldb"));
        var run = await RunDebuggerAsync([lldb, "--batch", "--no-lldbinit", "--source", session, program]);
        script.Check(run, line => Regex.Replace(line, @"^\(SoxValue\) \$\d+ = ", "(SoxValue) $N = "));
    }

    /// <summary>
    /// Nothing references sox_debug_layout but sox_runtime_init's read, which must pull it out of the runtime archive
    /// into every executable and shared library, for each kind of target (ELF on x64 and arm64, PE on Windows).
    /// </summary>
    [TestMethod]
    [DataRow("linux-x64", EmitKind.Exe, "nm")]
    [DataRow("linux-x64", EmitKind.Shared, "nm")]
    [DataRow("linux-arm64", EmitKind.Exe, "aarch64-linux-gnu-nm")]
    [DataRow("win-x64", EmitKind.Exe, "x86_64-w64-mingw32-nm")]
    [DataRow("win-x64", EmitKind.Shared, "x86_64-w64-mingw32-nm")]
    public async Task TheLayoutDescriptorIsLinkedIn(string target, EmitKind emit, string nm)
    {
        if (RuntimeBuild.MissingTool(nm) is { } missing) Assert.Inconclusive($"needs {missing}");
        var platform = TargetPlatform.Find(target) ?? throw new InvalidOperationException(target);
        if (CCompiler.Locate(platform, null, out var tried) is null) Assert.Inconclusive($"needs a C compiler for {target} ({tried})");
        var directory = Path.Combine(WorkDirectory, target + "-" + emit);
        Directory.CreateDirectory(directory);
        var result = NativeCompiler.Build(new BuildOptions
        {
            EntryPath = Path.Combine(ProgramDirectory, "descriptor.sox"),
            // Windows adds .exe or .dll to a name without an extension.
            OutputPath = Path.Combine(directory, emit == EmitKind.Shared && platform.ExecutableExtension.Length == 0 ? "libdescriptor.so" : "descriptor"),
            Target = target,
            Emit = emit,
        });
        Assert.IsTrue(result.Success, string.Join("\n", result.Diagnostics));
        var r = await ProcessRunner.RunAsync([nm, result.Output!], new Dictionary<string, string>(), TimeSpan.FromMinutes(1));
        var symbols = Encoding.UTF8.GetString(r.Stdout);
        Assert.AreEqual(0, r.ExitCode, Encoding.UTF8.GetString(r.Stderr));
        Assert.IsTrue(DescriptorSymbol().IsMatch(symbols), $"{result.Output} has no data symbol sox_debug_layout:\n{symbols}");
    }

    [GeneratedRegex(@"^[0-9a-f]+ [DdRr] sox_debug_layout$", RegexOptions.Multiline)]
    private static partial Regex DescriptorSymbol();

    /// <summary>A line any printer output matches except an error: the value of a stack word is not known.</summary>
    private static readonly Regex AnyText = new(@"^(?!.*(Traceback|Python Exception|Error|error)).+$");

    private static readonly Regex LayoutRead = new(@"^sox_debug_layout 1\.\d+ \(read at 0x[0-9a-f]+\)$");

    private const string Invalid = "<invalid SoxValue 0x[0-9a-f]{16}>";

    private static void AddCorrupted(Script script, Func<int, string> command, Func<string, string> line)
    {
        var invalid = new Regex("^" + Regex.Escape(line("<invalid SoxValue 0x")) + "[0-9a-f]{16}>$");
        script.Expect(command(0), line("<invalid SoxValue 0xfffc000000001234>"));
        script.Expect(command(1), line("<invalid SoxValue 0x7ffc000000000009>"));
        script.Expect(command(2), invalid);
        script.Expect(command(3), invalid);
        script.Expect(command(4), invalid);
        script.Expect(command(5), line("<invalid SoxValue 0xfffc000000000000>"));
    }

    /// <summary>For each shown value: stop in sox_print and print the argument register as a SoxValue; for the first
    /// also through variables of the C typedef and of the base type SoxValue, and sox-print; for counter()'s closure
    /// also its cell, a captured variable (closure->cells[0], at +24).</summary>
    private static void AddShown(Script script, string register, string resume, Func<string, string> print,
        Func<string, string> line, Func<string, (string[] Setup, string Print)[]> stored)
    {
        for (var i = 0; i < Shown.Length; i++)
        {
            script.Setup(resume);
            script.Expect(print(register), line(Shown[i]));
            if (i == 0)
            {
                foreach (var (setup, printStored) in stored(register))
                {
                    script.Setup(setup);
                    script.Expect(printStored, line(Shown[i]));
                }
                script.Expect($"sox-print {register}", Shown[i]);
                script.Expect("sox-print 0x7ffc000000000001", "nil");
            }
            if (i == CounterClosure)
            {
                var cell = $"(0xfffc000000000000 | *(unsigned long long*)(({register} & 0x3ffffffffffff) + 24))";
                script.Expect(print(cell), line("<cell 41>"));
            }
        }
    }

    /// <summary>A debugger session: commands, each echoed by the debugger (gdb's trace-commands, LLDB's batch echo),
    /// and what the first line after some of them must be.</summary>
    private sealed class Script(Func<string, string> echo)
    {
        public List<string> Commands { get; } = [];
        private readonly List<(int Index, string? Exact, Regex? Pattern)> _expectations = [];

        public void Setup(params string[] commands) => Commands.AddRange(commands);

        public void Expect(string command, string exact)
        {
            _expectations.Add((Commands.Count, exact, null));
            Commands.Add(command);
        }

        public void Expect(string command, Regex pattern)
        {
            _expectations.Add((Commands.Count, null, pattern));
            Commands.Add(command);
        }

        public string Write(string path)
        {
            File.WriteAllText(path, string.Join("\n", Commands) + "\n");
            return path;
        }

        /// <summary>Splits the transcript at the echoed commands and checks the first line after each expected
        /// one.</summary>
        public void Check(string transcript, Func<string, string> normalise)
        {
            Assert.IsFalse(transcript.Contains("Traceback", StringComparison.Ordinal), transcript);
            Assert.IsFalse(transcript.Contains("Python Exception", StringComparison.Ordinal), transcript);
            var lines = transcript.Replace("\r\n", "\n").Split('\n');
            var failures = new List<string>();
            var at = 0;
            foreach (var (index, exact, pattern) in _expectations)
            {
                var echoed = echo(Commands[index]);
                while (at < lines.Length && lines[at] != echoed) at++;
                if (at >= lines.Length)
                {
                    failures.Add($"`{Commands[index]}` was not run");
                    break;
                }
                var first = at + 1 < lines.Length ? normalise(lines[at + 1]) : "";
                if (exact is not null ? first != exact : !pattern!.IsMatch(first))
                    failures.Add($"`{Commands[index]}`:\n  expected {exact ?? pattern!.ToString()}\n  got      {first}");
                at++;
            }
            Assert.AreEqual(0, failures.Count, string.Join("\n", failures) + "\n\nTranscript:\n" + transcript);
        }
    }

    private static (string Program, string Register) RequireProgram()
    {
        if (!OperatingSystem.IsLinux()) Assert.Inconclusive("the debugger sessions run on Linux (x64 or arm64)");
        var register = RuntimeInformation.ProcessArchitecture switch
        {
            Architecture.X64 => "$rdi",
            Architecture.Arm64 => "$x0",
            _ => null as string,
        };
        if (register is null) Assert.Inconclusive($"no first-argument register known for {RuntimeInformation.ProcessArchitecture}");
        var (program, problem) = Program.Value;
        if (program is null) Assert.Inconclusive(problem);
        return (program, register);
    }

    /// <summary>values.sox with inspect.c compiled with -g and base_type.c with its base type renamed SoxValue, for
    /// the host (built once per test run).</summary>
    private static (string?, string) BuildProgram()
    {
        var target = RuntimeInformation.ProcessArchitecture == Architecture.Arm64 ? "linux-arm64" : "linux-x64";
        var platform = TargetPlatform.Find(target) ?? throw new InvalidOperationException(target);
        var cc = CCompiler.Locate(platform, null, out var tried);
        if (cc is null) return (null, $"needs a C compiler for {target} ({tried})");
        var runtime = RuntimeLibrary.LocateSources(out var lookedIn);
        if (runtime is null) return (null, $"runtime sources not found ({lookedIn})");
        Directory.CreateDirectory(WorkDirectory);
        var helper = Path.Combine(WorkDirectory, "inspect.o");
        Run(cc.Path, [.. cc.TargetArguments, "-c", "-g", "-O0", "-fPIC", "-I", runtime, "-o", helper,
            Path.Combine(ProgramDirectory, "inspect.c")]);
        // gcc names the type "long long unsigned int" in its debug strings, clang "unsigned long long".
        var assembly = Path.Combine(WorkDirectory, "base_type.s");
        Run(cc.Path, [.. cc.TargetArguments, "-S", "-g", "-O0", "-fPIC", "-o", assembly, Path.Combine(ProgramDirectory, "base_type.c")]);
        var text = File.ReadAllText(assembly);
        var renamed = text.Replace("\"long long unsigned int\"", "\"SoxValue\"", StringComparison.Ordinal)
            .Replace("\"unsigned long long\"", "\"SoxValue\"", StringComparison.Ordinal);
        Assert.AreNotEqual(text, renamed, $"no name of the type unsigned long long in {assembly}");
        File.WriteAllText(assembly, renamed);
        var baseTyped = Path.Combine(WorkDirectory, "base_type.o");
        Run(cc.Path, [.. cc.TargetArguments, "-c", "-o", baseTyped, assembly]);
        var result = NativeCompiler.Build(new BuildOptions
        {
            EntryPath = Path.Combine(ProgramDirectory, "values.sox"),
            OutputPath = Path.Combine(WorkDirectory, "values"),
            Target = target,
            CSources = [helper, baseTyped],
        });
        Assert.IsTrue(result.Success, string.Join("\n", result.Diagnostics));
        return (result.Output!, "");

        static void Run(string tool, string[] arguments)
        {
            var r = Sox.Compiler.Driver.ProcessRunner.Run(tool, arguments);
            Assert.AreEqual(0, r.ExitCode, r.Output);
        }
    }

    /// <summary>Runs a debugger session; a system that forbids tracing (no ptrace in a container) is
    /// inconclusive.</summary>
    private static async Task<string> RunDebuggerAsync(string[] command)
    {
        var environment = new Dictionary<string, string>(NoBytecode) { ["LC_ALL"] = "C.UTF-8" };
        var r = await ProcessRunner.RunAsync(command, environment, TimeSpan.FromMinutes(3));
        var transcript = Encoding.UTF8.GetString(r.Stdout) + "\n--- stderr ---\n" + Encoding.UTF8.GetString(r.Stderr);
        if (transcript.Contains("ptrace", StringComparison.Ordinal) && transcript.Contains("not permitted", StringComparison.Ordinal))
            Assert.Inconclusive($"{command[0]} may not trace processes here:\n{transcript}");
        return transcript;
    }
}
