using Sox.Sdk.Tests.Infrastructure;

namespace Sox.Sdk.Tests.EndToEnd;

/// <summary>
/// test-projects/Mixed: a C# console program that references a Sox program (Greeter), which it starts, and a Sox
/// shared library (SoxMath), whose export fns it calls in-process with [LibraryImport], in one solution.
/// </summary>
[TestClass]
public sealed class MixedSolutionTests
{
    /// <summary>What MixedApp prints: the Greeter program's output, then results computed by SoxMath's exports.</summary>
    public const string ExpectedOutput = """
        C# started Sox: Hello, C#, from Sox!
        sum: 42
        C# called Sox: hypotenuse(3, 4) = 5
        fibonacci(50) = 12586269025
        isPrime(7919) = True, isPrime(7917) = False
        countVowels("Hello from C#") = 3
        calls into Sox: 5

        """;

    [TestMethod]
    public void Solution_BuildsAllInParallel_WithoutWarnings_AndCSharpStartsTheSoxProgram_AndCallsTheSoxLibrary()
    {
        var solution = TestProject.FromSample("mixed", "Mixed", "Mixed.sln");
        var build = solution.DotNet("build", "Mixed.sln", "-m", "-v:n").ShouldSucceed();
        StringAssert.Contains(build.Output, "0 Warning(s)");
        Assert.IsFalse(build.Output.Contains("NETSDK", StringComparison.Ordinal), build.Output);
        Assert.AreEqual(1, Count(build.Output, "Compiling main.sox"), "the Sox program is built once:\n" + build.Output);
        Assert.AreEqual(1, Count(build.Output, "Compiling soxmath.sox"), "the Sox library is built once:\n" + build.Output);

        var output = solution.PathOf("MixedApp/bin/Debug/net10.0");
        Assert.IsTrue(File.Exists(Path.Combine(output, "Greeter")), "the Sox program is copied to the C# project's output");
        // The name .NET probes on Linux for [LibraryImport("SoxMath")]: libSoxMath.so (or SoxMath.so) beside the assembly.
        Assert.IsTrue(File.Exists(Path.Combine(output, "libSoxMath.so")), "the Sox library is copied to the C# project's output");
        var run = TestProject.Run("dotnet", [Path.Combine(output, "MixedApp.dll")], solution.Directory).ShouldSucceed();
        Assert.AreEqual(ExpectedOutput, run.Output);

        var again = solution.DotNet("build", "Mixed.sln", "-m", "-v:n").ShouldSucceed();
        Assert.IsFalse(again.Linked || again.CompiledRuntime || again.CompiledFiles.Count > 0, again.Output);

        solution.DotNet("clean", "Mixed.sln", "-m").ShouldSucceed();
        foreach (var file in new[] { "MixedApp/bin/Debug/net10.0/libSoxMath.so", "MixedApp/bin/Debug/net10.0/Greeter", "SoxMath/bin/Debug/linux-x64/libSoxMath.so" })
        {
            Assert.IsFalse(File.Exists(solution.PathOf(file)), file + " is cleaned");
        }
        Assert.IsFalse(Directory.Exists(solution.PathOf("SoxMath/obj/Debug/linux-x64/soxrt")), "the library's runtime objects are cleaned");
    }

