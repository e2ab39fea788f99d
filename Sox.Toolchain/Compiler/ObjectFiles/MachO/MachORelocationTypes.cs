using Sox.Compiler.Ir;

namespace Sox.Compiler.ObjectFiles.MachO;

/// <summary>Maps <see cref="ObjectMachine"/> to Mach-O CPU types and names Mach-O relocation types for dumps. How
/// each <see cref="RelocationKind"/> becomes relocation entries is described on <see cref="MachOObjectWriter"/>.</summary>
public static class MachORelocationTypes
{
    /// <summary>The <c>cputype</c> of <paramref name="machine"/>.</summary>
    public static MachOCpuType ToCpuType(ObjectMachine machine) => machine switch
    {
        ObjectMachine.X64 => MachOCpuType.CPU_TYPE_X86_64,
        ObjectMachine.Arm64 => MachOCpuType.CPU_TYPE_ARM64,
        _ => throw new ArgumentOutOfRangeException(nameof(machine), machine, null),
    };

    /// <summary>The <c>cpusubtype</c> Sox writes for <paramref name="machine"/> (any implementation).</summary>
    public static MachOCpuSubtype ToCpuSubtype(ObjectMachine machine) => machine switch
    {
        ObjectMachine.X64 => MachOCpuSubtype.CPU_SUBTYPE_X86_64_ALL,
        ObjectMachine.Arm64 => MachOCpuSubtype.CPU_SUBTYPE_ARM64_ALL,
        _ => throw new ArgumentOutOfRangeException(nameof(machine), machine, null),
    };

    /// <summary>The spec name of relocation <paramref name="type"/> for <paramref name="cpuType"/>, or its number.</summary>
    public static string Name(MachOCpuType cpuType, byte type) => cpuType switch
    {
        MachOCpuType.CPU_TYPE_ARM64 when Enum.IsDefined((MachOArm64RelocationType)type) => ((MachOArm64RelocationType)type).ToString(),
        MachOCpuType.CPU_TYPE_X86_64 when Enum.IsDefined((MachOX86_64RelocationType)type) => ((MachOX86_64RelocationType)type).ToString(),
        _ => $"<type {type}>",
    };
}
