using Sox.Sdk.Tests.Infrastructure;

namespace Sox.Sdk.DesignTime.Tests;

/// <summary>
/// Design-time builds in-process, through Microsoft.Build.Locator and Microsoft.Build as Visual Studio, Rider and C#
/// Dev Kit run them (DesignTimeBuild, BuildingInsideVisualStudio, SkipCompilerExecution, ProvideCommandLineArgs):
/// the targets they call succeed, the Sox project's files are items, and no compiler or linker runs.
/// </summary>
[TestClass]
public sealed class DesignTimeInProcessTests
{
    private static readonly string[] SoxProjectTargets =
    [
        "ResolveProjectReferencesDesignTime", "ResolveAssemblyReferencesDesignTime", "ResolveComReferencesDesignTime",
        "ResolveFrameworkReferencesDesignTime", "ResolvePackageDependenciesDesignTime", "CompileDesignTime",
        "CollectPackageReferences", "CollectPackageDownloads", "CollectFrameworkReferences", "CollectSuggestedWorkloads",
        "CollectUpToDateCheckInputDesignTime", "CollectUpToDateCheckOutputDesignTime", "CollectUpToDateCheckBuiltDesignTime",
        "GetTargetPath", "GetTargetFrameworks",
    ];

    [TestMethod]
    public void SoxProject_DesignTimeTargets_Succeed_ShowTheSoxAndCFiles_AndRunNoTool()
    {
        MSBuildRegistration.Ensure();
        var project = TestProject.FromSample("dt-sox", "calc", "calc.soxproj");
        project.Write("lib/helper.c", "int calc_helper(void) { return 1; }\n");

        var outcome = InProcessBuild.Run(project.ProjectPath, SoxProjectTargets, InProcessBuild.DesignTimeProperties,
            ["SoxCompile", "SoxNativeSource", "UpToDateCheckInput"], ["TargetPath", "TargetFramework"]);
        Assert.IsTrue(outcome.Success, outcome.Log);
        Assert.IsFalse(outcome.Log.Contains(": warning ", StringComparison.Ordinal), outcome.Log);

        string[] sources = ["main.sox", "lib/math.sox", "lib/format.sox"];
        CollectionAssert.AreEquivalent(sources, Normalize(outcome.EvaluatedItems["SoxCompile"]));
        CollectionAssert.AreEquivalent(new[] { "lib/helper.c" }, Normalize(outcome.EvaluatedItems["SoxNativeSource"]));
        Assert.AreEqual(4, outcome.EvaluatedItems["UpToDateCheckInput"].Count, "the fast up-to-date check watches the .sox and .c files");
        CollectionAssert.AreEquivalent(sources, Normalize(outcome.TargetOutputs["CompileDesignTime"]));
        CollectionAssert.AreEqual(new[] { project.PathOf("bin/Debug/linux-x64/calc") }, outcome.TargetOutputs["GetTargetPath"].ToArray());
        Assert.AreEqual(project.PathOf("bin/Debug/linux-x64/calc"), outcome.Properties["TargetPath"]);
        Assert.AreEqual("native", outcome.Properties["TargetFramework"]);
        Assert.AreEqual(0, outcome.TargetOutputs["ResolveProjectReferencesDesignTime"].Count);
        CollectionAssert.Contains(outcome.TargetOutputs["CollectPackageReferences"].ToArray(), "Sox.Sdk",
            "the implicit reference to the SDK's own package (what makes SOX6004 possible) is a package reference");

        AssertNothingBuilt(project.Directory);
    }

    [TestMethod]
    public void CSharpReferrer_DesignTimeBuild_ResolvesTheSoxReference_WithoutBuildingIt()
    {
        MSBuildRegistration.Ensure();
        var solution = TestProject.FromSample("dt-mixed", "Mixed", "Mixed.sln");
        var csproj = solution.PathOf("MixedApp/MixedApp.csproj");
        var restore = InProcessBuild.Run(csproj, ["Restore"],
            new Dictionary<string, string> { ["MSBuildRestoreSessionId"] = Guid.NewGuid().ToString(), ["ExcludeRestorePackageImports"] = "true" }, [], []);
        Assert.IsTrue(restore.Success, restore.Log);

        // CompileDesignTime and CollectSuggestedWorkloads live in Visual Studio's targets, not the SDK's; CompileDesignTime
        // runs Compile with SkipCompilerExecution, as here.
        var outcome = InProcessBuild.Run(csproj,
            ["ResolveProjectReferencesDesignTime", "ResolveAssemblyReferencesDesignTime", "Compile", "CollectPackageReferences", "CollectFrameworkReferences"],
            InProcessBuild.DesignTimeProperties, ["ProjectReference"], [], afterBuildItemTypes: ["CscCommandLineArgs"]);
        Assert.IsTrue(outcome.Success, outcome.Log);
        Assert.IsTrue(outcome.ItemsAfterBuild["CscCommandLineArgs"].Count > 0, "the C# command line for the IDE's compiler (ProvideCommandLineArgs)");
        CollectionAssert.AreEqual(new[] { "../Greeter/Greeter.soxproj", "../SoxMath/SoxMath.soxproj" }, Normalize(outcome.EvaluatedItems["ProjectReference"]));
        Assert.IsFalse(outcome.Log.Contains("SOX6004", StringComparison.Ordinal), outcome.Log);

        AssertNothingBuilt(solution.PathOf("Greeter"));
        AssertNothingBuilt(solution.PathOf("SoxMath"));
        Assert.IsFalse(File.Exists(solution.PathOf("MixedApp/obj/Debug/net10.0/MixedApp.dll")), "the C# compiler did not run");
    }

    private static void AssertNothingBuilt(string soxProjectDirectory)
    {
        foreach (var folder in new[] { "sox", "soxrt", "native" })
        {
            Assert.IsFalse(Directory.Exists(Path.Combine(soxProjectDirectory, "obj/Debug/linux-x64", folder)), $"no {folder}/ objects in a design-time build");
        }
        Assert.IsFalse(Directory.Exists(Path.Combine(soxProjectDirectory, "bin")), "no link in a design-time build");
    }

    private static string[] Normalize(IEnumerable<string> paths) => [.. paths.Select(p => p.Replace('\\', '/'))];
}
