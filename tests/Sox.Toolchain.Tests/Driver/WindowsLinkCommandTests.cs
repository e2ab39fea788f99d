using Sox.Compiler.Driver;

namespace Sox.Toolchain.Tests.Driver;

/// <summary>
/// The win-x64 link commands of both toolchain flavours (<see cref="ToolchainFlavor"/>), as data, and — where
/// clang, lld and llvm-lib are installed — what the real tools make of them: clang's MSVC driver's lld-link line
/// (<c>-###</c>) and llvm-lib's reading of a Windows-syntax response file.
/// </summary>
[TestClass]
public sealed class WindowsLinkCommandTests
{
    private static readonly TargetPlatform Win = TargetPlatform.Find("win-x64")!;

    private static readonly string[] MsvcArguments = ["--target=x86_64-pc-windows-msvc", "-fuse-ld=lld"];

    private static readonly LinkInputs Program = new()
    {
        OutputPath = @"C:\out\app.exe",
        ProgramObjects = [@"C:\obj\main.obj"],
        NativeObjects = [@"C:\obj\native\helper.obj"],
        Runtime = [@"C:\rt\sox_entry.obj", @"C:\rt\sox_gc.obj"],
        Libraries = [LinkLibrary.Parse("m"), LinkLibrary.Parse(@"third\zlib.lib"), LinkLibrary.Named("sqlite3"), LinkLibrary.Named("m")],
    };

    private static readonly HostEnvironment WindowsHost = new(true, new Dictionary<string, string>());
    private static readonly HostEnvironment LinuxHost = new(false, new Dictionary<string, string>());

    [TestMethod]
    public void Msvc_Executable_LinksWithClangsMsvcDriverAndTheRuntimesWin32Libraries()
    {
        var toolchain = new LinkToolchain(@"C:\LLVM\bin\clang.exe", MsvcArguments);
        Assert.AreEqual(ToolchainFlavor.Msvc, toolchain.Flavor, "the flavour follows the target arguments");

        var command = LinkCommand.For(Win, toolchain, Program);

        Assert.AreEqual(@"C:\LLVM\bin\clang.exe", command.Tool);
        Assert.AreEqual(ResponseFileSyntax.Gnu, command.Syntax, "clang's driver reads GNU-syntax response files on Windows too");
        CollectionAssert.AreEqual(new[]
        {
            "--target=x86_64-pc-windows-msvc", "-fuse-ld=lld", "-o", @"C:\out\app.exe", @"C:\obj\main.obj", @"C:\obj\native\helper.obj",
            @"C:\rt\sox_entry.obj", @"C:\rt\sox_gc.obj", @"third\zlib.lib", "-lsqlite3", "-lkernel32", "-lshell32",
        }, command.Arguments.ToArray());
    }

    [TestMethod]
    public void Msvc_SharedLibrary_IsADllWhoseImportLibraryTheLinkerWrites_WithoutTheRuntimeMain()
    {
        var command = LinkCommand.For(Win, new LinkToolchain("clang", MsvcArguments), Program with { OutputPath = @"C:\out\Greeter.dll", Kind = LinkOutputKind.SharedLibrary });
        CollectionAssert.AreEqual(new[] { "--target=x86_64-pc-windows-msvc", "-fuse-ld=lld", "-shared", "-o", @"C:\out\Greeter.dll" }, command.Arguments.Take(5).ToArray());
        CollectionAssert.DoesNotContain(command.Arguments.ToArray(), "-static-libgcc");
        Assert.IsFalse(command.Arguments.Any(a => a.Contains("out-implib", StringComparison.Ordinal)));
        CollectionAssert.DoesNotContain(command.Arguments.ToArray(), @"C:\rt\sox_entry.obj");
        Assert.AreEqual(@"C:\out\Greeter.lib", LinkCommand.ImportLibraryPath(@"C:\out\Greeter.dll").Replace('/', '\\'));
    }

    [TestMethod]
    public void Msvc_StaticLibrary_IsLlvmLibOut_InTheWindowsResponseFileSyntax()
    {
        var toolchain = new LinkToolchain("clang", MsvcArguments, @"C:\LLVM\bin\llvm-lib.exe");
        var command = LinkCommand.For(Win, toolchain, Program with { OutputPath = @"C:\out\Greeter.lib", Kind = LinkOutputKind.StaticLibrary }, WindowsHost);
        Assert.AreEqual(@"C:\LLVM\bin\llvm-lib.exe", command.Tool);
        Assert.AreEqual(ResponseFileSyntax.Windows, command.Syntax);
        CollectionAssert.AreEqual(new[]
        {
            @"/out:C:\out\Greeter.lib", @"C:\obj\main.obj", @"C:\obj\native\helper.obj", @"C:\rt\sox_entry.obj", @"C:\rt\sox_gc.obj",
        }, command.Arguments.ToArray());
        // llvm-lib reads Windows syntax on every host, so the host does not matter.
        Assert.AreEqual(ResponseFileSyntax.Windows, LinkCommand.For(Win, toolchain, Program with { Kind = LinkOutputKind.StaticLibrary }, LinuxHost).Syntax);
    }

