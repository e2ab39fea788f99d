using Sox.Sdk.Tests.Infrastructure;

namespace Sox.Sdk.Tests.EndToEnd;

/// <summary>
/// C sources (<c>SoxNativeSource</c>, by default every <c>*.c</c>) compiled by the C compiler into
/// <c>obj/…/native/</c> and linked into the program, and <c>SoxNativeLibrary</c> items passed to the link. Sox code
/// can't call C yet, so the C code makes itself observable through a constructor that runs before the program; the
/// rest is checked on the link command and with <c>nm</c>.
/// </summary>
[TestClass]
public sealed class NativeSourceTests
{
    private const string Project = """
        <Project Sdk="Sox.Sdk">
          <ItemGroup>
            <SoxNativeLibrary Include="m" />
          </ItemGroup>
        </Project>
        """;

    private const string Header = "#define GREETING \"hello from C\"\n";

    /// <summary>A constructor that prints before main; sqrt needs libm (SoxNativeLibrary m).</summary>
    private const string Hello = """
        #include <math.h>
        #include <stdio.h>
        #include "hello.h"

        double sox_native_square_root(double x) { return sqrt(x); }

        __attribute__((constructor)) static void sox_native_hello(void) {
          printf("%s %g\n", GREETING, sox_native_square_root(16.0));
          fflush(stdout);
        }
        """;

    private const string Util = "int sox_native_util(int x) { return x + 1; }\n";

    /// <summary>main.sox, lib/hello.c with lib/hello.h, util.c: the shape every test here starts from.</summary>
    public static TestProject CreateNativeProject(string testName, string projectXml = Project) =>
        TestProject.Create(testName, "native", projectXml,
            ("main.sox", "print \"from Sox\"\n"),
            ("lib/hello.h", Header),
            ("lib/hello.c", Hello),
            ("util.c", Util));

    [TestMethod]
    public void CSources_AreCompiledAndLinked_TheirCodeRuns_AndLibrariesReachTheLink()
    {
        // A static library outside the project, linked through SoxNativeLibrary (a name: -l, with -L in SoxLinkerArgs).
        var libraries = TestEnvironment.NewFolder("native-libs");
        NativeTools.StaticLibrary(libraries, "soxextra", "int sox_extra_answer(void) { return 42; }\n");
        var archive = Path.Combine(libraries, "libsoxextra.a");
        var project = CreateNativeProject("native-link", $"""
            <Project Sdk="Sox.Sdk">
              <PropertyGroup>
                <SoxLinkerArgs>-L{libraries}</SoxLinkerArgs>
              </PropertyGroup>
              <ItemGroup>
                <SoxNativeLibrary Include="{archive}" Condition="'$(Configuration)' == 'Release'" />
                <SoxNativeLibrary Include="m" />
                <SoxNativeLibrary Include="soxextra" Condition="'$(Configuration)' == 'Debug'" />
              </ItemGroup>
            </Project>
            """);
        project.Write("util.c", "int sox_extra_answer(void);\nint sox_native_util(int x) { return x + sox_extra_answer(); }\n" +
            "__attribute__((constructor)) static void sox_native_use(void) { if (sox_native_util(0) != 42) __builtin_trap(); }\n");

        var build = project.Build().ShouldSucceed();
        CollectionAssert.AreEquivalent(new[] { project.PathOf("lib/hello.c"), project.PathOf("util.c") }, build.CompiledNativeSources.ToArray(), build.Output);
        Assert.IsTrue(File.Exists(project.PathOf("obj/Debug/linux-x64/native/lib/hello.o")));
        Assert.IsTrue(File.Exists(project.PathOf("obj/Debug/linux-x64/native/lib/hello.d")), "the compiler's -MD dependency file");
        StringAssert.Contains(File.ReadAllText(project.PathOf("obj/Debug/linux-x64/native/native.rsp")), "-O0\n-g\n");

        var linkCommand = File.ReadAllLines(project.PathOf("obj/Debug/linux-x64/link.rsp"));
        CollectionAssert.Contains(linkCommand, project.PathOf("obj/Debug/linux-x64/native/util.o"));
        // The project's libraries come after every object, before the runtime's own -lm -lpthread.
        var pthread = Array.LastIndexOf(linkCommand, "-lpthread");
        CollectionAssert.AreEqual(new[] { "-lm", "-lsoxextra", "-lm" }, linkCommand[(pthread - 3)..pthread], string.Join('\n', linkCommand));
        StringAssert.Contains(build.Output, "-lsoxextra", "normal verbosity shows the link command with the response file's arguments");

        var program = project.PathOf("bin/Debug/linux-x64/native");
        var run = TestProject.Run(program, [], project.Directory).ShouldSucceed();
        Assert.AreEqual("hello from C 4\nfrom Sox\n", run.Output);
        var symbols = NativeTools.DefinedSymbols(program);
        Assert.AreEqual('T', symbols.GetValueOrDefault("sox_native_square_root"), "the C function is in the program");
        Assert.AreEqual('T', symbols.GetValueOrDefault("sox_extra_answer"), "the library's function was linked");

        // Release: -O2, and a library named by its path is passed as it is.
        project.Build("-c", "Release").ShouldSucceed();
        StringAssert.Contains(File.ReadAllText(project.PathOf("obj/Release/linux-x64/native/native.rsp")), "-O2\n");
        CollectionAssert.Contains(File.ReadAllLines(project.PathOf("obj/Release/linux-x64/link.rsp")), archive);
        Assert.AreEqual("hello from C 4\nfrom Sox\n", TestProject.Run(project.PathOf("bin/Release/linux-x64/native"), [], project.Directory).ShouldSucceed().Output);
    }

