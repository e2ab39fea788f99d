namespace Sox.Compiler.Targets.X64;

/// <summary>Facts about <see cref="X64Register"/> values that encoders and allocators need.</summary>
public static class X64Registers
{
    /// <summary>The sixteen general-purpose registers in hardware order.</summary>
    public static IReadOnlyList<X64Register> GeneralPurpose { get; } =
        Enumerable.Range(0, 16).Select(n => (X64Register)n).ToArray();

    /// <summary>The sixteen SSE registers in hardware order.</summary>
    public static IReadOnlyList<X64Register> Xmm { get; } =
        Enumerable.Range(16, 16).Select(n => (X64Register)n).ToArray();

    /// <summary>The 4-bit hardware number (SDM Vol. 2A §2.2.1.2, Table 2-4).</summary>
    public static int HardwareNumber(this X64Register register) => (int)register & 15;

    /// <summary>True for RAX…R15.</summary>
    public static bool IsGeneralPurpose(this X64Register register) => (int)register < 16;

    /// <summary>True for XMM0…XMM15.</summary>
    public static bool IsXmm(this X64Register register) => (int)register is >= 16 and < 32;

    /// <summary>
    /// True when the register is 8–15 (R8…R15, XMM8…XMM15), whose fourth bit must travel in a REX prefix.
    /// </summary>
    public static bool IsExtended(this X64Register register) => ((int)register & 8) != 0;

    /// <summary>The Intel name of the 64-bit register (or the XMM register), lower case.</summary>
    public static string Name(this X64Register register) => register.IsXmm()
        ? "xmm" + register.HardwareNumber()
        : Names64[register.HardwareNumber()];

    /// <summary>The Intel name of the low 32 bits of a general-purpose register.</summary>
    public static string Name32(this X64Register register) => Names32[Gpr(register)];

    /// <summary>The Intel name of the low byte of a general-purpose register (never AH…BH).</summary>
    public static string Name8(this X64Register register) => Names8[Gpr(register)];

    private static int Gpr(X64Register register) => register.IsGeneralPurpose()
        ? (int)register
        : throw new ArgumentException($"{register} is not a general-purpose register.", nameof(register));

    private static readonly string[] Names64 =
        ["rax", "rcx", "rdx", "rbx", "rsp", "rbp", "rsi", "rdi", "r8", "r9", "r10", "r11", "r12", "r13", "r14", "r15"];

    private static readonly string[] Names32 =
        ["eax", "ecx", "edx", "ebx", "esp", "ebp", "esi", "edi", "r8d", "r9d", "r10d", "r11d", "r12d", "r13d", "r14d", "r15d"];

    private static readonly string[] Names8 =
        ["al", "cl", "dl", "bl", "spl", "bpl", "sil", "dil", "r8b", "r9b", "r10b", "r11b", "r12b", "r13b", "r14b", "r15b"];
}
