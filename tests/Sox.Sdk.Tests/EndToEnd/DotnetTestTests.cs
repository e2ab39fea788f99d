using System.Text.RegularExpressions;
using System.Xml.Linq;
using Sox.Sdk.Tests.Infrastructure;

namespace Sox.Sdk.Tests.EndToEnd;

/// <summary>
/// <c>dotnet test</c> in its Microsoft.Testing.Platform mode on Sox test projects (docs/sdk.md "Testing with dotnet
/// test"): each <c>#[test]</c> function is a test with its outcome, messages and lines, output and duration; crashes
/// and hangs fail one test; <c>--filter</c>, <c>--treenode-filter</c>, <c>--list-tests</c>, TRX and exit codes; and a
/// solution where one <c>dotnet test</c> runs an MSTest project and a Sox test project.
/// </summary>
[TestClass]
public sealed partial class DotnetTestTests
{
    private const string MSTestSdkVersion = "4.5.2";

    private const string Tests = """
        import "calc"

        #[test]
        fn TestAdd(t) {
          print "adding"
          if calc.add(1, 1) != 2 { t.Error("1 + 1 is not 2") }
        }

        #[test]
        fn TestErrors(t) {
          t.Error("first problem")
          t.Fatal("cannot go on")
          t.Error("never recorded")
        }

        #[test]
        fn TestAssert(t) {
          assert(calc.add(2, 2) == 5, "2+2 is not 5")
        }

        #[test]
        fn TestRuntimeError(t) {
          var x = nil
          print x.y
        }

        fn recurse(n) { return recurse(n + 1) + 1 }

        #[test]
        fn TestStackOverflow(t) {
          recurse(0)
        }

        extern fn abort()

        #[test]
        fn TestCrash(t) {
          print "about to crash"
          abort()
        }

        #[test]
        fn TestAfterCrash(t) {
          print "still running"
        }

        #[test]
        fn TestSlow(t) {
          usleep(300000)
        }

        #[test]
        fn TestHang(t) {
          while true {}
        }
        """;

    /// <summary>Line numbers in <see cref="Tests"/> (1-based), as the messages report them.</summary>
    private const int ErrorLine = 11, FatalLine = 12, AssertLine = 18, RuntimeErrorLine = 24, OverflowLine = 27;

    private static TestProject CreateProject(string testName, string folder = "")
    {
        var project = TestProject.Create(testName, "app", """
            <Project Sdk="Sox.Sdk">
              <PropertyGroup>
                <SoxTestTimeout>3</SoxTestTimeout>
              </PropertyGroup>
            </Project>
            """,
            ("main.sox", "import \"calc\"\nfn main(argc, argv) {\n  print calc.add(2, 3)\n  if argc > 1 { print argv[1] }\n}\n"),
            ("calc.sox", "fn add(a, b) { return a + b }\nreturn {add: add}\n"),
            ("calc_test.sox", Tests));
        WriteTestGlobalJson(project.Directory);
        return project;
    }

    /// <summary>The "test" runner section turns on dotnet test's Microsoft.Testing.Platform mode (docs/sdk.md).</summary>
    private static void WriteTestGlobalJson(string directory) =>
        File.WriteAllText(Path.Combine(directory, "global.json"), $$"""
            {
              "sdk": { "version": "10.0.100", "rollForward": "latestFeature" },
              "test": { "runner": "Microsoft.Testing.Platform" },
              "msbuild-sdks": { "Sox.Sdk": "{{TestEnvironment.SdkVersion}}", "MSTest.Sdk": "{{MSTestSdkVersion}}" }
            }
            """);

