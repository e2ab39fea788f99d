using System.Text.RegularExpressions;

namespace Sox.Toolchain.Tests.Cli;

/// <summary><c>sox check</c>: exit codes, canonical diagnostics on stderr, several files, imports.</summary>
[TestClass]
public sealed class CheckCommandTests
{
    [TestMethod]
    public void CleanFileExitsZeroAndPrintsNothing()
    {
        using var project = new TempProject();
        var file = project.Write("ok.sox", "fn add(a, b) { return a + b }\nprint add(1, 2)\n");

        var run = CliRun.Of("check", file);

        Assert.AreEqual(0, run.ExitCode, run.Error);
        Assert.AreEqual("", run.Error);
        Assert.AreEqual("", run.Out);
    }

    [TestMethod]
    public void SyntaxErrorExitsOneWithACanonicalDiagnosticOnStderr()
    {
        using var project = new TempProject();
        var file = project.Write("bad.sox", "var a = 1\nvar b = )\nprint a\n");

        var run = CliRun.Of("check", file);

        Assert.AreEqual(1, run.ExitCode);
        Assert.AreEqual("", run.Out);
        Assert.HasCount(1, run.ErrorLines, run.Error);
        StringAssert.Matches(run.ErrorLines[0], new Regex("^" + Regex.Escape(file) + @"\(2,9\): error SOX2001: \S.*$"));
    }

    [TestMethod]
    public void EveryErrorOfAFileIsPrintedOnItsOwnLine()
    {
        using var project = new TempProject();
        var file = project.Write("two.sox", "var a = )\nprint a\nfn f() { return this }\n");

        var run = CliRun.Of("check", file);

        Assert.AreEqual(1, run.ExitCode);
        Assert.HasCount(2, run.ErrorLines, run.Error);
        StringAssert.Matches(run.ErrorLines[0], new Regex(@"\(1,9\): error SOX2001: "));
        StringAssert.Matches(run.ErrorLines[1], new Regex(@"\(3,17\): error SOX3004: "));
    }

    [TestMethod]
    public void WarningsAloneExitZeroButArePrinted()
    {
        using var project = new TempProject();
        var file = project.Write("warn.sox", "print neverDefinedAnywhere\n");

        var run = CliRun.Of("check", file);

        Assert.AreEqual(0, run.ExitCode);
        Assert.HasCount(1, run.ErrorLines, run.Error);
        StringAssert.Matches(run.ErrorLines[0], new Regex("^" + Regex.Escape(file) + @"\(1,7\): warning SOX3014: \S"));
    }

    [TestMethod]
    public void WarnAsErrorTurnsWarningsIntoFailure()
    {
        using var project = new TempProject();
        var file = project.Write("warn.sox", "print neverDefinedAnywhere\n");

        Assert.AreEqual(1, CliRun.Of("check", "--warnaserror", file).ExitCode);
    }

    [TestMethod]
    public void SeveralFilesAreAllCheckedAndFailIfAnyHasErrors()
    {
        using var project = new TempProject();
        var good = project.Write("good.sox", "print 1\n");
        var bad1 = project.Write("bad1.sox", "print )\n");
        var bad2 = project.Write("bad2.sox", "\n\nbreak\n");

        var run = CliRun.Of("check", good, bad1, bad2);

        Assert.AreEqual(1, run.ExitCode);
        Assert.HasCount(2, run.ErrorLines, run.Error);
        StringAssert.StartsWith(run.ErrorLines[0], bad1 + "(1,7): error SOX2001: ");
        StringAssert.StartsWith(run.ErrorLines[1], bad2 + "(3,1): error SOX3008: ");
        Assert.AreEqual(0, CliRun.Of("check", good, good).ExitCode);
    }

    [TestMethod]
    public void ImportedModulesAreCheckedAndTheirErrorsNameTheModuleFile()
    {
        using var project = new TempProject();
        var main = project.Write("main.sox", "import \"lib/util\"\nprint util.twice(2)\n");
        project.Write(Path.Combine("lib", "util.sox"), "fn twice(x) {\n  return x * \n}\nreturn {twice: twice}\n");

        var run = CliRun.Of("check", main);

        Assert.AreEqual(1, run.ExitCode);
        Assert.HasCount(1, run.ErrorLines, run.Error);
        var expectedPath = Path.Combine(project.Root, "lib", "util.sox");
        StringAssert.Matches(run.ErrorLines[0], new Regex("^" + Regex.Escape(expectedPath) + @"\(3,1\): error SOX2001: "));
    }

    [TestMethod]
    public void ACleanFileWithImportsExitsZero()
    {
        using var project = new TempProject();
        var main = project.Write("main.sox", "import u \"lib/util.sox\"\nprint u.twice(2)\n");
        project.Write(Path.Combine("lib", "util.sox"), "fn twice(x) { return x * 2 }\nreturn {twice: twice}\n");

        var run = CliRun.Of("check", main);

        Assert.AreEqual(0, run.ExitCode, run.Error);
        Assert.AreEqual("", run.Error);
    }

    [TestMethod]
    public void AModuleSharedByTwoCheckedFilesReportsItsErrorsOnce()
    {
        using var project = new TempProject();
        var a = project.Write("a.sox", "import \"shared\"\n");
        var b = project.Write("b.sox", "import \"shared\"\n");
        project.Write("shared.sox", "return )\n");

        var run = CliRun.Of("check", a, b);

        Assert.AreEqual(1, run.ExitCode);
        Assert.HasCount(1, run.ErrorLines, run.Error);
    }

    [TestMethod]
    public void MissingImportIsReportedAtTheImport()
    {
        using var project = new TempProject();
        var main = project.Write("main.sox", "import \"nowhere\"\n");

        var run = CliRun.Of("check", main);

        Assert.AreEqual(1, run.ExitCode);
        StringAssert.StartsWith(run.ErrorLines.Single(), main + "(1,8): error SOX3101: ");
    }

    [TestMethod]
    public void MissingFileIsAnErrorNamingTheFile()
    {
        using var project = new TempProject();
        var missing = Path.Combine(project.Root, "missing.sox");

        var run = CliRun.Of("check", missing);

        Assert.AreEqual(1, run.ExitCode);
        var line = run.ErrorLines.Single();
        StringAssert.Contains(line, "error SOX5001: ");
        StringAssert.Contains(line, missing);
    }

    [TestMethod]
    public void NoFilesIsAUsageError()
    {
        var run = CliRun.Of("check");
        Assert.AreEqual(2, run.ExitCode);
        StringAssert.Contains(run.Error, "no input files");
    }

    [TestMethod]
    public void UnknownOptionIsAUsageError()
    {
        var run = CliRun.Of("check", "--fast", "a.sox");
        Assert.AreEqual(2, run.ExitCode);
        StringAssert.Contains(run.Error, "unknown option '--fast'");
    }
}
