namespace Sox.Compiler.ObjectFiles.MachO;

/// <summary><c>cpu_type_t</c> values of <c>mach_header_64.cputype</c> (<c>&lt;mach/machine.h&gt;</c>):
/// the base CPU type or'ed with <c>CPU_ARCH_ABI64</c> (0x01000000).</summary>
public enum MachOCpuType : uint
{
    /// <summary><c>CPU_TYPE_X86_64</c> = <c>CPU_TYPE_X86 | CPU_ARCH_ABI64</c>.</summary>
    CPU_TYPE_X86_64 = 0x0100_0007,
    /// <summary><c>CPU_TYPE_ARM64</c> = <c>CPU_TYPE_ARM | CPU_ARCH_ABI64</c>.</summary>
    CPU_TYPE_ARM64 = 0x0100_000c,
}
