using System.Globalization;
using Sox.Compiler.Targets.Arm64;

namespace Sox.Toolchain.Tests.Arm64;

/// <summary>
/// Operand spelling of GNU objdump (binutils 2.40) for AArch64 with <c>-M no-aliases</c>: what the round trips
/// expect to read back. Written from the disassembler's observed output and the Arm ARM's operand syntax, not
/// from the encoder (the library's own <c>Name64</c>/<c>Suffix</c> are deliberately not used).
/// </summary>
internal static class Asm
{
    private static int Number(Arm64Register r) => r switch
    {
        Arm64Register.SP or Arm64Register.XZR => 31,
        _ when (int)r >= 64 => (int)r - 64,
        _ => (int)r,
    };

    public static string X(Arm64Register r) => r switch { Arm64Register.SP => "sp", Arm64Register.XZR => "xzr", _ => "x" + Number(r) };

    public static string W(Arm64Register r) => r switch { Arm64Register.SP => "wsp", Arm64Register.XZR => "wzr", _ => "w" + Number(r) };

    public static string D(Arm64Register r) => "d" + Number(r);

    public static string S(Arm64Register r) => "s" + Number(r);

    /// <summary>The register in the view of a 64-bit (<c>x</c>) or 32-bit (<c>w</c>) form.</summary>
    public static string G(bool is64, Arm64Register r) => is64 ? X(r) : W(r);

    public static string Hex(ulong value) => "0x" + value.ToString("x", CultureInfo.InvariantCulture);

    public static string Dec(long value) => value.ToString(CultureInfo.InvariantCulture);

    /// <summary>GNU spells condition 2 and 3 "cs" and "cc".</summary>
    public static string Cond(Arm64Condition c) =>
        new[] { "eq", "ne", "cs", "cc", "mi", "pl", "vs", "vc", "hi", "ls", "ge", "lt", "gt", "le", "al", "nv" }[(int)c];

    /// <summary>", lsr #3"; an LSL by 0 is omitted, any other shift by 0 is printed.</summary>
    public static string Shift(Arm64Shift shift, int amount) => shift == Arm64Shift.Lsl && amount == 0
        ? ""
        : $", {shift.ToString().ToLowerInvariant()} #{amount}";

    /// <summary>Doubles as GNU prints FMOV immediates: C's <c>%.18e</c>.</summary>
    public static string Float(double value) => value.ToString("0.000000000000000000e+00", CultureInfo.InvariantCulture);

    public static string ExtendName(Arm64Extend extend) => extend.ToString().ToLowerInvariant();
}