    [TestMethod]
    public void MultiTargetingReferrer_BuildsTheSoxProjectOnce_AndPublishCarriesIt()
    {
        var solution = TestProject.FromSample("multi", "Mixed", "Mixed.sln");
        var csproj = solution.PathOf("MixedApp/MixedApp.csproj");
        // Two inner builds: both reference the Sox project, which reports no framework, so both ask for one build.
        File.WriteAllText(csproj, File.ReadAllText(csproj).Replace("<TargetFramework>net10.0</TargetFramework>",
            "<TargetFrameworks>net10.0;net9.0</TargetFrameworks>"));
        var build = solution.DotNet("build", "MixedApp/MixedApp.csproj", "-v:n");
        if (build.ExitCode != 0 && (build.Output.Contains("NU1101", StringComparison.Ordinal) || build.Output.Contains("NU1301", StringComparison.Ordinal)))
        {
            Assert.Inconclusive("the net9.0 targeting pack (Microsoft.NETCore.App.Ref 9.0) can't be restored here");
        }
        build.ShouldSucceed();
        Assert.AreEqual(1, Count(build.Output, "Compiling main.sox"), build.Output);
        Assert.AreEqual(1, Count(build.Output, "Compiling soxmath.sox"), build.Output);
        Assert.AreEqual(2, Count(build.Output, "link.rsp\""), "one link for Greeter, one for SoxMath:\n" + build.Output);
    }

    /// <summary>
    /// Without ReferenceOutputAssembly="false" the reference asks for an assembly that a Sox project doesn't build: the
    /// C# build fails with SOX6004, raised in the C# project by the Sox.Sdk package's buildTransitive targets, which
    /// NuGet brings there only through such a reference (docs/sdk.md).
    /// </summary>
    [TestMethod]
    public void ReferenceWithoutReferenceOutputAssemblyFalse_FailsWithSOX6004()
    {
        var solution = TestProject.FromSample("roa", "Mixed", "Mixed.sln");
        var csproj = solution.PathOf("MixedApp/MixedApp.csproj");
        File.WriteAllText(csproj, File.ReadAllText(csproj).Replace("Greeter.soxproj\" ReferenceOutputAssembly=\"false\"", "Greeter.soxproj\""));
        var build = solution.DotNet("build", "MixedApp/MixedApp.csproj", "-v:n").ShouldFail();
        var expected = $"{csproj} : error SOX6004: The ProjectReference to '../Greeter/Greeter.soxproj' references a Sox project as a .NET assembly, " +
            "but a Sox project builds a native program, not a .NET assembly. Add ReferenceOutputAssembly=\"false\" to the ProjectReference: " +
            "<ProjectReference Include=\"../Greeter/Greeter.soxproj\" ReferenceOutputAssembly=\"false\" />. The Sox project is then built first " +
            "and its program copied to this project's output (add OutputItemType=\"SoxProgram\" to also receive its path as a SoxProgram item).";
        StringAssert.Contains(build.Output, expected);
        Assert.AreEqual(2, Count(build.Output, "error SOX6004"), "one error, which MSBuild repeats in its summary:\n" + build.Output);
        Assert.IsFalse(build.Output.Contains("MSB3246", StringComparison.Ordinal) || build.Output.Contains("NU1201", StringComparison.Ordinal), build.Output);
        Assert.IsFalse(File.Exists(solution.PathOf("MixedApp/bin/Debug/net10.0/MixedApp.dll")), "nothing is compiled");

        // With the documented opt-in the reference acts as one with ReferenceOutputAssembly="false".
        var accepted = solution.DotNet("build", "MixedApp/MixedApp.csproj", "-v:n", "-p:SoxAllowReferenceOutputAssembly=true").ShouldSucceed();
        StringAssert.Contains(accepted.Output, "0 Warning(s)");
        Assert.IsTrue(File.Exists(solution.PathOf("MixedApp/bin/Debug/net10.0/Greeter")));
        Assert.IsFalse(File.ReadAllText(solution.PathOf("MixedApp/bin/Debug/net10.0/MixedApp.deps.json")).Contains("Greeter", StringComparison.Ordinal));
        var run = TestProject.Run("dotnet", [solution.PathOf("MixedApp/bin/Debug/net10.0/MixedApp.dll")], solution.Directory).ShouldSucceed();
        Assert.AreEqual(ExpectedOutput, run.Output);
    }

