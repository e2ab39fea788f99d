using System.Text;
using Microsoft.Build.Framework;
using Task = Microsoft.Build.Utilities.Task;

namespace Sox.Build.Tasks;

/// <summary>
/// Writes arguments to a response file (<c>@file</c>, one quoted argument a line, in the syntax gcc, clang and GNU
/// ar read) only when its content changes, so that the file's timestamp moves exactly when a flag does and targets
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
        var text = new StringBuilder();
        foreach (var argument in Arguments) text.Append(Quote(argument)).Append('\n');
        var content = text.ToString();
        if (System.IO.File.Exists(File) && System.IO.File.ReadAllText(File) == content) return true;
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(File))!);
        System.IO.File.WriteAllText(File, content);
        Changed = true;
        Log.LogMessage(MessageImportance.Low, "Wrote {0}", File);
        return true;
    }

    /// <summary>libiberty's <c>@file</c> syntax: quotes group, a backslash escapes the next character.</summary>
    internal static string Quote(string argument)
    {
        if (argument.Length > 0 && argument.All(c => char.IsAsciiLetterOrDigit(c) || "-_=+./,:".Contains(c))) return argument;
        return "\"" + argument.Replace("\\", "\\\\").Replace("\"", "\\\"") + "\"";
    }
}
