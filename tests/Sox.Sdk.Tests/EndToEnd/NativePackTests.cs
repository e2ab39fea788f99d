using System.IO.Compression;
using System.Xml.Linq;
using Sox.Sdk.Tests.Infrastructure;

namespace Sox.Sdk.Tests.EndToEnd;

/// <summary>
/// <c>dotnet pack</c> of a Sox library (docs/sdk.md, "Packing native libraries"): NuGet's pack targets make a package
/// with the native binary of each RID under <c>runtimes/&lt;rid&gt;/native/</c> and the C header of the exports under
/// <c>include/</c>. The package is then used as a consumer would: a C# program takes it from a local feed through a
/// <c>PackageReference</c> and calls it with <c>[LibraryImport]</c> (linux-x64), its linux-arm64 library is loaded by
/// a C host under qemu, and a C program links a packed static library through the packed header.
/// </summary>
[TestClass]
public sealed class NativePackTests
{
    private const string Geometry = """
        export fn area(w: double, h: double): double { return w * h }
        export fn twice(n: int): int { return n * 2 }
        export fn isPrime(n: int): bool {
          if n < 2 { return false }
          for var i = 2; i * i <= n; i = i + 1 { if n % i == 0 { return false } }
          return true
        }
        export fn vowels(text: cstring): int32 {
          var n = 0
          foreach var i, c in text { if stringIndexOf("aeiou", c) >= 0 { n = n + 1 } }
          return n
        }
        """;

    private const string Header = """
        double area(double w, double h);
        int64_t twice(int64_t n);
        bool isPrime(int64_t n);
        int32_t vowels(const char* text);
        """;

    private const string Consumer = """
        using System.Runtime.InteropServices;

        Console.WriteLine(Geometry.Area(2.5, 4));
        Console.WriteLine(Geometry.Twice(21));
        Console.WriteLine(Geometry.IsPrime(97));
        Console.WriteLine(Geometry.Vowels("packages from a feed"));

        internal static partial class Geometry
        {
            [LibraryImport("PackedGeometry", EntryPoint = "area")]
            internal static partial double Area(double w, double h);

            [LibraryImport("PackedGeometry", EntryPoint = "twice")]
            internal static partial long Twice(long n);

            [LibraryImport("PackedGeometry", EntryPoint = "isPrime")]
            [return: MarshalAs(UnmanagedType.U1)]
            internal static partial bool IsPrime(long n);

            [LibraryImport("PackedGeometry", EntryPoint = "vowels", StringMarshalling = StringMarshalling.Utf8)]
            internal static partial int Vowels(string text);
        }
        """;

    /// <summary>A C host that loads the packed library by path and calls its exports (the arm64 side, under qemu).</summary>
    private const string DlopenHost = """
        #include <dlfcn.h>
        #include <stdbool.h>
        #include <stdint.h>
        #include <stdio.h>
        int main(int argc, char** argv) {
          void* library = dlopen(argv[1], RTLD_NOW);
          if (!library) { fprintf(stderr, "%s\n", dlerror()); return 1; }
          double (*area)(double, double) = (double (*)(double, double))dlsym(library, "area");
          int64_t (*twice)(int64_t) = (int64_t (*)(int64_t))dlsym(library, "twice");
          bool (*isPrime)(int64_t) = (bool (*)(int64_t))dlsym(library, "isPrime");
          void* runtime = dlsym(library, "sox_gc_stats");
          if (!area || !twice || !isPrime) { fprintf(stderr, "missing export\n"); return 1; }
          printf("%g %lld %d %s\n", area(2.5, 4), (long long)twice(21), isPrime(97), runtime ? "runtime exported" : "runtime hidden");
          return 0;
        }
        """;

