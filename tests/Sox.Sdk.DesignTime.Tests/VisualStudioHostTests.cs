using Sox.Sdk.Tests.Infrastructure;

namespace Sox.Sdk.DesignTime.Tests;

/// <summary>
/// How each MSBuild runs the Sox tasks (Sox.Tasks.targets; docs/sdk.md, "Visual Studio and Rider"): the .NET SDK's
/// MSBuild in-process, Visual Studio's .NET Framework MSBuild 18 or later through its .NET task host, an older one
/// not at all (SOX6010). There is no .NET Framework MSBuild here, so the project is evaluated as each host would
/// evaluate it: MSBuildRuntimeType and MSBuildVersion are reserved properties, and the tests set the SDK's private
/// indirections _SoxMSBuildRuntimeType and _SoxMSBuildVersion instead.
/// </summary>
[TestClass]
public sealed class VisualStudioHostTests
{
    private static readonly string[] SoxTasks =
    [
        "Sox.Build.Tasks.SoxCompile", "Sox.Build.Tasks.SoxResolveToolchain", "Sox.Build.Tasks.SoxWriteResponseFile",
        "Sox.Build.Tasks.SoxWriteLinkCommand", "Sox.Build.Tasks.SoxNativeTool", "Sox.Build.Tasks.SoxNativeSources", "Sox.Build.Tasks.SoxResolveRunCommand", "Sox.Build.Tasks.SoxFormat", "Sox.Build.Tasks.SoxWriteArchive", "Sox.Build.Tasks.SoxSplitDebugInfo",
    ];

    private static readonly string[] HostProperties =
    [
        "MSBuildRuntimeType", "_SoxMSBuildRuntimeType", "_SoxMSBuildVersion", "_SoxTaskHost", "_SoxTaskFactory",
        "_SoxTaskRuntime", "NetCoreSdkRoot", "RuntimeIdentifierGraphPath", "DOTNET_HOST_PATH", "NETCoreSdkVersion",
    ];

    [TestMethod]
    public void VisualStudioHost_TheTestsOwnMSBuild_IsCore_AndLoadsTheTasksInProcess()
    {
        MSBuildRegistration.Ensure();
        var project = TestProject.FromSample("vs-core", "hello", "hello.soxproj");

        var outcome = InProcessBuild.Evaluate(project.ProjectPath, new Dictionary<string, string>(), HostProperties);

        Assert.AreEqual("Core", outcome.Properties["MSBuildRuntimeType"]);
        Assert.AreEqual("Core", outcome.Properties["_SoxMSBuildRuntimeType"], "the indirection defaults to MSBuildRuntimeType");
        Assert.AreEqual("InProcess", outcome.Properties["_SoxTaskHost"]);
        AssertSoxUsingTasks(outcome, "AssemblyTaskFactory", "");
        Assert.AreEqual("", outcome.Properties["NETCoreSdkVersion"], "no .NET SDK import when the tasks run in-process");
    }

    [TestMethod]
    [DataRow("Core", "18.9.0", "false", "InProcess", "AssemblyTaskFactory", "", DisplayName = "dotnet build, Rider with the .NET SDK's MSBuild")]
    [DataRow("Core", "18.9.0", "true", "TaskHost", "TaskHostFactory", "", DisplayName = "dotnet build, SoxUseTaskHost=true")]
    [DataRow("Full", "18.0.0", "false", "NetTaskHost", "TaskHostFactory", "NET", DisplayName = "Visual Studio 2026 18.0")]
    [DataRow("Full", "18.6.3", "true", "NetTaskHost", "TaskHostFactory", "NET", DisplayName = "Visual Studio 2026, SoxUseTaskHost=true")]
    [DataRow("Full", "17.14.40", "false", "Unsupported", "AssemblyTaskFactory", "", DisplayName = "Visual Studio 2022 17.14")]
    [DataRow("Full", "17.14.40", "true", "Unsupported", "AssemblyTaskFactory", "", DisplayName = "Visual Studio 2022, SoxUseTaskHost=true")]
    [DataRow("Mono", "16.10.1", "false", "Unsupported", "AssemblyTaskFactory", "", DisplayName = "Mono's MSBuild")]
    public void VisualStudioHost_EachMSBuild_GetsItsTaskFactoryAndRuntime(string runtimeType, string version, string useTaskHost,
        string expectedHost, string expectedFactory, string expectedRuntime)
    {
        MSBuildRegistration.Ensure();
        var project = TestProject.FromSample("vs-select", "hello", "hello.soxproj");

        var outcome = InProcessBuild.Evaluate(project.ProjectPath, AsHost(runtimeType, version, ("SoxUseTaskHost", useTaskHost)), HostProperties);

        Assert.AreEqual(expectedHost, outcome.Properties["_SoxTaskHost"]);
        AssertSoxUsingTasks(outcome, expectedFactory, expectedRuntime);
    }

