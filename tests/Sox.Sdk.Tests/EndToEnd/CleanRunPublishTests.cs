using Sox.Sdk.Tests.Infrastructure;

namespace Sox.Sdk.Tests.EndToEnd;

/// <summary>dotnet clean, dotnet run and dotnet publish on a Sox project.</summary>
[TestClass]
public sealed class CleanRunPublishTests
{
    [TestMethod]
    public void Clean_RemovesEveryFileTheBuildWrote_AndNothingElse()
    {
        var project = TestProject.FromSample("clean", "calc", "calc.soxproj");
        var before = Snapshot(project.Directory);
        project.Build().ShouldSucceed();
        var built = Snapshot(project.Directory);
        var restoreOutputs = built.Where(f => f.StartsWith("obj/", StringComparison.Ordinal) && f.Count(c => c == '/') == 1).ToHashSet();
        Assert.IsTrue(built.Count > before.Count + 10, "the build wrote objects, response files, the program");

        project.DotNet("clean", project.ProjectFile, "-v:n").ShouldSucceed();
        var after = Snapshot(project.Directory);
        CollectionAssert.AreEquivalent(before.Concat(restoreOutputs).Distinct().ToArray(), after.ToArray(),
            "left: " + string.Join(", ", after.Except(before)));
        foreach (var source in before) Assert.IsTrue(File.Exists(project.PathOf(source)), source);
    }

    [TestMethod]
    public void Run_PassesArgumentsAndExitCode()
    {
        var project = TestProject.FromSample("run", "calc", "calc.soxproj");
        var run = project.DotNet("run", "--project", project.ProjectFile, "--", "1", "2", "39.5");
        Assert.AreEqual(3, run.ExitCode, run.Output);
        StringAssert.Contains(run.Output, "sum = 42.5\n");
    }

    [TestMethod]
    public void Publish_CopiesTheProgramToThePublishFolder()
    {
        var project = TestProject.FromSample("publish", "hello", "hello.soxproj");
        // Release without -c, as dotnet publish does for .NET 8+ projects (PublishRelease).
        project.DotNet("publish", project.ProjectFile, "-v:n").ShouldSucceed();
        var published = project.PathOf("bin/Release/linux-x64/publish/hello");
        Assert.IsTrue(File.Exists(published), published);
        StringAssert.StartsWith(TestProject.Run(published, [], project.Directory).ShouldSucceed().Output, "Hello, world from Sox!");
    }

    [TestMethod]
    public void BinaryLog_HoldsTheCompilerAndLinkerCommandLines()
    {
        var project = TestProject.FromSample("binlog", "hello", "hello.soxproj");
        project.DotNet("build", project.ProjectFile, "-bl:build.binlog").ShouldSucceed();
        // Replaying the binary log through the console logger prints what it recorded.
        var replay = project.DotNet("msbuild", "build.binlog", "-v:n").ShouldSucceed();
        StringAssert.Contains(replay.Output, "runtime.rsp: -c -std=c11");
        StringAssert.Contains(replay.Output, "link.rsp: -o ");
        Assert.IsTrue(replay.CompiledRuntime && replay.Linked, replay.Output);
    }

    private static List<string> Snapshot(string directory) => Directory.EnumerateFiles(directory, "*", SearchOption.AllDirectories)
        .Select(f => Path.GetRelativePath(directory, f).Replace('\\', '/'))
        .Where(f => !f.EndsWith(".binlog", StringComparison.Ordinal))
        .Order(StringComparer.Ordinal).ToList();
}
