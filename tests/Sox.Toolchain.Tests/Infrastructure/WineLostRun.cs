using Sox.Compiler.Driver;

namespace Sox.Toolchain.Tests.Infrastructure;

/// <summary>
/// Wine 8.0 here now and then loses a whole run under load: the process ends having written nothing at all, to
/// stdout or stderr (seen once in about 670 runs of the win-x64 suites, and once with a C-only program linked from a
/// hand-built COFF object, so not tied to Sox code; sequential and 8-way parallel reruns of the same executable,
/// 140 in all, never reproduced it). A run under Wine that wrote nothing on either stream is therefore run once
/// more, and the repetition is written to the test's output. A program that really writes nothing gives the same
/// result twice and is judged on it, so nothing that fails for a real reason passes.
/// </summary>
internal static class WineLostRun
{
    /// <summary>Runs <paramref name="run"/>, and once more when <paramref name="platform"/> runs under Wine and the
    /// first run wrote nothing.</summary>
    public static (int Exit, byte[] Stdout, string Stderr) Retry(TargetPlatform platform, string program,
        Func<(int Exit, byte[] Stdout, string Stderr)> run)
    {
        var result = run();
        if (platform.RuntimeIdentifier != "win-x64" || result.Stdout.Length != 0 || result.Stderr.Length != 0) return result;
        Console.WriteLine($"{program}: the run under Wine wrote nothing (exit code {result.Exit}); running it once more");
        return run();
    }
}
