namespace Sox.Compiler.Driver;

/// <summary>
/// The machine the toolchain runs on, as the C compiler search sees it: whether it is Windows, its environment
/// variables, how PATH is split and which file names are executables there, whether a file exists, and running a
/// probe program (<c>vswhere</c>). Every host-dependent decision of the search (<see cref="CCompiler.Locate(TargetPlatform, string?, ToolchainFlavor?, HostEnvironment, out string, out string)"/>,
/// <see cref="WindowsToolchain"/>, <see cref="RuntimeLibrary.ArchiverFor(string, TargetPlatform, ToolchainFlavor, HostEnvironment)"/>,
/// <see cref="ProcessRunner.FindOnPath"/>) asks this one object, so tests drive the same code for a Windows host
/// on any machine: <see cref="HostEnvironment(bool, IReadOnlyDictionary{string, string}, Func{string, IReadOnlyList{string}, ProcessRunner.Result?}?)"/>
/// takes fake variables (PATH, PATHEXT, ProgramFiles pointing into a temporary folder) and a fake probe.
/// </summary>
public sealed class HostEnvironment
{
    /// <summary>The machine this process runs on.</summary>
    public static HostEnvironment Current { get; } = new();

    private readonly IReadOnlyDictionary<string, string>? _variables;
    private readonly Func<string, IReadOnlyList<string>, ProcessRunner.Result?> _probe;

    private HostEnvironment()
    {
        IsWindows = OperatingSystem.IsWindows();
        _probe = RunProbe;
    }

    /// <summary>A simulated host: its kind, its whole environment (names compared as the host compares them) and what
    /// running a probe program returns (null: it could not start). Files are the real file system's, so a test puts
    /// the simulated <c>Program Files</c> and PATH folders in a temporary folder.</summary>
    /// <param name="isWindows">True to simulate a Windows host.</param>
    /// <param name="variables">Every environment variable the host has; the others are unset.</param>
    /// <param name="probe">Runs a probe (tool, arguments); null runs nothing and reports that it could not start.</param>
    public HostEnvironment(bool isWindows, IReadOnlyDictionary<string, string> variables, Func<string, IReadOnlyList<string>, ProcessRunner.Result?>? probe = null)
    {
        IsWindows = isWindows;
        // Windows environment variable names are case-insensitive (Path, PATH); POSIX ones are not.
        var table = new Dictionary<string, string>(isWindows ? StringComparer.OrdinalIgnoreCase : StringComparer.Ordinal);
        foreach (var (name, value) in variables) table[name] = value;
        _variables = table;
        _probe = probe ?? ((_, _) => null);
    }

    /// <summary>True on Windows: PATHEXT, <c>;</c>-separated PATH, <c>vswhere</c>, <c>Program Files</c>, and MSVC-style
    /// the default Windows toolchain (<see cref="DefaultWindowsFlavor"/>).</summary>
    public bool IsWindows { get; }

    /// <summary>An environment variable's value; null when unset or empty.</summary>
    public string? Variable(string name)
    {
        var value = _variables is null ? Environment.GetEnvironmentVariable(name) : _variables.GetValueOrDefault(name);
        return string.IsNullOrEmpty(value) ? null : value;
    }

    /// <summary>What separates the folders of PATH: <c>;</c> on Windows (where <c>C:\</c> holds a colon), <c>:</c> elsewhere.</summary>
    public char PathListSeparator => IsWindows ? ';' : ':';