    /// <summary>
    /// <c>dotnet test -r linux-arm64</c> on x64 and <c>-r win-x64</c> on Linux: the test program is built for that
    /// target, and the host starts it under qemu-aarch64 or Wine with the command <c>dotnet run -r</c> uses
    /// (SoxResolveRunCommand) — outcomes, messages, output and a crash that costs one test come back as on the
    /// machine's own RID, and the TRX report (whose test host process the platform starts itself) too.
    /// </summary>
    [TestMethod]
    [DataRow("linux-arm64", "app_tests", "EM_AARCH64")]
    [DataRow("win-x64", "app_tests.exe", "COFF-x86-64")]
    public void DotnetTest_ForAnotherRid_RunsTheTestProgramUnderItsRunner(string rid, string programName, string machine)
    {
        var tools = rid == "linux-arm64" ? new[] { "aarch64-linux-gnu-gcc", "qemu-aarch64" } : ["x86_64-w64-mingw32-gcc"];
        foreach (var tool in tools) if (!TestProject.OnPath(tool)) Assert.Inconclusive($"needs {tool} (build/install-test-tools installs it)");
        if (rid == "win-x64") Wine.Require();
        NativeTools.Require("llvm-readobj");
        var project = TestProject.Create("dotnet-test-" + rid, "app", "<Project Sdk=\"Sox.Sdk\" />\n",
            ("calc.sox", "fn add(a, b) { return a + b }\nreturn {add: add}\n"),
            ("calc_test.sox", """
                import "calc"
                #[test]
                fn TestAdd(t) {
                  print "adding elsewhere"
                  if calc.add(1, 1) != 2 { t.Error("1 + 1 is not 2") }
                }
                #[test]
                fn TestAssert(t) { assert(calc.add(2, 2) == 5, "2+2 is not 5") }
                extern fn abort()
                #[test]
                fn TestCrash(t) { abort() }
                #[test]
                fn TestAfterCrash(t) { print "still running" }
                """));
        WriteTestGlobalJson(project.Directory);
        var run = TestProject.Run("dotnet", ["test", "--project", "app.soxproj", "-r", rid, "--report-trx", "--results-directory", "results"], project.Directory,
            rid == "win-x64" ? Wine.Environment : null);
        Assert.AreEqual(2, run.ExitCode, run.Output);
        StringAssert.Contains(run.Output, "total: 4");
        StringAssert.Contains(run.Output, "failed: 2");
        StringAssert.Contains(run.Output, "succeeded: 2");
        StringAssert.Contains(run.Output, "2+2 is not 5 [line 8]");
        StringAssert.Contains(run.Output, "The test program stopped during this test");
        var program = project.PathOf($"obj/Debug/{rid}/test/{programName}");
        StringAssert.Contains(TestProject.Run("llvm-readobj", ["--file-headers", program], project.Directory).ShouldSucceed().Output, machine);
        var trx = File.ReadAllText(Directory.GetFiles(project.PathOf("results"), "*.trx").Single());
        StringAssert.Contains(trx, "adding elsewhere", "the output of a test run under the runner");
        StringAssert.Contains(trx, "still running", "the program started again, under the runner, after the crash");
    }

