namespace Sox.Compiler.Diagnostics;

/// <summary>Driver diagnostics (files, options, tools), SOX5000–5099.</summary>
public static partial class DiagnosticCodes
{
    /// <summary>SOX5001 (error): <i>Source file '{0}' not found.</i></summary>
    public static readonly DiagnosticDescriptor FileNotFound = Error("SOX5001", "Source file not found", "Source file '{0}' not found.");
    /// <summary>SOX5002 (error): <i>Can't read source file '{0}': {1}</i></summary>
    public static readonly DiagnosticDescriptor FileUnreadable = Error("SOX5002", "Source file unreadable", "Can't read source file '{0}': {1}");
    /// <summary>
    /// SOX5003 (error): <i>No C compiler found (tried {0}). {1}</i> — {1} is what to install or set:
    /// <see cref="NoCCompilerHint"/>, or for win-x64 on a Windows host <c>WindowsToolchain.InstallHint</c>.
    /// </summary>
    public static readonly DiagnosticDescriptor NoCCompiler = Error("SOX5003", "No C compiler", "No C compiler found (tried {0}). {1}");

    /// <summary>SOX5003's advice for POSIX hosts.</summary>
    public const string NoCCompilerHint = "Install gcc or clang, or name one with --cc or the CC environment variable.";
    /// <summary>SOX5004 (error): <i>Compiling the Sox runtime with '{0}' failed: {1}</i></summary>
    public static readonly DiagnosticDescriptor RuntimeCompileFailed = Error("SOX5004", "Runtime compile failed", "Compiling the Sox runtime with '{0}' failed: {1}");
    /// <summary>SOX5005 (error): <i>Linking with '{0}' failed: {1}</i></summary>
    public static readonly DiagnosticDescriptor LinkFailed = Error("SOX5005", "Link failed", "Linking with '{0}' failed: {1}");
    /// <summary>SOX5006 (error): <i>Unknown target '{0}'; supported: {1}.</i></summary>
    public static readonly DiagnosticDescriptor UnknownTarget = Error("SOX5006", "Unknown target", "Unknown target '{0}'; supported: {1}.");
    /// <summary>SOX5007 (error): <i>Building for {0} needs {1}. {2}</i></summary>
    public static readonly DiagnosticDescriptor TargetToolMissing = Error("SOX5007", "Target tool missing", "Building for {0} needs {1}. {2}");
    /// <summary>SOX5008 (error): <i>Can't write '{0}': {1}</i></summary>
    public static readonly DiagnosticDescriptor OutputUnwritable = Error("SOX5008", "Output not writable", "Can't write '{0}': {1}");
    /// <summary>
    /// SOX5009 (error): <i>The Sox runtime sources were not found (looked in {0}). Set SOX_RUNTIME_DIR to the folder
    /// holding sox_runtime.h.</i>
    /// </summary>
    public static readonly DiagnosticDescriptor RuntimeSourcesMissing = Error("SOX5009", "Runtime sources missing", "The Sox runtime sources were not found (looked in {0}). Set SOX_RUNTIME_DIR to the folder holding sox_runtime.h.");
    /// <summary>SOX5010 (error): <i>Compiling '{0}' failed: {1}</i></summary>
    public static readonly DiagnosticDescriptor CSourceCompileFailed = Error("SOX5010", "C source compile failed", "Compiling '{0}' failed: {1}");
    /// <summary>
    /// SOX5012 (error): <i>Programs for {0} cannot run on this machine: they need {1}. Build one with 'sox build
    /// --target {0}' and run it there.</i>
    /// </summary>
    public static readonly DiagnosticDescriptor TargetCannotRun = Error("SOX5012", "Target cannot run here", "Programs for {0} cannot run on this machine: they need {1}. Build one with 'sox build --target {0}' and run it there.");
    /// <summary>SOX5099 (error): <i>Internal compiler error: {0}</i></summary>
    public static readonly DiagnosticDescriptor InternalError = Error("SOX5099", "Internal compiler error", "Internal compiler error: {0}");
}