    [TestMethod]
    public void CSources_AreIncremental_PerFile_AndWithTheirHeaders_AndCleanRemovesTheirObjects()
    {
        var project = CreateNativeProject("native-incremental");
        var first = project.Build().ShouldSucceed();
        Assert.AreEqual(2, first.CompiledNativeSources.Count, first.Output);

        var noop = project.Build().ShouldSucceed();
        Assert.AreEqual(0, noop.CompiledNativeSources.Count, noop.Output);
        Assert.IsFalse(noop.Linked || noop.CompiledRuntime || noop.CompiledFiles.Count > 0, noop.Output);
        Assert.IsTrue(noop.Skipped("SoxCompileNative") && noop.Skipped("SoxLink"), noop.Output);

        IncrementalTests.Touch(project.PathOf("util.c"));
        var touched = project.Build().ShouldSucceed();
        CollectionAssert.AreEqual(new[] { project.PathOf("util.c") }, touched.CompiledNativeSources.ToArray(), touched.Output);
        Assert.IsTrue(touched.Linked, touched.Output);
        Assert.IsFalse(touched.CompiledRuntime || touched.CompiledFiles.Count > 0, touched.Output);

        // A header the compiler listed in hello.d: only hello.c includes it.
        IncrementalTests.Touch(project.PathOf("lib/hello.h"));
        var header = project.Build().ShouldSucceed();
        CollectionAssert.AreEqual(new[] { project.PathOf("lib/hello.c") }, header.CompiledNativeSources.ToArray(), header.Output);
        Assert.IsTrue(header.Linked, header.Output);

        // Changed flags recompile every C source, and nothing else.
        var flags = project.Build("-p:SoxNativeCFlags=-DSOX_TEST_FLAG=1").ShouldSucceed();
        Assert.AreEqual(2, flags.CompiledNativeSources.Count, flags.Output);
        Assert.IsFalse(flags.CompiledRuntime || flags.CompiledFiles.Count > 0, flags.Output);

        // A deleted C source leaves the link.
        File.Delete(project.PathOf("util.c"));
        var deleted = project.Build("-p:SoxNativeCFlags=-DSOX_TEST_FLAG=1").ShouldSucceed();
        Assert.AreEqual(0, deleted.CompiledNativeSources.Count, deleted.Output);
        Assert.IsTrue(deleted.Linked, deleted.Output);
        Assert.IsFalse(File.ReadAllText(project.PathOf("obj/Debug/linux-x64/link.rsp")).Contains("util.o", StringComparison.Ordinal));

        project.DotNet("clean", project.ProjectFile).ShouldSucceed();
        var native = project.PathOf("obj/Debug/linux-x64/native");
        Assert.IsFalse(Directory.Exists(native) && Directory.EnumerateFiles(native, "*", SearchOption.AllDirectories).Any(),
            "clean removes the objects, dependency files and native.rsp (those of util.c, deleted earlier, too)");
    }

    [TestMethod]
    public void CSourceError_IsReportedAtItsLine_WithSOX5010()
    {
        var project = CreateNativeProject("native-error");
        project.Write("util.c", "int sox_native_util(int x) {\n  return x +;\n}\n");
        var build = project.Build().ShouldFail();
        StringAssert.Contains(build.Output, project.PathOf("util.c") + "(2,");
        StringAssert.Contains(build.Output, "error SOX5010: compiling util.c: ");
        Assert.IsFalse(File.Exists(project.PathOf("bin/Debug/linux-x64/native")), "no link after a failed compile");
    }

    [TestMethod]
    public void DefaultNativeItems_CanBeSwitchedOff_AndALibraryArchivesTheCObjects()
    {
        var off = CreateNativeProject("native-off", """
            <Project Sdk="Sox.Sdk">
              <PropertyGroup>
                <EnableDefaultSoxNativeItems>false</EnableDefaultSoxNativeItems>
              </PropertyGroup>
            </Project>
            """);
        off.Write("util.c", "this is not C\n");
        var build = off.Build().ShouldSucceed();
        Assert.AreEqual(0, build.CompiledNativeSources.Count, build.Output);
        Assert.IsFalse(Directory.Exists(off.PathOf("obj/Debug/linux-x64/native")));

        var library = CreateNativeProject("native-library", """
            <Project Sdk="Sox.Sdk">
              <PropertyGroup>
                <OutputType>Library</OutputType>
              </PropertyGroup>
            </Project>
            """);
        library.Build().ShouldSucceed();
        var symbols = NativeTools.DefinedSymbols(library.PathOf("bin/Debug/linux-x64/libnative.a"));
        Assert.AreEqual('T', symbols.GetValueOrDefault("sox_native_util"), "the archive holds the C objects");
    }
}
