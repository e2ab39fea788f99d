using Sox.Compiler.Targets.Arm64;
using static Sox.Toolchain.Tests.Arm64.Asm;

namespace Sox.Toolchain.Tests.Arm64;

internal static partial class RoundTripForms
{
    private static RoundTripForm ThreeRegisterForm(string method, string mnemonic, bool is64, Action<Arm64Encoder, Arm64Register, Arm64Register, Arm64Register> call) =>
        Form($"{method}({R},{R},{R})", (e, o) =>
        {
            var (rd, rn, rm) = (o.GprOrZr(), o.GprOrZr(), o.GprOrZr());
            call(e, rd, rn, rm);
            return $"{mnemonic} {G(is64, rd)}, {G(is64, rn)}, {G(is64, rm)}";
        });

    private static RoundTripForm FourRegisterForm(string method, string mnemonic, bool is64, Action<Arm64Encoder, Arm64Register, Arm64Register, Arm64Register, Arm64Register> call) =>
        Form($"{method}({R},{R},{R},{R})", (e, o) =>
        {
            var (rd, rn, rm, ra) = (o.GprOrZr(), o.GprOrZr(), o.GprOrZr(), o.GprOrZr());
            call(e, rd, rn, rm, ra);
            return $"{mnemonic} {G(is64, rd)}, {G(is64, rn)}, {G(is64, rm)}, {G(is64, ra)}";
        });

    /// <summary>MUL is MADD with Ra = XZR.</summary>
    private static RoundTripForm MulForm(string method, bool is64, Action<Arm64Encoder, Arm64Register, Arm64Register, Arm64Register> call) =>
        Form($"{method}({R},{R},{R})", (e, o) =>
        {
            var (rd, rn, rm) = (o.GprOrZr(), o.GprOrZr(), o.GprOrZr());
            call(e, rd, rn, rm);
            return $"madd {G(is64, rd)}, {G(is64, rn)}, {G(is64, rm)}, {G(is64, Arm64Register.XZR)}";
        });

    private static RoundTripForm SelectForm(string method, string mnemonic, bool is64, Action<Arm64Encoder, Arm64Register, Arm64Register, Arm64Register, Arm64Condition> call) =>
        Form($"{method}({R},{R},{R},Arm64Condition)", (e, o) =>
        {
            var (rd, rn, rm) = (o.GprOrZr(), o.GprOrZr(), o.GprOrZr());
            var cond = o.Cond();
            call(e, rd, rn, rm, cond);
            return $"{mnemonic} {G(is64, rd)}, {G(is64, rn)}, {G(is64, rm)}, {Cond(cond)}";
        });

    /// <summary>CSET is CSINC Rd, ZR, ZR with the inverted condition (cond&lt;0&gt; flipped).</summary>
    private static RoundTripForm CsetForm(string method, bool is64, Action<Arm64Encoder, Arm64Register, Arm64Condition> call) =>
        Form($"{method}({R},Arm64Condition)", (e, o) =>
        {
            var rd = o.GprOrZr();
            var cond = o.InvertibleCond();
            call(e, rd, cond);
            var zr = G(is64, Arm64Register.XZR);
            return $"csinc {G(is64, rd)}, {zr}, {zr}, {Cond((Arm64Condition)((int)cond ^ 1))}";
        });

    private static RoundTripForm[] DataProcessing =>
    [
        ThreeRegisterForm("Lslv_x", "lslv", true, (e, d, n, m) => e.Lslv_x(d, n, m)),
        ThreeRegisterForm("Lslv_w", "lslv", false, (e, d, n, m) => e.Lslv_w(d, n, m)),
        ThreeRegisterForm("Lsrv_x", "lsrv", true, (e, d, n, m) => e.Lsrv_x(d, n, m)),
        ThreeRegisterForm("Lsrv_w", "lsrv", false, (e, d, n, m) => e.Lsrv_w(d, n, m)),
        ThreeRegisterForm("Asrv_x", "asrv", true, (e, d, n, m) => e.Asrv_x(d, n, m)),
        ThreeRegisterForm("Asrv_w", "asrv", false, (e, d, n, m) => e.Asrv_w(d, n, m)),
        ThreeRegisterForm("Udiv_x", "udiv", true, (e, d, n, m) => e.Udiv_x(d, n, m)),
        ThreeRegisterForm("Udiv_w", "udiv", false, (e, d, n, m) => e.Udiv_w(d, n, m)),
        ThreeRegisterForm("Sdiv_x", "sdiv", true, (e, d, n, m) => e.Sdiv_x(d, n, m)),
        ThreeRegisterForm("Sdiv_w", "sdiv", false, (e, d, n, m) => e.Sdiv_w(d, n, m)),
        FourRegisterForm("Madd_x", "madd", true, (e, d, n, m, a) => e.Madd_x(d, n, m, a)),
        FourRegisterForm("Madd_w", "madd", false, (e, d, n, m, a) => e.Madd_w(d, n, m, a)),
        FourRegisterForm("Msub_x", "msub", true, (e, d, n, m, a) => e.Msub_x(d, n, m, a)),
        FourRegisterForm("Msub_w", "msub", false, (e, d, n, m, a) => e.Msub_w(d, n, m, a)),
        MulForm("Mul_x", true, (e, d, n, m) => e.Mul_x(d, n, m)),
        MulForm("Mul_w", false, (e, d, n, m) => e.Mul_w(d, n, m)),
        SelectForm("Csel_x", "csel", true, (e, d, n, m, c) => e.Csel_x(d, n, m, c)),
        SelectForm("Csel_w", "csel", false, (e, d, n, m, c) => e.Csel_w(d, n, m, c)),
        SelectForm("Csinc_x", "csinc", true, (e, d, n, m, c) => e.Csinc_x(d, n, m, c)),
        SelectForm("Csinc_w", "csinc", false, (e, d, n, m, c) => e.Csinc_w(d, n, m, c)),
        SelectForm("Csinv_x", "csinv", true, (e, d, n, m, c) => e.Csinv_x(d, n, m, c)),
        SelectForm("Csinv_w", "csinv", false, (e, d, n, m, c) => e.Csinv_w(d, n, m, c)),
        SelectForm("Csneg_x", "csneg", true, (e, d, n, m, c) => e.Csneg_x(d, n, m, c)),
        SelectForm("Csneg_w", "csneg", false, (e, d, n, m, c) => e.Csneg_w(d, n, m, c)),
        CsetForm("Cset_x", true, (e, d, c) => e.Cset_x(d, c)),
        CsetForm("Cset_w", false, (e, d, c) => e.Cset_w(d, c)),
    ];
}
