namespace Sox.Compiler.ObjectFiles;

/// <summary>The instruction set an <see cref="ObjectFile"/> holds code for; each serializer maps it to its own
/// field (ELF <c>e_machine</c>, Mach-O <c>cputype</c>, COFF <c>Machine</c>).</summary>
public enum ObjectMachine
{
    /// <summary>x86-64 (ELF <c>EM_X86_64</c>).</summary>
    X64,
    /// <summary>AArch64 (ELF <c>EM_AARCH64</c>).</summary>
    Arm64,
}
