namespace Sox.Sdk.Tests.Infrastructure;

/// <summary>
/// One per test run: a temporary root holding a nuget.config for the repository's local feed, a global.json that
/// pins the packed Sox.Sdk version (msbuild-sdks), and a NuGet package cache of its own (NUGET_PACKAGES), so that
/// no package from an earlier run or another checkout can leak in. Every test's project folder lives under it.
/// </summary>
[TestClass]
public static class TestEnvironment
{
    private static string? s_root;
    private static int s_counter;

    public static string RepositoryRoot { get; } = FindRepositoryRoot();

    public static string FeedDirectory => Path.Combine(RepositoryRoot, "artifacts", "packages");

    public static string SdkVersion { get; private set; } = "";

    public static string Root => s_root ?? throw new InvalidOperationException("the test environment was not initialised");

    public static string PackageCache => Path.Combine(Root, ".nuget-packages");

    [AssemblyInitialize]
    public static void Initialize(TestContext _)
    {
        var versionFile = Path.Combine(FeedDirectory, "Sox.Sdk.version");
        if (!File.Exists(versionFile))
            Assert.Fail($"No packed Sox.Sdk ({versionFile} is missing): build the solution (dotnet build Sox.Build.sln) or run build/pack-sdk first.");
        SdkVersion = File.ReadAllText(versionFile).Trim();
        s_root = Path.Combine(Path.GetTempPath(), "sox-sdk-tests-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(s_root);
        File.WriteAllText(Path.Combine(s_root, "nuget.config"), $"""
            <?xml version="1.0" encoding="utf-8"?>
            <configuration>
              <packageSources>
                <add key="sox-local" value="{FeedDirectory}" />
              </packageSources>
            </configuration>
            """);
        File.WriteAllText(Path.Combine(s_root, "global.json"), $$"""
            {
              "sdk": { "version": "10.0.100", "rollForward": "latestFeature" },
              "msbuild-sdks": { "Sox.Sdk": "{{SdkVersion}}" }
            }
            """);
        // Stop MSBuild's search for Directory.Build.* here, as a user's project outside this repository would.
        File.WriteAllText(Path.Combine(s_root, "Directory.Build.props"), "<Project />\n");
        File.WriteAllText(Path.Combine(s_root, "Directory.Build.targets"), "<Project />\n");
    }

    [AssemblyCleanup]
    public static void Cleanup()
    {
        if (s_root is null || Environment.GetEnvironmentVariable("SOX_KEEP_TEST_FOLDERS") == "1") return;
        try { Directory.Delete(s_root, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }

    /// <summary>A fresh folder for one test (named after it; <paramref name="name"/> may hold spaces and any letters).</summary>
    public static string NewFolder(string name)
    {
        var path = Path.Combine(Root, $"{Interlocked.Increment(ref s_counter):D2}-{name}");
        Directory.CreateDirectory(path);
        return path;
    }

    private static string FindRepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Sox.Build.sln"))) return dir.FullName;
        }
        throw new InvalidOperationException("Sox.Build.sln not found above " + AppContext.BaseDirectory);
    }
}
