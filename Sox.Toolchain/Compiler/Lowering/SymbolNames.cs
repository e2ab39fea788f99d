using System.Text;

namespace Sox.Compiler.Lowering;

/// <summary>
/// Object-file symbol names for one module, all but the C entries (<c>sox_program_entry</c>, <c>export fn</c>) prefixed
/// with the module's mangled name so modules link into one program without clashes. Global are the initialiser, the
/// C entries and, in a test build, the test collector <c>sox_mod_&lt;M&gt;_tests</c>; the rest are local.
/// </summary>
/// <param name="module">The module's <see cref="Semantics.SourceModule.MangledName"/>.</param>
public sealed class SymbolNames(string module)
{
    /// <summary>
    /// <c>void sox_program_entry(void)</c>, which the runtime's <c>main</c> calls; only the entry module defines it.
    /// </summary>
    public const string ProgramEntry = "sox_program_entry";

    /// <summary>The module's mangled name, the infix of every symbol here (<c>lib_math</c>).</summary>
    public string Module { get; } = module;

    /// <summary>
    /// The initialiser of the module mangled <paramref name="module"/>: runs its top level once (§6).
    /// </summary>
    /// <param name="module">A module's mangled name, e.g. of an imported module.</param>
    public static string Init(string module) => $"sox_mod_{module}_init";

    /// <summary>This module's initialiser, <c>sox_mod_&lt;M&gt;_init</c> (the global symbol importers call).</summary>
    public string Init() => Init(Module);

    /// <summary>
    /// The module's global slot array: one 8-byte value per top-level name, plus the hidden module-value slot.
    /// </summary>
    public string Globals => $"sox_globals_{Module}";

    /// <summary>
    /// The module's <c>SoxCodeTable</c> mapping code addresses to source lines for stack traces (runtime-abi.md).
    /// </summary>
    public string LineTable => $"sox_lines_{Module}";

    /// <summary>The module's property inline caches: one zeroed 96-byte SoxPropertyCache per get/set site (and a 72-byte SoxInvokeCache per call site).</summary>
    public string PropertyCaches => $"sox_ics_{Module}";

    /// <summary>The code of the module's <paramref name="index"/>-th Sox function (Sox calling convention).</summary>
    /// <param name="index">The function's number in the module, in order of first request.</param>
    /// <param name="name">Its display name, sanitised into the symbol for readable listings and backtraces.</param>
    public string Function(int index, string name) => $"sox_fn_{Module}_{index}_{Sanitize(name)}";

    /// <summary>
    /// The invoke thunk of the <paramref name="index"/>-th function: takes the arguments as an array, loads them and
    /// calls the code, so the runtime can call any arity without target-specific assembly (runtime-abi.md).
    /// </summary>
    /// <param name="index">The function's number in the module.</param>
    public string Thunk(int index) => $"sox_invoke_{Module}_{index}";

    /// <summary>
    /// The static <c>SoxFunction</c> descriptor of the <paramref name="index"/>-th function: code, invoke thunk,
    /// arity, capture count, name and kind (runtime-abi.md).
    /// </summary>
    /// <param name="index">The function's number in the module.</param>
    public string Descriptor(int index) => $"sox_desc_{Module}_{index}";

    /// <summary>
    /// The NUL-terminated display name of the <paramref name="index"/>-th function, as traces print it.
    /// </summary>
    /// <param name="index">The function's number in the module.</param>
    public string FunctionName(int index) => $"sox_name_{Module}_{index}";

    /// <summary>The pieces of the module's <paramref name="index"/>-th <c>extern fn</c> (wrapper, descriptor, native, …).</summary>
    public string Extern(int index, string name, string part) => $"sox_extern_{Module}_{index}_{Sanitize(name)}_{part}";

    /// <summary>The C entry of an <c>export fn</c> is the export's own name (§9): the symbol C and C# call.</summary>
    public static string Export(string name) => name;

    /// <summary>
    /// The <paramref name="index"/>-th static string object of the module (see <see cref="StringTable"/>).
    /// </summary>
    /// <param name="index">The string's number in the module, in order of first use.</param>
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