    [TestMethod]
    public void SharedLibrary_PacksEveryRid_AndACSharpProgramCallsItThroughAPackageReference()
    {
        NativeTools.Require("readelf");
        var arm64 = TestProject.OnPath("aarch64-linux-gnu-gcc") && TestProject.OnPath("qemu-aarch64");
        var rids = arm64 ? "linux-x64;linux-arm64" : "linux-x64";
        var project = TestProject.Create("pack-shared", "PackedGeometry", $"""
            <Project Sdk="Sox.Sdk">
              <PropertyGroup>
                <OutputType>SharedLibrary</OutputType>
                <Version>1.2.3</Version>
                <Authors>Ada Lovelace</Authors>
                <Description>Geometry, in Sox.</Description>
                <PackageLicenseExpression>MIT</PackageLicenseExpression>
                <PackageReadmeFile>README.md</PackageReadmeFile>
                <PackageTags>geometry native</PackageTags>
                <SoxPackRuntimeIdentifiers>{rids}</SoxPackRuntimeIdentifiers>
              </PropertyGroup>
              <ItemGroup>
                <None Include="README.md" Pack="true" PackagePath="/" />
              </ItemGroup>
            </Project>
            """,
            ("geometry.sox", Geometry), ("README.md", "# PackedGeometry\n"));
        var feed = TestEnvironment.NewFolder("pack-shared-feed");
        var pack = project.DotNet("pack", project.ProjectFile, "-o", feed).ShouldSucceed();
        Assert.IsFalse(pack.Output.Contains("warning", StringComparison.OrdinalIgnoreCase), pack.Output);

        var nupkg = Path.Combine(feed, "PackedGeometry.1.2.3.nupkg");
        var extracted = TestEnvironment.NewFolder("pack-shared-contents");
        ZipFile.ExtractToDirectory(nupkg, extracted);
        using (var zip = ZipFile.OpenRead(nupkg))
        {
            var files = zip.Entries.Select(e => e.FullName).Where(n => !n.StartsWith("_rels/", StringComparison.Ordinal) && !n.StartsWith("package/", StringComparison.Ordinal) && n != "[Content_Types].xml").Order(StringComparer.Ordinal).ToArray();
            var expected = new List<string> { "PackedGeometry.nuspec", "README.md", "include/PackedGeometry.h", "runtimes/linux-x64/native/libPackedGeometry.so" };
            if (arm64) expected.Add("runtimes/linux-arm64/native/libPackedGeometry.so");
            CollectionAssert.AreEqual(expected.Order(StringComparer.Ordinal).ToArray(), files, "no lib/ folder, nothing else");
        }
        var nuspec = XDocument.Load(Path.Combine(extracted, "PackedGeometry.nuspec"));
        string Meta(string name) => nuspec.Descendants().FirstOrDefault(e => e.Name.LocalName == name)?.Value ?? "";
        Assert.AreEqual("PackedGeometry", Meta("id"));
        Assert.AreEqual("1.2.3", Meta("version"));
        Assert.AreEqual("Ada Lovelace", Meta("authors"));
        Assert.AreEqual("Geometry, in Sox.", Meta("description"));
        Assert.AreEqual("MIT", Meta("license"));
        Assert.AreEqual("README.md", Meta("readme"));
        Assert.AreEqual("geometry native", Meta("tags"));
        Assert.IsFalse(nuspec.Descendants().Any(e => e.Name.LocalName == "dependencies"), "a native package depends on no package (not on Sox.Sdk)");

        // The header declares every export with its C types, and is valid C and C++.
        var header = Path.Combine(extracted, "include", "PackedGeometry.h");
        StringAssert.Contains(File.ReadAllText(header).ReplaceLineEndings("\n"), Header);
        File.WriteAllText(Path.Combine(extracted, "uses_header.c"), "#include \"PackedGeometry.h\"\nint main(void) { return twice(1) == 2 && isPrime(2) ? 0 : 1; }\n");
        TestProject.Run(NativeTools.CCompiler, ["-fsyntax-only", "-Wall", "-Werror", "-I", "include", "-x", "c", "uses_header.c"], extracted).ShouldSucceed();
        if (TestProject.OnPath("g++")) TestProject.Run("g++", ["-fsyntax-only", "-Wall", "-Werror", "-I", "include", "-x", "c++", "uses_header.c"], extracted).ShouldSucceed();

        var x64 = Path.Combine(extracted, "runtimes", "linux-x64", "native", "libPackedGeometry.so");
        StringAssert.Contains(TestProject.Run("readelf", ["-h", x64], extracted).ShouldSucceed().Output, "X86-64");
        CollectionAssert.AreEqual(new[] { "area", "isPrime", "twice", "vowels" }, NativeTools.ExportedSymbols(x64).ToArray());

        // The consumer: a C# program restoring the package from the feed folder (its own nuget.config) into the test
        // run's package cache.
        var app = TestEnvironment.NewFolder("pack-shared-consumer");
        File.WriteAllText(Path.Combine(app, "nuget.config"), $"""
            <?xml version="1.0" encoding="utf-8"?>
            <configuration>
              <packageSources>
                <add key="packed" value="{feed}" />
              </packageSources>
            </configuration>
            """);
        File.WriteAllText(Path.Combine(app, "Consumer.csproj"), """
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup>
                <OutputType>Exe</OutputType>
                <TargetFramework>net10.0</TargetFramework>
                <ImplicitUsings>enable</ImplicitUsings>
                <AllowUnsafeBlocks>true</AllowUnsafeBlocks>
              </PropertyGroup>
              <ItemGroup>
                <PackageReference Include="PackedGeometry" Version="1.2.3" />
              </ItemGroup>
            </Project>
            """);
        File.WriteAllText(Path.Combine(app, "Program.cs"), Consumer);
        var run = TestProject.Run("dotnet", ["run"], app).ShouldSucceed();
        StringAssert.EndsWith(run.Output, "10\n42\nTrue\n7\n");

        if (!arm64) Assert.Inconclusive("linux-x64 verified; the linux-arm64 half needs aarch64-linux-gnu-gcc and qemu-aarch64 (Debian: gcc-aarch64-linux-gnu, qemu-user)");
        var arm = Path.Combine(extracted, "runtimes", "linux-arm64", "native", "libPackedGeometry.so");
        StringAssert.Contains(TestProject.Run("readelf", ["-h", arm], extracted).ShouldSucceed().Output, "AArch64");
        CollectionAssert.AreEqual(new[] { "area", "isPrime", "twice", "vowels" }, NativeTools.ExportedSymbols(arm).ToArray());
        // No arm64 .NET here: an arm64 C host loads the packed library the way the .NET host would (dlopen) and calls it.
        File.WriteAllText(Path.Combine(extracted, "host.c"), DlopenHost);
        TestProject.Run("aarch64-linux-gnu-gcc", ["-o", "host", "host.c", "-ldl"], extracted).ShouldSucceed();
        var hosted = TestProject.Run("qemu-aarch64", ["-L", "/usr/aarch64-linux-gnu", "./host", arm], extracted).ShouldSucceed();
        Assert.AreEqual("10 42 1 runtime hidden\n", hosted.Output);
        // And NuGet gives a linux-arm64 build of the consumer the arm64 library.
        TestProject.Run("dotnet", ["build", "-r", "linux-arm64", "--self-contained", "false"], app).ShouldSucceed();
        var copied = Path.Combine(app, "bin", "Debug", "net10.0", "linux-arm64", "libPackedGeometry.so");
        StringAssert.Contains(TestProject.Run("readelf", ["-h", copied], app).ShouldSucceed().Output, "AArch64");
    }

