using Sox.Compiler.Targets.X64;
using static Sox.Compiler.Targets.X64.X64Register;

namespace Sox.Toolchain.Tests.X64;

// SSE2 scalar double (and the float conversions, ROUNDSD). See EncodingTable.cs for where the hex comes from.
internal static partial class EncodingTable
{
    private static EncodingRow[] Sse =>
    [
        Row("movq xmm0, rax", "66 48 0f 6e c0", e => e.Movq_xmm_rm64(Xmm0, Rax)),
        Row("movq xmm15, r15", "66 4d 0f 6e ff", e => e.Movq_xmm_rm64(Xmm15, R15)),
        Row("movq xmm9, rcx", "66 4c 0f 6e c9", e => e.Movq_xmm_rm64(Xmm9, Rcx)),
        Row("movq rax, xmm8", "66 4c 0f 7e c0", e => e.Movq_rm64_xmm(Rax, Xmm8)),
        Row("movq r9, xmm1", "66 49 0f 7e c9", e => e.Movq_rm64_xmm(R9, Xmm1)),
        Row("movd xmm3, ecx", "66 0f 6e d9", e => e.Movd_xmm_rm32(Xmm3, Rcx)),
        Row("movd xmm10, r11d", "66 45 0f 6e d3", e => e.Movd_xmm_rm32(Xmm10, R11)),
        Row("movd eax, xmm12", "66 44 0f 7e e0", e => e.Movd_rm32_xmm(Rax, Xmm12)),
        Row("movsd xmm0, xmm1", "f2 0f 10 c1", e => e.Movsd_xmm_xmmm64(Xmm0, Xmm1)),
        Row("movsd xmm9, xmm15", "f2 45 0f 10 cf", e => e.Movsd_xmm_xmmm64(Xmm9, Xmm15)),
        Row("movsd xmm2, qword ptr [rsp + 8]", "f2 0f 10 54 24 08", e => e.Movsd_xmm_xmmm64(Xmm2, M(Rsp, 8))),
        Row("movsd xmm0, qword ptr [rip + sym]", "f2 0f 10 05 00 00 00 00", "4 X64PcRelative32 sym -4", e => e.Movsd_xmm_xmmm64(Xmm0, Rip("sym"))),
        Row("movsd qword ptr [rbp - 16], xmm10", "f2 44 0f 11 55 f0", e => e.Movsd_xmmm64_xmm(M(Rbp, -16), Xmm10)),
        Row("movsd qword ptr [r13 + 8*r14], xmm1", "f2 43 0f 11 4c f5 00", e => e.Movsd_xmmm64_xmm(M(R13, R14, 8), Xmm1)),
        Row("movss xmm0, xmm1", "f3 0f 10 c1", e => e.Movss_xmm_xmmm32(Xmm0, Xmm1)),
        Row("movss xmm1, dword ptr [rdi]", "f3 0f 10 0f", e => e.Movss_xmm_xmmm32(Xmm1, M(Rdi))),
        Row("movss dword ptr [r12 + 4], xmm14", "f3 45 0f 11 74 24 04", e => e.Movss_xmmm32_xmm(M(R12, 4), Xmm14)),
        Row("movapd xmm1, xmm9", "66 41 0f 28 c9", e => e.Movapd_xmm_xmmm128(Xmm1, Xmm9)),
        Row("addsd xmm0, xmm1", "f2 0f 58 c1", e => e.Addsd_xmm_xmmm64(Xmm0, Xmm1)),
        Row("addsd xmm8, qword ptr [rax + 8]", "f2 44 0f 58 40 08", e => e.Addsd_xmm_xmmm64(Xmm8, M(Rax, 8))),
        Row("subsd xmm3, xmm12", "f2 41 0f 5c dc", e => e.Subsd_xmm_xmmm64(Xmm3, Xmm12)),
        Row("subsd xmm3, qword ptr [rip + sym]", "f2 0f 5c 1d 00 00 00 00", "4 X64PcRelative32 sym -4", e => e.Subsd_xmm_xmmm64(Xmm3, Rip("sym"))),
        Row("mulsd xmm15, xmm15", "f2 45 0f 59 ff", e => e.Mulsd_xmm_xmmm64(Xmm15, Xmm15)),
        Row("mulsd xmm1, qword ptr [rbp - 8]", "f2 0f 59 4d f8", e => e.Mulsd_xmm_xmmm64(Xmm1, M(Rbp, -8))),
        Row("divsd xmm4, xmm5", "f2 0f 5e e5", e => e.Divsd_xmm_xmmm64(Xmm4, Xmm5)),
        Row("divsd xmm4, qword ptr [r12]", "f2 41 0f 5e 24 24", e => e.Divsd_xmm_xmmm64(Xmm4, M(R12))),
        Row("sqrtsd xmm0, xmm0", "f2 0f 51 c0", e => e.Sqrtsd_xmm_xmmm64(Xmm0, Xmm0)),
        Row("sqrtsd xmm11, qword ptr [rsp]", "f2 44 0f 51 1c 24", e => e.Sqrtsd_xmm_xmmm64(Xmm11, M(Rsp))),
        Row("ucomisd xmm0, xmm1", "66 0f 2e c1", e => e.Ucomisd_xmm_xmmm64(Xmm0, Xmm1)),
        Row("ucomisd xmm8, qword ptr [rax]", "66 44 0f 2e 00", e => e.Ucomisd_xmm_xmmm64(Xmm8, M(Rax))),
        Row("comisd xmm1, xmm14", "66 41 0f 2f ce", e => e.Comisd_xmm_xmmm64(Xmm1, Xmm14)),
        Row("comisd xmm2, qword ptr [rcx + 4*rdx]", "66 0f 2f 14 91", e => e.Comisd_xmm_xmmm64(Xmm2, M(Rcx, Rdx, 4))),
        Row("cvtsi2sd xmm0, rax", "f2 48 0f 2a c0", e => e.Cvtsi2sd_xmm_rm64(Xmm0, Rax)),
        Row("cvtsi2sd xmm12, r13", "f2 4d 0f 2a e5", e => e.Cvtsi2sd_xmm_rm64(Xmm12, R13)),
        Row("cvtsi2sd xmm1, qword ptr [rbx]", "f2 48 0f 2a 0b", e => e.Cvtsi2sd_xmm_rm64(Xmm1, M(Rbx))),
        Row("cvttsd2si rax, xmm0", "f2 48 0f 2c c0", e => e.Cvttsd2si_r64_xmmm64(Rax, Xmm0)),
        Row("cvttsd2si r10, xmm11", "f2 4d 0f 2c d3", e => e.Cvttsd2si_r64_xmmm64(R10, Xmm11)),
        Row("cvttsd2si rcx, qword ptr [rsp]", "f2 48 0f 2c 0c 24", e => e.Cvttsd2si_r64_xmmm64(Rcx, M(Rsp))),
        Row("xorpd xmm0, xmm0", "66 0f 57 c0", e => e.Xorpd_xmm_xmmm128(Xmm0, Xmm0)),
        Row("xorpd xmm1, xmmword ptr [rip + sym]", "66 0f 57 0d 00 00 00 00", "4 X64PcRelative32 sym -4", e => e.Xorpd_xmm_xmmm128(Xmm1, Rip("sym"))),
        Row("andpd xmm2, xmm13", "66 41 0f 54 d5", e => e.Andpd_xmm_xmmm128(Xmm2, Xmm13)),
        Row("andpd xmm3, xmmword ptr [rax]", "66 0f 54 18", e => e.Andpd_xmm_xmmm128(Xmm3, M(Rax))),
        Row("roundsd xmm0, xmm1, 9", "66 0f 3a 0b c1 09", e => e.Roundsd_xmm_xmmm64_imm8(Xmm0, Xmm1, 9)),
        Row("roundsd xmm8, qword ptr [rip + sym], 1", "66 44 0f 3a 0b 05 00 00 00 00 01", "6 X64PcRelative32 sym -5", e => e.Roundsd_xmm_xmmm64_imm8(Xmm8, Rip("sym"), 1)),
        Row("roundsd xmm15, qword ptr [r13], 3", "66 45 0f 3a 0b 7d 00 03", e => e.Roundsd_xmm_xmmm64_imm8(Xmm15, M(R13), 3)),
        Row("cvtss2sd xmm0, xmm1", "f3 0f 5a c1", e => e.Cvtss2sd_xmm_xmmm32(Xmm0, Xmm1)),
        Row("cvtss2sd xmm9, dword ptr [rax]", "f3 44 0f 5a 08", e => e.Cvtss2sd_xmm_xmmm32(Xmm9, M(Rax))),
        Row("cvtsd2ss xmm15, xmm0", "f2 44 0f 5a f8", e => e.Cvtsd2ss_xmm_xmmm64(Xmm15, Xmm0)),
        Row("cvtsd2ss xmm1, qword ptr [rdx]", "f2 0f 5a 0a", e => e.Cvtsd2ss_xmm_xmmm64(Xmm1, M(Rdx))),
    ];
}
