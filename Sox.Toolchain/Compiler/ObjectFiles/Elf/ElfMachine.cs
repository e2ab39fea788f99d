namespace Sox.Compiler.ObjectFiles.Elf;

/// <summary>The <c>e_machine</c> values Sox writes (System V gABI, "ELF Header"; numbers from the psABIs).</summary>
public enum ElfMachine : ushort
{
    /// <summary>AMD x86-64 (x86-64 psABI §4.1.1).</summary>
    EM_X86_64 = 62,
    /// <summary>Arm 64-bit architecture (ELF for the Arm 64-bit Architecture, §5.1 "ELF Header").</summary>
    EM_AARCH64 = 183,
}
