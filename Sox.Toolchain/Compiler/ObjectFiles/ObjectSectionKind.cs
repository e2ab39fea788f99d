namespace Sox.Compiler.ObjectFiles;

/// <summary>
/// What a section holds. Serializers name and flag the standard kinds themselves (ELF <c>.text</c>,
/// <c>.rodata</c>, <c>.data</c>, <c>.data.rel.ro</c>, <c>.bss</c>; Mach-O <c>__TEXT,__text</c>, <c>__TEXT,__const</c>,
/// <c>__DATA,__data</c>, <c>__DATA_CONST,__const</c>, <c>__DATA,__bss</c>); only <see cref="Custom"/> sections
/// carry their own name and <see cref="ObjectSectionFlags"/>.
/// </summary>
public enum ObjectSectionKind
{
    /// <summary>Executable code.</summary>
    Text,
    /// <summary>Constants that need no load-time relocation (strings, literal pools).</summary>
    ReadOnlyData,
    /// <summary>Initialised writable data.</summary>
    Data,
    /// <summary>Data that holds absolute addresses: written by the dynamic loader, then read-only (RELRO).</summary>
    ReadOnlyAfterRelocation,
    /// <summary>Zero-initialised writable data that occupies no bytes in the file.</summary>
    Bss,
    /// <summary>A section with a caller-chosen name and flags (for example the line table).</summary>
    Custom,
    /// <summary>Windows x64 function table (COFF <c>.pdata</c>): <c>RUNTIME_FUNCTION</c> entries of three image-relative
    /// words (begin, end, unwind info), relocated with <see cref="Ir.RelocationKind.ImageRelative32"/>. COFF only.</summary>
    FunctionTable,
    /// <summary>Windows x64 unwind information (COFF <c>.xdata</c>): the <c>UNWIND_INFO</c> records that
    /// <see cref="FunctionTable"/> entries point at. COFF only.</summary>
    UnwindInfo,
    /// <summary>Linker directives (COFF <c>.drectve</c>: ASCII options such as <c>/EXPORT:name</c>, not loaded). COFF only.</summary>
    LinkerDirectives,
}
