using Sox.Compiler.Text;

namespace Sox.Compiler.Diagnostics;

/// <summary>
/// One compiler message. <see cref="ToString"/> gives MSBuild's canonical format
/// <c>path(line,col): error SOXnnnn: message</c> so that dotnet build, Visual Studio and Rider place it.
/// </summary>
public sealed record Diagnostic(DiagnosticDescriptor Descriptor, SourceLocation Location, string Message)
{
    public string Code => Descriptor.Code;

    public DiagnosticSeverity Severity => Descriptor.Severity;

    public bool IsError => Severity == DiagnosticSeverity.Error;

    public override string ToString()
    {
        var severity = Severity == DiagnosticSeverity.Error ? "error" : "warning";
        return Location.Path.Length == 0
            ? $"sox: {severity} {Code}: {Message}"
            : $"{Location.Path}({Location.Line},{Location.Column}): {severity} {Code}: {Message}";
    }
}
