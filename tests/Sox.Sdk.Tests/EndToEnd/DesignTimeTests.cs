using System.Text.Json;
using Sox.Sdk.Tests.Infrastructure;

namespace Sox.Sdk.Tests.EndToEnd;

/// <summary>
/// What Visual Studio and Rider run on project load (DesignTimeBuild=true): the targets exist and succeed, the
/// .sox files come back as items, and neither the compiler nor the linker runs.
/// </summary>
[TestClass]
public sealed class DesignTimeTests
{
    private static readonly string[] Targets =
    [
        "ResolveProjectReferencesDesignTime", "ResolveAssemblyReferencesDesignTime", "ResolveComReferencesDesignTime",
        "ResolveFrameworkReferencesDesignTime", "ResolvePackageDependenciesDesignTime", "CompileDesignTime",
        "CollectPackageReferences", "CollectPackageDownloads", "CollectFrameworkReferences", "CollectSuggestedWorkloads",
        "CollectUpToDateCheckInputDesignTime", "CollectUpToDateCheckOutputDesignTime", "CollectUpToDateCheckBuiltDesignTime",
        "GetTargetPath", "GetTargetFrameworks",
    ];

    [TestMethod]
    public void DesignTimeTargets_Succeed_ListTheSoxFiles_AndCompileNothing()
    {
        var project = TestProject.FromSample("design-time", "calc", "calc.soxproj");
        project.DotNet("restore", project.ProjectFile).ShouldSucceed();
        var result = project.DotNet("msbuild", project.ProjectFile, "-t:" + string.Join(';', Targets),
            "-p:DesignTimeBuild=true", "-p:BuildingProject=false", "-p:SkipCompilerExecution=true", "-p:ProvideCommandLineArgs=true",
            "-getItem:SoxCompile", "-getItem:UpToDateCheckInput", "-getTargetResult:GetTargetPath").ShouldSucceed();

        using var json = JsonDocument.Parse(result.Output[result.Output.IndexOf('{')..]);
        var items = json.RootElement.GetProperty("Items");
        var sources = items.GetProperty("SoxCompile").EnumerateArray().Select(i => i.GetProperty("Identity").GetString()!.Replace('\\', '/')).ToList();
        CollectionAssert.AreEquivalent(new[] { "main.sox", "lib/math.sox", "lib/format.sox" }, sources);
        Assert.AreEqual(3, items.GetProperty("UpToDateCheckInput").GetArrayLength());
        var targetPath = json.RootElement.GetProperty("TargetResults").GetProperty("GetTargetPath").GetProperty("Items")[0].GetProperty("Identity").GetString();
        Assert.AreEqual(project.PathOf("bin/Debug/linux-x64/calc"), targetPath);

        Assert.IsFalse(Directory.Exists(project.PathOf("obj/Debug/linux-x64/sox")), "no compile in a design-time build");
        Assert.IsFalse(Directory.Exists(project.PathOf("bin")), "no link in a design-time build");
    }

    [TestMethod]
    public void BuildWithDesignTimeBuildTrue_RunsNoTool()
    {
        var project = TestProject.FromSample("design-time-build", "hello", "hello.soxproj");
        var build = project.Build("-p:DesignTimeBuild=true").ShouldSucceed();
        Assert.AreEqual(0, build.CompiledFiles.Count, build.Output);
        Assert.IsFalse(build.CompiledRuntime || build.Linked, build.Output);
        Assert.IsFalse(File.Exists(project.PathOf("bin/Debug/linux-x64/hello")));
    }
}
