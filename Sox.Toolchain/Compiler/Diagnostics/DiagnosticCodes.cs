namespace Sox.Compiler.Diagnostics;

/// <summary>
/// Every diagnostic the toolchain reports, grouped by stage. The ranges:
/// <list type="bullet">
/// <item>SOX1000–1099: lexical (DiagnosticCodes.Lexer.cs)</item>
/// <item>SOX2000–2099: syntax (DiagnosticCodes.Parser.cs)</item>
/// <item>SOX3000–3099: name resolution (DiagnosticCodes.Resolver.cs)</item>
/// <item>SOX3100–3199: modules and imports (DiagnosticCodes.Modules.cs)</item>
/// <item>SOX4000–4099: code generation and targets</item>
/// <item>SOX5000–5099: driver, C compiler and linker</item>
/// </list>
/// </summary>
public static partial class DiagnosticCodes
{
    private static DiagnosticDescriptor Error(string code, string title, string format) =>
        new(code, DiagnosticSeverity.Error, title, format);

    private static DiagnosticDescriptor Warning(string code, string title, string format) =>
        new(code, DiagnosticSeverity.Warning, title, format);

    /// <summary>All descriptors, for docs and tests (found by reflection over the partial class).</summary>
    public static IReadOnlyList<DiagnosticDescriptor> All => s_all ??= typeof(DiagnosticCodes)
        .GetFields(System.Reflection.BindingFlags.Public | System.Reflection.BindingFlags.Static)
        .Where(f => f.FieldType == typeof(DiagnosticDescriptor))
        .Select(f => (DiagnosticDescriptor)f.GetValue(null)!)
        .OrderBy(d => d.Code, StringComparer.Ordinal)
        .ToArray();

    private static DiagnosticDescriptor[]? s_all;
}
