using Sox.Sdk.Tests.Infrastructure;

namespace Sox.Sdk.Tests.EndToEnd;

/// <summary>
/// The dotnet new templates of Sox.Templates (docs/getting-started.md): installed from the feed into a template hive
/// of the test run (<c>--debug:custom-hive</c>, so the user's templates are neither used nor changed), each
/// instantiated into its own folder, then built and run with the test run's NuGet cache.
/// </summary>
[TestClass]
public sealed class TemplateTests
{
    private static string s_hive = "";

    [ClassInitialize]
    public static void InstallTemplates(TestContext _)
    {
        FeedPackages.PathOf("Sox.Templates");
        s_hive = Path.Combine(TestEnvironment.Root, ".template-hive");
        var install = TestProject.Run("dotnet", ["new", "install", $"Sox.Templates::{TestEnvironment.SdkVersion}", "--add-source",
            TestEnvironment.FeedDirectory, "--debug:custom-hive", s_hive], TestEnvironment.Root).ShouldSucceed();
        foreach (var template in new[] { "sox-console", "sox-lib", "sox-shared", "sox-test" }) StringAssert.Contains(install.Output, template);
    }

    [TestMethod]
    public void SoxConsole_PinsTheSdk_Runs_AndWritesNuGetConfigOnlyForAFeed()
    {
        var directory = New("sox-console", "sox-console", "-n", "Hello", "--feed", TestEnvironment.FeedDirectory);
        StringAssert.StartsWith(File.ReadAllText(Path.Combine(directory, "Hello.soxproj")), $"<Project Sdk=\"Sox.Sdk/{TestEnvironment.SdkVersion}\">");
        Assert.IsFalse(File.Exists(Path.Combine(directory, "global.json")), "the project names the SDK version itself: no global.json");
        StringAssert.Contains(File.ReadAllText(Path.Combine(directory, "nuget.config")), $"value=\"{TestEnvironment.FeedDirectory}\"");
        Assert.IsTrue(File.Exists(Path.Combine(directory, "greeting_test.sox")), "tests come by default");

        var run = Dotnet(directory, "run", "--", "Sox");
        StringAssert.Contains(run.Output, "Hello, Sox!\n");
        Assert.IsFalse(run.Output.Contains(": warning ", StringComparison.Ordinal), $"builds without warnings:\n{run.Output}");

        var bare = New("sox-console-bare", "sox-console", "-n", "Bare", "--no-tests");
        Assert.IsFalse(File.Exists(Path.Combine(bare, "nuget.config")), "without --feed the user's NuGet configuration is used");
        Assert.IsFalse(File.Exists(Path.Combine(bare, "greeting_test.sox")), "--no-tests");
        Assert.IsTrue(File.Exists(Path.Combine(bare, "main.sox")));
    }

    [TestMethod]
    public void SoxLib_BuildsAStaticLibrary_ThatACProgramCallsThroughTheHeader()
    {
        var directory = New("sox-lib", "sox-lib", "-n", "MathLib");
        Dotnet(directory, "build");
        var archive = Path.Combine(directory, "bin", "Debug", "linux-x64", "libMathLib.a");
        Assert.IsTrue(File.Exists(archive), "lib<name>.a under bin/Debug/<RID>/");
        Assert.IsTrue(File.Exists(Path.Combine(directory, "MathLib.h")), "the header is named after the project");

        // The header declares what the library exports: C code compiled against it links and gets the right results.
        var app = TestEnvironment.NewFolder("sox-lib-c-app");
        File.WriteAllText(Path.Combine(app, "app.c"), """
            #include <stdio.h>
            #include "MathLib.h"
            int main(void) { printf("%g %lld\n", mathlib_mean3(1, 2, 6), (long long)mathlib_gcd(12, 18)); return 0; }
            """);
        var cc = new[] { "cc", "gcc", "clang" }.First(TestProject.OnPath);
        TestProject.Run(cc, ["-Wall", "-Werror", "-I", directory, "-o", "app", "app.c", archive, "-lm", "-lpthread"], app).ShouldSucceed();
        Assert.AreEqual("3 6\n", TestProject.Run(Path.Combine(app, "app"), [], app).ShouldSucceed().Output);
    }

    [TestMethod]
    public void SoxShared_SolutionBuilds_AndTheCSharpProgramCallsTheSoxLibrary()
    {
        var directory = New("sox-shared", "sox-shared", "-n", "Geometry", "-f", "net10.0");
        StringAssert.Contains(File.ReadAllText(Path.Combine(directory, "Geometry.App", "Geometry.App.csproj")), "<TargetFramework>net10.0</TargetFramework>");
        Dotnet(directory, "build", "Geometry.sln");
        Assert.IsTrue(File.Exists(Path.Combine(directory, "Geometry.App", "bin", "Debug", "net10.0", "libGeometry.so")), "the Sox library is copied beside the C# program");

        var run = Dotnet(directory, "run", "--project", "Geometry.App", "--no-build");
        StringAssert.Contains(run.Output, "hypotenuse(3, 4) = 5\ncountVowels(\"Hello from C#\") = 3\ncalls into Sox: 2\n");
    }

    /// <summary>
    /// The test project follows the SDK's rule (docs/sdk.md, "Testing with dotnet test"): its *_test.sox files make it a
    /// test project — nothing in the project file says so — and `dotnet test` runs each #[test] function, in the
    /// Microsoft.Testing.Platform mode its global.json selects; the installed `sox test` agrees.
    /// </summary>
    [TestMethod]
    public void SoxTest_IsATestProjectByItsTestFiles_AndDotnetTestRunsItsTests()
    {
        var directory = New("sox-test", "sox-test", "-n", "CalcTests");
        Assert.IsTrue(File.Exists(Path.Combine(directory, "calc_test.sox")));
        var project = File.ReadAllText(Path.Combine(directory, "CalcTests.soxproj"));
        Assert.IsFalse(project.Contains("<IsTestProject>", StringComparison.Ordinal), "the *_test.sox files make it a test project");
        Assert.IsFalse(project.Contains("<SoxEntry>", StringComparison.Ordinal), "a test file is never the program's entry");
        StringAssert.Contains(File.ReadAllText(Path.Combine(directory, "global.json")), "Microsoft.Testing.Platform");
        StringAssert.Contains(Dotnet(directory, "msbuild", "CalcTests.soxproj", "-getProperty:IsTestProject").Output, "true");

        var run = Dotnet(directory, "test");
        StringAssert.Contains(run.Output, "total: 2");
        StringAssert.Contains(run.Output, "succeeded: 2");
        var tests = TestProject.Run(FeedPackages.SoxTool, ["test", "."], directory).ShouldSucceed();
        StringAssert.Contains(tests.Output, "2 passed, 0 failed");

        var bare = New("sox-test-no-global-json", "sox-test", "-n", "More", "--no-global-json");
        Assert.IsFalse(File.Exists(Path.Combine(bare, "global.json")), "--no-global-json");
    }

    private static string New(string folder, string template, params string[] options)
    {
        TestProject.RequireCCompiler();
        var directory = TestEnvironment.NewFolder(folder);
        TestProject.Run("dotnet", ["new", template, "-o", directory, "--debug:custom-hive", s_hive, .. options], directory).ShouldSucceed();
        return directory;
    }

    private static CommandResult Dotnet(string directory, params string[] arguments) =>
        TestProject.Run("dotnet", arguments, directory).ShouldSucceed();
}
