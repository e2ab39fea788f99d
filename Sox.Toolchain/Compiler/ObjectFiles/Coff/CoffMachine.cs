namespace Sox.Compiler.ObjectFiles.Coff;

/// <summary>The <c>Machine</c> field of <see cref="CoffFileHeader"/> (PE Format, "Machine Types").</summary>
public enum CoffMachine : ushort
{
    /// <summary>Applicable to any machine type.</summary>
    IMAGE_FILE_MACHINE_UNKNOWN = 0,
    /// <summary>x64.</summary>
    IMAGE_FILE_MACHINE_AMD64 = 0x8664,
    /// <summary>ARM64 little endian (not written yet: the writer supports AMD64 only).</summary>
    IMAGE_FILE_MACHINE_ARM64 = 0xaa64,
}