    [TestMethod]
    public void StaticLibrary_PacksTheArchiveAndHeader_WhichACProgramLinks()
    {
        var project = TestProject.Create("pack-static", "PackedStats", """
            <Project Sdk="Sox.Sdk">
              <PropertyGroup>
                <OutputType>Library</OutputType>
                <Description>Statistics, in Sox.</Description>
              </PropertyGroup>
            </Project>
            """,
            ("stats.sox", """
                export fn mean3(a: double, b: double, c: double): double { return (a + b + c) / 3 }
                export fn gcd(a: int, b: int): int { if b == 0 { return a } return gcd(b, a % b) }
                """),
            ("stats_test.sox", """
                import "stats"
                #[test]
                fn TestGcd(t) { assert(stats.gcd(12, 18) == 6) }
                """));
        var feed = TestEnvironment.NewFolder("pack-static-feed");
        project.DotNet("pack", project.ProjectFile, "-o", feed).ShouldSucceed();
        var nupkg = Path.Combine(feed, "PackedStats.1.0.0.nupkg");
        var extracted = TestEnvironment.NewFolder("pack-static-contents");
        ZipFile.ExtractToDirectory(nupkg, extracted);
        var archive = Path.Combine(extracted, "runtimes", "linux-x64", "native", "libPackedStats.a");
        Assert.IsTrue(File.Exists(archive), "a library is packable though its *_test.sox files make it a test project too");
        StringAssert.Contains(File.ReadAllText(Path.Combine(extracted, "include", "PackedStats.h")), "int64_t gcd(int64_t a, int64_t b);");

        var program = NativeTools.Program(extracted, "stats", """
            #include <stdio.h>
            #include "PackedStats.h"
            int main(void) { printf("%g %lld\n", mean3(1, 2, 6), (long long)gcd(12, 18)); return 0; }
            """, "-I", Path.Combine(extracted, "include"), archive, "-lm", "-lpthread");
        Assert.AreEqual("3 6\n", TestProject.Run(program, [], extracted).ShouldSucceed().Output);
    }
}