    /// <summary>
    /// Visual Studio 2026: MSBuild starts the .NET task host from the project's DOTNET_HOST_PATH and the .NET SDK folder
    /// (NetCoreSdkRoot, or the folder of RuntimeIdentifierGraphPath for MSBuild 18.0–18.4). A Sox project has neither
    /// of its own; the SDK finds them by resolving Microsoft.NET.Sdk, which works here through the same resolver.
    /// </summary>
    [TestMethod]
    public void VisualStudioHost_FullMSBuild18_FindsTheDotNetSdkAndHost_ForTheNetTaskHost()
    {
        MSBuildRegistration.Ensure();
        var project = TestProject.FromSample("vs-net-host", "hello", "hello.soxproj");

        // The test host's own DOTNET_HOST_PATH (set by dotnet test) would hide the SDK's fallback; Visual Studio has none.
        var saved = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH");
        Environment.SetEnvironmentVariable("DOTNET_HOST_PATH", null);
        EvaluationOutcome outcome;
        try
        {
            outcome = InProcessBuild.Evaluate(project.ProjectPath, AsHost("Full", "18.0.0"), HostProperties);
        }
        finally
        {
            Environment.SetEnvironmentVariable("DOTNET_HOST_PATH", saved);
        }

        var sdkRoot = outcome.Properties["NetCoreSdkRoot"];
        Assert.IsTrue(File.Exists(Path.Combine(sdkRoot, "MSBuild.dll")), $"NetCoreSdkRoot '{sdkRoot}' is the .NET SDK folder, with the MSBuild the task host runs");
        Assert.AreEqual(sdkRoot, Path.GetDirectoryName(outcome.Properties["RuntimeIdentifierGraphPath"]), "MSBuild 18.0 reads the SDK folder from here");
        Assert.AreEqual(Path.GetFileName(sdkRoot), outcome.Properties["NETCoreSdkVersion"]);
        Assert.IsTrue(Version.Parse(outcome.Properties["NETCoreSdkVersion"].Split('-')[0]).Major >= 10, "the .NET task host needs .NET SDK 10 or later");

        var dotnetRoot = Path.GetDirectoryName(Path.GetDirectoryName(sdkRoot))!;
        var host = outcome.Properties["DOTNET_HOST_PATH"];
        Assert.AreEqual(Path.Combine(dotnetRoot, OperatingSystem.IsWindows() ? "dotnet.exe" : "dotnet"), host, "the dotnet host beside that SDK");
        Assert.IsTrue(File.Exists(host), host);
    }

