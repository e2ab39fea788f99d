using System.Text.RegularExpressions;
using Sox.Sdk.Tests.Infrastructure;

namespace Sox.Sdk.Tests.EndToEnd;

/// <summary>
/// issue 12 item 6: <c>StripSymbols=true</c> moves a program's (or shared library's) DWARF into <c>Name.dbg</c> with a
/// GNU debuglink, as NativeAOT does; gdb follows the link; switching StripSymbols relinks without recompiling, and
/// DebugType=none links a program without DWARF. Sections are read with readelf, an independent tool.
/// </summary>
[TestClass]
public sealed partial class StripSymbolsTests
{
    [TestMethod]
    public void StripSymbols_MovesTheDwarfIntoADbgFile_GdbFollowsTheDebuglink_AndSwitchingItRelinks()
    {
        RequireTool("readelf", "binutils");
        var project = TestProject.FromSample("strip-symbols", "hello", "hello.soxproj");
        var program = project.PathOf("bin/Debug/linux-x64/hello");
        var debugFile = project.PathOf("bin/Debug/linux-x64/hello.dbg");

        project.Build().ShouldSucceed();
        Assert.IsTrue(Sections(program).Contains(".debug_info"), "without StripSymbols the program carries its DWARF");
        Assert.IsFalse(File.Exists(debugFile), "and no .dbg is made");
        var expected = TestProject.Run(program, [], project.Directory).ShouldSucceed().Output;

        var strip = project.Build("-p:StripSymbols=true").ShouldSucceed();
        Assert.IsTrue(strip.Linked, "a change of StripSymbols relinks:\n" + strip.Output);
        Assert.AreEqual(0, strip.CompiledFiles.Count, "but recompiles nothing:\n" + strip.Output);
        var stripped = Sections(program);
        Assert.IsFalse(stripped.Any(s => s.StartsWith(".debug_", StringComparison.Ordinal)), "the stripped program has no .debug_* section: " + string.Join(' ', stripped));
        Assert.IsFalse(stripped.Contains(".symtab"), "nor a symbol table");
        Assert.IsTrue(stripped.Contains(".gnu_debuglink"), "it has a debuglink");
        StringAssert.Contains(TestProject.Run("readelf", ["-p", ".gnu_debuglink", program], project.Directory).ShouldSucceed().Output, "hello.dbg");
        var separate = Sections(debugFile);
        foreach (var section in new[] { ".debug_info", ".debug_line", ".debug_abbrev", ".symtab" })
            Assert.IsTrue(separate.Contains(section), $"hello.dbg has {section}: " + string.Join(' ', separate));
        Assert.AreEqual(expected, TestProject.Run(program, [], project.Directory).ShouldSucceed().Output, "the stripped program runs as before");

        var again = project.Build("-p:StripSymbols=true").ShouldSucceed();
        Assert.IsTrue(again.Skipped("SoxLink"), "an unchanged build does not link again:\n" + again.Output);

        if (TestProject.OnPath("gdb"))
        {
            var line = File.ReadAllLines(project.PathOf("hello.sox")).ToList().FindIndex(l => l.Contains("return fib(n - 1)", StringComparison.Ordinal)) + 1;
            var gdb = TestProject.Run("gdb", ["-batch", "-nx", "-ex", $"break hello.sox:{line}", "-ex", "run", "-ex", "bt", program], project.Directory);
            // The program itself has neither line table nor symbols (checked above): file, line and name come from
            // hello.dbg, found through the debuglink.
            StringAssert.Contains(gdb.Output, $"hello.sox:{line}", gdb.Output);
            StringAssert.Contains(gdb.Output, " fib (", gdb.Output);
        }

        var back = project.Build().ShouldSucceed();
        Assert.IsTrue(back.Linked && back.CompiledFiles.Count == 0, "switching StripSymbols off relinks only:\n" + back.Output);
        Assert.IsFalse(File.Exists(debugFile), "the .dbg of the stripped program is gone");
        Assert.IsTrue(Sections(program).Contains(".debug_info"));

        // Publishing splits again (a relink) and carries both files.
        var publish = project.DotNet("publish", project.ProjectFile, "-c", "Debug", "-p:StripSymbols=true").ShouldSucceed();
        var publishDirectory = project.PathOf("bin/Debug/linux-x64/publish");
        Assert.IsTrue(File.Exists(Path.Combine(publishDirectory, "hello")) && File.Exists(Path.Combine(publishDirectory, "hello.dbg")),
            "publish carries the program and its .dbg:\n" + publish.Output);
        project.DotNet("clean", project.ProjectFile, "-p:StripSymbols=true").ShouldSucceed();
        Assert.IsFalse(File.Exists(debugFile) || File.Exists(program), "clean deletes the program and its .dbg");
    }

