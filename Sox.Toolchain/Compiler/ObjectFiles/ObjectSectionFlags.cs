namespace Sox.Compiler.ObjectFiles;

/// <summary>Properties of a section's memory image. The standard <see cref="ObjectSectionKind"/>s imply theirs;
/// <see cref="ObjectSectionKind.Custom"/> sections state them.</summary>
[Flags]
public enum ObjectSectionFlags
{
    /// <summary>Not loaded into memory (for example debugging information).</summary>
    None = 0,
    /// <summary>Occupies memory at run time (ELF <c>SHF_ALLOC</c>).</summary>
    Allocated = 1,
    /// <summary>Writable at run time (ELF <c>SHF_WRITE</c>).</summary>
    Writable = 2,
    /// <summary>Holds executable code (ELF <c>SHF_EXECINSTR</c>).</summary>
    Executable = 4,
}
