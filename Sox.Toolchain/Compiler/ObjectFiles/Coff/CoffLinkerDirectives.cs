using System.Text;

namespace Sox.Compiler.ObjectFiles.Coff;

/// <summary>
/// Builds the contents of a <c>.drectve</c> section (<see cref="ObjectSectionKind.LinkerDirectives"/>): linker
/// options as ASCII text, each preceded by a space (PE Format, "The .drectve Section (Object Only)": "a string of
/// ASCII text … encoded as linker options … separated by spaces"). Options use the <c>-name:value</c> spelling, which
/// both link.exe/lld-link (that take <c>/</c> or <c>-</c>) and GNU ld's PE port read; LLVM writes the same for MinGW.
/// </summary>
/// <example>
/// <code>
/// var directives = obj.GetOrAddSection(ObjectSectionKind.LinkerDirectives);
/// directives.Append(CoffLinkerDirectives.Export("sox_answer"));
/// </code>
/// </example>
public static class CoffLinkerDirectives
{
    /// <summary><c> -export:NAME</c> (or <c>-export:NAME,data</c> for a data symbol): export the symbol from the DLL
    /// being linked, as <c>__declspec(dllexport)</c> does.</summary>
    public static byte[] Export(string symbol, bool isData = false)
    {
        ArgumentException.ThrowIfNullOrEmpty(symbol);
        if (symbol.Any(c => c is ' ' or '"' or ',' || c > 0x7e || c < 0x20))
            throw new ArgumentException($"Symbol name {symbol} cannot be written as a linker directive.", nameof(symbol));
        return Encoding.ASCII.GetBytes($" -export:{symbol}{(isData ? ",data" : "")}");
    }
}
