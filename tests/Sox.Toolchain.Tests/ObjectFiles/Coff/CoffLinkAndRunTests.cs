using Sox.Compiler.ObjectFiles.Coff;

namespace Sox.Toolchain.Tests.ObjectFiles.Coff;

/// <summary>
/// Links <see cref="CoffProgramObjects.Program"/> (REL32 calls and RIP-relative data, REL32_1/REL32_4, ADDR64 pointers
/// in .data and .rdata$sox_relro, a GOT load through a .refptr slot, ADDR32NB unwind data) with a C main using three
/// linkers — bare lld-link (MSVC-style driver, MinGW's import libraries), clang's MinGW driver with lld, and MinGW's
/// GCC with GNU ld — and runs each program under Wine: it must print three lines and exit with 75. Also builds a DLL
/// whose exports come only from <c>.drectve</c> (<see cref="CoffProgramObjects.Library"/>) with lld-link and with GNU
/// ld, and runs a program that imports from it.
/// </summary>
[TestClass]
public sealed class CoffLinkAndRunTests
{
    [TestMethod]
    public void ProgramLinkedWithLldLinkRunsUnderWine()
    {
        string clang = RequireClang(), lldLink = ExternalTool.Require("lld-link"), msvcrt = RequireMingwLibrary("libmsvcrt.a");
        using var dir = new TempDirectory();
        string obj = WriteProgram(dir);
        File.WriteAllText(dir.File("main.c"), CoffProgramObjects.MainSource);
        File.WriteAllText(dir.File("start.c"), CoffProgramObjects.StartSource);
        ExternalTool.RunClean(clang, dir.Path, "--target=x86_64-w64-windows-gnu", "-c", "main.c", "start.c");
        ExternalTool.RunClean(lldLink, dir.Path, "/nologo", "/entry:sox_start", "/subsystem:console", "/debug:symtab", "/out:program.exe", "main.o", "start.o", obj, msvcrt);
        AssertRuns(Wine.Run(dir.File("program.exe"), dir.Path));
        AssertUnwindInfoAndBaseRelocations(dir, "program.exe");
    }

    [TestMethod]
    public void ProgramLinkedWithClangMingwAndLldRunsUnderWine()
    {
        string clang = RequireClang();
        ExternalTool.Require("ld.lld");
        using var dir = new TempDirectory();
        string obj = WriteProgram(dir);
        File.WriteAllText(dir.File("main.c"), CoffProgramObjects.MainSource);
        ExternalTool.RunClean(clang, dir.Path, "--target=x86_64-w64-windows-gnu", "-fuse-ld=lld", "-o", "program.exe", "main.c", obj);
        AssertRuns(Wine.Run(dir.File("program.exe"), dir.Path));
        AssertUnwindInfoAndBaseRelocations(dir, "program.exe");
    }

    [TestMethod]
    public void ProgramLinkedWithMingwGccRunsUnderWine()
    {
        string gcc = ExternalTool.Require("x86_64-w64-mingw32-gcc");
        using var dir = new TempDirectory();
        string obj = WriteProgram(dir);
        File.WriteAllText(dir.File("main.c"), CoffProgramObjects.MainSource);
        ExternalTool.RunClean(gcc, dir.Path, "-o", "program.exe", "main.c", obj);
        AssertRuns(Wine.Run(dir.File("program.exe"), dir.Path));
        AssertUnwindInfoAndBaseRelocations(dir, "program.exe");
    }

    [TestMethod]
    public void DllExportsFromDrectveWithLldLink()
    {
        string clang = RequireClang(), lldLink = ExternalTool.Require("lld-link");
        ExternalTool.Require("ld.lld");
        using var dir = new TempDirectory();
        var writer = new CoffObjectWriter();
        File.WriteAllBytes(dir.File("library.obj"), writer.Write(CoffProgramObjects.Library()));
        // No /EXPORT options: the exports come from the object's .drectve. /noentry: the DLL needs no C runtime.
        ExternalTool.RunClean(lldLink, dir.Path, "/nologo", "/dll", "/noentry", "/out:soxlib.dll", "/implib:soxlib.lib", "library.obj");
        AssertExports(dir, "soxlib.dll");
        File.WriteAllText(dir.File("user.c"), CoffProgramObjects.DllUserSource);
        ExternalTool.RunClean(clang, dir.Path, "--target=x86_64-w64-windows-gnu", "-fuse-ld=lld", "-o", "user.exe", "user.c", "soxlib.lib");
        AssertDllUserRuns(Wine.Run(dir.File("user.exe"), dir.Path));
    }

