using Sox.Sdk.Tests.Infrastructure;

namespace Sox.Sdk.Tests.EndToEnd;

/// <summary>
/// C sources (<c>SoxNativeSource</c>, by default every <c>*.c</c>) compiled by the C compiler into
/// <c>obj/…/native/</c> and linked into the program, and <c>SoxNativeLibrary</c> items passed to the link. The Sox
/// program calls the project's C code through <c>extern fn</c> and the C code calls back into an <c>export fn</c> of
/// the program (§9); a constructor in another C file (which needs libm) prints before the program starts.
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

    /// <summary>Sox calls C (add3: int64, int32 and double arguments) and C calls Sox (twice_area calls the export area).</summary>
    private const string Main = """
        extern fn add3(a: int, b: int32, c: double): double
        extern fn twice_area(w: double, h: double): double
        export fn area(w: double, h: double): double { return w * h }

        print "from Sox"
        print add3(40, 1, 0.5)
        print "C called Sox: " + str(twice_area(3, 4))
        """;

    private const string Helper = """
        #include <stdint.h>

        double add3(int64_t a, int32_t b, double c) { return (double)a + b + c; }

        double area(double w, double h); /* export fn area, in main.sox */
        double twice_area(double w, double h) { return 2 * area(w, h); }
        """;

    /// <summary>What the program of <see cref="CreateNativeProject"/> prints.</summary>
    public const string ExpectedOutput = "hello from C 4\nfrom Sox\n41.5\nC called Sox: 24\n";

    /// <summary>main.sox, helper.c, lib/hello.c with lib/hello.h: the shape every test here starts from.</summary>
    public static TestProject CreateNativeProject(string testName, string projectXml = Project) =>
        TestProject.Create(testName, "native", projectXml,
            ("main.sox", Main),
            ("helper.c", Helper),
            ("lib/hello.h", Header),
            ("lib/hello.c", Hello));

    [TestMethod]
    public void CSources_AreCompiledAndLinked_SoxAndCCallEachOther_AndLibrariesReachTheLink()
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
        CollectionAssert.AreEquivalent(new[] { project.PathOf("lib/hello.c"), project.PathOf("helper.c"), project.PathOf("util.c") },
            build.CompiledNativeSources.ToArray(), build.Output);
        Assert.IsTrue(File.Exists(project.PathOf("obj/Debug/linux-x64/native/lib/hello.o")));
        Assert.IsTrue(File.Exists(project.PathOf("obj/Debug/linux-x64/native/lib/hello.d")), "the compiler's -MD dependency file");
        StringAssert.Contains(File.ReadAllText(project.PathOf("obj/Debug/linux-x64/native/native.rsp")), "-O0\n-g\n");

        var linkCommand = File.ReadAllLines(project.PathOf("obj/Debug/linux-x64/link.rsp"));
        CollectionAssert.Contains(linkCommand, project.PathOf("obj/Debug/linux-x64/native/helper.o"));
        // The project's libraries come after every object; each library once, at its last place (the runtime's -lm -lpthread).
        var pthread = Array.LastIndexOf(linkCommand, "-lpthread");
        CollectionAssert.AreEqual(new[] { "-lsoxextra", "-lm" }, linkCommand[(pthread - 2)..pthread], string.Join('\n', linkCommand));
        Assert.AreEqual(1, linkCommand.Count(a => a == "-lm"), string.Join('\n', linkCommand));
        StringAssert.Contains(build.Output, "-lsoxextra", "normal verbosity shows the link command with the response file's arguments");

        var program = project.PathOf("bin/Debug/linux-x64/native");
        var run = TestProject.Run(program, [], project.Directory).ShouldSucceed();
        Assert.AreEqual(ExpectedOutput, run.Output);
        var symbols = NativeTools.DefinedSymbols(program);
        Assert.AreEqual('T', symbols.GetValueOrDefault("sox_native_square_root"), "the C function is in the program");
        Assert.AreEqual('T', symbols.GetValueOrDefault("sox_extra_answer"), "the library's function was linked");
        Assert.AreEqual('T', symbols.GetValueOrDefault("area"), "export fn area is a global C symbol");

        // Release: -O2, and a library named by its path is passed as it is.
        project.Build("-c", "Release").ShouldSucceed();
        StringAssert.Contains(File.ReadAllText(project.PathOf("obj/Release/linux-x64/native/native.rsp")), "-O2\n");
        CollectionAssert.Contains(File.ReadAllLines(project.PathOf("obj/Release/linux-x64/link.rsp")), archive);
        Assert.AreEqual(ExpectedOutput, TestProject.Run(project.PathOf("bin/Release/linux-x64/native"), [], project.Directory).ShouldSucceed().Output);
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

        // A changed C file recompiles alone and relinks, and the Sox program sees the new C code.
        project.Write("helper.c", Helper.Replace("return (double)a + b + c;", "return (double)a + b + c + 100;"));
        IncrementalTests.Touch(project.PathOf("helper.c"));
        var changed = project.Build().ShouldSucceed();
        CollectionAssert.AreEqual(new[] { project.PathOf("helper.c") }, changed.CompiledNativeSources.ToArray(), changed.Output);
        Assert.IsTrue(changed.Linked, changed.Output);
        Assert.IsFalse(changed.CompiledRuntime || changed.CompiledFiles.Count > 0, changed.Output);
        var program = project.PathOf("bin/Debug/linux-x64/native");
        Assert.AreEqual(ExpectedOutput.Replace("41.5", "141.5"), TestProject.Run(program, [], project.Directory).ShouldSucceed().Output);

        // A header the compiler listed in hello.d: only hello.c includes it.
        IncrementalTests.Touch(project.PathOf("lib/hello.h"));
        var header = project.Build().ShouldSucceed();
        CollectionAssert.AreEqual(new[] { project.PathOf("lib/hello.c") }, header.CompiledNativeSources.ToArray(), header.Output);
        Assert.IsTrue(header.Linked, header.Output);

        // Changed flags recompile every C source, and nothing else.
        var flags = project.Build("-p:SoxNativeCFlags=-DSOX_TEST_FLAG=1").ShouldSucceed();
        Assert.AreEqual(2, flags.CompiledNativeSources.Count, flags.Output);
        Assert.IsFalse(flags.CompiledRuntime || flags.CompiledFiles.Count > 0, flags.Output);

        // A deleted C source leaves the link (and its constructor the program).
        File.Delete(project.PathOf("lib/hello.c"));
        var deleted = project.Build("-p:SoxNativeCFlags=-DSOX_TEST_FLAG=1").ShouldSucceed();
        Assert.AreEqual(0, deleted.CompiledNativeSources.Count, deleted.Output);
        Assert.IsTrue(deleted.Linked, deleted.Output);
        Assert.IsFalse(File.ReadAllText(project.PathOf("obj/Debug/linux-x64/link.rsp")).Contains("hello.o", StringComparison.Ordinal));
        Assert.AreEqual("from Sox\n141.5\nC called Sox: 24\n", TestProject.Run(program, [], project.Directory).ShouldSucceed().Output);

        project.DotNet("clean", project.ProjectFile).ShouldSucceed();
        var native = project.PathOf("obj/Debug/linux-x64/native");
        Assert.IsFalse(Directory.Exists(native) && Directory.EnumerateFiles(native, "*", SearchOption.AllDirectories).Any(),
            "clean removes the objects, dependency files and native.rsp (those of hello.c, deleted earlier, too)");
    }

    /// <summary>The same project for linux-arm64: the cross compiler builds the C sources, and the extern calls and the callback follow AAPCS64.</summary>
    [TestMethod]
    public void LinuxArm64_CSourcesAndExterns_BuildWithTheCrossToolchain_AndRunUnderQemu()
    {
        foreach (var tool in new[] { "aarch64-linux-gnu-gcc", "qemu-aarch64" })
        {
            if (!TestProject.OnPath(tool)) Assert.Inconclusive($"'{tool}' is not on PATH: install the test tools (build/install-test-tools).");
        }
        var project = CreateNativeProject("native-arm64");
        project.Build("-p:RuntimeIdentifier=linux-arm64").ShouldSucceed();
        Assert.AreEqual(183, BitConverter.ToUInt16(File.ReadAllBytes(project.PathOf("obj/Debug/linux-arm64/native/helper.o")), 18), "e_machine is EM_AARCH64");
        var run = TestProject.Run("qemu-aarch64", ["-L", "/usr/aarch64-linux-gnu", project.PathOf("bin/Debug/linux-arm64/native")], project.Directory).ShouldSucceed();
        Assert.AreEqual(ExpectedOutput, run.Output);
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
        off.Write("main.sox", "print \"from Sox\"\n");
        off.Write("helper.c", "this is not C\n");
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
        Assert.AreEqual('T', symbols.GetValueOrDefault("add3"), "the archive holds the C objects");
        Assert.AreEqual('T', symbols.GetValueOrDefault("area"), "and the export of the Sox code");
    }
}
