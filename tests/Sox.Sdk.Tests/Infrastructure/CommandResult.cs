using System.Text.RegularExpressions;

namespace Sox.Sdk.Tests.Infrastructure;

/// <summary>The exit code and combined output of one process, with queries over MSBuild's normal-verbosity log.</summary>
public sealed partial record CommandResult(string Command, int ExitCode, string Output)
{
    /// <summary>The .sox files the SoxCompile task compiled (its "Compiling x.sox -> …" lines).</summary>
    public IReadOnlyList<string> CompiledFiles => CompiledLine().Matches(Output).Select(m => m.Groups[1].Value).ToList();

    /// <summary>The project's C sources the C compiler compiled (full paths, from the ToolTask's echo of each command).</summary>
    public IReadOnlyList<string> CompiledNativeSources => NativeCompileLine().Matches(Output).Select(m => m.Groups[1].Value).ToList();

    /// <summary>The C compiler ran on the runtime (ToolTask's echo of the command with its response file).</summary>
    public bool CompiledRuntime => Output.Contains("runtime.rsp\"", StringComparison.Ordinal);

    /// <summary>The linker (or archiver) ran.</summary>
    public bool Linked => Output.Contains("link.rsp\"", StringComparison.Ordinal);

    public bool Skipped(string target) => Output.Contains($"Skipping target \"{target}\" because all output files are up-to-date", StringComparison.Ordinal);

    /// <summary>Fails with the whole output when the command did not succeed.</summary>
    public CommandResult ShouldSucceed()
    {
        Assert.AreEqual(0, ExitCode, $"{Command} failed:\n{Output}");
        return this;
    }

    public CommandResult ShouldFail()
    {
        Assert.AreNotEqual(0, ExitCode, $"{Command} should have failed:\n{Output}");
        return this;
    }

    public override string ToString() => $"{Command} (exit {ExitCode})\n{Output}";

    [GeneratedRegex(@"Compiling (.+?) -> ")]
    private static partial Regex CompiledLine();

    [GeneratedRegex(@"native\.rsp"" .*""([^""]+)""\s*$", RegexOptions.Multiline)]
    private static partial Regex NativeCompileLine();
}
