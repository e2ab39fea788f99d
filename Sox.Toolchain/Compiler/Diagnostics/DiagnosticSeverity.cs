namespace Sox.Compiler.Diagnostics;

/// <summary>How a diagnostic affects the compilation.</summary>
public enum DiagnosticSeverity
{
    /// <summary>Reported; the compilation still succeeds (unless the caller treats warnings as errors: <c>sox check --warnaserror</c>).</summary>
    Warning,

    /// <summary>Reported; the compilation fails.</summary>
    Error,
}