    [TestMethod]
    public void LinkedPrograms_HaveDwarfInDebugAndRelease_NoneWithDebugTypeNone_AndSwitchingRecompiles()
    {
        RequireTool("readelf", "binutils");
        var project = TestProject.FromSample("debug-type", "hello", "hello.soxproj");
        project.Build("-c", "Release").ShouldSucceed();
        var release = Sections(project.PathOf("bin/Release/linux-x64/hello"));
        Assert.IsTrue(release.Contains(".debug_info") && release.Contains(".debug_line"), "Release links DWARF in: " + string.Join(' ', release));

        var none = project.Build("-c", "Release", "-p:DebugType=none").ShouldSucceed();
        Assert.IsTrue(none.Linked && none.CompiledFiles.Contains("hello.sox"), "DebugType=none recompiles and relinks:\n" + none.Output);
        var without = Sections(project.PathOf("bin/Release/linux-x64/hello"));
        // The C library's startup files may bring a little DWARF of their own; none of it is Sox's.
        Assert.IsFalse(without.Contains(".debug_line") || without.Contains(".debug_info"), "DebugType=none: no DWARF: " + string.Join(' ', without));

        var noStrip = project.Build("-c", "Release", "-p:DebugSymbols=false", "-p:StripSymbols=true").ShouldSucceed();
        Assert.IsFalse(File.Exists(project.PathOf("bin/Release/linux-x64/hello.dbg")), "without debug information StripSymbols has nothing to move:\n" + noStrip.Output);
        Assert.AreEqual(0, noStrip.CompiledFiles.Count, "DebugSymbols=false is the switch DebugType=none already made:\n" + noStrip.Output);
    }

    [TestMethod]
    public void StripSymbols_SharedLibrary_KeepsItsExports_AndMovesTheDwarf()
    {
        RequireTool("readelf", "binutils");
        RequireTool("nm", "binutils");
        var project = TestProject.Create("strip-shared", "shapes", """
            <Project Sdk="Sox.Sdk">
              <PropertyGroup>
                <OutputType>SharedLibrary</OutputType>
                <StripSymbols>true</StripSymbols>
              </PropertyGroup>
            </Project>
            """,
            ("shapes.sox", "export fn area(w: double, h: double): double {\n  return w * h\n}\n"));
        project.Build().ShouldSucceed();
        var library = project.PathOf("bin/Debug/linux-x64/libshapes.so");
        var sections = Sections(library);
        Assert.IsFalse(sections.Any(s => s.StartsWith(".debug_", StringComparison.Ordinal)), string.Join(' ', sections));
        Assert.IsTrue(sections.Contains(".gnu_debuglink"));
        Assert.IsTrue(Sections(project.PathOf("bin/Debug/linux-x64/libshapes.dbg")).Contains(".debug_line"));
        var dynamic = TestProject.Run("nm", ["-D", "--defined-only", library], project.Directory).ShouldSucceed();
        Assert.IsTrue(Regex.IsMatch(dynamic.Output, @" T area\n"), "the export stays callable:\n" + dynamic.Output);
    }

    [TestMethod]
    public void StripSymbols_LinuxArm64_UsesAnObjcopyThatReadsAArch64()
    {
        RequireTool("aarch64-linux-gnu-gcc", "gcc-aarch64-linux-gnu");
        RequireTool("readelf", "binutils");
        var project = TestProject.FromSample("strip-arm64", "hello", "hello.soxproj");
        var build = project.Build("-p:RuntimeIdentifier=linux-arm64", "-p:StripSymbols=true").ShouldSucceed();
        var program = project.PathOf("bin/Debug/linux-arm64/hello");
        var sections = Sections(program);
        Assert.IsFalse(sections.Any(s => s.StartsWith(".debug_", StringComparison.Ordinal)), string.Join(' ', sections));
        Assert.IsTrue(sections.Contains(".gnu_debuglink"), build.Output);
        Assert.IsTrue(Sections(project.PathOf("bin/Debug/linux-arm64/hello.dbg")).Contains(".debug_info"));
        if (TestProject.OnPath("qemu-aarch64"))
            StringAssert.StartsWith(TestProject.Run("qemu-aarch64", ["-L", "/usr/aarch64-linux-gnu", program], project.Directory).ShouldSucceed().Output, "Hello, world from Sox!\n");
    }

