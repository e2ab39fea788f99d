using Sox.Compiler.Targets.X64;
using static Sox.Compiler.Targets.X64.X64Register;

namespace Sox.Toolchain.Tests.X64;

// ADD, OR, AND, SUB, XOR, CMP (and ADC/SBB through X64AluOp). See EncodingTable.cs for where the hex comes from.
internal static partial class EncodingTable
{
    private static EncodingRow[] Alu =>
    [
        Row("add rax, rbx", "48 01 d8", e => e.Add_rm64_r64(Rax, Rbx)),
        Row("sub r8, r9", "4d 29 c8", e => e.Sub_rm64_r64(R8, R9)),
        Row("and rcx, r15", "4c 21 f9", e => e.And_rm64_r64(Rcx, R15)),
        Row("or rsp, rax", "48 09 c4", e => e.Or_rm64_r64(Rsp, Rax)),
        Row("xor rdi, rsi", "48 31 f7", e => e.Xor_rm64_r64(Rdi, Rsi)),
        Row("cmp r12, r13", "4d 39 ec", e => e.Cmp_rm64_r64(R12, R13)),
        Row("adc rax, rbx", "48 11 d8", e => e.Alu_rm64_r64(X64AluOp.Adc, Rax, Rbx)),
        Row("sbb rcx, 1", "48 83 d9 01", e => e.Alu_rm64_imm(X64AluOp.Sbb, Rcx, 1)),
        Row("add qword ptr [rax], rbx", "48 01 18", e => e.Add_rm64_r64(M(Rax), Rbx)),
        Row("cmp qword ptr [rsp + 8], rdi", "48 39 7c 24 08", e => e.Cmp_rm64_r64(M(Rsp, 8), Rdi)),
        Row("xor qword ptr [r13], r8", "4d 31 45 00", e => e.Xor_rm64_r64(M(R13), R8)),
        Row("add rax, qword ptr [rbp - 24]", "48 03 45 e8", e => e.Add_r64_rm64(Rax, M(Rbp, -24))),
        Row("sub r15, qword ptr [rip + sym]", "4c 2b 3d 00 00 00 00", "3 X64PcRelative32 sym -4", e => e.Sub_r64_rm64(R15, Rip("sym"))),
        Row("and r9, qword ptr [r10 + 8*r11]", "4f 23 0c da", e => e.And_r64_rm64(R9, M(R10, R11, 8))),
        Row("or rdx, qword ptr [rdx]", "48 0b 12", e => e.Or_r64_rm64(Rdx, M(Rdx))),
        Row("xor rsi, qword ptr [rsp]", "48 33 34 24", e => e.Xor_r64_rm64(Rsi, M(Rsp))),
        Row("cmp rax, qword ptr [rip + sym]", "48 3b 05 00 00 00 00", "3 X64PcRelative32 sym -4", e => e.Cmp_r64_rm64(Rax, Rip("sym"))),
        Row("add rcx, 127", "48 83 c1 7f", e => e.Add_rm64_imm8(Rcx, 127)),
        Row("add rcx, -128", "48 83 c1 80", e => e.Add_rm64_imm8(Rcx, -128)),
        Row("sub rsp, 8", "48 83 ec 08", e => e.Sub_rm64_imm8(Rsp, 8)),
        Row("and r11, -16", "49 83 e3 f0", e => e.And_rm64_imm8(R11, -16)),
        Row("add rcx, 128", "48 81 c1 80 00 00 00", e => e.Add_rm64_imm32(Rcx, 128)),
        Row("add rcx, -129", "48 81 c1 7f ff ff ff", e => e.Add_rm64_imm32(Rcx, -129)),
        Row("cmp r14, 2147483647", "49 81 fe ff ff ff 7f", e => e.Cmp_rm64_imm32(R14, int.MaxValue)),
        Row("or rdx, -2147483648", "48 81 ca 00 00 00 80", e => e.Or_rm64_imm32(Rdx, int.MinValue)),
        Row("xor r8, 1000", "49 81 f0 e8 03 00 00", e => e.Xor_rm64_imm32(R8, 1000)),
        Row("add rax, 4096", "48 05 00 10 00 00", e => e.Add_RAX_imm32(4096)),
        Row("cmp rax, -129", "48 3d 7f ff ff ff", e => e.Cmp_RAX_imm32(-129)),
        Row("add rax, 127", "48 83 c0 7f", e => e.Add_rm64_imm(Rax, 127)),
        Row("add rax, 128", "48 05 80 00 00 00", e => e.Add_rm64_imm(Rax, 128)),
        Row("sub rax, -128", "48 83 e8 80", e => e.Sub_rm64_imm(Rax, -128)),
        Row("sub rax, -129", "48 2d 7f ff ff ff", e => e.Sub_rm64_imm(Rax, -129)),
        Row("sub rbx, 128", "48 81 eb 80 00 00 00", e => e.Sub_rm64_imm(Rbx, 128)),
        Row("and r15, -129", "49 81 e7 7f ff ff ff", e => e.And_rm64_imm(R15, -129)),
        Row("cmp rdi, 0", "48 83 ff 00", e => e.Cmp_rm64_imm(Rdi, 0)),
        Row("add qword ptr [rbx], 1", "48 83 03 01", e => e.Add_rm64_imm8(M(Rbx), 1)),
        Row("cmp qword ptr [rip + sym], 0", "48 83 3d 00 00 00 00 00", "3 X64PcRelative32 sym -5", e => e.Cmp_rm64_imm8(Rip("sym"), 0)),
        Row("sub qword ptr [rsp + 16], 1000", "48 81 6c 24 10 e8 03 00 00", e => e.Sub_rm64_imm32(M(Rsp, 16), 1000)),
        Row("and qword ptr [rip + sym], 4096", "48 81 25 00 00 00 00 00 10 00 00", "3 X64PcRelative32 sym -8", e => e.And_rm64_imm32(Rip("sym"), 4096)),
        Row("or qword ptr [r12 + 8], 127", "49 83 4c 24 08 7f", e => e.Or_rm64_imm(M(R12, 8), 127)),
        Row("xor qword ptr [r12 + 8], 128", "49 81 74 24 08 80 00 00 00", e => e.Xor_rm64_imm(M(R12, 8), 128)),
        Row("xor eax, eax", "31 c0", e => e.Xor_rm32_r32(Rax, Rax)),
        Row("xor r11d, r11d", "45 31 db", e => e.Xor_rm32_r32(R11, R11)),
        Row("add r8d, r9d", "45 01 c8", e => e.Alu_rm32_r32(X64AluOp.Add, R8, R9)),
        Row("cmp ecx, 5", "83 f9 05", e => e.Alu_rm32_imm(X64AluOp.Cmp, Rcx, 5)),
        Row("cmp eax, 1000", "3d e8 03 00 00", e => e.Alu_rm32_imm(X64AluOp.Cmp, Rax, 1000)),
        Row("and r10d, 65535", "41 81 e2 ff ff 00 00", e => e.Alu_rm32_imm(X64AluOp.And, R10, 65535)),
    ];
}