    /// <summary>
    /// The extensions that make a file name a program, tried in order after a bare command name: PATHEXT on Windows
    /// (cmd.exe's search; its default <c>.COM;.EXE;.BAT;.CMD</c> when unset), none elsewhere (there the execute bit
    /// decides, and the name is the file's).
    /// </summary>
    public IReadOnlyList<string> ExecutableExtensions => !IsWindows ? []
        : (Variable("PATHEXT") ?? ".COM;.EXE;.BAT;.CMD").Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    /// <summary>The Windows toolchain a build uses when nobody chose one: MSVC-style on a Windows host (clang with the
    /// Windows SDK and Visual Studio's libraries, what Windows users have), MinGW-style elsewhere (a cross build from
    /// Linux has the mingw-w64 packages, never the Windows SDK).</summary>
    public ToolchainFlavor DefaultWindowsFlavor => IsWindows ? ToolchainFlavor.Msvc : ToolchainFlavor.Gnu;

    /// <summary>Whether <paramref name="path"/> is an existing file.</summary>
    public bool FileExists(string path) => File.Exists(path);

    /// <summary>Runs a probe program to completion (<c>vswhere</c>); null when it could not be started.</summary>
    public ProcessRunner.Result? Probe(string tool, IReadOnlyList<string> arguments) => _probe(tool, arguments);

    /// <summary>
    /// The full path of a program: a name with a folder is checked where it is; a bare name is looked for in every
    /// PATH folder. On Windows a name without one of the PATHEXT extensions gets each of them in turn, so <c>clang</c>
    /// finds <c>clang.exe</c>, as cmd.exe finds it (the extensions are tried in lower case first: Windows file
    /// names ignore case, and the lower-case spelling is also what a simulated host's folder holds).
    /// </summary>
    public string? FindProgram(string name)
    {
        if (name.Contains('/') || name.Contains(Path.DirectorySeparatorChar) || (IsWindows && name.Contains('\\')))
        {
            return Spellings(name).FirstOrDefault(FileExists) is { } file ? Path.GetFullPath(file) : null;
        }
        foreach (var dir in (Variable("PATH") ?? "").Split(PathListSeparator, StringSplitOptions.RemoveEmptyEntries))
        {
            // A quoted PATH entry ("C:\Program Files\LLVM\bin") is legal on Windows; the quotes are not part of the folder.
            var folder = IsWindows ? dir.Trim('"') : dir;
            if (folder.Length == 0) continue;
            if (Spellings(Path.Combine(folder, name)).FirstOrDefault(FileExists) is { } file) return file;
        }
        return null;
    }

    /// <summary>The program in <paramref name="folder"/> named <paramref name="name"/> (with a PATHEXT extension on
    /// Windows), or null.</summary>
    public string? FindProgramIn(string folder, string name) => Spellings(Path.Combine(folder, name)).FirstOrDefault(FileExists);

    /// <summary>The file names a command name may stand for: itself when it already ends in an executable extension
    /// (or off Windows), else itself with each extension.</summary>
    private IEnumerable<string> Spellings(string path)
    {
        var extensions = ExecutableExtensions;
        if (extensions.Count == 0 || extensions.Any(e => path.EndsWith(e, StringComparison.OrdinalIgnoreCase)))
        {
            yield return path;
            yield break;
        }
        foreach (var extension in extensions)
        {
            yield return path + extension.ToLowerInvariant();
            if (extension != extension.ToLowerInvariant()) yield return path + extension;
        }
    }

    /// <summary>The name a program goes by, without folder and without <c>.exe</c> (<c>C:\LLVM\bin\clang.exe</c> → <c>clang</c>),
    /// so that candidate arguments and flavour inference see a Windows path as they see a POSIX one.</summary>
    public static string ToolName(string program)
    {
        var name = program[(program.LastIndexOfAny(['/', '\\']) + 1)..];
        return name.EndsWith(".exe", StringComparison.OrdinalIgnoreCase) ? name[..^4] : name;
    }

    private static ProcessRunner.Result? RunProbe(string tool, IReadOnlyList<string> arguments)
    {
        try
        {
            return ProcessRunner.Run(tool, arguments);
        }
        catch (Exception e) when (e is System.ComponentModel.Win32Exception or InvalidOperationException or IOException)
        {
            return null;
        }
    }
}
