namespace Sox.Sdk.Tests.Infrastructure;

/// <summary>
/// The packages the build put into the local feed beside Sox.Sdk (Sox.Templates and Sox.Cli, packed by
/// Sox.Sdk.csproj under the SDK's version), and the <c>sox</c> tool installed from it once per test run.
/// </summary>
public static class FeedPackages
{
    private static readonly Lazy<string> s_soxTool = new(InstallSoxTool, LazyThreadSafetyMode.ExecutionAndPublication);

    /// <summary>The .nupkg of a package of this build.</summary>
    public static string PathOf(string id)
    {
        var path = Path.Combine(TestEnvironment.FeedDirectory, $"{id}.{TestEnvironment.SdkVersion}.nupkg");
        if (!File.Exists(path))
            Assert.Fail($"{path} is missing: build the solution (dotnet build Sox.Build.sln) or run build/pack to pack it beside Sox.Sdk {TestEnvironment.SdkVersion}.");
        return path;
    }

    /// <summary>
    /// The <c>sox</c> command of the Sox.Cli tool package, installed into a tool path of the test run as a user would
    /// (<c>dotnet tool install --tool-path</c>), so that it runs from the installed layout, not from the repository.
    /// </summary>
    public static string SoxTool => s_soxTool.Value;

    private static string InstallSoxTool()
    {
        PathOf("Sox.Cli");
        var toolPath = Path.Combine(TestEnvironment.Root, ".tools");
        TestProject.Run("dotnet", ["tool", "install", "--tool-path", toolPath, "Sox.Cli", "--add-source", TestEnvironment.FeedDirectory,
            "--version", TestEnvironment.SdkVersion], TestEnvironment.Root).ShouldSucceed();
        var sox = Path.Combine(toolPath, OperatingSystem.IsWindows() ? "sox.exe" : "sox");
        Assert.IsTrue(File.Exists(sox), $"dotnet tool install made no {sox}");
        return sox;
    }
}
