using Sox.Sdk.Tests.Infrastructure;

namespace Sox.Sdk.Tests.EndToEnd;

/// <summary>Compiler and tool problems reach MSBuild as canonical diagnostics and fail the build.</summary>
[TestClass]
public sealed class DiagnosticsTests
{
    private const string ExeProject = """
        <Project Sdk="Sox.Sdk">
          <PropertyGroup>
            <OutputType>Exe</OutputType>
          </PropertyGroup>
        </Project>
        """;

    [TestMethod]
    public void SyntaxError_InAnImportedFile_IsCanonicalWithFileLineColumnAndCode()
    {
        var project = TestProject.FromSample("errors", "errors", "errors.soxproj");
        var build = project.Build().ShouldFail();
        var helper = project.PathOf("helper.sox");
        StringAssert.Contains(build.Output, $"{helper}(3,1): error SOX2001: ");
        Assert.IsFalse(File.Exists(project.PathOf("bin/Debug/linux-x64/errors")), "nothing is linked after an error");
        Assert.IsFalse(build.Linked);
    }

    [TestMethod]
    public void Warnings_AreReported_NoWarnSilences_TreatWarningsAsErrorsFails()
    {
        var project = TestProject.Create("warnings", "warn", ExeProject, ("main.sox", """
            fn main() {
              if (false) print neverDefined
              print "ok"
            }
            """));
        var build = project.Build().ShouldSucceed();
        StringAssert.Contains(build.Output, $"{project.PathOf("main.sox")}(2,20): warning SOX3014: ");

        var silenced = project.Build("-p:NoWarn=SOX3014").ShouldSucceed();
        Assert.IsFalse(silenced.Output.Contains("SOX3014", StringComparison.Ordinal), silenced.Output);

        var strict = project.Build("-p:TreatWarningsAsErrors=true").ShouldFail();
        StringAssert.Contains(strict.Output, $"{project.PathOf("main.sox")}(2,20): error SOX3014: ");

        var one = project.Build("-p:WarningsAsErrors=SOX3014").ShouldFail();
        StringAssert.Contains(one.Output, "error SOX3014");
    }

    [TestMethod]
    public void FileOutsideTheProgram_IsAWarning_AndNoEntryIsAnError()
    {
        var project = TestProject.Create("entry", "entry", ExeProject,
            ("main.sox", "print \"main\"\n"),
            ("unused.sox", "print \"never imported\"\n"),
            ("main_test.sox", "#[test]\nfn TestMain(t) {}\n"));
        var build = project.Build().ShouldSucceed();
        StringAssert.Contains(build.Output, "warning SOX6002");
        StringAssert.Contains(build.Output, "unused.sox");
        // Tests are never part of the program (the test program holds them), so a *_test.sox file is no SOX6002.
        Assert.IsFalse(build.Output.Split('\n').Any(l => l.Contains("SOX6002", StringComparison.Ordinal) && l.Contains("main_test.sox", StringComparison.Ordinal)), build.Output);

        var ambiguous = TestProject.Create("no-entry", "noentry", ExeProject,
            ("a.sox", "print \"a\"\n"),
            ("b.sox", "print \"b\"\n"));
        var failed = ambiguous.Build().ShouldFail();
        StringAssert.Contains(failed.Output, "error SOX6001");
        StringAssert.Contains(failed.Output, "SoxEntry");

        var chosen = ambiguous.Build("-p:SoxEntry=b.sox", "-p:NoWarn=SOX6002").ShouldSucceed();
        var run = TestProject.Run(ambiguous.PathOf("bin/Debug/linux-x64/noentry"), [], ambiguous.Directory).ShouldSucceed();
        Assert.AreEqual("b\n", run.Output, chosen.Output);
    }

    [TestMethod]
    public void MissingCCompiler_IsOneActionableSoxError()
    {
        var project = TestProject.FromSample("no-cc", "hello", "hello.soxproj");
        var build = project.Build("-p:SoxCC=/nonexistent/bin/cc").ShouldFail();
        StringAssert.Contains(build.Output, "error SOX5003");
        StringAssert.Contains(build.Output, "SoxCC");
        Assert.IsFalse(build.Output.Contains("error MSB", StringComparison.Ordinal), build.Output);

        // A CC environment variable naming no program is reported, not replaced by another compiler (issue 13).
        var badCC = project.BuildWith(new Dictionary<string, string?> { ["CC"] = "/nonexistent/bin/cc" }).ShouldFail();
        StringAssert.Contains(badCC.Output, "error SOX5003");
        StringAssert.Contains(badCC.Output, "'/nonexistent/bin/cc' (named by the CC environment variable");
    }

    [TestMethod]
    public void UnusableCCompiler_FailsTheRuntimeCompileWithItsOutput()
    {
        if (OperatingSystem.IsWindows())
        {
            Assert.Inconclusive("needs /bin/sh: the fake compiler is a shell script");
            return;
        }
        var project = TestProject.FromSample("bad-cc", "hello", "hello.soxproj");
        var fake = project.PathOf("fake-cc");
        File.WriteAllText(fake, "#!/bin/sh\necho 'fake-cc: cannot compile anything' >&2\nexit 3\n");
        File.SetUnixFileMode(fake, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        var build = project.Build($"-p:SoxCC={fake}").ShouldFail();
        StringAssert.Contains(build.Output, "error SOX5004");
        StringAssert.Contains(build.Output, "fake-cc: cannot compile anything");
    }
}
