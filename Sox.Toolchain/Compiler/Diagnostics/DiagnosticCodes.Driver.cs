namespace Sox.Compiler.Diagnostics;

/// <summary>Driver diagnostics (files, options, tools), SOX5000–5099.</summary>
public static partial class DiagnosticCodes
{
    public static readonly DiagnosticDescriptor FileNotFound = Error("SOX5001", "Source file not found", "Source file '{0}' not found.");
    public static readonly DiagnosticDescriptor FileUnreadable = Error("SOX5002", "Source file unreadable", "Can't read source file '{0}': {1}");
    public static readonly DiagnosticDescriptor InternalError = Error("SOX5099", "Internal compiler error", "Internal compiler error: {0}");
}
