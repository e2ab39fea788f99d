namespace Sox.Compiler.CodeGen;

/// <summary>The object file formats a target may link (ObjectFiles/ writes them).</summary>
public enum ObjectFormat
{
    /// <summary>ELF (Linux).</summary>
    Elf,
    /// <summary>Mach-O (macOS).</summary>
    MachO,
    /// <summary>COFF (Windows).</summary>
    Coff,
}
