using System.Text.RegularExpressions;

namespace Sox.Toolchain.Tests.Cli;

/// <summary>Global behaviour of the <c>sox</c> command line: version, help, usage errors.</summary>
[TestClass]
public sealed class SoxCliTests
{
    [TestMethod]
    public void VersionPrintsTheProductVersion()
    {
        var run = CliRun.Of("--version");
        Assert.AreEqual(0, run.ExitCode);
        Assert.AreEqual("sox 0.1.0", run.Out.Trim());
        Assert.AreEqual("", run.Error);
    }

    [TestMethod]
    public void HelpListsEveryCommandWithItsUsage()
    {
        foreach (var flag in new[] { "--help", "-h", "help" })
        {
            var run = CliRun.Of(flag);
            Assert.AreEqual(0, run.ExitCode, flag);
            StringAssert.Contains(run.Out, "Usage: sox <command>");
            StringAssert.Contains(run.Out, "--version");
            StringAssert.Contains(run.Out, "Usage: sox check [options] FILE...");
            Assert.AreEqual("", run.Error);
        }
    }

    [TestMethod]
    public void CommandHelpPrintsThatCommandsUsage()
    {
        foreach (var args in new[] { new[] { "check", "--help" }, new[] { "help", "check" }, new[] { "check", "-h" } })
        {
            var run = CliRun.Of(args);
            Assert.AreEqual(0, run.ExitCode, string.Join(' ', args));
            StringAssert.StartsWith(run.Out, "Usage: sox check");
            StringAssert.Contains(run.Out, "--warnaserror");
        }
    }

    [TestMethod]
    public void NoArgumentsIsAUsageError()
    {
        var run = CliRun.Of();
        Assert.AreEqual(2, run.ExitCode);
        Assert.AreEqual("", run.Out);
        StringAssert.Contains(run.Error, "sox --help");
    }

    [TestMethod]
    public void UnknownCommandIsAUsageError()
    {
        var run = CliRun.Of("frobnicate", "a.sox");
        Assert.AreEqual(2, run.ExitCode);
        StringAssert.Contains(run.Error, "unknown command 'frobnicate'");
    }

    [TestMethod]
    public void UnknownGlobalOptionIsAUsageError()
    {
        var run = CliRun.Of("--frobnicate");
        Assert.AreEqual(2, run.ExitCode);
        StringAssert.Contains(run.Error, "unknown option '--frobnicate'");
    }

    [TestMethod]
    public void HelpForAnUnknownCommandIsAUsageError()
    {
        Assert.AreEqual(2, CliRun.Of("help", "frobnicate").ExitCode);
    }

    [TestMethod]
    public void VersionComesFromTheAssemblyNotALiteral()
    {
        // The version string has the three-part form the SDK stamps from Directory.Build.props.
        Assert.IsTrue(Regex.IsMatch(Sox.Cli.SoxCli.Version, @"^\d+\.\d+\.\d+$"), Sox.Cli.SoxCli.Version);
    }
}
