using static Sox.Compiler.Targets.X64.X64Register;

namespace Sox.Toolchain.Tests.X64;

// TEST, IMUL, NEG, NOT, IDIV, CQO, SHL/SHR/SAR. See EncodingTable.cs for where the hex comes from.
internal static partial class EncodingTable
{
    private static EncodingRow[] Arithmetic =>
    [
        Row("test rax, rax", "48 85 c0", e => e.Test_rm64_r64(Rax, Rax)),
        Row("test r9, rdx", "49 85 d1", e => e.Test_rm64_r64(R9, Rdx)),
        Row("test qword ptr [rdi], rsi", "48 85 37", e => e.Test_rm64_r64(M(Rdi), Rsi)),
        Row("test ecx, ecx", "85 c9", e => e.Test_rm32_r32(Rcx, Rcx)),
        Row("test al, al", "84 c0", e => e.Test_rm8_r8(Rax, Rax)),
        Row("test sil, dil", "40 84 fe", e => e.Test_rm8_r8(Rsi, Rdi)),
        Row("test r8b, r8b", "45 84 c0", e => e.Test_rm8_r8(R8, R8)),
        Row("test rcx, 255", "48 f7 c1 ff 00 00 00", e => e.Test_rm64_imm32(Rcx, 255)),
        Row("test rdx, -1", "48 f7 c2 ff ff ff ff", e => e.Test_rm64_imm32(Rdx, -1)),
        Row("test r13, 7", "49 f7 c5 07 00 00 00", e => e.Test_rm64_imm(R13, 7)),
        Row("test rax, 1", "48 a9 01 00 00 00", e => e.Test_rm64_imm(Rax, 1)),
        Row("test rax, -2147483648", "48 a9 00 00 00 80", e => e.Test_RAX_imm32(int.MinValue)),
        Row("test qword ptr [rbp - 8], 7", "48 f7 45 f8 07 00 00 00", e => e.Test_rm64_imm32(M(Rbp, -8), 7)),
        Row("imul rax, rbx", "48 0f af c3", e => e.Imul_r64_rm64(Rax, Rbx)),
        Row("imul r12, r13", "4d 0f af e5", e => e.Imul_r64_rm64(R12, R13)),
        Row("imul r9, qword ptr [r10 + 8]", "4d 0f af 4a 08", e => e.Imul_r64_rm64(R9, M(R10, 8))),
        Row("imul rax, rcx, 10", "48 6b c1 0a", e => e.Imul_r64_rm64_imm8(Rax, Rcx, 10)),
        Row("imul r8, r9, 1000", "4d 69 c1 e8 03 00 00", e => e.Imul_r64_rm64_imm32(R8, R9, 1000)),
        Row("imul rsi, rdi, 127", "48 6b f7 7f", e => e.Imul_r64_rm64_imm(Rsi, Rdi, 127)),
        Row("imul rsi, rdi, 128", "48 69 f7 80 00 00 00", e => e.Imul_r64_rm64_imm(Rsi, Rdi, 128)),
        Row("imul rsi, rdi, -128", "48 6b f7 80", e => e.Imul_r64_rm64_imm(Rsi, Rdi, -128)),
        Row("imul rsi, rdi, -129", "48 69 f7 7f ff ff ff", e => e.Imul_r64_rm64_imm(Rsi, Rdi, -129)),
        Row("imul rdx, qword ptr [rsp], -3", "48 6b 14 24 fd", e => e.Imul_r64_rm64_imm8(Rdx, M(Rsp), -3)),
        Row("imul rax, qword ptr [rip + sym], 100000", "48 69 05 00 00 00 00 a0 86 01 00", "3 X64PcRelative32 sym -8", e => e.Imul_r64_rm64_imm32(Rax, Rip("sym"), 100000)),
        Row("neg rax", "48 f7 d8", e => e.Neg_rm64(Rax)),
        Row("neg r11", "49 f7 db", e => e.Neg_rm64(R11)),
        Row("neg qword ptr [rbp - 8]", "48 f7 5d f8", e => e.Neg_rm64(M(Rbp, -8))),
        Row("not rbx", "48 f7 d3", e => e.Not_rm64(Rbx)),
        Row("not qword ptr [rax]", "48 f7 10", e => e.Not_rm64(M(Rax))),
        Row("idiv rcx", "48 f7 f9", e => e.Idiv_rm64(Rcx)),
        Row("idiv r15", "49 f7 ff", e => e.Idiv_rm64(R15)),
        Row("idiv qword ptr [rsp + 8]", "48 f7 7c 24 08", e => e.Idiv_rm64(M(Rsp, 8))),
        Row("cqo", "48 99", e => e.Cqo()),
        Row("shl rax, 3", "48 c1 e0 03", e => e.Shl_rm64_imm8(Rax, 3)),
        Row("shl rax, 1", "48 d1 e0", e => e.Shl_rm64_imm8(Rax, 1)),
        Row("shl r14, 0", "49 c1 e6 00", e => e.Shl_rm64_imm8(R14, 0)),
        Row("shr r9, 63", "49 c1 e9 3f", e => e.Shr_rm64_imm8(R9, 63)),
        Row("shr rsi, 1", "48 d1 ee", e => e.Shr_rm64_imm8(Rsi, 1)),
        Row("sar rdx, 1", "48 d1 fa", e => e.Sar_rm64_imm8(Rdx, 1)),
        Row("sar rbx, 4", "48 c1 fb 04", e => e.Sar_rm64_imm8(Rbx, 4)),
        Row("shl rcx, cl", "48 d3 e1", e => e.Shl_rm64_CL(Rcx)),
        Row("shr r12, cl", "49 d3 ec", e => e.Shr_rm64_CL(R12)),
        Row("sar rax, cl", "48 d3 f8", e => e.Sar_rm64_CL(Rax)),
    ];
}
