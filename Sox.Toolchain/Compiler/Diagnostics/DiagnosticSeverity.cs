namespace Sox.Compiler.Diagnostics;

public enum DiagnosticSeverity
{
    Warning,
    Error,
}
