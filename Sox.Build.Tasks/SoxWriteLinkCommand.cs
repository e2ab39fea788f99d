using Microsoft.Build.Framework;
using Sox.Compiler.Driver;
using Task = Microsoft.Build.Utilities.Task;

namespace Sox.Build.Tasks;

/// <summary>
/// Makes the link (or archive) command of the project with the compiler's <see cref="LinkCommand"/> — the builder
/// <c>sox build</c> links with — and writes its arguments to <see cref="ResponseFile"/> only when they change (the
/// file is an input of <c>SoxLink</c>/<c>SoxArchive</c>, so a changed flag, object list or library relinks and nothing
/// else does). <see cref="Tool"/> is the program to run with it: the C compiler driver, or the archiver for
/// <c>OutputType=Library</c>.
/// </summary>
public sealed class SoxWriteLinkCommand : Task
{
    [Required]
    public string RuntimeIdentifier { get; set; } = "";

    /// <summary><c>Exe</c>, <c>SharedLibrary</c> or <c>Library</c> (a static archive).</summary>
    [Required]
    public string OutputType { get; set; } = "";

    /// <summary>The file to produce (<c>$(TargetPath)</c>).</summary>
    [Required]
    public string OutputPath { get; set; } = "";

    /// <summary>The response file to write (<c>link.rsp</c>).</summary>
    [Required]
    public string ResponseFile { get; set; } = "";

    /// <summary>The C compiler driver (from <see cref="SoxResolveToolchain"/>).</summary>
    [Required]
    public string CCompiler { get; set; } = "";

    /// <summary>What the driver needs for the target (<see cref="SoxResolveToolchain.TargetArguments"/>); for win-x64
    /// they also say the toolchain flavour (<c>--target=x86_64-pc-windows-msvc</c>: MSVC-style, see
    /// <see cref="ToolchainFlavors.FromTargetArguments"/>).</summary>
    public string[] TargetArguments { get; set; } = [];

    /// <summary>The archiver, for <c>OutputType=Library</c>.</summary>
    public string? Archiver { get; set; }

    /// <summary>The modules' objects, in link order (<c>objects.txt</c>).</summary>
    public ITaskItem[] ProgramObjects { get; set; } = [];

    /// <summary>The objects of the project's C sources (<c>SoxNativeSource</c>).</summary>
    public ITaskItem[] NativeObjects { get; set; } = [];

    /// <summary>The runtime's objects.</summary>
    public ITaskItem[] RuntimeObjects { get; set; } = [];

    /// <summary><c>SoxNativeLibrary</c> items: a name is <c>-l&lt;name&gt;</c>; a path (or a <c>.a</c>/<c>.so</c>/<c>.dylib</c>) is
    /// passed as its full path.</summary>
    public ITaskItem[] NativeLibraries { get; set; } = [];

    /// <summary>The libraries of the program's <c>extern "lib" fn</c> declarations (<c>libraries.txt</c>).</summary>
    public string[] ExternLibraries { get; set; } = [];

    /// <summary>The program's <c>export fn</c> names (<c>exports.txt</c>): all a shared library exports.</summary>
    public string[] ExportedFunctions { get; set; } = [];

    /// <summary>Where the export list of a shared library goes (<see cref="LinkCommand.ExportList"/>), written only
    /// when it changes.</summary>
    public string? ExportListFile { get; set; }

    /// <summary>Whether the objects carry debug information (<c>SoxDebugSymbols</c>): win-x64 links then write a PDB
    /// beside the output (<see cref="LinkInputs.DebugInformation"/>).</summary>
    public bool DebugSymbols { get; set; }

    /// <summary><c>SoxLinkerArgs</c>, passed last.</summary>
    public string[] LinkerArguments { get; set; } = [];

    /// <summary>The program to run with <c>@</c><see cref="ResponseFile"/>.</summary>
    [Output]
    public string Tool { get; private set; } = "";

    /// <summary>True when the response file was (re)written.</summary>
    [Output]
    public bool Changed { get; private set; }

    public override bool Execute()
    {
        if (TargetPlatform.Find(RuntimeIdentifier) is not { } target)
        {
            Log.LogError(null, "SOX5006", null, null, 0, 0, 0, 0, "RuntimeIdentifier '{0}' is not a target the Sox compiler can build for.", RuntimeIdentifier);
            return false;
        }
        LinkOutputKind? kind = OutputType switch
        {
            "Exe" => LinkOutputKind.Executable,
            "SharedLibrary" => LinkOutputKind.SharedLibrary,
            "Library" => LinkOutputKind.StaticLibrary,
            _ => null,
        };
        if (kind is null)
        {
            Log.LogError(null, "SOX6003", null, null, 0, 0, 0, 0, "OutputType '{0}' is not one a Sox project can build: use Exe, Library (a static archive) or SharedLibrary.", OutputType);
            return false;
        }
        var command = LinkCommand.For(target, new LinkToolchain(CCompiler, TargetArguments, string.IsNullOrEmpty(Archiver) ? null : Archiver), new LinkInputs
        {
            OutputPath = OutputPath,
            Kind = kind.Value,
            ProgramObjects = FullPaths(ProgramObjects),
            NativeObjects = FullPaths(NativeObjects),
            Runtime = FullPaths(RuntimeObjects),
            Libraries = [.. NativeLibraries.Select(Library), .. ExternLibraries.Select(LinkLibrary.Named)],
            ExtraArguments = LinkerArguments,
            ExportedSymbols = ExportedFunctions,
            DebugInformation = DebugSymbols,
            ExportListPath = kind == LinkOutputKind.SharedLibrary && !string.IsNullOrEmpty(ExportListFile) && !target.IsWindows ? Path.GetFullPath(ExportListFile) : null,
        });
        if (kind == LinkOutputKind.SharedLibrary && !string.IsNullOrEmpty(ExportListFile) && LinkCommand.ExportList(target, ExportedFunctions) is { } exportList)
        {
            WriteIfChanged(ExportListFile, exportList);
        }
        Tool = command.Tool;
        // In the syntax the tool reads: llvm-lib's (MSVC-style static library) is the Windows one on every host.
        Changed = Compiler.Driver.ResponseFile.WriteIfChanged(ResponseFile, command.Arguments, command.Syntax);
        if (Changed) Log.LogMessage(MessageImportance.Low, "Wrote {0}", ResponseFile);
        return true;
    }

    /// <summary>An unchanged export list keeps its time stamp, like the response file beside it.</summary>
    private static void WriteIfChanged(string path, string text)
    {
        if (File.Exists(path) && File.ReadAllText(path) == text) return;
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        File.WriteAllText(path, text);
    }

    private static string[] FullPaths(ITaskItem[] items) => [.. items.Select(i => i.GetMetadata("FullPath"))];

    /// <summary>A file is linked by its full path (relative to the project); a name stays a name.</summary>
    private static LinkLibrary Library(ITaskItem item)
    {
        var library = LinkLibrary.Parse(item.ItemSpec);
        return library.IsFile ? library with { Value = item.GetMetadata("FullPath") } : library;
    }
}
