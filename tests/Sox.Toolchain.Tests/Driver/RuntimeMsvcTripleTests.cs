using Sox.Compiler.Driver;

namespace Sox.Toolchain.Tests.Driver;

/// <summary>
/// The runtime's C sources compile for <c>x86_64-pc-windows-msvc</c>, the MSVC-style Windows toolchain's triple, with
/// the flags <c>sox build</c> and the SDK use there (<see cref="RuntimeLibrary.CompileFlagsFor"/>) plus <c>-Werror</c>.
/// No Windows SDK is available on Linux, so the mingw-w64 headers stand in for it (found through the MinGW gcc's
/// own include path). Those headers only parse with <c>__GNUC__</c> defined (their MSVC branch puts
/// <c>__declspec(noreturn)</c> after the declarator), so clang is given <c>-fgnuc-version</c>: what is checked is
/// the runtime's own code under the MSVC ABI — LLP64, <c>_WIN32</c>, <c>_MSC_VER</c>, the Microsoft x64 calling
/// convention, and the inline assembly and SEH directives assembled for it (<c>-c</c>, not only the syntax) —
/// while the runtime takes the same branches as without <c>-fgnuc-version</c>, because it tests
/// <c>__GNUC__ || __clang__</c>. Linking is not checked: that needs the MSVC libraries.
/// </summary>
[TestClass]
public sealed class RuntimeMsvcTripleTests
{
    [TestMethod]
    public void RuntimeSources_CompileForTheMsvcTriple_WithoutWarnings()
    {
        var clang = ProcessRunner.FindOnPath("clang") ?? throw new AssertInconclusiveException("clang is not installed (Debian package clang)");
        var gcc = ProcessRunner.FindOnPath("x86_64-w64-mingw32-gcc")
            ?? throw new AssertInconclusiveException("x86_64-w64-mingw32-gcc is not installed (Debian package mingw-w64): its headers stand in for the Windows SDK");
        var sources = RuntimeLibrary.LocateSources(out var lookedIn) ?? throw new AssertFailedException("runtime sources not found in " + lookedIn);
        var dir = Directory.CreateTempSubdirectory("sox-msvc-runtime").FullName;
        try
        {
            var include = MinGWIncludeFolder(gcc, dir);
            var failures = new List<string>();
            foreach (var source in Directory.GetFiles(sources, "*.c").Order(StringComparer.Ordinal))
            {
                var obj = Path.Combine(dir, Path.GetFileNameWithoutExtension(source) + ".o");
                string[] arguments =
                [
                    .. WindowsToolchain.CompilerArguments(clang, ToolchainFlavor.Msvc), "-fgnuc-version=4.2.1", "-c",
                    .. RuntimeLibrary.CompileFlagsFor(ToolchainFlavor.Msvc), "-Werror", "-isystem", include, "-I", sources, "-o", obj, source,
                ];
                var result = ProcessRunner.Run(clang, arguments);
                if (result.ExitCode != 0 || result.Output.Length > 0) failures.Add($"{Path.GetFileName(source)}: {result.Output}");
            }
            Assert.AreEqual(0, failures.Count, string.Join("\n", failures));
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    /// <summary>The folder of the mingw-w64 <c>windows.h</c>, as the MinGW gcc's dependency output names it.</summary>
    private static string MinGWIncludeFolder(string gcc, string dir)
    {
        var probe = Path.Combine(dir, "probe.c");
        File.WriteAllText(probe, "#include <windows.h>\n");
        var result = ProcessRunner.Run(gcc, ["-M", probe]);
        Assert.AreEqual(0, result.ExitCode, result.Output);
        var header = result.StandardOutput.Split([' ', '\n', '\\'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .FirstOrDefault(p => p.EndsWith("/windows.h", StringComparison.Ordinal))
            ?? throw new AssertInconclusiveException("x86_64-w64-mingw32-gcc did not name its windows.h: " + result.StandardOutput);
        return Path.GetDirectoryName(header)!;
    }
}
