namespace Sox.Compiler.Diagnostics;

/// <summary>
/// Code generation diagnostics (lowering, passes, targets), SOX4000–4099. None are reported today: every program the
/// front end accepts is compiled (SOX4001/SOX4002, "extern/export not supported", were retired when §9 landed).
/// </summary>
public static partial class DiagnosticCodes
{
}
