namespace Sox.Compiler.ObjectFiles.MachO;

/// <summary><c>vm_prot_t</c> bits of <c>segment_command_64.maxprot</c>/<c>initprot</c> (<c>&lt;mach/vm_prot.h&gt;</c>).</summary>
[Flags]
public enum MachOVmProtection : uint
{
    /// <summary><c>VM_PROT_NONE</c>.</summary>
    VM_PROT_NONE = 0,
    /// <summary><c>VM_PROT_READ</c>.</summary>
    VM_PROT_READ = 1,
    /// <summary><c>VM_PROT_WRITE</c>.</summary>
    VM_PROT_WRITE = 2,
    /// <summary><c>VM_PROT_EXECUTE</c>.</summary>
    VM_PROT_EXECUTE = 4,
}
