using Microsoft.Build.Locator;
using Sox.Sdk.Tests.Infrastructure;

namespace Sox.Sdk.DesignTime.Tests;

/// <summary>
/// Registers the .NET SDK's MSBuild with Microsoft.Build.Locator once per process. It must run before any
/// Microsoft.Build type is loaded, so no method that calls it may mention one: the MSBuild code lives in
/// <see cref="InProcessBuild"/>, whose methods are not inlined into their callers.
/// </summary>
internal static class MSBuildRegistration
{
    private static readonly Lock Gate = new();

    public static void Ensure()
    {
        lock (Gate)
        {
            if (!MSBuildLocator.IsRegistered)
            {
                // The SDK the repository's global.json selects (the test host runs below it).
                MSBuildLocator.RegisterDefaults();
            }
            // What the SDK resolver and NuGet read while evaluating: the test run's own package cache.
            Environment.SetEnvironmentVariable("NUGET_PACKAGES", TestEnvironment.PackageCache);
            Environment.SetEnvironmentVariable("MSBUILDDISABLENODEREUSE", "1");
        }
    }
}
