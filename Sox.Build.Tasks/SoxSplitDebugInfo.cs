using Microsoft.Build.Framework;
using Sox.Build.Tasks.Internal;
using Sox.Compiler.Driver;
using Task = Microsoft.Build.Utilities.Task;

namespace Sox.Build.Tasks;

/// <summary>
/// <c>StripSymbols=true</c> on an ELF target, as NativeAOT does it: the linked program's (or shared library's) debug
/// information moves into <c>app.dbg</c> (<c>objcopy --only-keep-debug</c>), then the program loses its debug
/// sections and symbol table and gains a <c>.gnu_debuglink</c> naming the file and carrying its CRC-32, which gdb,
/// LLDB and perf follow to find it beside the program (gdb manual, "Debugging Information in Separate Files").
/// The objcopy is found by <see cref="ObjcopyLocator"/> unless <c>SoxObjcopy</c> names one.
/// </summary>
public sealed class SoxSplitDebugInfo : Task
{
    [Required]
    public string RuntimeIdentifier { get; set; } = "";

    /// <summary>The linked program or shared library, rewritten in place.</summary>
    [Required]
    public string Binary { get; set; } = "";

    /// <summary>The separate debug file to write (<c>$(TargetDir)$(TargetName).dbg</c>).</summary>
    [Required]
    public string DebugFile { get; set; } = "";

    /// <summary>The resolved C compiler: a cross compiler's objcopy is named like it.</summary>
    public string CCompiler { get; set; } = "";

    /// <summary><c>SoxObjcopy</c>: an objcopy name on PATH or a path; empty searches.</summary>
    public string? Objcopy { get; set; }

    /// <summary>The machine searched (a simulated one in tests).</summary>
    internal HostEnvironment Host { get; set; } = HostEnvironment.Current;

    public override bool Execute()
    {
        if (Split()) return true;
        // The program was linked but not split: deleting it makes the next build link (and split) again rather than
        // find an up-to-date program that still carries its debug information.
        foreach (var file in new[] { Binary, DebugFile }) File.Delete(file);
        return false;
    }

    private bool Split()
    {
        if (TargetPlatform.Find(RuntimeIdentifier) is not { } target)
        {
            Log.LogError(null, "SOX5006", null, null, 0, 0, 0, 0, "RuntimeIdentifier '{0}' is not a target the Sox compiler can build for.", RuntimeIdentifier);
            return false;
        }
        var objcopy = string.IsNullOrWhiteSpace(Objcopy) ? ObjcopyLocator.Find(CCompiler, target, Host) : Host.FindProgram(Objcopy);
        if (objcopy is null)
        {
            Log.LogError(null, "SOX6007", null, null, 0, 0, 0, 0,
                "StripSymbols=true moves the debug information of '{0}' into '{1}', which needs an objcopy that reads {2} files (tried {3}). Install llvm (llvm-objcopy reads every target) or binutils{4} (Debian/Ubuntu: apt-get install llvm), set <SoxObjcopy> to one, or set <StripSymbols> to false.",
                Path.GetFileName(Binary), Path.GetFileName(DebugFile), RuntimeIdentifier,
                string.IsNullOrWhiteSpace(Objcopy) ? string.Join(", ", ObjcopyLocator.Candidates(CCompiler, target)) : $"'{Objcopy}' named by SoxObjcopy",
                target.Runner is null ? "" : " for the target (binutils-aarch64-linux-gnu for linux-arm64)");
            return false;
        }
        var binary = Path.GetFullPath(Binary);
        var debugFile = Path.GetFullPath(DebugFile);
        // objcopy records the debug file's name without its folder, so the program finds it wherever both are copied.
        return Run(objcopy, ["--only-keep-debug", binary, debugFile])
            && Run(objcopy, ["--strip-debug", "--strip-unneeded", "--add-gnu-debuglink=" + debugFile, binary]);
    }

    private bool Run(string objcopy, string[] arguments)
    {
        Log.LogMessage(MessageImportance.Normal, "{0} {1}", objcopy, ProcessArguments.Join(arguments));
        ProcessRunner.Result result;
        try
        {
            result = ProcessRunner.Run(objcopy, arguments);
        }
        catch (Exception e) when (e is InvalidOperationException or System.ComponentModel.Win32Exception)
        {
            Log.LogError(null, "SOX6008", null, Binary, 0, 0, 0, 0, "Splitting the debug information with '{0}' failed: {1}", objcopy, e.Message);
            return false;
        }
        if (result.ExitCode == 0) return true;
        Log.LogError(null, "SOX6008", null, Binary, 0, 0, 0, 0, "Splitting the debug information with '{0}' failed (exit {1}): {2}", objcopy, result.ExitCode, result.Output);
        return false;
    }
}