    [TestMethod]
    public void DotnetTest_ReportsEachSoxTest_WithMessagesLinesOutputCrashesTimeoutsAndTrx()
    {
        var project = CreateProject("dotnet-test");
        var run = project.DotNet("test", "--project", "app.soxproj", "--report-trx", "--results-directory", "results");
        Assert.AreEqual(2, run.ExitCode, "2: some tests failed\n" + run.Output);
        StringAssert.Contains(run.Output, "total: 9");
        StringAssert.Contains(run.Output, "failed: 6");
        StringAssert.Contains(run.Output, "succeeded: 3");
        StringAssert.Contains(run.Output, $"first problem [line {ErrorLine}]");
        StringAssert.Contains(run.Output, $"cannot go on [line {FatalLine}]");
        Assert.IsFalse(run.Output.Contains("never recorded", StringComparison.Ordinal), "t.Fatal stops the test:\n" + run.Output);
        StringAssert.Contains(run.Output, $"Assertion failed: 2+2 is not 5 [line {AssertLine}]");
        StringAssert.Contains(run.Output, $"Only instances have properties. [line {RuntimeErrorLine}]");
        StringAssert.Contains(run.Output, $"Stack overflow. [line {OverflowLine}]");
        StringAssert.Contains(run.Output, "The test program stopped during this test");
        StringAssert.Contains(run.Output, "The test ran longer than its timeout of 3 s");
        // Locations: the stack trace names the source file and line as .NET does (the terminal prints `file:line`).
        StringAssert.Contains(run.Output, $"at TestErrors() in {project.PathOf("calc_test.sox")}:{ErrorLine}");

        var trx = Directory.GetFiles(project.PathOf("results"), "*.trx");
        Assert.AreEqual(1, trx.Length, "one TRX report, named after the project");
        Assert.AreEqual("app.trx", Path.GetFileName(trx[0]));
        var results = ReadTrx(trx[0]);
        Assert.AreEqual(9, results.Count, string.Join(", ", results.Keys));
        CollectionAssert.AreEquivalent(new[] { "TestAdd", "TestAfterCrash", "TestSlow" },
            results.Where(r => r.Value.Outcome == "Passed").Select(r => r.Key).ToArray());
        Assert.AreEqual("adding\n", results["TestAdd"].StdOut);
        Assert.AreEqual("still running\n", results["TestAfterCrash"].StdOut, "the program restarted after the crash");
        Assert.AreEqual($"first problem [line {ErrorLine}]\ncannot go on [line {FatalLine}]", results["TestErrors"].Message);
        StringAssert.Contains(results["TestErrors"].StackTrace, $"calc_test.sox:line {FatalLine}");
        StringAssert.Contains(results["TestCrash"].Message, "exit code");
        Assert.AreEqual("app.calc_test", results["TestAdd"].ClassName);
        Assert.IsTrue(results["TestSlow"].Duration >= TimeSpan.FromMilliseconds(250), $"duration {results["TestSlow"].Duration}");
        Assert.AreNotEqual("Passed", results["TestHang"].Outcome);

        // Filters and exit codes, on the build above.
        // `dotnet test app.soxproj` (positional; SDKs up to 10.0.4xx pass the path on to the test application).
        var filtered = project.DotNet("test", "app.soxproj", "--no-build", "--filter", "(Name=TestAdd|Name~Slow)&ClassName!=app.other_test");
        Assert.AreEqual(0, filtered.ExitCode, "0: every selected test passed\n" + filtered.Output);
        StringAssert.Contains(filtered.Output, "total: 2");
        var tree = project.DotNet("test", "--project", "app.soxproj", "--no-build", "--treenode-filter", "/app/app/calc_test/TestAssert", "-p:SoxTestTimeout=1");
        Assert.AreEqual(2, tree.ExitCode, tree.Output);
        StringAssert.Contains(tree.Output, "total: 1");
        var none = project.DotNet("test", "--project", "app.soxproj", "--no-build", "--filter", "Name=NoSuchTest");
        Assert.AreEqual(8, none.ExitCode, "8: no test ran\n" + none.Output);
        var list = project.DotNet("test", "--project", "app.soxproj", "--no-build", "--list-tests").ShouldSucceed();
        foreach (var name in results.Keys) StringAssert.Contains(list.Output, name);

        // The test files stay out of the program, and `dotnet run` still runs it (not the tests).
        var program = project.DotNet("run", "--project", "app.soxproj", "--", "--filter").ShouldSucceed();
        Assert.AreEqual("5\n--filter\n", program.Output.Replace("\r\n", "\n"), "the program gets dotnet run's arguments, whatever they look like");
        Assert.IsFalse(File.Exists(project.PathOf("bin/Debug/linux-x64/app_tests")), "the test program is an intermediate file");
        Assert.IsTrue(File.Exists(project.PathOf("obj/Debug/linux-x64/test/app_tests")));

        // Incremental: nothing changed, nothing compiles or links; dotnet clean removes the test program.
        var again = project.Build().ShouldSucceed();
        Assert.IsTrue(again.Skipped("SoxCompileTests") && again.Skipped("SoxLinkTests") && again.CompiledFiles.Count == 0, again.Output);
        project.DotNet("clean", "app.soxproj").ShouldSucceed();
        Assert.IsFalse(File.Exists(project.PathOf("obj/Debug/linux-x64/test/app_tests")), "dotnet clean deletes the test program");
    }

