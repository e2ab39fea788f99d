namespace Sox.Compiler.Diagnostics;

/// <summary>Module and import diagnostics (§6), SOX3100–3199.</summary>
public static partial class DiagnosticCodes
{
    /// <summary>SOX3101 (error): <i>Module '{0}' not found (import chain: {1}).</i></summary>
    public static readonly DiagnosticDescriptor ModuleNotFound = Error("SOX3101", "Module not found", "Module '{0}' not found (import chain: {1}).");
    /// <summary>SOX3102 (error): <i>Import cycle: {0}.</i></summary>
    public static readonly DiagnosticDescriptor ImportCycle = Error("SOX3102", "Import cycle", "Import cycle: {0}.");
    /// <summary>SOX3103 (error): <i>Can't read module '{0}': {1}</i></summary>
    public static readonly DiagnosticDescriptor ModuleUnreadable = Error("SOX3103", "Module unreadable", "Can't read module '{0}': {1}");
    /// <summary>§6 binds an import to its last path segment; when that is no identifier the user must name it.</summary>
    public static readonly DiagnosticDescriptor ImportNeedsAlias = Error("SOX3104", "Import needs an alias", "Module path '{0}' does not end in an identifier; write 'import name \"{0}\"'.");
}
