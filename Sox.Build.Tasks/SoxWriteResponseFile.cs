using Microsoft.Build.Framework;
using Sox.Compiler.Driver;
using Task = Microsoft.Build.Utilities.Task;

namespace Sox.Build.Tasks;

/// <summary>
/// Writes arguments to a response file (<c>@file</c>, in the syntax of <see cref="ResponseFile"/>) only when its
/// content changes, so that the file's timestamp moves exactly when a flag does and targets
/// that list it among their Inputs rebuild for a changed flag and for nothing else.
/// </summary>
public sealed class SoxWriteResponseFile : Task
{
    [Required]
    public string File { get; set; } = "";

    public string[] Arguments { get; set; } = [];

    /// <summary>True when the file was (re)written.</summary>
    [Output]
    public bool Changed { get; private set; }

    public override bool Execute()
    {
        Changed = ResponseFile.WriteIfChanged(File, Arguments);
        if (Changed) Log.LogMessage(MessageImportance.Low, "Wrote {0}", File);
        return true;
    }
}
