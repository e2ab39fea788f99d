namespace Sox.Compiler.Diagnostics;

/// <summary>Module and import diagnostics (§6), SOX3100–3199.</summary>
public static partial class DiagnosticCodes
{
    public static readonly DiagnosticDescriptor ModuleNotFound = Error("SOX3101", "Module not found", "Module '{0}' not found (import chain: {1}).");
    public static readonly DiagnosticDescriptor ImportCycle = Error("SOX3102", "Import cycle", "Import cycle: {0}.");
    public static readonly DiagnosticDescriptor ModuleUnreadable = Error("SOX3103", "Module unreadable", "Can't read module '{0}': {1}");
}
