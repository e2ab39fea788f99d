using static Sox.Compiler.Targets.X64.X64Register;

namespace Sox.Toolchain.Tests.X64;

// The ModRM/SIB edge cases, all through `mov r64, [mem]` / `mov [mem], r64`: RSP/R12 bases (SIB), RBP/R13 bases
// (disp8 0), the disp8/disp32 boundaries, every scale, R12 as index, extended index/base, no base.
internal static partial class EncodingTable
{
    private static EncodingRow[] MemoryOperands =>
    [
        Row("mov qword ptr [rsp], rax", "48 89 04 24", e => e.Mov_rm64_r64(M(Rsp), Rax)),
        Row("mov qword ptr [r12], rax", "49 89 04 24", e => e.Mov_rm64_r64(M(R12), Rax)),
        Row("mov qword ptr [rbp], rax", "48 89 45 00", e => e.Mov_rm64_r64(M(Rbp), Rax)),
        Row("mov qword ptr [r13], rax", "49 89 45 00", e => e.Mov_rm64_r64(M(R13), Rax)),
        Row("mov rax, qword ptr [rbx + 127]", "48 8b 43 7f", e => e.Mov_r64_rm64(Rax, M(Rbx, 127))),
        Row("mov rax, qword ptr [rbx + 128]", "48 8b 83 80 00 00 00", e => e.Mov_r64_rm64(Rax, M(Rbx, 128))),
        Row("mov rax, qword ptr [rbx - 128]", "48 8b 43 80", e => e.Mov_r64_rm64(Rax, M(Rbx, -128))),
        Row("mov rax, qword ptr [rbx - 129]", "48 8b 83 7f ff ff ff", e => e.Mov_r64_rm64(Rax, M(Rbx, -129))),
        Row("mov rax, qword ptr [rsp + 127]", "48 8b 44 24 7f", e => e.Mov_r64_rm64(Rax, M(Rsp, 127))),
        Row("mov rax, qword ptr [rsp + 128]", "48 8b 84 24 80 00 00 00", e => e.Mov_r64_rm64(Rax, M(Rsp, 128))),
        Row("mov rax, qword ptr [r12 - 129]", "49 8b 84 24 7f ff ff ff", e => e.Mov_r64_rm64(Rax, M(R12, -129))),
        Row("mov rax, qword ptr [r13 - 128]", "49 8b 45 80", e => e.Mov_r64_rm64(Rax, M(R13, -128))),
        Row("mov rax, qword ptr [rbp + 2147483647]", "48 8b 85 ff ff ff 7f", e => e.Mov_r64_rm64(Rax, M(Rbp, int.MaxValue))),
        Row("mov rax, qword ptr [rbp - 2147483648]", "48 8b 85 00 00 00 80", e => e.Mov_r64_rm64(Rax, M(Rbp, int.MinValue))),
        Row("mov rax, qword ptr [rcx + rdx]", "48 8b 04 11", e => e.Mov_r64_rm64(Rax, M(Rcx, Rdx, 1))),
        Row("mov rax, qword ptr [rcx + 2*rdx]", "48 8b 04 51", e => e.Mov_r64_rm64(Rax, M(Rcx, Rdx, 2))),
        Row("mov rax, qword ptr [rcx + 4*rdx + 16]", "48 8b 44 91 10", e => e.Mov_r64_rm64(Rax, M(Rcx, Rdx, 4, 16))),
        Row("mov rax, qword ptr [rcx + 8*rdx - 129]", "48 8b 84 d1 7f ff ff ff", e => e.Mov_r64_rm64(Rax, M(Rcx, Rdx, 8, -129))),
        Row("mov rax, qword ptr [rcx + 4*r12]", "4a 8b 04 a1", e => e.Mov_r64_rm64(Rax, M(Rcx, R12, 4))),
        Row("mov r10, qword ptr [r13 + 8*r15 + 128]", "4f 8b 94 fd 80 00 00 00", e => e.Mov_r64_rm64(R10, M(R13, R15, 8, 128))),
        Row("mov rax, qword ptr [rbp + rax]", "48 8b 44 05 00", e => e.Mov_r64_rm64(Rax, M(Rbp, Rax, 1))),
        Row("mov rax, qword ptr [r13 + 8*rcx]", "49 8b 44 cd 00", e => e.Mov_r64_rm64(Rax, M(R13, Rcx, 8))),
        Row("mov rax, qword ptr [rsp + 8*rbx]", "48 8b 04 dc", e => e.Mov_r64_rm64(Rax, M(Rsp, Rbx, 8))),
        Row("mov r8, qword ptr [r12 + 2*r13 - 1]", "4f 8b 44 6c ff", e => e.Mov_r64_rm64(R8, M(R12, R13, 2, -1))),
        Row("mov qword ptr [rsp + rbp], r15", "4c 89 3c 2c", e => e.Mov_rm64_r64(M(Rsp, Rbp, 1), R15)),
        Row("mov rax, qword ptr [8*rcx + 64]", "48 8b 04 cd 40 00 00 00", e => e.Mov_r64_rm64(Rax, Ix(Rcx, 8, 64))),
        Row("mov rax, qword ptr [1*r9 - 8]", "4a 8b 04 0d f8 ff ff ff", e => e.Mov_r64_rm64(Rax, Ix(R9, 1, -8))),
    ];
}
