using System.Text.RegularExpressions;
using Sox.Compiler.Diagnostics;

namespace Sox.Toolchain.Tests.Frontend;

/// <summary>
/// One diagnostic a corpus file expects, written in the file as <c>// error: SOX2001 @ 4:7</c> or
/// <c>// warning: SOX3014 @ 8:14</c>; a diagnostic in another file (an imported module) names it relative to the
/// annotating file: <c>// error: SOX3102 @ modules/cycle2_a.sox:2:8</c>. Lines and columns are 1-based, columns
/// in UTF-16 code units like <see cref="Sox.Compiler.Text.SourceText"/>.
/// </summary>
public sealed record ExpectedDiagnostic(DiagnosticSeverity Severity, string Code, string FullPath, int Line, int Column)
{
    private static readonly Regex s_annotation = new(
        @"^\s*//\s*(?<sev>error|warning)\s*:\s*(?<code>SOX\d{4})\s*@\s*(?:(?<path>[^\s@]+):)?(?<line>\d+):(?<col>\d+)\s*$",
        RegexOptions.Multiline | RegexOptions.CultureInvariant);

    /// <summary>Reads the annotations of a corpus file.</summary>
    public static IReadOnlyList<ExpectedDiagnostic> ReadFrom(string fullPath)
    {
        var directory = Path.GetDirectoryName(fullPath)!;
        return s_annotation.Matches(File.ReadAllText(fullPath))
            .Select(m => new ExpectedDiagnostic(
                m.Groups["sev"].Value == "error" ? DiagnosticSeverity.Error : DiagnosticSeverity.Warning,
                m.Groups["code"].Value,
                m.Groups["path"].Success ? Path.GetFullPath(Path.Combine(directory, m.Groups["path"].Value)) : fullPath,
                int.Parse(m.Groups["line"].Value, System.Globalization.CultureInfo.InvariantCulture),
                int.Parse(m.Groups["col"].Value, System.Globalization.CultureInfo.InvariantCulture)))
            .ToList();
    }

    /// <summary>The same key for a diagnostic the front end reported (its path made absolute).</summary>
    public static ExpectedDiagnostic Of(Diagnostic diagnostic) => new(
        diagnostic.Severity,
        diagnostic.Code,
        diagnostic.Location.Path.Length == 0 ? "" : Path.GetFullPath(diagnostic.Location.Path),
        diagnostic.Location.Line,
        diagnostic.Location.Column);

    public override string ToString() =>
        $"{(Severity == DiagnosticSeverity.Error ? "error" : "warning")} {Code} @ {Path.GetFileName(FullPath)}:{Line}:{Column}";
}
