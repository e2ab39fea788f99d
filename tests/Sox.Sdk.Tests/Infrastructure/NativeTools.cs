namespace Sox.Sdk.Tests.Infrastructure;

/// <summary>
/// The host's binutils and C compiler, for tests of C sources and libraries in a Sox project: symbol tables of what
/// the SDK produced, small static libraries for a project to link against, and C programs that host a Sox shared library.
/// </summary>
public static class NativeTools
{
    /// <summary>The symbols <c>nm</c> lists as defined in a program, object or archive (name → nm's type letter).</summary>
    public static IReadOnlyDictionary<string, char> DefinedSymbols(string file)
    {
        Require("nm");
        var result = TestProject.Run("nm", ["--defined-only", file], Path.GetDirectoryName(file)!).ShouldSucceed();
        var symbols = new Dictionary<string, char>(StringComparer.Ordinal);
        foreach (var line in result.Output.Split('\n'))
        {
            var parts = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (parts.Length == 3 && parts[1].Length == 1) symbols[parts[2]] = parts[1][0];
        }
        return symbols;
    }

    /// <summary>
    /// The symbols a shared library exports: <c>nm -D --defined-only</c>, its dynamic symbol table without the
    /// symbols it imports. Checked independently of the linker that wrote it.
    /// </summary>
    public static IReadOnlyList<string> ExportedSymbols(string library)
    {
        Require("nm");
        var result = TestProject.Run("nm", ["-D", "--defined-only", library], Path.GetDirectoryName(library)!).ShouldSucceed();
        return [.. result.Output.Split('\n').Select(l => l.Split(' ', StringSplitOptions.RemoveEmptyEntries)).Where(p => p.Length == 3).Select(p => p[2]).Order(StringComparer.Ordinal)];
    }

    /// <summary>Compiles one C source into <c>lib&lt;name&gt;.a</c> in <paramref name="directory"/> (a folder outside any project).</summary>
    public static string StaticLibrary(string directory, string name, string cSource)
    {
        Require("ar");
        File.WriteAllText(Path.Combine(directory, name + ".c"), cSource);
        TestProject.Run(CCompiler, ["-c", "-fPIC", "-o", name + ".o", name + ".c"], directory).ShouldSucceed();
        TestProject.Run("ar", ["rcs", "lib" + name + ".a", name + ".o"], directory).ShouldSucceed();
        return Path.Combine(directory, "lib" + name + ".a");
    }

    /// <summary>
    /// Compiles and links a C program <paramref name="name"/> in <paramref name="directory"/> from one source, with
    /// extra compiler/linker arguments (<c>-L</c>, <c>-l</c>, <c>-Wl,-rpath,…</c>): a host for a Sox shared library.
    /// </summary>
    public static string Program(string directory, string name, string cSource, params string[] arguments)
    {
        File.WriteAllText(Path.Combine(directory, name + ".c"), cSource);
        TestProject.Run(CCompiler, ["-o", name, name + ".c", .. arguments], directory).ShouldSucceed();
        return Path.Combine(directory, name);
    }

    /// <summary>The host's C compiler driver (the SDK's tests need one anyway: <see cref="TestProject.RequireCCompiler"/>).</summary>
    public static string CCompiler => new[] { "cc", "gcc", "clang" }.First(TestProject.OnPath);

    public static void Require(string tool)
    {
        if (!TestProject.OnPath(tool)) Assert.Inconclusive($"'{tool}' is not on PATH: install binutils (Debian/Ubuntu: apt-get install binutils).");
    }
}