    [TestMethod]
    public void LlvmAr_ReadsWindowsSyntaxOnlyOnAWindowsHost()
    {
        var inputs = Program with { OutputPath = "libapp.a", Kind = LinkOutputKind.StaticLibrary };
        var onWindows = LinkCommand.For(Win, new LinkToolchain("gcc", [], @"C:\LLVM\bin\llvm-ar.exe"), inputs, WindowsHost);
        Assert.AreEqual("rcs", onWindows.Arguments[0]);
        Assert.AreEqual(ResponseFileSyntax.Windows, onWindows.Syntax);
        Assert.AreEqual(ResponseFileSyntax.Gnu, LinkCommand.For(Win, new LinkToolchain("gcc", [], "/usr/bin/llvm-ar"), inputs, LinuxHost).Syntax);
        Assert.AreEqual(ResponseFileSyntax.Gnu, LinkCommand.For(Win, new LinkToolchain("gcc", [], @"C:\mingw64\bin\ar.exe"), inputs, WindowsHost).Syntax,
            "GNU ar reads libiberty's syntax everywhere");
    }

    [TestMethod]
    public void MinGW_CommandsAreTodays()
    {
        var toolchain = new LinkToolchain("/usr/bin/x86_64-w64-mingw32-gcc", []);
        Assert.AreEqual(ToolchainFlavor.Gnu, toolchain.Flavor);
        var exe = LinkCommand.For(Win, toolchain, Program with { OutputPath = "/out/app.exe" });
        CollectionAssert.AreEqual(new[] { @"third\zlib.lib", "-lsqlite3", "-lm", "-lpthread" }, exe.Arguments.TakeLast(4).ToArray());
        var dll = LinkCommand.For(Win, toolchain, Program with { OutputPath = "/out/Greeter.dll", Kind = LinkOutputKind.SharedLibrary });
        CollectionAssert.AreEqual(new[] { "-shared", "-static-libgcc", "-Wl,--out-implib,/out/Greeter.lib", "-o", "/out/Greeter.dll" }, dll.Arguments.Take(5).ToArray());
        var clang = LinkCommand.For(Win, new LinkToolchain("clang", ["--target=x86_64-w64-windows-gnu", "-fuse-ld=lld"]), Program);
        Assert.AreEqual(ToolchainFlavor.Gnu, new LinkToolchain("clang", ["--target=x86_64-w64-windows-gnu", "-fuse-ld=lld"]).Flavor);
        CollectionAssert.Contains(clang.Arguments.ToArray(), "-lpthread");
        var archive = LinkCommand.For(Win, toolchain with { Archiver = "/usr/bin/x86_64-w64-mingw32-ar" }, Program with { OutputPath = "/out/libGreeter.a", Kind = LinkOutputKind.StaticLibrary }, LinuxHost);
        Assert.AreEqual("rcs", archive.Arguments[0]);
        Assert.AreEqual(ResponseFileSyntax.Gnu, archive.Syntax);
    }

    [TestMethod]
    public void ExternLibraries_AreDashLForBothFlavours_ButMIsDroppedMsvcStyle()
    {
        var inputs = Program with { Libraries = [LinkLibrary.Named("user32"), LinkLibrary.Named("m")] };
        var msvc = LinkCommand.For(Win, new LinkToolchain("clang", MsvcArguments), inputs).Arguments;
        CollectionAssert.Contains(msvc.ToArray(), "-luser32");
        CollectionAssert.DoesNotContain(msvc.ToArray(), "-lm");
        var mingw = LinkCommand.For(Win, new LinkToolchain("gcc", []), inputs).Arguments;
        CollectionAssert.Contains(mingw.ToArray(), "-luser32");
        CollectionAssert.Contains(mingw.ToArray(), "-lm");
    }

    [TestMethod]
    public void RuntimeFlags_HaveNoFPicMsvcStyle()
    {
        CollectionAssert.DoesNotContain(RuntimeLibrary.CompileFlagsFor(ToolchainFlavor.Msvc).ToArray(), "-fPIC");
        CollectionAssert.AreEqual(RuntimeLibrary.CompileFlags, RuntimeLibrary.CompileFlagsFor(ToolchainFlavor.Gnu).ToArray());
        CollectionAssert.AreEqual(RuntimeLibrary.LinkLibraries, RuntimeLibrary.LinkLibrariesFor(Win, ToolchainFlavor.Gnu).ToArray());
        CollectionAssert.AreEqual(RuntimeLibrary.LinkLibraries, RuntimeLibrary.LinkLibrariesFor(TargetPlatform.Find("linux-x64")!, ToolchainFlavor.Msvc).ToArray());
    }

