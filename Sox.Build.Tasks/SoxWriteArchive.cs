using Microsoft.Build.Framework;
using Sox.Compiler.Driver;
using Task = Microsoft.Build.Utilities.Task;

namespace Sox.Build.Tasks;

/// <summary>
/// <c>OutputType=Library</c> without an external archiver: writes the static library in-process
/// (<see cref="LinkCommand.BuiltInArchiver"/>, the compiler's archive writer: GNU variant for ELF and COFF, BSD
/// for Mach-O, with a symbol table) from the same
/// members, in the same order, as the <c>link.rsp</c> that <c>SoxWriteLinkCommand</c> wrote for it.
/// </summary>
public sealed class SoxWriteArchive : Task
{
    [Required]
    public string RuntimeIdentifier { get; set; } = "";

    [Required]
    public string OutputPath { get; set; } = "";

    public ITaskItem[] ProgramObjects { get; set; } = [];

    public ITaskItem[] NativeObjects { get; set; } = [];

    public ITaskItem[] RuntimeObjects { get; set; } = [];

    public override bool Execute()
    {
        if (TargetPlatform.Find(RuntimeIdentifier) is not { } target)
        {
            Log.LogError(null, "SOX5006", null, null, 0, 0, 0, 0, "RuntimeIdentifier '{0}' is not a target the Sox compiler can build for.", RuntimeIdentifier);
            return false;
        }
        var command = LinkCommand.For(target, new LinkToolchain("", []), new LinkInputs
        {
            OutputPath = OutputPath,
            Kind = LinkOutputKind.StaticLibrary,
            ProgramObjects = FullPaths(ProgramObjects),
            NativeObjects = FullPaths(NativeObjects),
            Runtime = FullPaths(RuntimeObjects),
        });
        try
        {
            LinkCommand.RunBuiltInArchiver(target, command.Arguments);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or InvalidDataException)
        {
            Log.LogError(null, "SOX5011", null, OutputPath, 0, 0, 0, 0, "Writing the static library failed: {0}", e.Message);
            return false;
        }
        Log.LogMessage(MessageImportance.Normal, "Archived {0} members into {1}", command.Arguments.Count - 2, OutputPath);
        return true;
    }

    private static string[] FullPaths(ITaskItem[] items) => [.. items.Select(i => i.GetMetadata("FullPath"))];
}
