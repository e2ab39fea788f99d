using Iced.Intel;
using Sox.Compiler.Targets.X64;

namespace Sox.Toolchain.Tests.X64;

/// <summary>Iced's register numbering, stated independently of the encoder.</summary>
internal static class IcedRegisters
{
    public static Register R64(X64Register r) => Register.RAX + Number(r, false);
    public static Register R32(X64Register r) => Register.EAX + Number(r, false);
    public static Register R16(X64Register r) => Register.AX + Number(r, false);
    public static Register Xmm(X64Register r) => Register.XMM0 + Number(r, true);

    /// <summary>AL, CL, DL, BL, then SPL…DIL (never AH…BH, since the encoder uses REX), then R8L…R15L.</summary>
    public static Register R8(X64Register r)
    {
        var n = Number(r, false);
        return n < 4 ? Register.AL + n : n < 8 ? Register.SPL + (n - 4) : Register.R8L + (n - 8);
    }

    private static int Number(X64Register r, bool xmm)
    {
        var value = (int)r;
        if (xmm != value >= 16) throw new ArgumentException($"{r} has the wrong register class.");
        return value & 15;
    }
}
