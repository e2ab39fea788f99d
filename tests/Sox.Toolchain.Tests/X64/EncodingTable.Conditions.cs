using Sox.Compiler.Targets.X64;
using static Sox.Compiler.Targets.X64.X64Register;

namespace Sox.Toolchain.Tests.X64;

// SETcc and CMOVcc with each of the 16 condition codes (SETcc also with every byte register, including the
// SPL/BPL/SIL/DIL that need a REX prefix). See EncodingTable.cs for where the hex comes from.
internal static partial class EncodingTable
{
    private static EncodingRow[] Conditions =>
    [
        Row("seto al", "0f 90 c0", e => e.Setcc_rm8(X64Condition.O, Rax)),
        Row("setno cl", "0f 91 c1", e => e.Setcc_rm8(X64Condition.NO, Rcx)),
        Row("setb dl", "0f 92 c2", e => e.Setcc_rm8(X64Condition.B, Rdx)),
        Row("setae bl", "0f 93 c3", e => e.Setcc_rm8(X64Condition.AE, Rbx)),
        Row("sete spl", "40 0f 94 c4", e => e.Setcc_rm8(X64Condition.E, Rsp)),
        Row("setne bpl", "40 0f 95 c5", e => e.Setcc_rm8(X64Condition.NE, Rbp)),
        Row("setbe sil", "40 0f 96 c6", e => e.Setcc_rm8(X64Condition.BE, Rsi)),
        Row("seta dil", "40 0f 97 c7", e => e.Setcc_rm8(X64Condition.A, Rdi)),
        Row("sets r8b", "41 0f 98 c0", e => e.Setcc_rm8(X64Condition.S, R8)),
        Row("setns r9b", "41 0f 99 c1", e => e.Setcc_rm8(X64Condition.NS, R9)),
        Row("setp r10b", "41 0f 9a c2", e => e.Setcc_rm8(X64Condition.P, R10)),
        Row("setnp r11b", "41 0f 9b c3", e => e.Setcc_rm8(X64Condition.NP, R11)),
        Row("setl r12b", "41 0f 9c c4", e => e.Setcc_rm8(X64Condition.L, R12)),
        Row("setge r13b", "41 0f 9d c5", e => e.Setcc_rm8(X64Condition.GE, R13)),
        Row("setle r14b", "41 0f 9e c6", e => e.Setcc_rm8(X64Condition.LE, R14)),
        Row("setg r15b", "41 0f 9f c7", e => e.Setcc_rm8(X64Condition.G, R15)),
        Row("cmovo rax, rbx", "48 0f 40 c3", e => e.Cmovcc_r64_rm64(X64Condition.O, Rax, Rbx)),
        Row("cmovno rcx, r8", "49 0f 41 c8", e => e.Cmovcc_r64_rm64(X64Condition.NO, Rcx, R8)),
        Row("cmovb rdx, r13", "49 0f 42 d5", e => e.Cmovcc_r64_rm64(X64Condition.B, Rdx, R13)),
        Row("cmovae rbx, rdx", "48 0f 43 da", e => e.Cmovcc_r64_rm64(X64Condition.AE, Rbx, Rdx)),
        Row("cmove rsp, rdi", "48 0f 44 e7", e => e.Cmovcc_r64_rm64(X64Condition.E, Rsp, Rdi)),
        Row("cmovne rbp, r12", "49 0f 45 ec", e => e.Cmovcc_r64_rm64(X64Condition.NE, Rbp, R12)),
        Row("cmovbe rsi, rcx", "48 0f 46 f1", e => e.Cmovcc_r64_rm64(X64Condition.BE, Rsi, Rcx)),
        Row("cmova rdi, rsi", "48 0f 47 fe", e => e.Cmovcc_r64_rm64(X64Condition.A, Rdi, Rsi)),
        Row("cmovs r8, r11", "4d 0f 48 c3", e => e.Cmovcc_r64_rm64(X64Condition.S, R8, R11)),
        Row("cmovns r9, rax", "4c 0f 49 c8", e => e.Cmovcc_r64_rm64(X64Condition.NS, R9, Rax)),
        Row("cmovp r10, rbp", "4c 0f 4a d5", e => e.Cmovcc_r64_rm64(X64Condition.P, R10, Rbp)),
        Row("cmovnp r11, r10", "4d 0f 4b da", e => e.Cmovcc_r64_rm64(X64Condition.NP, R11, R10)),
        Row("cmovl r12, r15", "4d 0f 4c e7", e => e.Cmovcc_r64_rm64(X64Condition.L, R12, R15)),
        Row("cmovge r13, rsp", "4c 0f 4d ec", e => e.Cmovcc_r64_rm64(X64Condition.GE, R13, Rsp)),
        Row("cmovle r14, r9", "4d 0f 4e f1", e => e.Cmovcc_r64_rm64(X64Condition.LE, R14, R9)),
        Row("cmovg r15, r14", "4d 0f 4f fe", e => e.Cmovcc_r64_rm64(X64Condition.G, R15, R14)),
        Row("cmovne r8, qword ptr [rax]", "4c 0f 45 00", e => e.Cmovcc_r64_rm64(X64Condition.NE, R8, M(Rax))),
        Row("cmovl rax, qword ptr [rip + sym]", "48 0f 4c 05 00 00 00 00", "4 X64PcRelative32 sym -4", e => e.Cmovcc_r64_rm64(X64Condition.L, Rax, Rip("sym"))),
    ];
}