    /// <summary>
    /// The UsingTask that Visual Studio 2026 gets, run for real: the .NET SDK's MSBuild also honours Runtime="NET" with
    /// TaskHostFactory, so the tasks run in a separate .NET task host process started from the properties above (what
    /// Visual Studio's MSBuild does is not verified here).
    /// </summary>
    [TestMethod]
    public void VisualStudioHost_FullMSBuild18_UsingTasks_BuildTheProgram_InTheNetTaskHost()
    {
        var project = TestProject.FromSample("vs-net-build", "hello", "hello.soxproj");

        var build = project.Build("-p:_SoxMSBuildRuntimeType=Full", "-p:_SoxMSBuildVersion=18.0.0", "-v:d").ShouldSucceed();

        StringAssert.Contains(build.Output, "Launching task \"SoxCompile\" from assembly");
        StringAssert.Contains(build.Output, "in an external task host with a runtime of \"NET\"");
        Assert.IsTrue(File.Exists(project.PathOf("bin/Debug/linux-x64/hello")), build.Output);
    }

    [TestMethod]
    public void VisualStudioHost_FullMSBuild17_BuildFailsWithSox6010_BeforeAnyTask()
    {
        MSBuildRegistration.Ensure();
        var project = TestProject.FromSample("vs-17-build", "hello", "hello.soxproj");

        var outcome = InProcessBuild.Run(project.ProjectPath, ["Build"], AsHost("Full", "17.14.40"), [], ["_SoxTaskHost"]);

        Assert.IsFalse(outcome.Success, outcome.Log);
        StringAssert.Contains(outcome.Log, "error SOX6010");
        StringAssert.Contains(outcome.Log, "Visual Studio 2026 (version 18.0) or later");
        StringAssert.Contains(outcome.Log, "dotnet build");
        Assert.IsFalse(outcome.Log.Contains("MSB4062", StringComparison.Ordinal), "no task was loaded: " + outcome.Log);
        Assert.IsFalse(Directory.Exists(project.PathOf("obj/Debug/linux-x64/sox")), "SoxPrepareForBuild did not run");
    }

    [TestMethod]
    public void VisualStudioHost_FullMSBuild17_DesignTimeBuild_StillLoadsTheProject()
    {
        MSBuildRegistration.Ensure();
        var project = TestProject.FromSample("vs-17-dt", "hello", "hello.soxproj");
        var properties = new Dictionary<string, string>(InProcessBuild.DesignTimeProperties);
        foreach (var (name, value) in AsHost("Full", "17.14.40")) properties[name] = value;

        var outcome = InProcessBuild.Run(project.ProjectPath, ["CompileDesignTime", "ResolveProjectReferencesDesignTime", "CollectUpToDateCheckInputDesignTime"],
            properties, ["SoxCompile"], ["_SoxTaskHost"]);

        Assert.IsTrue(outcome.Success, outcome.Log);
        Assert.AreEqual("Unsupported", outcome.Properties["_SoxTaskHost"]);
        Assert.IsFalse(outcome.Log.Contains("SOX6010", StringComparison.Ordinal), outcome.Log);
        CollectionAssert.AreEqual(new[] { "hello.sox" }, outcome.TargetOutputs["CompileDesignTime"].ToArray());
    }

    private static Dictionary<string, string> AsHost(string runtimeType, string version, params (string Name, string Value)[] more)
    {
        var properties = new Dictionary<string, string> { ["_SoxMSBuildRuntimeType"] = runtimeType, ["_SoxMSBuildVersion"] = version };
        foreach (var (name, value) in more) properties[name] = value;
        return properties;
    }

    private static void AssertSoxUsingTasks(EvaluationOutcome outcome, string factory, string runtime)
    {
        var soxTasks = outcome.UsingTasks.Where(u => u.TaskName.StartsWith("Sox.", StringComparison.Ordinal)).ToList();
        CollectionAssert.AreEquivalent(SoxTasks, soxTasks.Select(u => u.TaskName).ToArray());
        foreach (var task in soxTasks)
        {
            Assert.AreEqual(factory, task.TaskFactory, task.TaskName);
            Assert.AreEqual(runtime, task.Runtime, task.TaskName);
            StringAssert.EndsWith(task.AssemblyFile.Replace('\\', '/'), "tasks/net10.0/Sox.Build.Tasks.dll", task.TaskName);
        }
    }
}
