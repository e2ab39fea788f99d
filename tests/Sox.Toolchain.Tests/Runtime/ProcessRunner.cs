using System.Diagnostics;

namespace Sox.Toolchain.Tests.Runtime;

/// <summary>The outcome of a finished process: exit code and the raw bytes it wrote.</summary>
internal sealed record ProcessResult(int ExitCode, byte[] Stdout, byte[] Stderr);

/// <summary>Runs a command with extra environment variables and a timeout, capturing stdout/stderr as bytes.</summary>
internal static class ProcessRunner
{
    public static async Task<ProcessResult> RunAsync(
        IReadOnlyList<string> command, IReadOnlyDictionary<string, string> environment, TimeSpan timeout)
    {
        var info = new ProcessStartInfo(command[0])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        foreach (var arg in command.Skip(1)) info.ArgumentList.Add(arg);
        foreach (var (k, v) in environment) info.Environment[k] = v;
        using var process = Process.Start(info) ?? throw new InvalidOperationException("cannot start " + command[0]);
        process.StandardInput.Close();
        using var stdout = new MemoryStream();
        using var stderr = new MemoryStream();
        var copyOut = process.StandardOutput.BaseStream.CopyToAsync(stdout);
        var copyErr = process.StandardError.BaseStream.CopyToAsync(stderr);
        using var cts = new CancellationTokenSource(timeout);
        try
        {
            await process.WaitForExitAsync(cts.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            Assert.Fail($"{string.Join(' ', command)} did not finish within {timeout.TotalSeconds} s");
        }
        await Task.WhenAll(copyOut, copyErr);
        return new ProcessResult(process.ExitCode, stdout.ToArray(), stderr.ToArray());
    }
}
