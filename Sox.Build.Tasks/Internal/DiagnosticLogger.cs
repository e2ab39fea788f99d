using Microsoft.Build.Utilities;
using Sox.Compiler.Diagnostics;

namespace Sox.Build.Tasks.Internal;

/// <summary>
/// Logs compiler diagnostics through MSBuild with file, line, column and code, so that the console shows the
/// canonical <c>file(line,col): error SOXnnnn: message</c> and IDEs put them in the Error List. Honours
/// <c>NoWarn</c>, <c>WarningsAsErrors</c>, <c>WarningsNotAsErrors</c> and <c>TreatWarningsAsErrors</c> as C# does.
/// </summary>
internal sealed class DiagnosticLogger(TaskLoggingHelper log, WarningOptions options)
{
    /// <summary>Logs one diagnostic; returns true when it was logged as an error.</summary>
    public bool Log(Diagnostic diagnostic) => Log(diagnostic.Code, diagnostic.IsError, diagnostic.Location.Path,
        diagnostic.Location.Line, diagnostic.Location.Column, diagnostic.Message);

    public bool Log(string code, bool isError, string file, int line, int column, string message)
    {
        if (!isError)
        {
            if (options.IsSuppressed(code)) return false;
            isError = options.IsError(code);
        }
        if (isError) log.LogError(null, code, null, file, line, column, 0, 0, "{0}", message);
        else log.LogWarning(null, code, null, file, line, column, 0, 0, "{0}", message);
        return isError;
    }
}

/// <summary>The warning switches of a project, parsed from their <c>;</c>/<c>,</c>-separated MSBuild form.</summary>
internal sealed class WarningOptions(bool treatWarningsAsErrors, string? noWarn, string? warningsAsErrors, string? warningsNotAsErrors)
{
    private readonly HashSet<string> _noWarn = Split(noWarn);
    private readonly HashSet<string> _asErrors = Split(warningsAsErrors);
    private readonly HashSet<string> _notAsErrors = Split(warningsNotAsErrors);

    public bool IsSuppressed(string code) => _noWarn.Contains(code);

    public bool IsError(string code) => _asErrors.Contains(code) || (treatWarningsAsErrors && !_notAsErrors.Contains(code));

    private static HashSet<string> Split(string? list) =>
        new((list ?? "").Split([';', ','], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries), StringComparer.OrdinalIgnoreCase);
}
