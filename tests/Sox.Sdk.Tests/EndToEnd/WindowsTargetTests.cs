using Sox.Sdk.Tests.Infrastructure;

namespace Sox.Sdk.Tests.EndToEnd;

/// <summary>
/// issue 11: <c>dotnet build -r win-x64</c> cross-builds from Linux with MinGW-w64 (gcc, or clang with lld), and
/// what it makes runs under Wine: programs (also through <c>dotnet run -r win-x64</c>), a DLL whose exports a C
/// program calls through its import library, a static library; incremental builds and clean as on Linux.
/// </summary>
[TestClass]
public sealed class WindowsTargetTests
{
    private const string Rid = "-p:RuntimeIdentifier=win-x64";

    [TestMethod]
    public void Hello_BuildsAPortableExecutable_ThatRunsUnderWine_AndDotnetRunUsesWine()
    {
        Wine.Require();
        var project = TestProject.FromSample("win-hello", "hello", "hello.soxproj");
        project.Build(Rid).ShouldSucceed();
        var program = project.PathOf("bin/Debug/win-x64/hello.exe");
        Assert.IsTrue(File.Exists(project.PathOf("obj/Debug/win-x64/sox/hello.obj")), "COFF objects are .obj");
        AssertPortableExecutable(program, dll: false);
        var run = Wine.Run(program, [], project.Directory).ShouldSucceed();
        StringAssert.StartsWith(run.Output, "Hello, world from Sox!\n[0,1,4,9,16]\n");

        var calc = TestProject.FromSample("win-calc", "calc", "calc.soxproj");
        var dotnetRun = TestProject.Run("dotnet", ["run", "--project", calc.ProjectFile, "-r", "win-x64", "--", "1", "2", "39.5"], calc.Directory, Wine.Environment);
        Assert.AreEqual(3, dotnetRun.ExitCode, "the program's exit code is dotnet run's:\n" + dotnetRun.Output);
        StringAssert.Contains(dotnetRun.Output, "sum = 42.5\n");
    }

    [TestMethod]
    public void IncrementalBuildAndClean_BehaveAsOnLinux()
    {
        Wine.Require();
        var project = TestProject.FromSample("win-incremental", "calc", "calc.soxproj");
        var before = Snapshot(project.Directory);
        project.Build(Rid).ShouldSucceed();

        var again = project.Build(Rid).ShouldSucceed();
        Assert.IsFalse(again.Linked || again.CompiledRuntime || again.CompiledFiles.Count > 0, "a no-op build does nothing:\n" + again.Output);

        File.SetLastWriteTimeUtc(project.PathOf("lib/math.sox"), DateTime.UtcNow.AddSeconds(2));
        var touched = project.Build(Rid).ShouldSucceed();
        CollectionAssert.AreEqual(new[] { "lib/math.sox" }, touched.CompiledFiles.ToArray(), touched.Output);
        Assert.IsTrue(touched.Linked && !touched.CompiledRuntime, touched.Output);
        StringAssert.Contains(Wine.Run(project.PathOf("bin/Debug/win-x64/calc.exe"), ["40", "2"], project.Directory).Output, "sum = 42\n");

        project.DotNet("clean", project.ProjectFile, Rid).ShouldSucceed();
        var left = Snapshot(project.Directory).Except(before)
            .Where(f => !(f.StartsWith("obj/", StringComparison.Ordinal) && f.Count(c => c == '/') == 1)).ToList();
        Assert.AreEqual(0, left.Count, "clean leaves nothing but restore's files: " + string.Join(", ", left));
    }

    /// <summary>The C program that calls test-projects/Mixed/SoxMath's exports through the DLL's import library.</summary>
    private const string DllHost = """
        #include <stdint.h>
        #include <stdio.h>
        __declspec(dllimport) double hypotenuse(double x, double y);
        __declspec(dllimport) int64_t fibonacci(int32_t n);
        __declspec(dllimport) _Bool isPrime(int64_t n);
        __declspec(dllimport) int64_t countVowels(const char* text);
        __declspec(dllimport) int32_t callCount(void);
        int main(void) {
          printf("hypotenuse(3, 4) = %g\n", hypotenuse(3, 4));
          printf("fibonacci(50) = %lld\n", (long long)fibonacci(50));
          printf("isPrime(7919) = %d, isPrime(7917) = %d\n", isPrime(7919), isPrime(7917));
          printf("countVowels = %lld\n", (long long)countVowels("Hello from C"));
          printf("calls into Sox: %d\n", callCount());
          return 0;
        }
        """;