    [TestMethod]
    public void DllExportsFromDrectveWithMingwGcc()
    {
        string gcc = ExternalTool.Require("x86_64-w64-mingw32-gcc");
        using var dir = new TempDirectory();
        File.WriteAllBytes(dir.File("library.obj"), new CoffObjectWriter().Write(CoffProgramObjects.Library()));
        ExternalTool.RunClean(gcc, dir.Path, "-shared", "-o", "soxlib.dll", "library.obj", "-Wl,--out-implib,libsoxlib.dll.a");
        AssertExports(dir, "soxlib.dll");
        File.WriteAllText(dir.File("user.c"), CoffProgramObjects.DllUserSource);
        ExternalTool.RunClean(gcc, dir.Path, "-o", "user.exe", "user.c", "-L.", "-lsoxlib");
        AssertDllUserRuns(Wine.Run(dir.File("user.exe"), dir.Path));
    }

    private static string WriteProgram(TempDirectory dir)
    {
        var writer = new CoffObjectWriter();
        string obj = "program" + writer.FileExtension;
        File.WriteAllBytes(dir.File(obj), writer.Write(CoffProgramObjects.Program()));
        return obj;
    }

    private static void AssertRuns(ToolResult run)
    {
        Assert.AreEqual(CoffProgramObjects.ExpectedOutput, run.StandardOutput, Describe(run));
        Assert.AreEqual(CoffProgramObjects.ExpectedExitCode, run.ExitCode, Describe(run));
    }

    private static void AssertDllUserRuns(ToolResult run)
    {
        Assert.AreEqual("dll answer=42 value=7\n", run.StandardOutput, Describe(run));
        Assert.AreEqual(42, run.ExitCode, Describe(run));
    }

    /// <summary>The exit code in hex (Wine's own failures are NTSTATUS values such as 0xc0000135) and stderr.</summary>
    private static string Describe(ToolResult run) => $"exit code 0x{run.ExitCode:x8}; stderr:\n{run.StandardError}";

    private static void AssertExports(TempDirectory dir, string dll)
    {
        string output = ExternalTool.RunClean(ExternalTool.Require("llvm-readobj"), dir.Path, "--coff-exports", dll);
        StringAssert.Contains(output, "Name: sox_answer");
        StringAssert.Contains(output, "Name: sox_dll_value");
    }

    /// <summary>The image's exception directory holds sox_greet's RUNTIME_FUNCTION (the ADDR32NB words resolved to
    /// its start, its end 0x62 bytes on and its UNWIND_INFO; /debug:symtab gives lld-link's image the names), and the three absolute pointers (sox_pointer, table, the .refptr slot) got base
    /// relocations.</summary>
    private static void AssertUnwindInfoAndBaseRelocations(TempDirectory dir, string exe)
    {
        string readobj = ExternalTool.Require("llvm-readobj");
        string unwind = ExternalTool.RunClean(readobj, dir.Path, "--unwind", exe);
        var entry = MachOReadObjNode.Parse(unwind).Child("UnwindInformation").Children
            .Where(c => c.Name == "RuntimeFunction").SingleOrDefault(f => f.Text("StartAddress").StartsWith("sox_greet ", StringComparison.Ordinal));
        Assert.IsNotNull(entry, unwind);
        Assert.AreEqual(Address(entry.Text("StartAddress")) + 0x62, Address(entry.Text("EndAddress")), unwind);
        var info = entry.Child("UnwindInfo");
        Assert.AreEqual("4", info.Text("PrologSize"), unwind);
        StringAssert.Contains(unwind, "ALLOC_SMALL size=40");
        string relocations = ExternalTool.RunClean(readobj, dir.Path, "--coff-basereloc", exe);
        Assert.IsGreaterThanOrEqualTo(3, relocations.Split('\n').Count(l => l.Contains("Type: DIR64", StringComparison.Ordinal)), relocations);
    }

    /// <summary>The address in <c>name (0x…)</c>.</summary>
    private static ulong Address(string text) =>
        ulong.Parse(text[(text.LastIndexOf("(0x", StringComparison.Ordinal) + 3)..text.LastIndexOf(')')], System.Globalization.NumberStyles.HexNumber, System.Globalization.CultureInfo.InvariantCulture);

    private static string RequireClang() =>
        ExternalTool.Find("clang-19") ?? ExternalTool.Find("clang") ?? ExternalTool.Require("clang-19");

    private static string RequireMingwLibrary(string name)
    {
        string gcc = ExternalTool.Require("x86_64-w64-mingw32-gcc");
        string path = ExternalTool.Run(gcc, Path.GetTempPath(), $"-print-file-name={name}").StandardOutput.Trim();
        if (!File.Exists(path)) Assert.Inconclusive($"needs MinGW-w64's {name}");
        return Path.GetFullPath(path);
    }
}
