namespace Sox.Compiler.Targets.Arm64;

/// <summary>Facts about <see cref="Arm64Register"/> values that encoders and allocators need.</summary>
public static class Arm64Registers
{
    /// <summary>X0…X30 in hardware order (neither SP nor XZR).</summary>
    public static IReadOnlyList<Arm64Register> GeneralPurpose { get; } =
        Enumerable.Range(0, 31).Select(n => (Arm64Register)n).ToArray();

    /// <summary>V0…V31 in hardware order.</summary>
    public static IReadOnlyList<Arm64Register> Vector { get; } =
        Enumerable.Range(64, 32).Select(n => (Arm64Register)n).ToArray();

    /// <summary>The 5-bit register number: 0–30 for Xn/Vn, 31 for both SP and XZR (Arm ARM C1.2.5).</summary>
    public static int HardwareNumber(this Arm64Register register) => register switch
    {
        Arm64Register.XZR => 31,
        _ => (int)register & 31,
    };

    /// <summary>True for X0…X30.</summary>
    public static bool IsGeneralPurpose(this Arm64Register register) => (int)register < 31;

    /// <summary>True for V0…V31.</summary>
    public static bool IsVector(this Arm64Register register) => (int)register is >= 64 and < 96;

    /// <summary>The register as a 64-bit operand: <c>x0</c>…<c>x30</c>, <c>sp</c>, <c>xzr</c>, or <c>d0</c>… for V.</summary>
    public static string Name64(this Arm64Register register) => register switch
    {
        Arm64Register.SP => "sp",
        Arm64Register.XZR => "xzr",
        _ when register.IsVector() => "d" + register.HardwareNumber(),
        _ when register.IsGeneralPurpose() => "x" + (int)register,
        _ => throw new ArgumentOutOfRangeException(nameof(register), register, "Not a register."),
    };

    /// <summary>The register as a 32-bit operand: <c>w0</c>…<c>w30</c>, <c>wsp</c>, <c>wzr</c>, or <c>s0</c>… for V.</summary>
    public static string Name32(this Arm64Register register) => register switch
    {
        Arm64Register.SP => "wsp",
        Arm64Register.XZR => "wzr",
        _ when register.IsVector() => "s" + register.HardwareNumber(),
        _ when register.IsGeneralPurpose() => "w" + (int)register,
        _ => throw new ArgumentOutOfRangeException(nameof(register), register, "Not a register."),
    };
}
