using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Sox.Compiler.Driver;
using Sox.Compiler.Passes;
using Sox.Toolchain.Tests.Cli;

namespace Sox.Toolchain.Tests.Debugging;

/// <summary>
/// <c>sox build -g</c> for linux-arm64, debugged as on x64 but remotely: the program runs under
/// <c>qemu-aarch64 -g PORT</c> (qemu's gdb stub, on loopback) and gdb-multiarch attaches with <c>target remote</c>. The
/// same breakpoint, backtrace, runtime-call and callback backtrace, <c>stepi</c> and <c>step</c>/<c>next</c>/<c>finish</c>
/// expectations hold. Missing tools make the tests Inconclusive.
/// </summary>
[TestClass]
public sealed class GdbLinuxArm64Tests
{
    [TestMethod]
    public void BreakpointBacktraceAndNextUnderQemu()
    {
        var output = UnderQemu(project => DebugProgram.Build(project, "linux-arm64", OptimizationLevel.O0),
            "break main.sox:3", "continue", "bt", "next", "next", "next");
        var frames = GdbLinuxX64Tests.Frames(output);
        Assert.IsGreaterThanOrEqualTo(3, frames.Count, output);
        Assert.AreEqual(("add", "main.sox", 3), frames[0], output);
        Assert.AreEqual(("twice", "main.sox", 7), frames[1], output);
        Assert.AreEqual(("<script>", "main.sox", 10), frames[2], output);
        CollectionAssert.AreEqual(new[] { 3, 4, 8, 11 }, GdbLinuxX64Tests.StopLines(output), output);
    }

    [TestMethod]
    public void BacktraceFromARuntimeCallInsideACallbackFromCUnderQemu()
    {
        var output = UnderQemu(project => DebugProgram.BuildFrames(project, "linux-arm64", OptimizationLevel.O0), "break sox_print", "continue", "bt", "thread apply 1 bt");
        GdbLinuxX64Tests.AssertRuntimeCallBacktrace(output);
    }

    [TestMethod]
    public void StepiThroughPrologueAndEpilogueKeepsTheBacktraceUnderQemu()
    {
        var output = UnderQemu(project => DebugProgram.Build(project, "linux-arm64", OptimizationLevel.O0), [.. GdbLinuxX64Tests.StepiThroughAdd("continue")]);
        GdbLinuxX64Tests.AssertStepiBacktraces(output);
    }

    [TestMethod]
    public void StepNextAndFinishWalkTheSourceUnderQemu()
    {
        var output = UnderQemu(project => DebugProgram.Build(project, "linux-arm64", OptimizationLevel.O0),
            [.. GdbLinuxX64Tests.StepNextFinish.Select(c => c == "run" ? "continue" : c)]);
        CollectionAssert.AreEqual(GdbLinuxX64Tests.StepNextFinishLines, GdbLinuxX64Tests.StopLines(output), output);
    }

    /// <summary>The variable session of <see cref="VariableTests"/> (parameters, locals, a captured variable, through the
    /// pretty printer) at -O0 and -O2, under qemu.</summary>
    [TestMethod]
    [DataRow(OptimizationLevel.O0)]
    [DataRow(OptimizationLevel.O2)]
    public void VariablesUnderQemu(OptimizationLevel level)
    {
        // "run" is the stub's "continue" here.
        var session = VariablesProgram.Session.Select(c => c == "run" ? "continue" : c).ToArray();
        var output = UnderQemu(project => VariablesProgram.Build(project, "linux-arm64", level), session);
        if (level == OptimizationLevel.O0) VariableTests.AssertO0(output);
        else VariableTests.AssertO2(output);
    }

    /// <summary>Builds a program with <paramref name="build"/>, starts it under <c>qemu-aarch64 -g PORT</c> and runs
    /// gdb-multiarch attached to it with <paramref name="commands"/> (where a native session would say <c>run</c>, say
    /// <c>continue</c>); returns gdb's stdout. Inconclusive without gdb-multiarch, the cross compiler or qemu.</summary>
    private static string UnderQemu(Func<TempProject, string> build, params string[] commands)
    {
        var gdb = DebugProgram.RequireTool("gdb-multiarch");
        var platform = TargetPlatform.Find("linux-arm64") ?? throw new InvalidOperationException("linux-arm64");
        if (CCompiler.Locate(platform, null, out var tried) is null) Assert.Inconclusive($"needs a C compiler for linux-arm64 ({tried})");
        if (platform.MissingRunner() is { } runner) Assert.Inconclusive($"needs {runner}");
        using var project = new TempProject();
        var exe = build(project);

        var command = platform.RunCommand(exe).ToList();
        var sysroot = command.IndexOf("-L") is var at and >= 0 ? command[at + 1] : "/";
        int port = FreeLoopbackPort();
        var start = new ProcessStartInfo(command[0]) { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in command.Skip(1).Prepend(port.ToString(System.Globalization.CultureInfo.InvariantCulture)).Prepend("-g")) start.ArgumentList.Add(argument);
        using var qemu = Process.Start(start)!;
        try
        {
            return GdbLinuxX64Tests.Gdb(gdb, project.Root, exe, [$"set sysroot {sysroot}", $"target remote 127.0.0.1:{port}", .. commands, "kill"]);
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
