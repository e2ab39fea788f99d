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
}
