using Sox.Compiler.Targets.Arm64;
using static Sox.Compiler.Targets.Arm64.Arm64Register;

namespace Sox.Toolchain.Tests.Arm64;

// Scalar floating point. See EncodingTable.cs for where the hex comes from.
internal static partial class EncodingTable
{
    private static EncodingRow[] FloatingPoint =>
    [
        Row("fmov d0, d1", "20 40 60 1e", e => e.Fmov_d(V0, V1)),
        Row("fmov s31, s0", "1f 40 20 1e", e => e.Fmov_s(V31, V0)),
        Row("fmov d0, x1", "20 00 67 9e", e => e.Fmov_d_x(V0, X1)),
        Row("fmov d0, xzr", "e0 03 67 9e", e => e.Fmov_d_x(V0, XZR)),
        Row("fmov x1, d0", "01 00 66 9e", e => e.Fmov_x_d(X1, V0)),
        Row("fmov s0, w1", "20 00 27 1e", e => e.Fmov_s_w(V0, X1)),
        Row("fmov w1, s0", "01 00 26 1e", e => e.Fmov_w_s(X1, V0)),
        Row("fmov d0, #1.0", "00 10 6e 1e", e => e.Fmov_d_imm(V0, 1.0)),
        Row("fmov d1, #-0.125", "01 10 78 1e", e => e.Fmov_d_imm(V1, -0.125)),
        Row("fmov d2, #31.0", "02 f0 67 1e", e => e.Fmov_d_imm(V2, 31.0)),
        Row("fmov d3, #0.5", "03 10 6c 1e", e => e.Fmov_d_imm(V3, 0.5)),
        Row("fmov d4, #-1.9375", "04 f0 7f 1e", e => e.Fmov_d_imm(V4, -1.9375)),
        Row("fmov s0, #2.5", "00 90 20 1e", e => e.Fmov_s_imm(V0, 2.5f)),
        Row("fmov s0, #-31.0", "00 f0 37 1e", e => e.Fmov_s_imm(V0, -31.0f)),
        Row("fadd d0, d1, d2", "20 28 62 1e", e => e.Fadd_d(V0, V1, V2)),
        Row("fadd s0, s1, s2", "20 28 22 1e", e => e.Fadd_s(V0, V1, V2)),
        Row("fsub d31, d30, d29", "df 3b 7d 1e", e => e.Fsub_d(V31, V30, V29)),
        Row("fsub s1, s2, s3", "41 38 23 1e", e => e.Fsub_s(V1, V2, V3)),
        Row("fmul d0, d1, d2", "20 08 62 1e", e => e.Fmul_d(V0, V1, V2)),
        Row("fmul s0, s1, s2", "20 08 22 1e", e => e.Fmul_s(V0, V1, V2)),
        Row("fdiv d0, d1, d2", "20 18 62 1e", e => e.Fdiv_d(V0, V1, V2)),
        Row("fdiv s0, s1, s2", "20 18 22 1e", e => e.Fdiv_s(V0, V1, V2)),
        Row("fsqrt d0, d1", "20 c0 61 1e", e => e.Fsqrt_d(V0, V1)),
        Row("fsqrt s0, s1", "20 c0 21 1e", e => e.Fsqrt_s(V0, V1)),
        Row("fneg d0, d1", "20 40 61 1e", e => e.Fneg_d(V0, V1)),
        Row("fneg s0, s1", "20 40 21 1e", e => e.Fneg_s(V0, V1)),
        Row("fabs d0, d1", "20 c0 60 1e", e => e.Fabs_d(V0, V1)),
        Row("fabs s0, s1", "20 c0 20 1e", e => e.Fabs_s(V0, V1)),
        Row("fcmp d0, d1", "00 20 61 1e", e => e.Fcmp_d(V0, V1)),
        Row("fcmp s3, s4", "60 20 24 1e", e => e.Fcmp_s(V3, V4)),
        Row("fcmp d0, #0.0", "08 20 60 1e", e => e.Fcmp_d_zero(V0)),
        Row("fcmp s3, #0.0", "68 20 20 1e", e => e.Fcmp_s_zero(V3)),
        Row("fcsel d0, d1, d2, gt", "20 cc 62 1e", e => e.Fcsel_d(V0, V1, V2, Arm64Condition.GT)),
        Row("fcsel s0, s1, s2, hs", "20 2c 22 1e", e => e.Fcsel_s(V0, V1, V2, Arm64Condition.HS)),
        Row("scvtf d0, x1", "20 00 62 9e", e => e.Scvtf_d_x(V0, X1)),
        Row("scvtf d0, w1", "20 00 62 1e", e => e.Scvtf_d_w(V0, X1)),
        Row("fcvtzs x0, d1", "20 00 78 9e", e => e.Fcvtzs_x_d(X0, V1)),
        Row("fcvtzs w0, d1", "20 00 78 1e", e => e.Fcvtzs_w_d(X0, V1)),
        Row("fcvt d0, s1", "20 c0 22 1e", e => e.Fcvt_d_s(V0, V1)),
        Row("fcvt s0, d1", "20 40 62 1e", e => e.Fcvt_s_d(V0, V1)),
        Row("frintm d0, d1", "20 40 65 1e", e => e.Frintm_d(V0, V1)),
        Row("frintp d0, d1", "20 c0 64 1e", e => e.Frintp_d(V0, V1)),
        Row("frinta d0, d1", "20 40 66 1e", e => e.Frinta_d(V0, V1)),
        Row("frintz d0, d1", "20 c0 65 1e", e => e.Frintz_d(V0, V1)),
        Row("frintm s0, s1", "20 40 25 1e", e => e.Frintm_s(V0, V1)),
        Row("frintp s0, s1", "20 c0 24 1e", e => e.Frintp_s(V0, V1)),
        Row("frinta s0, s1", "20 40 26 1e", e => e.Frinta_s(V0, V1)),
        Row("frintz s0, s1", "20 c0 25 1e", e => e.Frintz_s(V0, V1)),
    ];
}
