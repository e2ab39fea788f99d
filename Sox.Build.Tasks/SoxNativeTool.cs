using System.Text.RegularExpressions;
using Microsoft.Build.Framework;
using Microsoft.Build.Utilities;
using Sox.Compiler.Driver;

namespace Sox.Build.Tasks;

/// <summary>
/// Runs the C compiler driver or the archiver with a response file: the runtime compile, the link and the archive
/// step. ToolTask semantics: the command line is echoed (normal verbosity, and in the binary log, followed by the
/// response file's arguments), the exit code decides success, and on failure the tool's error output becomes
/// errors — <c>file:line:col: error: …</c> lines keep their location, everything else is attached to one error with
/// the step's code (<see cref="ErrorCode"/>).
/// </summary>
public sealed partial class SoxNativeTool : ToolTask
{
    /// <summary>The tool's full path (from <see cref="SoxResolveToolchain"/>).</summary>
    [Required]
    public string Tool { get; set; } = "";

    /// <summary>Passed as <c>@file</c>.</summary>
    [Required]
    public string ResponseFile { get; set; } = "";

    /// <summary>What the step is, for messages: "compiling the Sox runtime", "linking".</summary>
    public string Step { get; set; } = "running";

    /// <summary>The SOX code of a failure (SOX5004 runtime compile, SOX5005 link, SOX5011 archive).</summary>
    public string ErrorCode { get; set; } = "SOX5005";

    public string? WorkingDirectory { get; set; }

    /// <summary>Arguments after the response file (a C source's <c>-MD -MF x.d -o x.o x.c</c>).</summary>
    public string[] Arguments { get; set; } = [];

    private readonly List<string> _output = new();
    private bool _loggedToolError;

    protected override string ToolName => Path.GetFileName(Tool);

    protected override string GenerateFullPathToTool() => Tool;

    protected override string GetWorkingDirectory() => string.IsNullOrEmpty(WorkingDirectory) ? base.GetWorkingDirectory() : WorkingDirectory;

    /// <summary>The response file, then the per-call arguments, quoted by the compiler's <see cref="ProcessArguments"/>.</summary>
    protected override string GenerateCommandLineCommands() =>
        ProcessArguments.Join(Arguments.Prepend("@" + Path.GetFullPath(ResponseFile)));

    /// <summary>Echo the command and the flags in the response file, so logs show what really ran.</summary>
    protected override void LogToolCommand(string message)
    {
        base.LogToolCommand(message);
        if (File.Exists(ResponseFile))
        {
            Log.LogMessage(MessageImportance.Normal, "  {0}: {1}", Path.GetFileName(ResponseFile), File.ReadAllText(ResponseFile).Replace('\n', ' ').Trim());
        }
    }

    protected override void LogEventsFromTextOutput(string singleLine, MessageImportance messageImportance)
    {
        if (singleLine.Length == 0) return;
        _output.Add(singleLine);
        var match = GccDiagnostic().Match(singleLine);
        if (match.Success && match.Groups["kind"].Value is "error" or "fatal error")
        {
            Log.LogError(null, ErrorCode, null, match.Groups["file"].Value, int.Parse(match.Groups["line"].Value),
                match.Groups["col"].Success ? int.Parse(match.Groups["col"].Value) : 0, 0, 0, "{0}", $"{Step}: {match.Groups["message"].Value}");
            _loggedToolError = true;
            return;
        }
        Log.LogMessage(messageImportance, "{0}", singleLine);
    }

    /// <summary>A non-zero exit without located errors: one error carrying what the tool printed.</summary>
    protected override bool HandleTaskExecutionErrors()
    {
        if (!_loggedToolError)
        {
            var output = _output.Count == 0 ? "(no output)" : string.Join(Environment.NewLine, _output.TakeLast(40));
            Log.LogError(null, ErrorCode, null, null, 0, 0, 0, 0, "{0} with '{1}' failed (exit code {2}): {3}", Step, Tool, ExitCode, output);
        }
        return false;
    }

    protected override MessageImportance StandardErrorLoggingImportance => MessageImportance.Normal;

    protected override MessageImportance StandardOutputLoggingImportance => MessageImportance.Normal;

    /// <summary>gcc's and clang's <c>file:line:col: kind: message</c>; the file may start with a Windows drive
    /// (<c>C:\src\a.c:3:1: error: …</c>, as both print paths on Windows — clang keeps this format for the MSVC
    /// triple too; only clang-cl switches to MSVC's <c>file(line,col)</c>).</summary>
    [GeneratedRegex(@"^(?<file>(?:[A-Za-z]:[\\/])?[^:(]+):(?<line>\d+):(?:(?<col>\d+):)?\s*(?<kind>fatal error|error|warning|note):\s*(?<message>.*)$")]
    internal static partial Regex GccDiagnostic();
}
