using Sox.Compiler.Targets.Arm64;
using static Sox.Toolchain.Tests.Arm64.Asm;

namespace Sox.Toolchain.Tests.Arm64;

internal static partial class RoundTripForms
{
    private static RoundTripForm FpForm(string method, string mnemonic, Func<Arm64Register, string> view, int registers,
        Action<Arm64Encoder, Arm64Register[]> call) =>
        Form($"{method}({string.Join(",", Enumerable.Repeat(R, registers))})", (e, o) =>
        {
            var regs = Enumerable.Range(0, registers).Select(_ => o.Vector()).ToArray();
            call(e, regs);
            return $"{mnemonic} {string.Join(", ", regs.Select(view))}";
        });

    /// <summary>A conversion between a V register (<paramref name="fp"/> view) and a general one (zero register allowed).</summary>
    private static RoundTripForm ConvertForm(string method, string mnemonic, Func<Arm64Register, string> destination, bool destinationIsFp,
        Func<Arm64Register, string> source, Action<Arm64Encoder, Arm64Register, Arm64Register> call) =>
        Form($"{method}({R},{R})", (e, o) =>
        {
            var rd = destinationIsFp ? o.Vector() : o.GprOrZr();
            var rn = destinationIsFp ? o.GprOrZr() : o.Vector();
            call(e, rd, rn);
            return $"{mnemonic} {destination(rd)}, {source(rn)}";
        });

    /// <summary>The value of FMOV's imm8 by VFPExpandImm (Arm ARM J1): ±(16 + efgh)/16 × 2^e, e = b ? cd − 3 : cd + 1.</summary>
    public static double ExpandFpImmediate(int imm8)
    {
        var sign = (imm8 & 0x80) != 0 ? -1.0 : 1.0;
        var b = (imm8 >> 6) & 1;
        var cd = (imm8 >> 4) & 3;
        var efgh = imm8 & 15;
        return sign * Math.ScaleB((16 + efgh) / 16.0, b == 1 ? cd - 3 : cd + 1);
    }