    [TestMethod]
    public void ResponseFile_WindowsPathsInBothSyntaxes()
    {
        string[] arguments = [@"/out:C:\o\app.lib", @"C:\o b\a.obj", "say \"hi\"", @"C:\dir\", "-lm"];
        Assert.AreEqual("\"/out:C:\\\\o\\\\app.lib\"\n\"C:\\\\o b\\\\a.obj\"\n\"say \\\"hi\\\"\"\n\"C:\\\\dir\\\\\"\n-lm\n",
            ResponseFile.Format(arguments, ResponseFileSyntax.Gnu), "GNU: every backslash doubled, or libiberty would eat it");
        Assert.AreEqual("\"/out:C:\\o\\app.lib\"\n\"C:\\o b\\a.obj\"\n\"say \\\"hi\\\"\"\n\"C:\\dir\\\\\"\n-lm\n",
            ResponseFile.Format(arguments, ResponseFileSyntax.Windows), "Windows: backslashes literal, doubled only before a quote");
    }

    [TestMethod]
    public void ALongCommand_GoesThroughAResponseFileInItsToolsSyntax()
    {
        var dir = Directory.CreateTempSubdirectory("sox-long-link").FullName;
        try
        {
            var rsp = Path.Combine(dir, "link.rsp");
            var command = LinkCommand.For(Win, new LinkToolchain("clang", MsvcArguments, "llvm-lib"), Program with { Kind = LinkOutputKind.StaticLibrary });
            Assert.AreSame(command, command.ThroughResponseFileIfLong(rsp), "a short command runs as it is");
            Assert.IsFalse(File.Exists(rsp));

            var viaFile = command.ThroughResponseFileIfLong(rsp, limit: 20);
            Assert.AreEqual(command.Tool, viaFile.Tool);
            CollectionAssert.AreEqual(new[] { "@" + rsp }, viaFile.Arguments.ToArray());
            Assert.AreEqual(ResponseFile.Format(command.Arguments, ResponseFileSyntax.Windows), File.ReadAllText(rsp));
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    // ---- The real tools, where installed ----

    private static string RequireTool(string name) =>
        ProcessRunner.FindOnPath(name) ?? throw new AssertInconclusiveException($"{name} is not installed (Debian: the clang and lld packages, llvm for llvm-lib)");

    [TestMethod]
    public void Clang_MsvcDriverTurnsTheCommandIntoTheExpectedLldLinkLine()
    {
        var clang = RequireTool("clang");
        var dir = Directory.CreateTempSubdirectory("sox-msvc-link").FullName;
        try
        {
            string P(string name) => Path.Combine(dir, name);
            foreach (var file in new[] { "main.o", "sox_entry.o", "sox_gc.o" }) File.WriteAllText(P(file), "");
            var command = LinkCommand.For(Win, new LinkToolchain(clang, MsvcArguments), new LinkInputs
            {
                OutputPath = P("Greeter.dll"),
                Kind = LinkOutputKind.SharedLibrary,
                ProgramObjects = [P("main.o")],
                Runtime = [P("sox_entry.o"), P("sox_gc.o")],
                Libraries = [LinkLibrary.Named("foo")],
            });
            var result = ProcessRunner.Run(command.Tool, ["-###", .. command.Arguments]);
            var link = result.Output.Split('\n').LastOrDefault(l => l.Contains("lld-link", StringComparison.Ordinal))
                ?? throw new AssertFailedException("no lld-link line in: " + result.Output);
            foreach (var expected in new[] { "\"-dll\"", $"\"-implib:{P("Greeter.lib")}\"", $"\"-out:{P("Greeter.dll")}\"", "\"foo.lib\"", "\"kernel32.lib\"", "\"shell32.lib\"" })
            {
                StringAssert.Contains(link, expected);
            }
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [TestMethod]
    public void LlvmLib_ReadsTheWindowsSyntaxItIsGiven()
    {
        var clang = RequireTool("clang");
        var llvmLib = RequireTool("llvm-lib");
        var dir = Directory.CreateTempSubdirectory("sox-llvm-lib").FullName;
        try
        {
            // A backslash in a file name (legal on Linux) survives only the Windows syntax; GNU would drop it.
            var obj = Path.Combine(dir, @"a\b c.o");
            var source = Path.Combine(dir, "a.c");
            File.WriteAllText(source, "int sox_test_fn(void) { return 1; }\n");
            var compile = ProcessRunner.Run(clang, [.. MsvcArguments, "-c", "-o", obj, source]);
            Assert.AreEqual(0, compile.ExitCode, compile.Output);
            var command = LinkCommand.For(Win, new LinkToolchain(clang, MsvcArguments, llvmLib),
                new LinkInputs { OutputPath = Path.Combine(dir, "Greeter.lib"), Kind = LinkOutputKind.StaticLibrary, ProgramObjects = [obj] });
            var rsp = Path.Combine(dir, "link.rsp");
            ResponseFile.WriteIfChanged(rsp, command.Arguments, command.Syntax);
            var archive = ProcessRunner.Run(command.Tool, ["@" + rsp]);
            Assert.AreEqual(0, archive.ExitCode, archive.Output);
            // The member is named by its path: present only when llvm-lib read the path whole, backslash included.
            StringAssert.Contains(System.Text.Encoding.Latin1.GetString(File.ReadAllBytes(Path.Combine(dir, "Greeter.lib"))), @"a\b c.o");
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }
}