    [TestMethod]
    public void StripSymbols_WithAnObjcopyThatIsMissing_IsSox6007_AndLeavesNoProgram()
    {
        var project = TestProject.FromSample("strip-missing", "hello", "hello.soxproj");
        var build = project.Build("-p:StripSymbols=true", "-p:SoxObjcopy=no-such-objcopy").ShouldFail();
        StringAssert.Contains(build.Output, "error SOX6007", build.Output);
        StringAssert.Contains(build.Output, "no-such-objcopy", build.Output);
        Assert.IsFalse(File.Exists(project.PathOf("bin/Debug/linux-x64/hello")), "no program that still carries its DWARF is left behind");
        Assert.IsTrue(project.Build("-p:StripSymbols=true").ShouldSucceed().Linked, "the next build links (and splits) again");
    }

    /// <summary>
    /// win-x64 keeps debug information in <c>Name.pdb</c>, which the link writes (CodeView, a helper of its own): the
    /// SDK's side is the item plumbing — with debug information the PDB beside the program is its symbol file,
    /// published with it and deleted by clean; with <c>DebugType=none</c> there is none. The PDB here is a file the
    /// test puts where the link writes it, so this checks the SDK's items whatever linker made the program.
    /// </summary>
    [TestMethod]
    public void WinX64_ThePdbBesideTheProgram_IsPublishedAndCleaned()
    {
        RequireTool("x86_64-w64-mingw32-gcc", "mingw-w64");
        var project = TestProject.FromSample("win-pdb", "hello", "hello.soxproj");
        var symbolFile = project.DotNet("build", project.ProjectFile, "-r", "win-x64", "-getProperty:SoxSymbolFilePath").ShouldSucceed().Output.Trim();
        Assert.AreEqual(project.PathOf("bin/Debug/win-x64/hello.pdb"), symbolFile);
        var none = project.DotNet("build", project.ProjectFile, "-r", "win-x64", "-p:DebugType=none", "-getProperty:SoxSymbolFilePath").ShouldSucceed().Output.Trim();
        Assert.AreEqual("", none, "no debug information, no PDB");

        project.Build("-p:RuntimeIdentifier=win-x64").ShouldSucceed();
        var pdb = project.PathOf("bin/Debug/win-x64/hello.pdb");
        if (!File.Exists(pdb)) File.WriteAllText(pdb, "stands for the PDB the link writes");
        project.DotNet("publish", project.ProjectFile, "-c", "Debug", "-p:RuntimeIdentifier=win-x64").ShouldSucceed();
        Assert.IsTrue(File.Exists(project.PathOf("bin/Debug/win-x64/publish/hello.pdb")), "publish copies the PDB");
        project.DotNet("clean", project.ProjectFile, "-p:RuntimeIdentifier=win-x64").ShouldSucceed();
        Assert.IsFalse(File.Exists(pdb), "clean deletes the PDB");
    }

    /// <summary>The section names of an ELF file, from <c>readelf -S -W</c>.</summary>
    private static HashSet<string> Sections(string file)
    {
        Assert.IsTrue(File.Exists(file), file + " exists");
        var output = TestProject.Run("readelf", ["-S", "-W", file], Path.GetDirectoryName(file)!).ShouldSucceed().Output;
        return [.. SectionLine().Matches(output).Select(m => m.Groups[1].Value)];
    }

    private static void RequireTool(string tool, string package)
    {
        if (!TestProject.OnPath(tool)) Assert.Inconclusive($"needs {tool} (Debian package {package})");
    }

    [GeneratedRegex(@"^\s*\[\s*\d+\]\s+(\S+)", RegexOptions.Multiline)]
    private static partial Regex SectionLine();
}