    [TestMethod]
    public void DotnetTest_OnASolution_RunsTheMSTestProjectAndTheSoxTestProjectTogether()
    {
        TestProject.RequireCCompiler();
        var root = TestEnvironment.NewFolder("dotnet-test-solution");
        WriteTestGlobalJson(root);
        AddMachinePackagesFeed(root, "mstest.sdk", MSTestSdkVersion);
        // The .NET habit: a project of tests only, beside the code it tests (here a folder of Sox sources).
        TestProject.Write(root, "SoxTests/SoxTests.soxproj", "<Project Sdk=\"Sox.Sdk\" />\n");
        TestProject.Write(root, "src/calc.sox", "fn add(a, b) { return a + b }\nreturn {add: add}\n");
        TestProject.Write(root, "SoxTests/calc_test.sox", "import calc \"../src/calc\"\n#[test]\nfn TestAdd(t) { assert(calc.add(1, 2) == 3, \"sum\") }\n#[test]\nfn TestAddZero(t) { assert(calc.add(0, 2) == 2, \"zero\") }\n");
        TestProject.Write(root, "CsTests/CsTests.csproj", """
            <Project Sdk="MSTest.Sdk">
              <PropertyGroup>
                <TargetFramework>net10.0</TargetFramework>
              </PropertyGroup>
            </Project>
            """);
        TestProject.Write(root, "CsTests/Tests.cs", """
            using Microsoft.VisualStudio.TestTools.UnitTesting;

            namespace CsTests;

            [TestClass]
            public sealed class Tests
            {
                [TestMethod]
                public void CSharpTest() => Assert.AreEqual(4, 2 + 2);
            }
            """);
        TestProject.Run("dotnet", ["new", "sln", "-n", "All", "--format", "sln"], root).ShouldSucceed();
        TestProject.Run("dotnet", ["sln", "All.sln", "add", "SoxTests/SoxTests.soxproj", "CsTests/CsTests.csproj"], root).ShouldSucceed();

        var run = TestProject.Run("dotnet", ["test", "--solution", "All.sln"], root);
        if (run.ExitCode != 0 && Regex.IsMatch(run.Output, "NU1101|NU1301|MSB4236"))
            Assert.Inconclusive($"MSTest.Sdk {MSTestSdkVersion} and its packages can't be restored here:\n{run.Output}");
        run.ShouldSucceed();
        StringAssert.Contains(run.Output, "total: 3");
        StringAssert.Contains(run.Output, "succeeded: 3");
        StringAssert.Contains(run.Output, "SoxTests");
        StringAssert.Contains(run.Output, "CsTests.dll");
    }

    /// <summary>
    /// The test run's NuGet cache starts empty; where this machine's own package folder already holds
    /// <paramref name="package"/> (a NuGet v3 folder layout, usable as a feed), restore takes packages from there
    /// rather than from the network.
    /// </summary>
    private static void AddMachinePackagesFeed(string directory, string package, string version)
    {
        var machine = Environment.GetEnvironmentVariable("NUGET_PACKAGES") is { Length: > 0 } configured
            ? configured
            : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages");
        if (!Directory.Exists(Path.Combine(machine, package, version))) return;
        File.WriteAllText(Path.Combine(directory, "nuget.config"), $"""
            <?xml version="1.0" encoding="utf-8"?>
            <configuration>
              <packageSources>
                <add key="sox-local" value="{TestEnvironment.FeedDirectory}" />
                <add key="machine-packages" value="{machine}" />
              </packageSources>
            </configuration>
            """);
    }

    private sealed record TrxResult(string Outcome, string? StdOut, string? Message, string? StackTrace, TimeSpan Duration, string? ClassName);

    private static Dictionary<string, TrxResult> ReadTrx(string path)
    {
        var document = XDocument.Load(path);
        XNamespace ns = "http://microsoft.com/schemas/VisualStudio/TeamTest/2010";
        var classes = document.Descendants(ns + "UnitTest").ToDictionary(
            u => (string)u.Attribute("id")!, u => (string?)u.Element(ns + "TestMethod")?.Attribute("className"));
        return document.Descendants(ns + "UnitTestResult").ToDictionary(
            r => (string)r.Attribute("testName")!,
            r => new TrxResult(
                (string)r.Attribute("outcome")!,
                r.Descendants(ns + "StdOut").FirstOrDefault()?.Value.Replace("\r\n", "\n"),
                r.Descendants(ns + "Message").FirstOrDefault()?.Value.Replace("\r\n", "\n"),
                r.Descendants(ns + "StackTrace").FirstOrDefault()?.Value,
                TimeSpan.Parse((string)r.Attribute("duration")!, System.Globalization.CultureInfo.InvariantCulture),
                classes.GetValueOrDefault((string)r.Attribute("testId")!)));
    }
}
