using System.Diagnostics;
using System.Security.Cryptography;
using System.Text;
using Sox.Compiler.Driver;

namespace Sox.Cli.Commands;

/// <summary>
/// <c>sox run FILE [args…]</c>: builds into the cache (reused while the program's sources, options and the
/// toolchain are unchanged) and runs it with stdin, stdout, stderr and the exit code passed through.
/// </summary>
public sealed class RunCommand : ICommand
{
    public string Name => "run";

    public string Summary => "Build a Sox program into the cache and run it.";

    public string Usage => $"""
        Usage: sox run [options] FILE [ARGS...]

        Builds FILE (cached by content) and runs it with ARGS; its exit code becomes sox's.

        Options:
        {BuildSettings.OptionsHelp}
        """;

    public IReadOnlyCollection<string> Flags { get; } = BuildSettings.Flags;

    public IReadOnlyCollection<string> ValuedOptions { get; } = BuildSettings.Valued;

    public bool StopsAtFirstOperand => true;

    public int Run(CommandLine commandLine, CommandContext context)
    {
        if (commandLine.Operands.Count == 0) return context.UsageError("run: no input file", Name);
        var settings = BuildSettings.From(commandLine, context, Name);
        if (settings is null) return ExitCodes.Usage;
        var file = commandLine.Operands[0];
        var executable = Build(file, settings, Sox.Compiler.Lowering.EntryMode.Run, context);
        return executable is null ? ExitCodes.Failure : Execute(executable, commandLine.Operands.Skip(1), settings, context);
    }

    /// <summary>Builds into the cache; returns the executable, or null after printing diagnostics.</summary>
    internal static string? Build(string file, BuildSettings settings, Sox.Compiler.Lowering.EntryMode mode, CommandContext context, string? entryText = null)
    {
        // Building only to find that the program cannot run here (macOS programs on Linux) helps nobody: say so first.
        if (TargetPlatform.Find(settings.Target)?.RunRequirement is { } requirement)
        {
            context.Error.WriteLine(new Sox.Compiler.Diagnostics.DiagnosticBag().Report(Sox.Compiler.Diagnostics.DiagnosticCodes.TargetCannotRun,
                settings.Target, requirement));
            return null;
        }
        var front = entryText is null ? FrontEnd.Check(file) : FrontEnd.CheckSource(file, entryText);
        if (!front.Success || front.Graph is null)
        {
            foreach (var d in front.Diagnostics) context.Error.WriteLine(d);
            return null;
        }
        // The cache key covers every module's text, the options and this compiler build.
        var key = new StringBuilder();
        key.Append(typeof(NativeCompiler).Assembly.ManifestModule.ModuleVersionId).Append('\n');
        key.Append(settings.Target).Append(settings.Optimization).Append(settings.Debug ? "-g" : "").Append(settings.CCompiler).Append(mode).Append(string.Join(",", settings.Libraries)).Append('\n');
        foreach (var module in front.Graph.Modules) key.Append(module.FullPath).Append('\n').Append(module.Unit.Source.Text).Append('\n');
        var hash = Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(key.ToString())))[..20].ToLowerInvariant();
        var directory = Path.Combine(BuildOptions.DefaultCacheDirectory(), "programs", hash);
        var executable = Path.Combine(directory, Path.GetFileNameWithoutExtension(file) + (TargetPlatform.Find(settings.Target)?.ExecutableExtension ?? ""));
        if (File.Exists(executable) && !settings.Timings)
        {
            // A cached program still shows its warnings, as a fresh build of it would.
            foreach (var w in front.Diagnostics.Where(d => !d.IsError)) context.Error.WriteLine(w);
            return executable;
        }

        Directory.CreateDirectory(directory);
        // The staging name keeps the executable's extension: the MinGW drivers would add .exe to one without it.
        var staging = Path.Combine(directory, Environment.ProcessId + ".tmp-" + Path.GetFileName(executable));
        var options = settings.Options(file, staging, []) with { Mode = mode };
        var result = entryText is null ? NativeCompiler.Build(options) : NativeCompiler.BuildSource(options, entryText);
        // The build's diagnostics include the front end's warnings: each is printed once.
        if (!settings.Report(result, context)) return null;
        File.Move(staging, executable, overwrite: true);
        return executable;
    }

    internal static int Execute(string executable, IEnumerable<string> arguments, BuildSettings settings, CommandContext context,
        IReadOnlyDictionary<string, string>? environment = null)
    {
        var platform = TargetPlatform.Find(settings.Target);
        if (platform?.MissingRunner() is { } missing)
        {
            context.Error.WriteLine(new Sox.Compiler.Diagnostics.DiagnosticBag().Report(Sox.Compiler.Diagnostics.DiagnosticCodes.TargetToolMissing,
                platform.RuntimeIdentifier, $"'{missing}', {platform.RunnerSearch}", platform.ToolInstallHint ?? ""));
            return ExitCodes.Failure;
        }
        platform?.PrepareRunner?.Invoke();
        var command = platform?.RunCommand(executable) ?? [executable];
        var start = new ProcessStartInfo(command[0]);
        foreach (var a in command.Skip(1)) start.ArgumentList.Add(a);
        foreach (var a in arguments) start.ArgumentList.Add(a);
        start.UseShellExecute = false;
        foreach (var (name, value) in platform?.RunnerEnvironment ?? new Dictionary<string, string>()) start.Environment[name] = value;
        foreach (var (name, value) in environment ?? new Dictionary<string, string>()) start.Environment[name] = value;
        // stdin/stdout/stderr are inherited unless the caller redirected ours (in-process tests).
        var redirect = context.Out != Console.Out || context.Error != Console.Error;
        start.RedirectStandardOutput = redirect;
        start.RedirectStandardError = redirect;
        context.Out.Flush();
        using var process = Process.Start(start)!;
        if (redirect)
        {
            var stdout = process.StandardOutput.ReadToEndAsync();
            var stderr = process.StandardError.ReadToEndAsync();
            process.WaitForExit();
            context.Out.Write(stdout.Result);
            context.Error.Write(stderr.Result);
        }
        else
        {
            process.WaitForExit();
        }
        return process.ExitCode;
    }
}