    [TestMethod]
    public void SharedLibrary_IsADllExportingItsExportFnsOnly_WithAnImportLibrary_CalledFromCUnderWine()
    {
        Wine.Require();
        var project = TestProject.FromSample("win-dll", "Mixed", "SoxMath/SoxMath.soxproj");
        project.Build(Rid).ShouldSucceed();
        var output = project.PathOf("SoxMath/bin/Debug/win-x64");
        var dll = Path.Combine(output, "SoxMath.dll");
        var importLibrary = Path.Combine(output, "SoxMath.lib");
        AssertPortableExecutable(dll, dll: true);
        Assert.IsTrue(File.Exists(importLibrary), "the import library is written beside the DLL");

        // The export table: the export fns, which [LibraryImport("SoxMath")] binds by name, and none of the runtime's.
        if (TestProject.OnPath("llvm-readobj"))
        {
            var exports = TestProject.Run("llvm-readobj", ["--coff-exports", dll], output).ShouldSucceed().Output
                .Split('\n').Where(l => l.Trim().StartsWith("Name: ", StringComparison.Ordinal)).Select(l => l.Trim()["Name: ".Length..]).Order(StringComparer.Ordinal);
            CollectionAssert.AreEqual(new[] { "callCount", "countVowels", "fibonacci", "hypotenuse", "isPrime" }, exports.ToArray());
        }

        var hostFolder = TestEnvironment.NewFolder("win-dll-host");
        File.WriteAllText(Path.Combine(hostFolder, "host.c"), DllHost);
        TestProject.Run("x86_64-w64-mingw32-gcc", ["-D__USE_MINGW_ANSI_STDIO=1", "-o", "host.exe", "host.c", importLibrary], hostFolder).ShouldSucceed();
        File.Copy(dll, Path.Combine(hostFolder, "SoxMath.dll"));
        var run = Wine.Run(Path.Combine(hostFolder, "host.exe"), [], hostFolder).ShouldSucceed();
        Assert.AreEqual("""
            hypotenuse(3, 4) = 5
            fibonacci(50) = 12586269025
            isPrime(7919) = 1, isPrime(7917) = 0
            countVowels = 3
            calls into Sox: 5

            """, run.Output);

        project.DotNet("clean", "SoxMath/SoxMath.soxproj", Rid).ShouldSucceed();
        Assert.IsFalse(File.Exists(dll) || File.Exists(importLibrary), "clean removes the DLL and its import library");
    }

    [TestMethod]
    public void Library_IsLibNameA_ForMinGW_AndNameLib_ForTheMsvcToolchain()
    {
        Wine.Require();
        var project = TestProject.FromSample("win-lib", "library", "library.soxproj");
        project.Build(Rid).ShouldSucceed();
        var archive = project.PathOf("bin/Debug/win-x64/liblibrary.a");
        Assert.IsTrue(File.Exists(archive), "MinGW-style static library: lib<name>.a");
        if (TestProject.OnPath("llvm-ar"))
        {
            var members = TestProject.Run("llvm-ar", ["t", archive], project.Directory).ShouldSucceed().Output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
            CollectionAssert.IsSubsetOf(new[] { "api.obj", "shapes.obj", "sox_gc.o", "sox_platform_win32.o" }, members);
        }

        // What an MSVC-style toolchain (the default on a Windows host) names it, as MSBuild evaluates the project.
        string TargetPath(params string[] properties) => project.DotNet(["msbuild", project.ProjectFile, "-getProperty:TargetPath", Rid, .. properties])
            .ShouldSucceed().Output.Trim().Replace('\\', '/');
        StringAssert.EndsWith(TargetPath("-p:SoxWindowsToolchain=msvc"), "bin/Debug/win-x64/library.lib");
        StringAssert.EndsWith(TargetPath(), "bin/Debug/win-x64/liblibrary.a");
        StringAssert.EndsWith(TargetPath("-p:SoxWindowsToolchain=msvc", "-p:OutputType=SharedLibrary"), "bin/Debug/win-x64/library.dll");
    }

    /// <summary>A PE image for AMD64: the MZ stub's e_lfanew leads to "PE\0\0", machine 0x8664, and the DLL flag
    /// (IMAGE_FILE_DLL, 0x2000) in the characteristics exactly for a DLL (PE Format, "COFF File Header").</summary>
    private static void AssertPortableExecutable(string path, bool dll)
    {
        Assert.IsTrue(File.Exists(path), path);
        var bytes = File.ReadAllBytes(path);
        Assert.AreEqual("MZ", System.Text.Encoding.ASCII.GetString(bytes, 0, 2));
        var pe = BitConverter.ToInt32(bytes, 0x3c);
        Assert.AreEqual("PE\0\0", System.Text.Encoding.ASCII.GetString(bytes, pe, 4));
        Assert.AreEqual(0x8664, BitConverter.ToUInt16(bytes, pe + 4), "IMAGE_FILE_MACHINE_AMD64");
        Assert.AreEqual(dll, (BitConverter.ToUInt16(bytes, pe + 22) & 0x2000) != 0, "IMAGE_FILE_DLL");
    }

    private static List<string> Snapshot(string directory) => Directory.EnumerateFiles(directory, "*", SearchOption.AllDirectories)
        .Select(f => Path.GetRelativePath(directory, f).Replace('\\', '/')).Order(StringComparer.Ordinal).ToList();
}
