using System.Text;

namespace Sox.Compiler.Lowering;

/// <summary>
/// Object-file symbol names for one module, all prefixed with the module's mangled name so modules link into one
/// program without clashes. Only the initialiser (and <c>sox_program_entry</c>) are global; the rest are local.
/// </summary>
public sealed class SymbolNames(string module)
{
    public const string ProgramEntry = "sox_program_entry";

    public string Module { get; } = module;

    public static string Init(string module) => $"sox_mod_{module}_init";

    public string Init() => Init(Module);

    public string Globals => $"sox_globals_{Module}";

    public string LineTable => $"sox_lines_{Module}";

    /// <summary>The module's property inline caches: one zeroed 40-byte SoxPropertyCache per site.</summary>
    public string PropertyCaches => $"sox_ics_{Module}";

    public string Function(int index, string name) => $"sox_fn_{Module}_{index}_{Sanitize(name)}";

    public string Thunk(int index) => $"sox_invoke_{Module}_{index}";

    public string Descriptor(int index) => $"sox_desc_{Module}_{index}";

    public string FunctionName(int index) => $"sox_name_{Module}_{index}";

    /// <summary>The pieces of the module's <paramref name="index"/>-th <c>extern fn</c> (wrapper, descriptor, native, …).</summary>
    public string Extern(int index, string name, string part) => $"sox_extern_{Module}_{index}_{Sanitize(name)}_{part}";

    /// <summary>The C entry of an <c>export fn</c> is the export's own name (§9): the symbol C and C# call.</summary>
    public static string Export(string name) => name;

    public string String(int index) => $"sox_str_{Module}_{index}";

    /// <summary>The module's display path as a C string (test failure locations).</summary>
    public string FileName => $"sox_file_{Module}";

    /// <summary>Identifiers are already C-safe; this only guards display names such as <c>Point.init</c>.</summary>
    private static string Sanitize(string name)
    {
        var sb = new StringBuilder(name.Length);
        foreach (var c in name) sb.Append(char.IsAsciiLetterOrDigit(c) || c == '_' ? c : '_');
        return sb.ToString();
    }
}
