namespace Sox.Compiler.Diagnostics;

/// <summary>Code generation diagnostics (lowering, passes, targets), SOX4000–4099.</summary>
public static partial class DiagnosticCodes
{
    public static readonly DiagnosticDescriptor ExternNotSupported = Error("SOX4001", "extern not supported", "extern calls are not supported by this backend yet.");
    public static readonly DiagnosticDescriptor ExportNotSupported = Error("SOX4002", "export not supported", "export functions are not supported by this backend yet.");
}