    /// <summary>The fix the error names: ReferenceOutputAssembly="false" plus OutputItemType hands the program's path to the C# build.</summary>
    [TestMethod]
    public void ReferenceOutputAssemblyFalse_WithOutputItemType_GivesTheProgramAsAnItem_WithoutWarnings()
    {
        var solution = TestProject.FromSample("roa-item", "Mixed", "Mixed.sln");
        var csproj = solution.PathOf("MixedApp/MixedApp.csproj");
        File.WriteAllText(csproj, File.ReadAllText(csproj)
            .Replace("ReferenceOutputAssembly=\"false\"", "ReferenceOutputAssembly=\"false\" OutputItemType=\"SoxProgram\"")
            .Replace("</Project>", """
              <Target Name="ShowSoxProgram" AfterTargets="ResolveProjectReferences">
                <Message Importance="high" Text="SoxProgram: @(SoxProgram)" />
              </Target>
            </Project>
            """));
        var build = solution.DotNet("build", "MixedApp/MixedApp.csproj", "-v:n").ShouldSucceed();
        StringAssert.Contains(build.Output, "0 Warning(s)");
        Assert.IsFalse(build.Output.Contains("SOX6004", StringComparison.Ordinal), build.Output);
        StringAssert.Contains(build.Output, "SoxProgram: " + solution.PathOf("Greeter/bin/Debug/linux-x64/Greeter") + ";" +
            solution.PathOf("SoxMath/bin/Debug/linux-x64/libSoxMath.so"));
    }

    /// <summary>
    /// issue 13: a RuntimeIdentifier given to the C# build reaches its Sox references, so what is copied is built for
    /// it (here linux-arm64, checked by ELF machine); one Sox cannot build for is SOX5006, not a host binary.
    /// </summary>
    [TestMethod]
    public void PublishWithARuntimeIdentifier_CopiesSoxBinariesBuiltForIt_AndAnUnsupportedOneIsAnError()
    {
        if (!TestProject.OnPath("aarch64-linux-gnu-gcc")) Assert.Inconclusive("needs aarch64-linux-gnu-gcc (Debian package gcc-aarch64-linux-gnu)");
        var solution = TestProject.FromSample("rid-flow", "Mixed", "Mixed.sln");
        solution.DotNet("publish", "MixedApp/MixedApp.csproj", "-r", "linux-arm64", "-v:n").ShouldSucceed();
        var published = solution.PathOf("MixedApp/bin/Release/net10.0/linux-arm64/publish");
        foreach (var file in new[] { "Greeter", "libSoxMath.so" })
        {
            var bytes = File.ReadAllBytes(Path.Combine(published, file));
            Assert.AreEqual(183, BitConverter.ToUInt16(bytes, 18), file + ": e_machine EM_AARCH64");
        }
        Assert.IsTrue(File.Exists(solution.PathOf("SoxMath/bin/Release/linux-arm64/libSoxMath.so")), "Release and the RID both flow");

        var unsupported = solution.DotNet("publish", "MixedApp/MixedApp.csproj", "-r", "linux-musl-x64", "-v:n").ShouldFail();
        StringAssert.Contains(unsupported.Output, "error SOX5006: Can't build for RuntimeIdentifier 'linux-musl-x64'");
    }

    [TestMethod]
    public void SlnAdd_AcceptsASoxProject()
    {
        var project = TestProject.FromSample("sln-add", "hello", "hello.soxproj");
        project.DotNet("new", "sln", "-n", "App", "--format", "sln").ShouldSucceed();
        project.DotNet("sln", "App.sln", "add", "hello.soxproj").ShouldSucceed();
        var sln = File.ReadAllText(project.PathOf("App.sln"));
        StringAssert.Contains(sln, "\"hello\", \"hello.soxproj\"");
        project.DotNet("build", "App.sln").ShouldSucceed();
        Assert.IsTrue(File.Exists(project.PathOf("bin/Debug/linux-x64/hello")));
    }

    private static int Count(string text, string value)
    {
        var count = 0;
        for (var i = text.IndexOf(value, StringComparison.Ordinal); i >= 0; i = text.IndexOf(value, i + value.Length, StringComparison.Ordinal)) count++;
        return count;
    }
}
