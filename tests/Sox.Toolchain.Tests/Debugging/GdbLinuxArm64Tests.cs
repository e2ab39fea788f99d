using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text.RegularExpressions;
using Sox.Compiler.Driver;
using Sox.Compiler.Passes;
using Sox.Toolchain.Tests.Cli;

namespace Sox.Toolchain.Tests.Debugging;

/// <summary>
/// <c>sox build -g</c> for linux-arm64, debugged as on x64 but remotely: the program runs under
/// <c>qemu-aarch64 -g PORT</c> (qemu's gdb stub, on loopback) and gdb-multiarch attaches with <c>target remote</c>. The
/// same breakpoint, backtrace and <c>next</c> expectations hold. Missing tools make the test Inconclusive.
/// </summary>
[TestClass]
public sealed class GdbLinuxArm64Tests
{
    [TestMethod]
    public void BreakpointBacktraceAndNextUnderQemu()
    {
        var gdb = DebugProgram.RequireTool("gdb-multiarch");
        var platform = TargetPlatform.Find("linux-arm64") ?? throw new InvalidOperationException("linux-arm64");
        if (CCompiler.Locate(platform, null, out var tried) is null) Assert.Inconclusive($"needs a C compiler for linux-arm64 ({tried})");
        if (platform.MissingRunner() is { } runner) Assert.Inconclusive($"needs {runner}");
        using var project = new TempProject();
        var exe = DebugProgram.Build(project, "linux-arm64", OptimizationLevel.O0);
        var output = UnderQemu(gdb, platform, project.Root, exe, "break main.sox:3", "continue", "bt", "next", "next", "next");
        var frames = GdbLinuxX64Tests.Frames(output);
        Assert.IsGreaterThanOrEqualTo(3, frames.Count, output);
        Assert.AreEqual(("add", "main.sox", 3), frames[0], output);
        Assert.AreEqual(("twice", "main.sox", 7), frames[1], output);
        Assert.AreEqual(("<script>", "main.sox", 10), frames[2], output);
        var lines = Regex.Matches(output, @"^(\d+)\t", RegexOptions.Multiline).Select(m => int.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture)).ToList();
        CollectionAssert.AreEqual(new[] { 3, 4, 8, 11 }, lines, output);
    }

    /// <summary>The variable session of <see cref="VariableTests"/> (parameters, locals, a captured variable, through the
    /// pretty printer) at -O0 and -O2, under qemu.</summary>
    [TestMethod]
    [DataRow(OptimizationLevel.O0)]
    [DataRow(OptimizationLevel.O2)]
    public void VariablesUnderQemu(OptimizationLevel level)
    {
        var gdb = DebugProgram.RequireTool("gdb-multiarch");
        var platform = TargetPlatform.Find("linux-arm64") ?? throw new InvalidOperationException("linux-arm64");
        if (CCompiler.Locate(platform, null, out var tried) is null) Assert.Inconclusive($"needs a C compiler for linux-arm64 ({tried})");
        if (platform.MissingRunner() is { } runner) Assert.Inconclusive($"needs {runner}");
        using var project = new TempProject();
        var exe = VariablesProgram.Build(project, "linux-arm64", level);
        // "run" is the stub's "continue" here.
        var session = VariablesProgram.Session.Select(c => c == "run" ? "continue" : c).ToArray();
        var output = UnderQemu(gdb, platform, project.Root, exe, session);
        if (level == OptimizationLevel.O0) VariableTests.AssertO0(output);
        else VariableTests.AssertO2(output);
    }

    /// <summary>Starts <paramref name="exe"/> under <c>qemu-aarch64 -g PORT</c>, runs gdb-multiarch attached to it with
    /// <paramref name="commands"/> (then <c>kill</c>) and returns gdb's output.</summary>
    private static string UnderQemu(string gdb, TargetPlatform platform, string directory, string exe, params string[] commands)
    {
        var command = platform.RunCommand(exe).ToList();
        var sysroot = command.IndexOf("-L") is var at and >= 0 ? command[at + 1] : "/";
        int port = FreeLoopbackPort();
        var start = new ProcessStartInfo(command[0]) { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in command.Skip(1).Prepend(port.ToString(System.Globalization.CultureInfo.InvariantCulture)).Prepend("-g")) start.ArgumentList.Add(argument);
        using var qemu = Process.Start(start)!;
        try
        {
            return GdbLinuxX64Tests.Gdb(gdb, directory, exe, [$"set sysroot {sysroot}", $"target remote 127.0.0.1:{port}", .. commands, "kill"]);
        }
        finally
        {
            if (!qemu.WaitForExit(TimeSpan.FromSeconds(10))) qemu.Kill(entireProcessTree: true);
        }
    }

    /// <summary>A loopback TCP port nobody listens on now (the OS's choice), for qemu's gdb stub.</summary>
    private static int FreeLoopbackPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
