namespace Sox.Compiler.ObjectFiles.MachO;

/// <summary><c>cpu_subtype_t</c> values of <c>mach_header_64.cpusubtype</c> (<c>&lt;mach/machine.h&gt;</c>) that Sox
/// writes: the "any implementation" subtype of each CPU type.</summary>
public enum MachOCpuSubtype : uint
{
    /// <summary><c>CPU_SUBTYPE_ARM64_ALL</c> (with <see cref="MachOCpuType.CPU_TYPE_ARM64"/>).</summary>
    CPU_SUBTYPE_ARM64_ALL = 0,
    /// <summary><c>CPU_SUBTYPE_X86_64_ALL</c> (with <see cref="MachOCpuType.CPU_TYPE_X86_64"/>).</summary>
    CPU_SUBTYPE_X86_64_ALL = 3,
}