    private static RoundTripForm[] FloatingPoint =>
    [
        FpForm("Fmov_d", "fmov", D, 2, (e, r) => e.Fmov_d(r[0], r[1])),
        FpForm("Fmov_s", "fmov", S, 2, (e, r) => e.Fmov_s(r[0], r[1])),
        FpForm("Fabs_d", "fabs", D, 2, (e, r) => e.Fabs_d(r[0], r[1])),
        FpForm("Fabs_s", "fabs", S, 2, (e, r) => e.Fabs_s(r[0], r[1])),
        FpForm("Fneg_d", "fneg", D, 2, (e, r) => e.Fneg_d(r[0], r[1])),
        FpForm("Fneg_s", "fneg", S, 2, (e, r) => e.Fneg_s(r[0], r[1])),
        FpForm("Fsqrt_d", "fsqrt", D, 2, (e, r) => e.Fsqrt_d(r[0], r[1])),
        FpForm("Fsqrt_s", "fsqrt", S, 2, (e, r) => e.Fsqrt_s(r[0], r[1])),
        FpForm("Frintm_d", "frintm", D, 2, (e, r) => e.Frintm_d(r[0], r[1])),
        FpForm("Frintm_s", "frintm", S, 2, (e, r) => e.Frintm_s(r[0], r[1])),
        FpForm("Frintp_d", "frintp", D, 2, (e, r) => e.Frintp_d(r[0], r[1])),
        FpForm("Frintp_s", "frintp", S, 2, (e, r) => e.Frintp_s(r[0], r[1])),
        FpForm("Frinta_d", "frinta", D, 2, (e, r) => e.Frinta_d(r[0], r[1])),
        FpForm("Frinta_s", "frinta", S, 2, (e, r) => e.Frinta_s(r[0], r[1])),
        FpForm("Frintz_d", "frintz", D, 2, (e, r) => e.Frintz_d(r[0], r[1])),
        FpForm("Frintz_s", "frintz", S, 2, (e, r) => e.Frintz_s(r[0], r[1])),
        FpForm("Fadd_d", "fadd", D, 3, (e, r) => e.Fadd_d(r[0], r[1], r[2])),
        FpForm("Fadd_s", "fadd", S, 3, (e, r) => e.Fadd_s(r[0], r[1], r[2])),
        FpForm("Fsub_d", "fsub", D, 3, (e, r) => e.Fsub_d(r[0], r[1], r[2])),
        FpForm("Fsub_s", "fsub", S, 3, (e, r) => e.Fsub_s(r[0], r[1], r[2])),
        FpForm("Fmul_d", "fmul", D, 3, (e, r) => e.Fmul_d(r[0], r[1], r[2])),
        FpForm("Fmul_s", "fmul", S, 3, (e, r) => e.Fmul_s(r[0], r[1], r[2])),
        FpForm("Fdiv_d", "fdiv", D, 3, (e, r) => e.Fdiv_d(r[0], r[1], r[2])),
        FpForm("Fdiv_s", "fdiv", S, 3, (e, r) => e.Fdiv_s(r[0], r[1], r[2])),
        FpForm("Fcmp_d", "fcmp", D, 2, (e, r) => e.Fcmp_d(r[0], r[1])),
        FpForm("Fcmp_s", "fcmp", S, 2, (e, r) => e.Fcmp_s(r[0], r[1])),
        Form($"Fcmp_d_zero({R})", (e, o) => { var rn = o.Vector(); e.Fcmp_d_zero(rn); return $"fcmp {D(rn)}, #0.0"; }),
        Form($"Fcmp_s_zero({R})", (e, o) => { var rn = o.Vector(); e.Fcmp_s_zero(rn); return $"fcmp {S(rn)}, #0.0"; }),
        Form($"Fcsel_d({R},{R},{R},Arm64Condition)", (e, o) =>
        {
            var (rd, rn, rm, c) = (o.Vector(), o.Vector(), o.Vector(), o.Cond());
            e.Fcsel_d(rd, rn, rm, c);
            return $"fcsel {D(rd)}, {D(rn)}, {D(rm)}, {Cond(c)}";
        }),
        Form($"Fcsel_s({R},{R},{R},Arm64Condition)", (e, o) =>
        {
            var (rd, rn, rm, c) = (o.Vector(), o.Vector(), o.Vector(), o.Cond());
            e.Fcsel_s(rd, rn, rm, c);
            return $"fcsel {S(rd)}, {S(rn)}, {S(rm)}, {Cond(c)}";
        }),
        Form($"Fmov_d_imm({R},Double)", (e, o) =>
        {
            var rd = o.Vector();
            var value = ExpandFpImmediate(o.Int(0, 255));
            e.Fmov_d_imm(rd, value);
            return $"fmov {D(rd)}, #{Float(value)}";
        }),
        Form($"Fmov_s_imm({R},Single)", (e, o) =>
        {
            var rd = o.Vector();
            var value = ExpandFpImmediate(o.Int(0, 255));
            e.Fmov_s_imm(rd, (float)value);
            return $"fmov {S(rd)}, #{Float(value)}";
        }),
        ConvertForm("Fmov_d_x", "fmov", D, true, X, (e, d, n) => e.Fmov_d_x(d, n)),
        ConvertForm("Fmov_x_d", "fmov", X, false, D, (e, d, n) => e.Fmov_x_d(d, n)),
        ConvertForm("Fmov_s_w", "fmov", S, true, W, (e, d, n) => e.Fmov_s_w(d, n)),
        ConvertForm("Fmov_w_s", "fmov", W, false, S, (e, d, n) => e.Fmov_w_s(d, n)),
        ConvertForm("Scvtf_d_x", "scvtf", D, true, X, (e, d, n) => e.Scvtf_d_x(d, n)),
        ConvertForm("Scvtf_d_w", "scvtf", D, true, W, (e, d, n) => e.Scvtf_d_w(d, n)),
        ConvertForm("Fcvtzs_x_d", "fcvtzs", X, false, D, (e, d, n) => e.Fcvtzs_x_d(d, n)),
        ConvertForm("Fcvtzs_w_d", "fcvtzs", W, false, D, (e, d, n) => e.Fcvtzs_w_d(d, n)),
        Form($"Fcvt_d_s({R},{R})", (e, o) => { var (d, n) = (o.Vector(), o.Vector()); e.Fcvt_d_s(d, n); return $"fcvt {D(d)}, {S(n)}"; }),
        Form($"Fcvt_s_d({R},{R})", (e, o) => { var (d, n) = (o.Vector(), o.Vector()); e.Fcvt_s_d(d, n); return $"fcvt {S(d)}, {D(n)}"; }),
    ];
}
