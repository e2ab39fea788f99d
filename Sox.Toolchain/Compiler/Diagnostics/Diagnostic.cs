using Sox.Compiler.Text;

namespace Sox.Compiler.Diagnostics;

/// <summary>
/// One compiler message. <see cref="ToString"/> gives MSBuild's canonical format
/// <c>path(line,col): error SOXnnnn: message</c> so that dotnet build, Visual Studio and Rider place it.
/// </summary>
public sealed record Diagnostic(DiagnosticDescriptor Descriptor, SourceLocation Location, string Message)
{
    /// <summary>The stable id, <c>SOXnnnn</c>.</summary>
    public string Code => Descriptor.Code;

    /// <summary>Error or warning, as the descriptor fixes it.</summary>
    public DiagnosticSeverity Severity => Descriptor.Severity;

    /// <summary>True when the diagnostic fails the compilation.</summary>
    public bool IsError => Severity == DiagnosticSeverity.Error;

    /// <summary>
    /// <c>path(line,col): error SOXnnnn: message</c>, or <c>sox: error SOXnnnn: message</c> for a diagnostic without a source
    /// position.
    /// </summary>
    public override string ToString()
    {
        var severity = Severity == DiagnosticSeverity.Error ? "error" : "warning";
        return Location.Path.Length == 0
            ? $"sox: {severity} {Code}: {Message}"
            : $"{Location.Path}({Location.Line},{Location.Column}): {severity} {Code}: {Message}";
    }
}
